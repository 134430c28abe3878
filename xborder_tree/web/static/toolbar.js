// The diagram's toolbar: the focus view or the whole map, and the whole map's zoom.

import { h } from "./dom.js";
import { FIT_PAGE, FIT_WIDTH } from "./map.js";

/** The toolbar's buttons: ``whole`` when the whole map is shown, ``zoomable`` when it is
 * drawn; ``act`` has showFocus, showMap, zoomBy(factor), zoomTo(zoom) (FIT_WIDTH, FIT_PAGE
 * or a scale). Each button's name is its visible text (what voice control users say); the
 * title only adds a description. */
export function drawToolbar(toolbar, whole, zoomable, act) {
  const tool = (cls, text, description, action, pressed) => h("button", {
    type: "button", class: `jupyter-button ${cls}`, title: description,
    "aria-pressed": pressed === undefined ? null : String(pressed), onclick: action }, text);
  const parts = [
    tool("xt_view_focus", "Your path", "Your path, the other answers and what comes next",
      act.showFocus, !whole),
    tool("xt_view_map", "Whole map", "The whole tree with your path marked",
      act.showMap, whole),
  ];
  if (whole && zoomable) {
    parts.push(
      tool("xt_zoom_out", "Zoom out", "Smaller by a fifth", () => act.zoomBy(1 / 1.25)),
      tool("xt_zoom_in", "Zoom in", "Larger by a quarter", () => act.zoomBy(1.25)),
      tool("xt_zoom_reset", "100%", "The map at its actual size", () => act.zoomTo(1)),
      tool("xt_zoom_fit", "Fit width", "The map as wide as the view",
        () => act.zoomTo(FIT_WIDTH)),
      tool("xt_zoom_page", "Fit page", "All of the map in the view",
        () => act.zoomTo(FIT_PAGE)));
  }
  toolbar.replaceChildren(...parts);
}
