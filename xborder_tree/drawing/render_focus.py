"""Focus views drawn: :func:`focus_digraph` for screens, :func:`render_focus` for slides.

A focus drawing uses the whole map's element ids and classes (``render.node_attrs``) and adds:

- a stub for each answer not taken: Graphviz node ``stub__<question>__<value>``, element id
  ``<prefix>s_<question>__<value>``, class ``xt_stub``, labelled with the answer; its edge
  keeps the whole map's id ``<prefix>e_<question>__<target>``, class ``xt_edge xt_stub_edge``;
- a "more below" mark under each question whose answers lie beyond the depth shown: element id
  ``<prefix>m_<question>``, class ``xt_more`` (its edge ``<prefix>me_<question>``).

Slides are 16:9 and read from the back of a room: :func:`plan_slides` lays the focus out at a
zoom that fills the slide, and splits a path whose text would fall under 18 px (on a
1920x1080 slide) into numbered parts instead of shrinking it (see ``slides``).

>>> from xborder_tree import load_tree
>>> from xborder_tree.drawing.focus import focus
>>> tree = load_tree("trees/example-remote-work.json")
>>> source = focus_digraph(tree, focus(tree, ["citizenship", "work_location"])).source
>>> 'id=xt_example_remote_work_s_citizenship__canada' in source
True
>>> stub_element_id(tree, "citizenship", "canada", prefix="a_")
'a_s_citizenship__canada'
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import graphviz

from ..model.tree import Answer, DecisionTree
from .export import DEFAULT_TIMEOUT, run_dot
from .focus import Focus, focus
from .labels import tooltip
from .render import THEMES, Theme, base_digraph, default_prefix, edge_attrs, node_attrs, plain_label
from .slides import Slide, SlideFitter, cut_path, write_slides

__all__ = [
    "focus_digraph",
    "more_element_id",
    "plan_slides",
    "render_focus",
    "stub_element_id",
    "write_focus",
]

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
        attrs = edge_attrs(tree, answer, style, prefix, True)
        dot.edge(source, target, weight="8", **(attrs | {"label": edge_label(answer, style)}))
    for node in view.ahead:
        dot.node(node, **node_attrs(tree, node, style, prefix, False, False))
    fan_out = Counter(source for source, _ in view.ahead_edges)
    for source, target in view.ahead_edges:
        answer = view.answer(tree, source, target)
        attrs = edge_attrs(tree, answer, style, prefix, False) | {
            "label": edge_label(answer, style)
        }
        if fan_out[source] > 2:  # labels side by side: a line ties each to its own edge
            attrs["decorate"] = "true"
        dot.edge(source, target, **attrs)
    _add_stubs(dot, tree, view, style, prefix)
    _add_more_marks(dot, tree, view, style, prefix)
    return dot


def edge_label(answer: Answer, style: Theme) -> str:
    """An answer's label set off from its edge line by two no-break spaces on every line."""
    return plain_label(answer.label, style.edge_wrap, indent="\u00a0\u00a0")


def _add_stubs(
    dot: graphviz.Digraph, tree: DecisionTree, view: Focus, style: Theme, prefix: str
) -> None:
    for stub in view.stubs:
        name = f"stub__{stub.question}__{stub.value}"
        dot.node(
            name,
            id=stub_element_id(tree, stub.question, stub.value, prefix),
            label=plain_label(stub.label, style.edge_wrap),
            tooltip=tooltip(f"Answer instead: {stub.label}"),
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


def plan_slides(
    tree: DecisionTree,
    path: Sequence[str],
    *,
    theme: str = "presentation",
    fit: tuple[int, int] = (1920, 1080),
    depth: int = 2,
    as_of: datetime.date | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    slide_height: int | None = None,
) -> list[Slide[Focus]]:
    """The slides of the focus of ``path``: as few as keep every text at least
    ``slides.MIN_TEXT_PX`` high (scaled to ``fit``'s height), each zoomed to fill the slide.

    Parts overlap by one node: part 2 starts where part 1 ends. The part with the current
    node also shows what lies ahead; when that cannot fit beside the path it gets a slide of
    its own, and when even that is too wide fewer levels ahead are shown (never smaller text).
    Each part's stubs keep their step numbers in the whole path.
    """
    view = focus(tree, path, depth, as_of)

    def draw(part: Focus, title: str | None) -> graphviz.Digraph:
        return focus_digraph(tree, part, theme, title=title, current=view.current)

    fitter = SlideFitter(draw, theme, fit, timeout, slide_height)
    last = len(view.path) - 1
    parts, closed = cut_path(
        last, lambda start, end, closing: _part(view, start, end, closing), fitter
    )
    if not closed and (not parts or view.ahead):
        parts.append(_tail(tree, view, fitter))
    return fitter.slides(parts)


def _part(view: Focus, start: int, end: int, with_ahead: bool) -> Focus:
    """Path nodes ``start..end`` with their stubs; what lies ahead only if ``with_ahead``."""
    ahead, ahead_edges, open_ends, depth = (), (), (), 0
    if with_ahead:
        ahead, ahead_edges, open_ends = view.ahead, view.ahead_edges, view.open_ends
        depth = view.depth
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


def _tail(tree: DecisionTree, view: Focus, fitter: SlideFitter[Focus]) -> tuple[Focus, float]:
    """The current node and what lies ahead, as many levels deep as stay readable."""
    last = len(view.path) - 1
    for depth in range(view.depth, 0, -1):
        shallower = view if depth == view.depth else focus(tree, view.path, depth, view.as_of)
        part, zoom, readable = fitter.fitted(_part(shallower, last, last, True))
        if readable:
            return part, zoom
    part, zoom, _ = fitter.fitted(_part(view, last, last, False))
    return part, zoom


def render_focus(
    tree: DecisionTree,
    path: Sequence[str],
    *,
    theme: str = "presentation",
    fit: tuple[int, int] | None = (1920, 1080),
    depth: int = 2,
    as_of: datetime.date | str | None = None,
    fmt: str = "png",
    timeout: float = DEFAULT_TIMEOUT,
    slide_height: int | None = None,
) -> list[bytes]:
    """The focus view of ``path`` as images in ``fmt``, one per part (see :func:`plan_slides`).
    For a picture that fills only a region of a slide, ``fit`` is that region and
    ``slide_height`` the whole slide's height, both in pixels (see ``slides.SlideFitter``).

    With ``fit=None`` the drawing keeps its natural size and is never split. PNG slides are
    exactly ``fit`` pixels; SVG and PDF slides are ``fit`` at 96 pixels per inch.
    """
    if fit is None:
        view = focus(tree, path, depth, as_of)
        return [run_dot(focus_digraph(tree, view, theme).source, fmt, timeout=timeout)]
    slides = plan_slides(
        tree,
        path,
        theme=theme,
        fit=fit,
        depth=depth,
        as_of=as_of,
        timeout=timeout,
        slide_height=slide_height,
    )
    dpi = 96 if fmt == "png" else None
    return [run_dot(slide.source, fmt, dpi=dpi, timeout=timeout) for slide in slides]


def write_focus(
    tree: DecisionTree,
    path: Sequence[str],
    output: str | Path,
    fmt: str | None = None,
    **options: Any,
) -> list[Path]:
    """Write the focus slides of ``path``: ``output`` for one, ``stem-1.ext``... for several.
    ``options`` are :func:`render_focus`'s; the format defaults to the file's suffix."""
    fmt = fmt or Path(output).suffix.lstrip(".").lower()
    return write_slides(render_focus(tree, path, fmt=fmt, **options), output)
