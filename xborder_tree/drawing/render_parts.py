"""A whole tree on 16:9 slides: cut into subtrees that each fill a slide with readable text.

A whole tree drawn as one picture is far wider than a slide (a 2.8:1 drawing on a 16:9 slide
shrinks its text to a third). :func:`plan_tree_parts` cuts it instead: part 1 is the root
and as many levels below it as stay readable (text at least ``slides.MIN_TEXT_PX`` high on a
1920x1080 slide); every question where a part stops is the root of a part of its own, cut
the same way. Each part is titled with its number and the part it continues, each question
cut off is marked with the part that goes on from it, and a node drawn in another part
(trees share nodes) is a reference to that part. In SVG the marks link to the parts' files.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> [(part.number, part.root, part.parent) for part in plan_tree_parts(tree)]
[(1, 'citizenship', None)]
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import graphviz

from ..model.tree import DecisionTree
from .export import DEFAULT_TIMEOUT, run_dot
from .labels import plain_label
from .render import THEMES, base_digraph, default_prefix, drawn_answers, edge_attrs, node_attrs
from .slides import SlideFitter, slide_files, write_slides

__all__ = ["TreePart", "plan_tree_parts", "render_tree_parts", "write_tree_parts"]

_GREY = "#555555"


@dataclass(frozen=True)
class TreePart:
    """One slide of a whole tree: the subtree below ``root`` drawn on it."""

    number: int
    root: str
    parent: int | None
    """The part where ``root`` hangs (``None`` for the tree's root)."""
    nodes: tuple[str, ...]
    continued: dict[str, int] = field(default_factory=dict)
    """Questions drawn here whose answers go on in another part: question -> part number."""
    elsewhere: dict[str, int] = field(default_factory=dict)
    """Nodes answered into from here but drawn in another part: node -> part number."""
    count: int = 0
    zoom: float = 1.0
    rankdir: str = "TB"

    def title(self, tree: DecisionTree) -> str:
        said = f"Part {self.number} of {self.count}: {tree.label(self.root)}"
        return said if self.parent is None else f"{said} (continued from part {self.parent})"


def _draw(
    tree: DecisionTree,
    part: TreePart,
    theme: str,
    as_of: datetime.date | None,
    link: Callable[[int], str] | None,
) -> graphviz.Digraph:
    style = THEMES[theme]
    prefix = default_prefix(tree)
    dot = base_digraph(style, prefix)
    dot.attr(
        rankdir=part.rankdir,
        label=plain_label(part.title(tree), 90),
        labelloc="t",
        labeljust="l",
        fontsize=str(style.edge_fontsize),
        fontcolor=_GREY,
    )
    if link is not None and part.parent is not None:
        dot.attr(URL=link(part.parent), target="_top")
    drawn = set(part.nodes)
    for node in part.nodes:
        dot.node(node, **node_attrs(tree, node, style, prefix, False, False, as_of))
    for source in part.nodes:
        if source in part.continued:
            _mark(dot, source, part.continued[source], link)
            continue
        for answer in drawn_answers(tree, source, as_of) if not tree.is_outcome(source) else ():
            target = answer.target
            if target not in drawn:
                target = _reference(dot, tree, target, part.elsewhere[target], link)
            dot.edge(source, target, **edge_attrs(tree, answer, style, prefix, False, as_of))
    return dot


def _mark(
    dot: graphviz.Digraph, question: str, number: int, link: Callable[[int], str] | None
) -> None:
    """A mark under ``question``: its answers go on in part ``number``."""
    name = f"continued__{question}"
    extra = {"URL": link(number), "target": "_top"} if link is not None else {}
    dot.node(
        name,
        label=f"continued in part {number}",
        shape="plaintext",
        fontsize=str(THEMES["presentation"].edge_fontsize),
        fontcolor=_GREY,
        **extra,
        **{"class": "xt_more"},
    )
    dot.edge(question, name, style="dotted", color=_GREY, arrowhead="none")


def _reference(
    dot: graphviz.Digraph,
    tree: DecisionTree,
    node: str,
    number: int,
    link: Callable[[int], str] | None,
) -> str:
    """A small box for ``node``, drawn in part ``number``; returns its name."""
    name = f"elsewhere__{node}"
    extra = {"URL": link(number), "target": "_top"} if link is not None else {}
    presentation = THEMES["presentation"]
    dot.node(
        name,
        label=plain_label(f"{tree.label(node)} (part {number})", presentation.edge_wrap),
        shape="box",
        style="rounded,dashed",
        color=_GREY,
        fontsize=str(presentation.edge_fontsize),
        **extra,
        **{"class": "xt_elsewhere"},
    )
    return name


def _levels(
    tree: DecisionTree, root: str, depth: int, taken: set[str], as_of: datetime.date | None
) -> tuple[list[str], list[str]]:
    """Nodes within ``depth`` answers of ``root`` not drawn in another part, and the
    questions among them whose answers lie deeper."""
    nodes, frontier, seen = [root], [root], {root}
    for _ in range(depth):
        following = []
        for node in frontier:
            for answer in drawn_answers(tree, node, as_of) if not tree.is_outcome(node) else ():
                if answer.target not in seen and answer.target not in taken:
                    seen.add(answer.target)
                    nodes.append(answer.target)
                    following.append(answer.target)
        frontier = following
    cut = [node for node in frontier if not tree.is_outcome(node)]
    return nodes, cut


def plan_tree_parts(
    tree: DecisionTree,
    *,
    theme: str = "presentation",
    fit: tuple[int, int] = (1920, 1080),
    as_of: datetime.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[TreePart]:
    """The parts of the whole tree (see the module), each with the zoom that fills the slide:
    breadth first from the root, each part as deep as its text stays readable (at least one
    level of answers), top to bottom or left to right, whichever shows its text larger."""

    def fitter_for(count: int) -> SlideFitter[TreePart]:
        def draw(part: TreePart, _title: str | None) -> graphviz.Digraph:
            return _draw(tree, replace(part, count=max(count, part.number)), theme, as_of, None)

        return SlideFitter(draw, theme, fit, timeout)

    fitter = fitter_for(99)
    parts: list[TreePart] = []
    taken: set[str] = set()
    queue: list[tuple[str, int | None]] = [(tree.root, None)]
    rooted: set[str] = set()
    while queue:
        root, parent = queue.pop(0)
        if root in rooted:
            continue
        rooted.add(root)
        number = len(parts) + 1
        best: TreePart | None = None
        for depth in range(1, len(tree.nodes) + 1):
            nodes, cut = _levels(tree, root, depth, taken - {root}, as_of)
            trial = TreePart(number, root, parent, tuple(nodes), {q: 0 for q in cut})
            trial = replace(trial, elsewhere=_elsewhere(tree, trial, as_of))
            across = replace(trial, rankdir="LR")  # a wide level reads better stacked
            if fitter.zoom(across) > fitter.zoom(trial):
                trial = across
            if best is not None and not fitter.readable(fitter.zoom(trial)):
                break
            best = trial
            if not cut:
                break
        assert best is not None
        taken.update(best.nodes)
        parts.append(best)
        queue.extend((question, number) for question in best.continued)
    numbers = {part.root: part.number for part in parts}
    drawn_in = {node: part.number for part in reversed(parts) for node in part.nodes}
    drawn_in.update(numbers)  # a question cut off is found in the part it is the root of
    final = []
    fitter = fitter_for(len(parts))
    for part in parts:
        part = replace(
            part,
            continued={q: numbers[q] for q in part.continued},
            elsewhere={n: drawn_in[n] for n in part.elsewhere},
            count=len(parts),
        )
        final.append(replace(part, zoom=fitter.zoom(part)))
    return final


def _elsewhere(tree: DecisionTree, part: TreePart, as_of: datetime.date | None) -> dict[str, int]:
    inside = set(part.nodes)
    return {
        answer.target: 0
        for source in part.nodes
        if source not in part.continued and not tree.is_outcome(source)
        for answer in drawn_answers(tree, source, as_of)
        if answer.target not in inside
    }


def render_tree_parts(
    tree: DecisionTree,
    *,
    theme: str = "presentation",
    fit: tuple[int, int] = (1920, 1080),
    fmt: str = "png",
    as_of: datetime.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    link: Callable[[int], str] | None = None,
    parts: list[TreePart] | None = None,
) -> list[bytes]:
    """The parts of the whole tree (``parts``, default: planned here) as images in ``fmt``,
    each ``fit`` pixels at 96 pixels per inch; ``link(number)`` names the file of a part,
    for links in SVG."""
    if parts is None:
        parts = plan_tree_parts(tree, theme=theme, fit=fit, as_of=as_of, timeout=timeout)
    fitter: SlideFitter[TreePart] = SlideFitter(
        lambda part, _title: _draw(tree, part, theme, as_of, link), theme, fit, timeout
    )
    dpi = 96 if fmt == "png" else None
    return [
        run_dot(fitter.source(part, part.zoom, 1, 1), fmt, dpi=dpi, timeout=timeout)
        for part in parts
    ]


def write_tree_parts(
    tree: DecisionTree,
    output: str | Path,
    fmt: str | None = None,
    *,
    theme: str = "presentation",
    fit: tuple[int, int] = (1920, 1080),
    as_of: datetime.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Path]:
    """Write the parts: ``output`` for one, ``stem-1.ext``, ``stem-2.ext``... for several."""
    fmt = fmt or Path(output).suffix.lstrip(".").lower()
    parts = plan_tree_parts(tree, theme=theme, fit=fit, as_of=as_of, timeout=timeout)
    files = slide_files(output, len(parts))
    link = (lambda number: files[number - 1].name) if fmt == "svg" else None
    images = render_tree_parts(
        tree, theme=theme, fit=fit, fmt=fmt, as_of=as_of, timeout=timeout, link=link, parts=parts
    )
    return write_slides(images, output)
