"""Two paths on slides: only the nodes of both paths, the shared part and the split marked as
in the whole-map comparison (``compare.compare_digraph``), fitted to 16:9 slides and cut into
numbered parts when the paths are too long to stay readable (see ``slides``).

>>> from xborder_tree import load_tree
>>> from xborder_tree.drawing.compare import compare_paths
>>> tree = load_tree("trees/example-remote-work.json")
>>> c = compare_paths(tree, {"citizenship": "canada"}, {"citizenship": "us"})
>>> source = compare_focus_digraph(c).source
>>> "xt_path_a" in source and "xt_split" in source and "outside_canada" not in source
True
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import graphviz

from ..model.errors import UsageError
from .compare import COMPARE_STYLES, SPLIT_FILL, Comparison, _html_label, _legend
from .export import DEFAULT_TIMEOUT, run_dot
from .render import THEMES, base_digraph, default_prefix, edge_attrs, node_attrs, plain_label
from .render_focus import edge_label
from .slides import Slide, SlideFitter, cut_path, write_slides

__all__ = [
    "compare_focus_digraph",
    "plan_compare_slides",
    "render_compare_focus",
    "write_compare_focus",
]

Span = tuple[int, int]


def compare_focus_digraph(
    comparison: Comparison,
    theme: str = "screen",
    prefix: str | None = None,
    *,
    span: Span | None = None,
    title: str | None = None,
) -> graphviz.Digraph:
    """Both paths (positions ``span``, default all) with the comparison's marks and legend.

    Element ids are the whole map's; marked nodes and edges get ``xt_shared``, ``xt_path_a``,
    ``xt_path_b`` and ``xt_split`` as in ``compare_digraph``.
    """
    if theme not in THEMES:
        raise UsageError(f"unknown theme: {theme!r} (must be one of {sorted(THEMES)})")
    tree, style = comparison.tree, THEMES[theme]
    prefix = default_prefix(tree) if prefix is None else prefix
    start, end = span or (0, _last(comparison))
    dot = base_digraph(style, prefix)
    dot.attr(fontsize=str(style.edge_fontsize))
    if title:
        dot.attr(label=plain_label(title, 90), labelloc="t", labeljust="l")
    width = str(style.penwidth * 2.4)
    drawn: set[str] = set()
    for part, node in _marked_nodes(comparison, start, end):
        if node in drawn:
            continue
        drawn.add(node)
        attrs = node_attrs(tree, node, style, prefix, False, False)
        attrs.update(color=COMPARE_STYLES[part]["color"], penwidth=width, group=part)
        attrs["class"] += f" {_mark(part)}"
        if node == comparison.split:
            attrs["class"] += " xt_split"
            attrs.update(fillcolor=SPLIT_FILL, style=attrs["style"] + ",bold")
            split = f"{comparison.labels[0]} / {comparison.labels[1]} split"
            attrs["xlabel"] = _html_label(split)
        for label, resolution, key in zip(
            comparison.labels, (comparison.a, comparison.b), "ab", strict=True
        ):
            if node == (resolution.outcome or resolution.pending) and node != comparison.split:
                attrs["xlabel"] = _html_label(label, COMPARE_STYLES[key]["color"])
        dot.node(node, **attrs)
    for part in ("shared", "a", "b"):
        colours = COMPARE_STYLES[part]
        for source, target in comparison.edges(part):
            if source not in drawn or target not in drawn:
                continue
            offered = tree.answers(source, comparison.a.as_of)
            answer = next(a for a in offered if a.target == target)
            attrs = edge_attrs(tree, answer, style, prefix, False)
            attrs.update(
                label=edge_label(answer, style),
                color=colours["color"],
                fontcolor=colours["color"],
                style=colours["style"],
                penwidth=width,
                weight="8",
            )
            attrs["class"] += f" {_mark(part)}"
            dot.edge(source, target, **attrs)
    dot.subgraph(_legend(comparison, theme, prefix))
    return dot


def _last(comparison: Comparison) -> int:
    return max(len(comparison.a.path), len(comparison.b.path)) - 1


def _mark(part: str) -> str:
    return "xt_shared" if part == "shared" else f"xt_path_{part}"


def _marked_nodes(comparison: Comparison, start: int, end: int) -> Iterator[tuple[str, str]]:
    """(part, node) for each node at positions ``start..end`` of either path."""
    shared = len(comparison.shared)
    for position, node in enumerate(comparison.a.path):
        if start <= position <= end:
            yield ("shared" if position < shared else "a"), node
    for position, node in itertools.islice(enumerate(comparison.b.path), shared, None):
        if start <= position <= end:
            yield "b", node


def plan_compare_slides(
    comparison: Comparison,
    *,
    theme: str = "presentation",
    fit: tuple[int, int] = (1920, 1080),
    timeout: float = DEFAULT_TIMEOUT,
    slide_height: int | None = None,
) -> list[Slide[Span]]:
    """The comparison cut into readable 16:9 slides, as ``render_focus.plan_slides`` does for
    one path: each slide shows the same positions of both paths."""

    def draw(span: Span, title: str | None) -> graphviz.Digraph:
        return compare_focus_digraph(comparison, theme, span=span, title=title)

    fitter = SlideFitter(draw, theme, fit, timeout, slide_height)
    last = _last(comparison)
    if last == 0:
        part, zoom, _ = fitter.fitted((0, 0))
        return fitter.slides([(part, zoom)])
    parts, _ = cut_path(last, lambda start, end, _closing: (start, end), fitter)
    return fitter.slides(parts)


def render_compare_focus(
    comparison: Comparison,
    *,
    theme: str = "presentation",
    fit: tuple[int, int] | None = (1920, 1080),
    fmt: str = "png",
    timeout: float = DEFAULT_TIMEOUT,
    slide_height: int | None = None,
) -> list[bytes]:
    """The comparison's slides as images in ``fmt`` (one per part); ``fit=None``: one image
    at its natural size."""
    if fit is None:
        return [run_dot(compare_focus_digraph(comparison, theme).source, fmt, timeout=timeout)]
    slides = plan_compare_slides(
        comparison, theme=theme, fit=fit, timeout=timeout, slide_height=slide_height
    )
    dpi = 96 if fmt == "png" else None
    return [run_dot(slide.source, fmt, dpi=dpi, timeout=timeout) for slide in slides]


def write_compare_focus(
    comparison: Comparison, output: str | Path, fmt: str | None = None, **options: Any
) -> list[Path]:
    """Write the comparison's slides: ``output`` for one, ``stem-1.ext``... for several."""
    fmt = fmt or Path(output).suffix.lstrip(".").lower()
    return write_slides(render_compare_focus(comparison, fmt=fmt, **options), output)
