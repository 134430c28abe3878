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
import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import graphviz

from ..model.errors import UsageError
from ..model.tree import Answer, DecisionTree
from .export import DEFAULT_TIMEOUT, run_dot
from .focus import Focus, Stub, focus, offered_answers
from .labels import tooltip
from .render import THEMES, Theme, base_digraph, default_prefix, edge_attrs, node_attrs, plain_label
from .slides import MAX_TEXT_PX, Slide, SlideFitter, cut_path, write_slides

__all__ = [
    "focus_digraph",
    "more_element_id",
    "plan_one_slide",
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
    chips: bool = False,
    answered: str | None = None,
    rows: int = 0,
) -> graphviz.Digraph:
    """The focus view as a top-to-bottom Digraph: the path highlighted and kept straight, the
    current node marked, stubs for the answers not taken, what lies ahead drawn in full.

    ``title`` (plain text, escaped) is written above the drawing. ``current`` names the node
    marked current when it is not the last of ``view.path`` (a slide showing part of a path).

    With ``chips`` every answer is a small box of its own (a "chip") on the rank below its
    question and no edge carries a label, so no line can cross an answer's text: the answer
    taken is drawn solid on the path, the others dashed beside it. ``answered`` (a value of
    the current question) also draws the current question's answers, that one taken.
    """
    if theme not in THEMES:
        raise UsageError(f"unknown theme: {theme!r} (must be one of {sorted(THEMES)})")
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
    if chips:
        _chip_drawing(dot, tree, view, style, prefix, current, answered, rows)
        return dot
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


def answer_chip_id(tree: DecisionTree, question: str, value: str, prefix: str | None = None) -> str:
    """Element id of the chip of an answer taken (or shown ahead) in a chip drawing."""
    return f"{default_prefix(tree) if prefix is None else prefix}a_{question}__{value}"


