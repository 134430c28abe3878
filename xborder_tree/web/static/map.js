// The whole map: the tree laid out by Graphviz (an SVG string), with the path drawn as copies
// of its elements in a small overlay <svg> on top, so a click touches a few dozen small
// elements, never the thousands of the laid-out map.

import { SVGNS, h } from "./dom.js";

/** Graphviz writes sizes in points; a CSS pixel is 3/4 of a point. */
export function naturalWidth(viewBoxWidth) { return viewBoxWidth ? viewBoxWidth * 4 / 3 : 1; }

/** Zoom values that are not a scale: the map as wide as the view, or all of it in the view. */
export const FIT_WIDTH = 0;
export const FIT_PAGE = -1;

/** The zoom a ``wanted`` step gives, kept between 0.1 and 8 (FIT_WIDTH and FIT_PAGE kept). */
export function clampZoom(wanted) {
  if (wanted === FIT_PAGE || wanted === FIT_WIDTH) return wanted;
  return wanted < 0 ? FIT_WIDTH : Math.min(8, Math.max(0.1, wanted));
}

/** The scale the map is drawn at: ``zoom`` itself, or what fits ``room`` ({width, height},
 * the view's inside) for FIT_WIDTH and FIT_PAGE; ``natural`` is the map's size at 100%. */
export function scaleFor(zoom, room, natural) {
  if (zoom > 0) return zoom;
  const across = room.width / natural.width;
  return zoom === FIT_PAGE ? Math.min(across, room.height / natural.height) : across;
}

/** The element ids on the map of the nodes and edges of ``path``, the current node last. */
export function pathIds(prefix, path) {
  const ids = [];
  for (let i = 1; i < path.length; i++) ids.push(`${prefix}e_${path[i - 1]}__${path[i]}`);
  for (const node of path) ids.push(`${prefix}n_${node}`);
  return ids;
}

/** The laid-out map of ``svgText`` (null when there is none), labelled ``label``. */
export function wholeMap(svgText, label) {
  if (!svgText) return null;
  const holder = h("div");
  holder.innerHTML = svgText;
  const svg = holder.querySelector("svg");
  if (!svg) return null;
  svg.classList.add("xt_map_svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  const overlay = document.createElementNS(SVGNS, "svg");
  overlay.setAttribute("class", "xt_overlay");
  overlay.setAttribute("aria-hidden", "true");
  overlay.setAttribute("viewBox", svg.getAttribute("viewBox"));
  const graph = svg.querySelector("g.graph");
  const layer = document.createElementNS(SVGNS, "g");
  if (graph) layer.setAttribute("transform", graph.getAttribute("transform") || "");
  overlay.append(layer);
  const vb = svg.viewBox && svg.viewBox.baseVal;
  return { svg, overlay,
    natural: { width: naturalWidth(vb && vb.width), height: naturalWidth(vb && vb.height) } };
}

/** Size the map at ``zoom`` (a scale, FIT_WIDTH or FIT_PAGE) in ``view``; returns the scale. */
export function sizeMap(map, zoom, view) {
  const room = { width: Math.max(view.clientWidth - 2, 40), height: Math.max(view.clientHeight - 2, 40) };
  const scale = scaleFor(zoom, room, map.natural);
  for (const svg of [map.svg, map.overlay]) {
    svg.style.height = "auto";
    svg.style.maxWidth = "none";
    svg.style.width = `${Math.round(map.natural.width * scale)}px`;
  }
  return scale;
}

/** What the map's colours and lines mean: the path, the current node, each verdict (in the
 * words ``verdicts`` gives), and, for a tree with dated rules, the dashed ones. */
export function mapLegend(verdicts, asOf, dated) {
  const item = (swatch, text) => h("li", {}, h("span", { class: `xt_swatch ${swatch}`,
    "aria-hidden": "true" }), text);
  const list = h("ul", { class: "xt_legend_items" },
    item("xt_swatch_path", "your path"), item("xt_swatch_current", "where you are"));
  for (const [verdict, words] of Object.entries(verdicts)) {
    list.append(item(`xt_swatch_verdict xt_verdict_${verdict}`, words.split(":")[0]));
  }
  if (dated) list.append(item("xt_swatch_off", `dashed: not in force on ${asOf}`));
  return h("div", { class: "xt_legend", role: "note", "aria-label": "Legend" },
    h("span", { class: "xt_legend_title", text: "Legend:" }), list);
}

/** Draw ``path`` on the map's overlay. */
export function markMap(map, prefix, path) {
  const layer = map.overlay.firstChild;
  const currentId = `${prefix}n_${path[path.length - 1]}`;
  const copies = [];
  for (const id of pathIds(prefix, path)) {
    const source = map.svg.getElementById ? map.svg.getElementById(id)
      : map.svg.querySelector(`#${CSS.escape(id)}`);
    if (!source) continue;
    const copy = source.cloneNode(true);
    copy.removeAttribute("id");
    copy.setAttribute("data-for", id);
    copy.classList.add("xt_on");
    if (id === currentId) copy.classList.add("xt_current");
    copies.push(copy);
  }
  layer.replaceChildren(...copies);
}

/** Scroll ``view`` so that the current node of the map is in the middle, if it is not seen. */
export function followMap(map, view) {
  const current = map && map.overlay.querySelector(".xt_current");
  if (!current) return;
  const r = current.getBoundingClientRect();
  const box = view.getBoundingClientRect();
  if (r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom) {
    view.scrollTo({
      left: view.scrollLeft + (r.left + r.width / 2) - (box.left + box.width / 2),
      top: view.scrollTop + (r.top + r.height / 2) - (box.top + box.height / 2),
    });
  }
}
