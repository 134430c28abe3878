"""``DiagramView``: a laid-out tree SVG shown inline, highlighted by class from the browser.

The SVG is sent once per tree and theme; each answer sends only ``path`` (the node ids
from the root to the current node, a few hundred bytes). The browser side derives the
element ids (``<prefix>n_<node>``, ``<prefix>e_<a>__<b>``, see :mod:`xborder_tree.render`),
toggles the ``xt_on``/``xt_current`` classes, scrolls the current node into view, and
offers zoom and fit-to-width (``zoom == 0`` means fit to width).

>>> view = DiagramView()
>>> view.path = ["citizenship", "work_location"]
>>> view.zoom
1.0
"""

from __future__ import annotations

import anywidget
import traitlets

from .render import THEMES

__all__ = ["DiagramView", "diagram_css"]


def diagram_css(theme: str = "screen") -> str:
    """The stylesheet that draws ``xt_on``/``xt_current`` elements in ``theme``'s accent.

    >>> "stroke-width: 2.88px" in diagram_css("screen")
    True
    """
    style = THEMES[theme]
    width = round(style.penwidth * 2.4, 2)
    return (
        f".xt_diagram_view .xt_on path, .xt_diagram_view .xt_on polygon, "
        f".xt_diagram_view .xt_on polyline {{ stroke: {style.highlight}; "
        f"stroke-width: {width}px; }}\n"
        f".xt_diagram_view .xt_edge.xt_on polygon {{ fill: {style.highlight}; }}\n"
        f".xt_diagram_view .xt_edge.xt_on text {{ fill: {style.highlight}; font-weight: bold; }}\n"
        f".xt_diagram_view .xt_question.xt_current path {{ fill: {style.current_fill}; }}\n"
        f".xt_diagram_view .xt_current path, .xt_diagram_view .xt_current polygon "
        f"{{ stroke-width: {round(width * 1.4, 2)}px; }}\n"
    )


_ESM = r"""
function render({ model, el }) {
  el.classList.add("xt_diagram");
  const style = document.createElement("style");
  const bar = document.createElement("div");
  bar.className = "xt_diagram_toolbar";
  const view = document.createElement("div");
  view.className = "xt_diagram_view";
  view.tabIndex = 0;
  view.style.cssText = "overflow:auto;max-height:70vh;border:1px solid #ccc;background:#fff";
  const tools = [
    ["xt_zoom_out", "\u2212", "Zoom out", () => setZoom(current() / 1.25)],
    ["xt_zoom_in", "+", "Zoom in", () => setZoom(current() * 1.25)],
    ["xt_zoom_reset", "100%", "Actual size", () => setZoom(1)],
    ["xt_zoom_fit", "Fit width", "Fit the diagram to the width", () => setZoom(0)],
  ];
  for (const [cls, text, label, action] of tools) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "jupyter-button " + cls;
    b.textContent = text;
    b.title = label;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", action);
    bar.appendChild(b);
  }
  el.append(style, bar, view);
  let marked = [];

  function svgEl() { return view.querySelector("svg"); }
  function natural() {
    const svg = svgEl();
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return 1;
    return svg.viewBox.baseVal.width * 4 / 3;
  }
  function current() {
    const z = model.get("zoom");
    if (z > 0) return z;
    const n = natural();
    return n > 0 ? view.clientWidth / n : 1;
  }
  function setZoom(z) {
    z = z <= 0 ? 0 : Math.min(8, Math.max(0.1, z));
    model.set("zoom", z);
    model.save_changes();
    size();
  }
  function size() {
    const svg = svgEl();
    if (!svg) return;
    const z = model.get("zoom");
    svg.style.height = "auto";
    svg.style.maxWidth = "none";
    svg.style.width = z > 0 ? (natural() * z) + "px" : "100%";
    reveal();
  }
  function find(id) {
    return view.querySelector("#" + CSS.escape(id));
  }
  function mark() {
    for (const node of marked) node.classList.remove("xt_on", "xt_current");
    marked = [];
    const prefix = model.get("prefix");
    const path = model.get("path");
    const ids = path.map((n) => prefix + "n_" + n);
    for (let i = 1; i < path.length; i++) ids.push(prefix + "e_" + path[i - 1] + "__" + path[i]);
    for (const id of ids) {
      const node = find(id);
      if (node) { node.classList.add("xt_on"); marked.push(node); }
    }
    if (path.length) {
      const node = find(prefix + "n_" + path[path.length - 1]);
      if (node) node.classList.add("xt_current");
    }
    // Scroll after the highlight has painted: reading positions now would force a layout
    // of the whole SVG before the first paint.
    requestAnimationFrame(() => setTimeout(reveal, 0));
  }
  function reveal() {
    const path = model.get("path");
    if (!path.length) return;
    const node = find(model.get("prefix") + "n_" + path[path.length - 1]);
    if (!node) return;
    const r = node.getBoundingClientRect();
    const v = view.getBoundingClientRect();
    if (r.left < v.left || r.right > v.right) {
      view.scrollLeft += (r.left + r.width / 2) - (v.left + v.width / 2);
    }
    if (r.top < v.top || r.bottom > v.bottom) {
      view.scrollTop += (r.top + r.height / 2) - (v.top + v.height / 2);
    }
  }
  function draw() {
    view.innerHTML = model.get("svg");
    marked = [];
    const svg = svgEl();
    if (svg) {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", model.get("label"));
    }
    size();
    mark();
  }
  function restyle() { style.textContent = model.get("css"); }
  model.on("change:svg", draw);
  model.on("change:path", mark);
  model.on("change:prefix", mark);
  model.on("change:zoom", size);
  model.on("change:css", restyle);
  restyle();
  draw();
}
export default { render };
"""


class DiagramView(anywidget.AnyWidget):  # type: ignore[misc]
    """An inline SVG diagram whose path highlight is set by ``path`` alone."""

    _esm = _ESM

    def __repr__(self) -> str:
        return f"<DiagramView path={self.path!r} svg={len(self.svg)} chars>"
    svg = traitlets.Unicode("").tag(sync=True)
    """The laid-out SVG (sent once per tree and theme)."""
    css = traitlets.Unicode(diagram_css()).tag(sync=True)
    """Highlight stylesheet of the theme (see :func:`diagram_css`)."""
    prefix = traitlets.Unicode("").tag(sync=True)
    """Element-id prefix of the SVG (``render.default_prefix``)."""
    label = traitlets.Unicode("Decision tree diagram").tag(sync=True)
    """Accessible name of the diagram image."""
    path = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Node ids from the root to the current node: the only thing sent per answer."""
    zoom = traitlets.Float(1.0).tag(sync=True)
    """Scale relative to Graphviz's size; ``0`` fits the diagram to the width."""