def _chip_drawing(
    dot: graphviz.Digraph,
    tree: DecisionTree,
    view: Focus,
    style: Theme,
    prefix: str,
    current: str,
    answered: str | None,
    rows: int = 0,
) -> None:
    """The focus view with answers as chips (see :func:`focus_digraph`)."""
    dot.attr(ranksep=str(_CHIP_RANKSEP), nodesep="0.3")
    if view.path[0] != tree.root:
        dot.node(
            "earlier__",
            id=f"{prefix}earlier",
            label="earlier answers",
            shape="plaintext",
            fontsize=str(style.edge_fontsize),
            fontcolor=_STUB_GREY,
            **{"class": "xt_more"},
        )
        dot.edge("earlier__", view.path[0], style="dotted", color=_STUB_GREY, weight="8")
    for node in view.path:
        attrs = node_attrs(tree, node, style, prefix, True, node == current)
        dot.node(node, group="path", **attrs)
    stubs = list(view.stubs)
    taken = list(view.path_edges)
    if answered is not None and tree.node(view.current)["kind"] == "question":
        step = len(view.path_edges)
        for answer in offered_answers(tree, view.current, view.as_of):
            if answer.value == answered:
                taken.append((view.current, answer.target))
            else:
                stubs.append(Stub(step, view.current, answer.value, answer.label, answer.target))
    chain = [name for s, t in taken for name in (s, _chip_name(view.answer(tree, s, t)))]
    if view.path[-1] not in chain:
        chain.append(view.path[-1])
    row_of = {name: index // rows if rows else 0 for index, name in enumerate(chain)}
    for source, target in taken:
        answer = view.answer(tree, source, target)
        chip = _chip(dot, tree, answer, style, prefix, on=True)
        edge = edge_attrs(tree, answer, style, prefix, True) | {"arrowhead": "none"}
        edge.pop("label")
        dot.edge(source, chip, weight="8" if row_of[source] == row_of[chip] else "0", **edge)
        if target in view.path:
            onward = edge | {"id": f"{prefix}c_{source}__{target}", "arrowhead": "normal"}
            weight = "8" if row_of[chip] == row_of[target] else "0"
            dot.edge(chip, target, weight=weight, **onward)
    if rows:  # each row one rank, its first box under the first box of the row above
        starts = chain[::rows]
        for start in range(0, len(chain), rows):
            with dot.subgraph() as row:
                row.attr(rank="same")
                for name in chain[start : start + rows]:
                    row.node(name)
        for upper, lower in itertools.pairwise(starts):
            dot.edge(upper, lower, style="invis", weight="100")
    for node in view.ahead:
        dot.node(node, **node_attrs(tree, node, style, prefix, False, False))
    for source, target in view.ahead_edges:
        answer = view.answer(tree, source, target)
        chip = _chip(dot, tree, answer, style, prefix, on=False)
        edge = edge_attrs(tree, answer, style, prefix, False) | {"arrowhead": "none"}
        edge.pop("label")
        dot.edge(source, chip, **edge)
        dot.edge(chip, target, **(edge | {"id": f"{prefix}c_{source}__{target}"}))
    _add_stubs(dot, tree, replace(view, stubs=tuple(stubs)), style, prefix)
    _add_more_marks(dot, tree, view, style, prefix)


_TAKEN_FILL = "#E4E4E4"
"""Light grey behind the answer taken: apart from the white questions in colour and print."""
_CHIP_RANKSEP = 0.3
"""Inches between ranks in a chip drawing (chips add a rank under every question)."""


def _chip_name(answer: Answer) -> str:
    return f"answer__{answer.source}__{answer.value}"


def _chip(
    dot: graphviz.Digraph,
    tree: DecisionTree,
    answer: Answer,
    style: Theme,
    prefix: str,
    *,
    on: bool,
) -> str:
    """Add the chip of ``answer`` (bold on the path when ``on``) and return its name."""
    name = _chip_name(answer)
    width = style.penwidth * (2.4 if on else 1.0)
    dot.node(
        name,
        id=answer_chip_id(tree, answer.source, answer.value, prefix),
        label=plain_label(answer.label, style.edge_wrap),
        tooltip=tooltip(answer.note or answer.label),
        shape="box",
        style="rounded,filled",
        fillcolor=_TAKEN_FILL if on else "#FFFFFF",
        color=style.highlight if on else style.edge_color,
        fontcolor="#000000",
        fontsize=str(style.edge_fontsize),
        penwidth=str(width),
        margin="0.1,0.04",
        **({"group": "path"} if on else {}),
        **{"class": "xt_answer xt_on" if on else "xt_answer"},
    )
    return name


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
    chips: bool | None = None,
    answered: str | None = None,
    stubs: bool = True,
) -> list[Slide[Focus]]:
    """The slides of the focus of ``path``: as few as keep every text at least
    ``slides.MIN_TEXT_PX`` high (scaled to ``fit``'s height), each zoomed to fill the slide.

    Parts overlap by one node: part 2 starts where part 1 ends. The part with the current
    node also shows what lies ahead; when that cannot fit beside the path it gets a slide of
    its own, and when even that is too wide fewer levels ahead are shown (never smaller text).
    Each part's stubs keep their step numbers in the whole path.

    ``chips`` (default: for the presentation theme) draws answers as chips (see
    :func:`focus_digraph`, with ``answered``), top to bottom or left to right, whichever
    shows the text larger; a part then always shows at least two nodes of the path, or one
    with its answers. Without ``stubs`` the answers not taken before the current question
    are left out (a long path on one slide).
    """
    view = focus(tree, path, depth, as_of)
    if not stubs:
        view = replace(view, stubs=())
    chips = theme == "presentation" if chips is None else chips
    plans = [
        _plan(tree, view, theme, fit, timeout, slide_height, chips, answered, rankdir)
        for rankdir in (("TB", "LR") if chips else ("TB",))
    ]
    return min(plans, key=lambda slides: (len(slides), -min(s.zoom for s in slides)))


