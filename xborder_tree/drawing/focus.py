"""The focus view of a path: the part of a tree a person needs to see at one step.

For a path ``[n0, ..., nk]`` (``nk`` is the node the person is at), a :class:`Focus` holds

- the **path**: its nodes and the answers taken between them;
- the **stubs**: at every answered question ``ni`` (``i < k``), each answer not taken
  (choosing one means answering step ``i`` differently);
- the **ahead** part: the nodes reachable from ``nk`` within ``depth`` answers, with those
  answers (nothing when ``nk`` is an outcome).

Pure Python, no Graphviz: drawings are made from it by ``render_focus.focus_digraph``.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> view = focus(tree, ["citizenship", "work_location"])
>>> view.current, view.path_edges
('work_location', (('citizenship', 'work_location'),))
>>> [(stub.step, stub.question, stub.value, stub.target) for stub in view.stubs]
[(0, 'citizenship', 'canada', 'canadian_citizen')]
>>> view.ahead
('permit_needed', 'outside_canada')
>>> focus(tree, ["citizenship", "canadian_citizen"]).ahead
()
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model.dates import parse_as_of
from ..model.errors import FactError, UsageError
from ..model.tree import Answer, DecisionTree

__all__ = ["Focus", "Stub", "focus", "offered_answers"]


@dataclass(frozen=True)
class Stub:
    """An answer not taken at step ``step`` of the path: question ``question`` answered
    ``value`` (shown as ``label``) would lead to ``target`` instead."""

    step: int
    question: str
    value: str
    label: str
    target: str


@dataclass(frozen=True)
class Focus:
    """The node ids and answers of the three parts of a focus view (see the module)."""

    path: tuple[str, ...]
    path_edges: tuple[tuple[str, str], ...]
    stubs: tuple[Stub, ...]
    ahead: tuple[str, ...]
    ahead_edges: tuple[tuple[str, str], ...]
    open_ends: tuple[str, ...]
    """Questions of ``ahead`` whose own answers lie beyond ``depth`` and are not shown."""
    depth: int
    as_of: datetime.date | None = None
    """The date whose answers the view shows (``None``: today)."""

    @property
    def current(self) -> str:
        """The node the person is at: the last node of the path."""
        return self.path[-1]

    @property
    def nodes(self) -> tuple[str, ...]:
        """Every tree node drawn in full: the path, then the ahead part (stubs are not nodes)."""
        return self.path + self.ahead

    @property
    def edges(self) -> tuple[tuple[str, str], ...]:
        """Every answer drawn between full nodes: the path's, then the ahead part's."""
        return self.path_edges + self.ahead_edges

    def answer(self, tree: DecisionTree, source: str, target: str) -> Answer:
        """The answer drawn from ``source`` to ``target`` (offered on the view's date)."""
        for answer in offered_answers(tree, source, self.as_of):
            if answer.target == target:
                return answer
        raise FactError(f"no answer of {source!r} leads to {target!r} in tree {tree.id!r}")

    def to_json(self) -> dict[str, Any]:
        """The focus as plain JSON data (for a front end that draws it itself)."""
        return {
            "path": list(self.path),
            "path_edges": [list(edge) for edge in self.path_edges],
            "stubs": [
                {
                    "step": stub.step,
                    "question": stub.question,
                    "value": stub.value,
                    "label": stub.label,
                    "target": stub.target,
                }
                for stub in self.stubs
            ],
            "ahead": list(self.ahead),
            "ahead_edges": [list(edge) for edge in self.ahead_edges],
            "open_ends": list(self.open_ends),
            "depth": self.depth,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
        }


def offered_answers(
    tree: DecisionTree, question: str, as_of: datetime.date | None = None
) -> tuple[Answer, ...]:
    """The answers ``question`` offers on ``as_of`` (today when ``None``)."""
    return tree.answers(question, as_of)


def focus(
    tree: DecisionTree,
    path: Sequence[str],
    depth: int = 2,
    as_of: datetime.date | str | None = None,
) -> Focus:
    """The focus view of ``path`` (node ids, usually from the root; empty means ``[root]``)
    with the answers offered on ``as_of`` (a date or ``YYYY-MM-DD``; today when ``None``).

    Raises ``FactError`` when a node is not in the tree or two consecutive nodes are not
    joined by an answer offered on ``as_of``, and ``ValueError`` for a negative ``depth``.
    """
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, not {depth}")
    as_of = None if as_of is None else parse_as_of(as_of)
    nodes = tuple(path) or (tree.root,)
    for node in nodes:
        tree.node(node)
    stubs: list[Stub] = []
    for step, (source, target) in enumerate(itertools.pairwise(nodes)):
        offered = offered_answers(tree, source, as_of)
        if not any(answer.target == target for answer in offered):
            raise FactError(
                f"{target!r} does not follow {source!r} by any answer in tree {tree.id!r}: "
                "a path must go from each node to one of its answers' targets"
            )
        stubs.extend(
            Stub(step, source, answer.value, answer.label, answer.target)
            for answer in offered
            if answer.target != target
        )
    ahead, ahead_edges, open_ends = _reachable(tree, nodes[-1], depth, as_of)
    return Focus(
        path=nodes,
        path_edges=tuple(itertools.pairwise(nodes)),
        stubs=tuple(stubs),
        ahead=ahead,
        ahead_edges=ahead_edges,
        open_ends=open_ends,
        depth=depth,
        as_of=as_of,
    )


def _reachable(
    tree: DecisionTree, start: str, depth: int, as_of: datetime.date | None
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Breadth-first from ``start``: nodes within ``depth`` answers (in the order met), the
    answers leaving nodes nearer than ``depth``, and the questions left unexpanded."""
    distance = {start: 0}
    order: list[str] = []
    edges: list[tuple[str, str]] = []
    frontier = [start]
    for level in range(depth):
        following: list[str] = []
        for node in frontier:
            for answer in offered_answers(tree, node, as_of):
                edges.append((node, answer.target))
                if answer.target not in distance:
                    distance[answer.target] = level + 1
                    order.append(answer.target)
                    following.append(answer.target)
        frontier = following
    open_ends = tuple(
        node for node in frontier if node != start and offered_answers(tree, node, as_of)
    )
    return tuple(order), tuple(dict.fromkeys(edges)), open_ends
