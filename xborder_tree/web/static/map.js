// The whole map: the tree laid out by Graphviz (an SVG string), with the path drawn as copies
// of its elements in a small overlay <svg> on top, so a click touches a few dozen small
// elements, never the thousands of the laid-out map.

import { SVGNS, h } from "./dom.js";

/** Graphviz writes sizes in points; a CSS pixel is 3/4 of a point. */
export function naturalWidth(viewBoxWidth) { return viewBoxWidth ? viewBoxWidth * 4 / 3 : 1; }

/** The zoom a ``wanted`` step gives, kept between 0.1 and 8; 0 (or less) means fit to width. */
export function clampZoom(wanted) { return wanted <= 0 ? 0 : Math.min(8, Math.max(0.1, wanted)); }

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
  return { svg, overlay, natural: naturalWidth(vb && vb.width) };
}

/** Size the map at ``zoom`` (0: the width of the view). */
export function sizeMap(map, zoom) {
  for (const svg of [map.svg, map.overlay]) {
    svg.style.height = "auto";
    svg.style.maxWidth = "none";
    svg.style.width = zoom > 0 ? `${map.natural * zoom}px` : "100%";
  }
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
