// The explorer's front end: trail, question and answers (or the outcome card) beside the
// diagram, all drawn in one frame from two things: the tree's data (sent once per tree) and
// the path (node ids from the root to the current node).
//
// It needs only a model with get(name), set(name, value), save_changes() and
// on("change:name", callback): an anywidget model from the kernel, or the staticModel of
// model.js fed by the data written into a page with no server (site.js).
//
// The parts, one module each: side.js (trail, question, outcome card), focus.js (the focus
// view), map.js (the whole map and its legend), toolbar.js, datefield.js ("Rules as of");
// paths.js holds the pure path logic.

import { dateField } from "./datefield.js";
import { h } from "./dom.js";
import { focusView, fits, follow } from "./focus.js";
import { clampZoom, followMap, mapLegend, markMap, scaleFor, sizeMap, wholeMap } from "./map.js";
import { drawSide, placeSide } from "./side.js";
import { drawToolbar } from "./toolbar.js";

// The explorer fills the window below where it starts on a page of its own (the Voila app,
// the static page); in a notebook it keeps the height explorer.css gives it.
function ownPage(el) {
  return document.body.hasAttribute("data-voila") || Boolean(el.closest(".xt_page"));
}

// Printed, every part a person opens is open; afterwards they are as they were.
function printOpen(el) {
  let opened = [];
  const before = () => {
    opened = [...el.querySelectorAll("details:not([open])")];
    for (const part of opened) part.open = true;
  };
  const after = () => { for (const part of opened) part.open = false; opened = []; };
  window.addEventListener("beforeprint", before);
  window.addEventListener("afterprint", after);
  return () => {
    window.removeEventListener("beforeprint", before);
    window.removeEventListener("afterprint", after);
  };
}