def plan_one_slide(
    tree: DecisionTree,
    path: Sequence[str],
    *,
    fit: tuple[int, int] = (1920, 1080),
    depth: int = 0,
    as_of: datetime.date | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    slide_height: int | None = None,
    answered: str | None = None,
    stubs: bool = True,
    max_text_px: float = MAX_TEXT_PX,
) -> Slide[Focus] | None:
    """The chip drawing of ``path`` on one presentation slide, or ``None`` when its text
    would fall under ``slides.MIN_TEXT_PX``: top to bottom, left to right, or (a path with no
    answers not taken) in rows, whichever fills more of the slide unless its text is much
    smaller; node text at most ``max_text_px`` on a 1920x1080 slide. One layout per way: a
    quick test before :func:`plan_slides` cuts a path into parts."""
    view = focus(tree, path, depth, as_of)
    if not stubs:
        view = replace(view, stubs=())
    readable: list[tuple[float, float, SlideFitter[Focus]]] = []
    layouts = [("TB", 0), ("LR", 0)]
    if not view.stubs and len(view.path) > 3:  # a bare path: also in rows, as text reads
        boxes = 2 * len(view.path) - 1
        layouts += [("TB", -(-boxes // count)) for count in (2, 3, 4)]
    for rankdir, rows in layouts:
        fitter = SlideFitter(
            _drawer(tree, view, "presentation", True, answered, rankdir, rows),
            "presentation",
            fit,
            timeout,
            slide_height,
            max_text_px,
        )
        _, zoom, ok = fitter.fitted(view)
        width, height, _ = fitter.size(fitter.draw(view, None).source)
        room = fitter.points[0] / zoom - width  # points left free across the slide
        if ok and rankdir == "LR" and room > 0.25 * width:
            # a short path laid across: spread its ranks over the width rather than leave it
            ranks = 2 * len(view.path) - (0 if answered else 1)
            spread = _CHIP_RANKSEP + min(0.8 * room / 72 / max(ranks - 1, 1), 1.5)
            draw = _drawer(tree, view, "presentation", True, answered, rankdir, rows, spread)
            fitter = SlideFitter(draw, "presentation", fit, timeout, slide_height, max_text_px)
            _, zoom, ok = fitter.fitted(view)
            width, height, _ = fitter.size(fitter.draw(view, None).source)
        if ok:
            readable.append((zoom, width * height * zoom * zoom, fitter))
    if not readable:
        return None
    # the one filling more of the slide, unless its text is much smaller
    largest = max(zoom for zoom, _, _ in readable)
    zoom, _, fitter = max(
        (choice for choice in readable if choice[0] >= 0.8 * largest), key=lambda c: c[1]
    )
    return fitter.slides([(view, zoom)])[0]


def _drawer(
    tree: DecisionTree,
    view: Focus,
    theme: str,
    chips: bool,
    answered: str | None,
    rankdir: str,
    rows: int = 0,
    ranksep: float | None = None,
) -> Callable[[Focus, str | None], graphviz.Digraph]:
    """Draws a part of ``view`` (``answered`` only on the part that ends at its current
    node), laid out in ``rankdir`` (``ranksep`` inches between ranks, if given)."""

    def draw(part: Focus, title: str | None) -> graphviz.Digraph:
        ends = part.current == view.current
        dot = focus_digraph(
            tree,
            part,
            theme,
            title=title,
            current=view.current,
            chips=chips,
            answered=answered if ends else None,
            rows=rows,
        )
        dot.attr(rankdir=rankdir)
        if ranksep is not None:
            dot.attr(ranksep=f"{ranksep:.2f}")
        return dot

    return draw


def _plan(
    tree: DecisionTree,
    view: Focus,
    theme: str,
    fit: tuple[int, int],
    timeout: float,
    slide_height: int | None,
    chips: bool,
    answered: str | None,
    rankdir: str,
) -> list[Slide[Focus]]:
    draw = _drawer(tree, view, theme, chips, answered, rankdir)
    fitter = SlideFitter(draw, theme, fit, timeout, slide_height)
    last = len(view.path) - 1
    parts, closed = cut_path(
        last, lambda start, end, closing: _part(view, start, end, closing), fitter
    )
    if not closed and (not parts or view.ahead):
        parts.append(_tail(tree, view, fitter, last - 1 if chips and last else last))
    return fitter.slides(parts)


def _part(view: Focus, start: int, end: int, with_ahead: bool) -> Focus:
    """Path nodes ``start..end`` with their stubs; what lies ahead only if ``with_ahead``."""
    ahead: tuple[str, ...] = ()
    ahead_edges: tuple[tuple[str, str], ...] = ()
    open_ends: tuple[str, ...] = ()
    depth = 0
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


def _tail(
    tree: DecisionTree, view: Focus, fitter: SlideFitter[Focus], start: int
) -> tuple[Focus, float]:
    """Path nodes from ``start`` to the current one and what lies ahead, as many levels deep
    as stay readable."""
    last = len(view.path) - 1
    for depth in range(view.depth, 0, -1):
        shallower = view if depth == view.depth else focus(tree, view.path, depth, view.as_of)
        part, zoom, readable = fitter.fitted(_part(shallower, start, last, True))
        if readable:
            return part, zoom
    part, zoom, _ = fitter.fitted(_part(view, start, last, False))
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
