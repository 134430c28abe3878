"""Focus views drawn: :func:`focus_digraph` for screens, :func:`render_focus` for slides.

A focus drawing uses the whole map's element ids and classes (``render.node_attrs``) and adds:

- a stub for each answer not taken: Graphviz node ``stub__<question>__<value>``, element id
  ``<prefix>s_<question>__<value>``, class ``xt_stub``, labelled with the answer; its edge
  keeps the whole map's id ``<prefix>e_<question>__<target>``, class ``xt_edge xt_stub_edge``;
- a "more below" mark under each question whose answers lie beyond the depth shown: element id
  ``<prefix>m_<question>``, class ``xt_more`` (its edge ``<prefix>me_<question>``).

Slides are 16:9 and read from the back of a room: :func:`plan_slides` lays the focus out at a
zoom that fills the slide, and splits a path whose text would fall under
``MIN_TEXT_PX`` (18 px on a 1920x1080 slide) into numbered parts instead of shrinking it.

>>> from xborder_tree import load_tree
>>> from xborder_tree.focus import focus
>>> tree = load_tree("trees/example-remote-work.json")
>>> source = focus_digraph(tree, focus(tree, ["citizenship", "work_location"])).source
>>> 'id=xt_example_remote_work_s_citizenship__canada' in source
True
>>> stub_element_id(tree, "citizenship", "canada", prefix="a_")
'a_s_citizenship__canada'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import graphviz

from .export import DEFAULT_TIMEOUT, run_dot
from .focus import Focus, focus
from .render import (
    THEMES,
    Theme,
    base_digraph,
    default_prefix,
    edge_attrs,
    node_attrs,
    plain_label,
)
from .tree import DecisionTree

__all__ = [
    "MIN_TEXT_PX",
    "SlidePart",
    "focus_digraph",
    "more_element_id",
    "plan_slides",
    "render_focus",
    "stub_element_id",
]

MIN_TEXT_PX = 18.0
"""Smallest text height, in pixels, on a 1920x1080 slide; other sizes scale with the height."""
MAX_TEXT_PX = 44.0
"""Largest node text on a 1920x1080 slide: a short path is not blown up past it."""
_PX_PER_PT = 96 / 72
_STUB_GREY = "#555555"


def stub_element_id(
    tree: DecisionTree, question: str, value: str, prefix: str | None = None
) -> str:
    """Element id of the stub for answering ``question`` with ``value``."""
    return f"{default_prefix(tree) if prefix is None else prefix}s_{question}__{value}"


def more_element_id(tree: DecisionTree, question: str, prefix: str | None = None) -> str:
    """Element id of the "more below" mark under ``question``."""
    return f"{default_prefix(tree) if prefix is None else prefix}m_{question}"


def focus_digraph(
    tree: DecisionTree,
    view: Focus,
    theme: str = "screen",
    prefix: str | None = None,
    *,
    title: str | None = None,
    current: str | None = None,
) -> graphviz.Digraph:
    """The focus view as a top-to-bottom Digraph: the path highlighted and kept straight, the
    current node marked, stubs for the answers not taken, what lies ahead drawn in full.

    ``title`` (plain text, escaped) is written above the drawing. ``current`` names the node
    marked current when it is not the last of ``view.path`` (a slide showing part of a path).
    """
    if theme not in THEMES:
        raise ValueError(f"unknown theme: {theme!r} (must be one of {sorted(THEMES)})")
    style = THEMES[theme]
    prefix = default_prefix(tree) if prefix is None else prefix
    dot = base_digraph(style, prefix)
    if title:
        dot.attr(
            label=plain_label(title, 90),
            labelloc="t",
            labeljust="l",
            fontsize=str(style.edge_fontsize),
            fontcolor=_STUB_GREY,
        )
    current = view.current if current is None else current
    for node in view.path:
        attrs = node_attrs(tree, node, style, prefix, True, node == current)
        dot.node(node, group="path", **attrs)
    for source, target in view.path_edges:
        answer = view.answer(tree, source, target)
        dot.edge(source, target, weight="8", **edge_attrs(tree, answer, style, prefix, True))
    for node in view.ahead:
        dot.node(node, **node_attrs(tree, node, style, prefix, False, False))
    for source, target in view.ahead_edges:
        answer = view.answer(tree, source, target)
        dot.edge(source, target, **edge_attrs(tree, answer, style, prefix, False))
    _add_stubs(dot, tree, view, style, prefix)
    _add_more_marks(dot, tree, view, style, prefix)
    return dot


def _add_stubs(
    dot: graphviz.Digraph, tree: DecisionTree, view: Focus, style: Theme, prefix: str
) -> None:
    for stub in view.stubs:
        name = f"stub__{stub.question}__{stub.value}"
        dot.node(
            name,
            id=stub_element_id(tree, stub.question, stub.value, prefix),
            label=plain_label(stub.label, style.edge_wrap),
            tooltip=plain_label(f"Answer instead: {stub.label}", 300),
            shape="box",
            style="rounded,dashed",
            color=_STUB_GREY,
            fontcolor="#222222",
            fontsize=str(style.edge_fontsize),
            penwidth=str(style.penwidth * 0.6),
            margin="0.1,0.04",
            **{"class": "xt_stub"},
        )
        dot.edge(
            stub.question,
            name,
            id=f"{prefix}e_{stub.question}__{stub.target}",
            style="dashed",
            color=_STUB_GREY,
            penwidth=str(style.penwidth * 0.6),
            arrowsize="0.6",
            **{"class": "xt_edge xt_stub_edge"},
        )


def _add_more_marks(
    dot: graphviz.Digraph, tree: DecisionTree, view: Focus, style: Theme, prefix: str
) -> None:
    for question in view.open_ends:
        name = f"more__{question}"
        dot.node(
            name,
            id=more_element_id(tree, question, prefix),
            label="more below",
            shape="plaintext",
            fontsize=str(style.edge_fontsize),
            fontcolor=_STUB_GREY,
            **{"class": "xt_more"},
        )
        dot.edge(
            question,
            name,
            id=f"{prefix}me_{question}",
            style="dotted",
            color=_STUB_GREY,
            arrowhead="none",
        )


@dataclass(frozen=True)
class SlidePart:
    """One slide of a focus: the part of the path it shows, laid out to fill the slide."""

    focus: Focus
    """The part shown (its stubs keep their step numbers in the whole path)."""
    number: int
    of: int
    zoom: float
    """Graphviz viewport zoom: slide points per layout point."""
    min_text_px: float
    """Height of the smallest text on the slide, in pixels."""
    source: str
    """DOT source of the slide, with the viewport that fills it."""


def plan_slides(
    tree: DecisionTree,
    path: Sequence[str],
    *,
    theme: str = "presentation",
    fit: tuple[int, int] = (1920, 1080),
    depth: int = 2,
    as_of: datetime.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[SlidePart]:
    """Cut the focus of ``path`` into as few slides as keep every text at least
    ``MIN_TEXT_PX`` high (scaled to ``fit``'s height), each zoomed to fill its slide.

    Parts overlap by one node: part 2 starts where part 1 ends. The last part also shows
    what lies ahead of the current node; when even that alone cannot fit, fewer levels
    ahead are shown (never smaller text).
    """
    width, height = fit
    if width < 320 or height < 180:
        raise ValueError(f"fit must be at least 320x180 pixels, not {width}x{height}")
    view = focus(tree, path, depth, as_of)
    slides = _Slides(tree, theme, (width, height), timeout, view.current)
    last = len(view.path) - 1
    parts: list[tuple[Focus, float]] = []
    start = 0
    while start < last:
        end, part, zoom = _longest_readable(view, start, slides)
        parts.append((part, zoom))
        start = end
    if not parts or parts[-1][0].current != view.current or parts[-1][0].ahead != view.ahead:
        parts.append(_tail(view, slides))
    parts = _balanced(view, parts, slides)
    count = len(parts)
    return [
        SlidePart(
            part,
            number,
            count,
            zoom,
            slides.min_text_px(part, zoom),
            slides.source(part, zoom, number, count),
        )
        for number, (part, zoom) in enumerate(parts, 1)
    ]


def _longest_readable(view: Focus, start: int, slides: _Slides) -> tuple[int, Focus, float]:
    """The longest part from ``start`` that stays readable, with its end and zoom. The part
    reaching the current node shows what lies ahead if it can, else leaves it to a last part.
    A single answer with its stubs is never cut further."""
    last = len(view.path) - 1
    best: tuple[int, Focus, float] | None = None
    for end in range(start + 1, last + 1):
        options = [True, False] if end == last else [False]
        readable = None
        for with_ahead in options:
            part = _part(view, start, end, with_ahead)
            zoom = slides.zoom(part)
            if slides.readable(part, zoom):
                readable = (end, part, zoom)
                break
        if readable is None:
            break
        best = readable
    if best is None:
        part = _part(view, start, start + 1, start + 1 == last and not view.ahead)
        best = (start + 1, part, slides.zoom(part))
    return best


def _balanced(
    view: Focus, parts: list[tuple[Focus, float]], slides: _Slides
) -> list[tuple[Focus, float]]:
    """The same number of parts with the path's answers shared out evenly, when every part
    stays readable that way: larger text on every slide rather than full first slides."""
    spans = [part for part, _ in parts if len(part.path) > 1]
    if len(spans) < 2:
        return parts
    tail = parts[len(spans) :]
    base, extra = divmod(len(view.path) - 1, len(spans))
    even: list[tuple[Focus, float]] = []
    start = 0
    for index in range(len(spans)):
        end = start + base + (1 if index < extra else 0)
        part = _part(view, start, end, not tail and index == len(spans) - 1)
        zoom = slides.zoom(part)
        if not slides.readable(part, zoom):
            return parts
        even.append((part, zoom))
        start = end
    return even + tail


def _part(view: Focus, start: int, end: int, with_ahead: bool) -> Focus:
    """Path nodes ``start..end`` with their stubs; what lies ahead only if ``with_ahead``."""
    if with_ahead:
        ahead, ahead_edges, open_ends, depth = (
            view.ahead,
            view.ahead_edges,
            view.open_ends,
            view.depth,
        )
    else:
        ahead, ahead_edges, open_ends, depth = (), (), (), 0
    return replace(
        view,
        path=view.path[start : end + 1],
        path_edges=view.path_edges[start:end],
        stubs=tuple(stub for stub in view.stubs if start <= stub.step < end),
        ahead=ahead,
        ahead_edges=ahead_edges,
        open_ends=open_ends,
        depth=depth,
    )


def _tail(view: Focus, slides: _Slides) -> tuple[Focus, float]:
    """The current node and what lies ahead, as many levels deep as stay readable."""
    last = len(view.path) - 1
    for depth in range(view.depth, -1, -1):
        shallower = (
            view if depth == view.depth else focus(slides.tree, view.path, depth, view.as_of)
        )
        part = _part(shallower, last, last, True)
        zoom = slides.zoom(part)
        if slides.readable(part, zoom) or depth == 0:
            return part, zoom
    raise AssertionError("unreachable: depth 0 always returns")


_VIEWBOX = re.compile(rb'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
_TRANSLATE = re.compile(rb'class="graph" transform="[^"]*translate\(([-\d.]+) ([-\d.]+)\)"')
_PLACEHOLDER_TITLE = "Part 9 of 9"


class _Slides:
    """Lays parts out once each and works out the zoom that fills a slide."""

    def __init__(
        self, tree: DecisionTree, theme: str, fit: tuple[int, int], timeout: float, current: str
    ) -> None:
        self.tree = tree
        self.current = current
        self.theme = theme
        self.style = THEMES[theme]
        self.points = (fit[0] / _PX_PER_PT, fit[1] / _PX_PER_PT)
        self.least_px = MIN_TEXT_PX * fit[1] / 1080
        self.most_px = MAX_TEXT_PX * fit[1] / 1080
        self.timeout = timeout
        self._sizes: dict[str, tuple[float, float, float]] = {}

    def digraph(self, part: Focus, title: str | None) -> graphviz.Digraph:
        return focus_digraph(self.tree, part, self.theme, title=title, current=self.current)

    def size(self, source: str) -> tuple[float, float, float]:
        """Width and height of the laid-out drawing with its pad, and the pad (points)."""
        if source not in self._sizes:
            svg = run_dot(source, "svg", timeout=self.timeout)
            box, shift = _VIEWBOX.search(svg), _TRANSLATE.search(svg)
            if box is None or shift is None:
                raise ValueError("Graphviz returned an SVG without a viewBox and translation")
            self._sizes[source] = (float(box[1]), float(box[2]), float(shift[1]))
        return self._sizes[source]

    def zoom(self, part: Focus) -> float:
        """Slide points per layout point: fills the slide, but no text above ``most_px``."""
        width, height, _ = self.size(self.digraph(part, _PLACEHOLDER_TITLE).source)
        largest = max(self.style.fontsize, self.style.edge_fontsize) * _PX_PER_PT
        return min(self.points[0] / width, self.points[1] / height, self.most_px / largest)

    def min_text_px(self, part: Focus, zoom: float) -> float:
        return min(self.style.fontsize, self.style.edge_fontsize) * zoom * _PX_PER_PT

    def readable(self, part: Focus, zoom: float) -> bool:
        return self.min_text_px(part, zoom) >= self.least_px - 1e-6

    def source(self, part: Focus, zoom: float, number: int, count: int) -> str:
        """The part's DOT with a viewport of the slide's size, centred on the drawing."""
        title = None
        if count > 1:
            title = f"Part {number} of {count}"
            if number > 1:
                title += f", continued from part {number - 1}"
        dot = self.digraph(part, title)
        width, height, pad = self.size(dot.source)
        centre_x, centre_y = width / 2 - pad, height / 2 - pad
        slide_w, slide_h = self.points
        dot.attr(viewport=f"{slide_w:.2f},{slide_h:.2f},{zoom:.4f},{centre_x:.2f},{centre_y:.2f}")
        return dot.source


def render_focus(
    tree: DecisionTree,
    path: Sequence[str],
    *,
    theme: str = "presentation",
    fit: tuple[int, int] | None = (1920, 1080),
    depth: int = 2,
    as_of: datetime.date | None = None,
    fmt: str = "png",
    timeout: float = DEFAULT_TIMEOUT,
) -> list[bytes]:
    """The focus view of ``path`` as images, one per part (see :func:`plan_slides`).

    With ``fit=None`` the drawing keeps its natural size and is never split. PNG slides are
    exactly ``fit`` pixels; SVG and PDF slides are ``fit`` at 96 pixels per inch.
    """
    if fit is None:
        view = focus(tree, path, depth, as_of)
        return [run_dot(focus_digraph(tree, view, theme).source, fmt, timeout=timeout)]
    parts = plan_slides(tree, path, theme=theme, fit=fit, depth=depth, as_of=as_of, timeout=timeout)
    dpi = 96 if fmt == "png" else None
    return [run_dot(part.source, fmt, dpi=dpi, timeout=timeout) for part in parts]