export function render({ model, el }) {
  el.classList.add("xt_explorer_view");
  const app = h("div", { class: "xt_app" });
  const side = h("div", { class: "xt_side" });
  const stage = h("div", { class: "xt_stage" });
  const toolbar = h("div", { class: "xt_diagram_toolbar", role: "group",
    "aria-label": "Diagram views and zoom" });
  const date = dateField((day) => { model.set("as_of", day); model.save_changes(); });
  const stageHead = h("div", { class: "xt_stage_head" }, toolbar, date.element);
  const legend = h("div", { class: "xt_legend_holder" });
  const view = h("div", { class: "xt_diagram_view", tabindex: "0",
    role: "region", "aria-label": "Diagram" });
  const notice = h("p", { class: "xt_diagram_notice", role: "status" });
  const mapStyle = h("style");
  stage.append(stageHead, legend, notice, view);
  app.append(side, stage);
  el.append(mapStyle, app);

  let drawn = "";          // what the page shows now, to skip a redraw of the same state
  let map = null;          // the whole map (map.js), kept while the focus view is shown
  let refocus = null;      // what gets keyboard focus after the next draw

  const get = (name) => model.get(name);
  const interactive = () => get("mode") !== "diagram";

  function go(path, focusAfter) {
    refocus = focusAfter || null;
    model.set("path", path);
    model.save_changes();
  }

  function setZoom(zoom) {
    model.set("zoom", clampZoom(zoom));
    model.save_changes();
  }
  const zoomNow = () => scaleFor(get("zoom"),
    { width: view.clientWidth - 2, height: view.clientHeight - 2 }, map.natural);
  const actions = {
    showFocus: () => { model.set("view", "focus"); model.save_changes(); },
    showMap: () => { model.set("view", "map"); model.save_changes(); },
    zoomBy: (factor) => setZoom(zoomNow() * factor),
    zoomTo: setZoom,
  };

  function draw() {
    const data = get("data");
    const path = get("path");
    if (!data || !data.nodes || !Array.isArray(path) || !path.length) {
      side.replaceChildren(h("p", { text: "Loading\u2026" }));
      return;
    }
    const whole = get("view") === "map";
    const key = JSON.stringify([data.id, path, data.as_of, get("view"), get("depth"), get("mode"),
      get("theme"), whole ? get("map_svg").length : 0]);
    if (key === drawn) return;
    const sameTree = drawn && JSON.parse(drawn)[0] === data.id;
    drawn = key;
    app.className = `xt_app xt_mode_${get("mode")} xt_theme_${get("theme")}`;
    if (interactive()) {
      drawSide(side, data, path, go);
      placeSide(side);
    } else {
      side.replaceChildren();
    }
    date.show(data.as_of, data.years);
    el.dataset.asOf = data.as_of;  // the rules applied, for a reader of the page's state
    el.dataset.tree = data.id;  // and the tree shown
    date.element.hidden = !interactive();
    drawToolbar(toolbar, whole, Boolean(map), actions);
    legend.replaceChildren(whole && map ? mapLegend(data.verdicts || {}, data.as_of, data.dated)
      : "");
    notice.textContent = whole && !map ? (get("map_notice") || "Drawing the whole map\u2026") : "";
    if (whole) {
      if (map && !view.contains(map.svg)) {
        view.replaceChildren(h("div", { class: "xt_map" }, map.svg, map.overlay));
        sizeMap(map, get("zoom"), view);
      } else if (!map) {
        view.replaceChildren();
      }
      if (map) {
        markMap(map, data.prefix, path);
        requestAnimationFrame(() => setTimeout(() => followMap(map, view), 0));
      }
    } else {
      // As deep as fits: two answers ahead, or one when two would push the current
      // question's answers out of the view.
      let depth = get("depth");
      view.replaceChildren(focusView(data, path, depth, go, interactive()));
      while (depth > 1 && !fits(view)) {
        depth -= 1;
        view.replaceChildren(focusView(data, path, depth, go, interactive()));
      }
      if (!sameTree) view.scrollTo({ top: 0, left: 0, behavior: "instant" });
      follow(view);
    }
    const wanted = refocus;
    refocus = null;
    // The control just used may be gone or disabled: the keyboard goes on from the first
    // answer of the new question, or from Back at an outcome.
    if (wanted === "answer") {
      const target = side.querySelector(".xt_answer") || side.querySelector(".xt_back");
      if (target) target.focus({ preventScroll: true });
    }
  }

  // Fit the explorer to the window below where it starts, so the trail, the question and the
  // diagram are all on screen without scrolling the page (a window-high box further down).
  // What follows the explorer on the page (a footer line) stays on screen too.
  function fit() {
    if (!interactive() || !ownPage(el)) return;
    const top = app.getBoundingClientRect().top + window.scrollY;
    const below = Math.max(0, document.documentElement.scrollHeight - top - app.offsetHeight);
    const room = window.innerHeight - top - Math.min(below, 80) - 4;
    app.style.height = top < window.innerHeight * 0.45 && room >= 420 ? `${room}px` : "";
  }
  window.addEventListener("resize", fit);
  // A fitted map follows the size of its view (a window resized, the explorer fitted).
  const resized = new ResizeObserver(() => {
    if (map && get("view") === "map" && get("zoom") <= 0) sizeMap(map, get("zoom"), view);
  });
  resized.observe(view);
  const unprint = printOpen(el);

  function newMap() {
    map = wholeMap(get("map_svg"), get("label"));
    drawn = "";
    draw();
  }
  model.on("change:data", draw);
  model.on("change:path", draw);
  model.on("change:view", draw);
  model.on("change:depth", draw);
  model.on("change:mode", draw);
  model.on("change:theme", draw);
  model.on("change:map_notice", () => { drawn = ""; draw(); });
  model.on("change:map_svg", newMap);
  model.on("change:map_css", () => { mapStyle.textContent = get("map_css"); });
  model.on("change:zoom", () => {
    if (map) { sizeMap(map, get("zoom"), view); followMap(map, view); }
  });
  mapStyle.textContent = get("map_css");
  map = wholeMap(get("map_svg"), get("label"));
  draw();
  requestAnimationFrame(() => { fit(); follow(view); });
  return () => {
    window.removeEventListener("resize", fit);
    resized.disconnect();
    unprint();
    el.replaceChildren();
  };
}

export default { render };
