// The diagram's toolbar: the focus view or the whole map, and the whole map's zoom.

import { h } from "./dom.js";

/** The toolbar's buttons: ``whole`` when the whole map is shown, ``zoomable`` when it is
 * drawn; ``act`` has showFocus, showMap, zoomBy(factor), zoomTo(zoom) (0: fit the width). */
export function drawToolbar(toolbar, whole, zoomable, act) {
  const tool = (cls, text, label, action, pressed) => h("button", {
    type: "button", class: `jupyter-button ${cls}`, title: label, "aria-label": label,
    "aria-pressed": pressed === undefined ? null : String(pressed), onclick: action }, text);
  const parts = [
    tool("xt_view_focus", "Your path", "Show your path, the other answers and what comes next",
      act.showFocus, !whole),
    tool("xt_view_map", "Whole map", "Show the whole tree with your path marked",
      act.showMap, whole),
  ];
  if (whole && zoomable) {
    parts.push(
      tool("xt_zoom_out", "\u2212", "Zoom out", () => act.zoomBy(1 / 1.25)),
      tool("xt_zoom_in", "+", "Zoom in", () => act.zoomBy(1.25)),
      tool("xt_zoom_reset", "100%", "Actual size", () => act.zoomTo(1)),
      tool("xt_zoom_fit", "Fit width", "Fit the diagram to the width", () => act.zoomTo(0)));
  }
  toolbar.replaceChildren(...parts);
}
