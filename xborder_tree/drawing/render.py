"""A tree as a ``graphviz.Digraph``: themes, stable element ids, and path highlights.

Every node and edge gets an SVG element id and classes (documented in ``docs/diagrams.md``):

- node ``<prefix>n_<node id>``, classes ``xt_node`` plus ``xt_question`` or
  ``xt_outcome xt_verdict_<verdict>``;
- edge ``<prefix>e_<source>__<target>``, class ``xt_edge``.

Node ids never contain ``__``, so edge ids are unambiguous. A highlight can therefore be
applied to an SVG already laid out, by id, without running Graphviz again
(:func:`highlight_svg`, :func:`highlight_css`).

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> node_element_id(tree, "citizenship")
'xt_example_remote_work_n_citizenship'
>>> 'class="xt_node xt_question"' in to_digraph(tree).source
True
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import graphviz

from ..model.dates import applies
from ..model.errors import UsageError
from ..model.tree import Answer, DecisionTree
from ..model.vocabulary import VERDICTS
from ..model.walk import Walk
from .labels import plain_label
from .labels import tooltip as _tooltip

__all__ = [
    "THEMES",
    "Highlight",
    "Theme",
    "base_digraph",
    "default_prefix",
    "edge_attrs",
    "edge_element_id",
    "highlight_css",
    "highlight_svg",
    "node_attrs",
    "node_element_id",
    "off_date_css",
    "plain_label",
    "to_digraph",
]


@dataclass(frozen=True)
class Theme:
    """Sizes and colours of one diagram style."""

    name: str
    fontname: str
    fontsize: int
    edge_fontsize: int
    wrap: int
    edge_wrap: int
    penwidth: float
    question_fill: str
    question_border: str
    edge_color: str
    highlight: str
    current_fill: str
    verdict_fill: Mapping[str, str]
    verdict_border: Mapping[str, str]
    verdict_style: Mapping[str, str] = field(
        default_factory=lambda: {
            "allowed": "filled",
            "permit_required": "filled",
            "not_eligible": "filled,dotted",
            "not_compliant": "filled,bold",
            "uncertain": "filled,dashed",
        }
    )
    graph_attr: Mapping[str, str] = field(default_factory=dict)


# Okabe-Ito colours: distinguishable with every common colour-vision deficiency; "not
# eligible" is a neutral grey (a route closed, nothing unlawful) with a dotted border.
_OKABE_ITO = {
    "allowed": "#009E73",
    "permit_required": "#0072B2",
    "not_eligible": "#6E6E6E",
    "not_compliant": "#D55E00",
    "uncertain": "#E69F00",
}

THEMES: dict[str, Theme] = {
    "screen": Theme(
        name="screen",
        fontname="Helvetica",
        fontsize=12,
        edge_fontsize=10,
        wrap=28,
        edge_wrap=22,
        penwidth=1.2,
        question_fill="#EEF2F7",
        question_border="#44546A",
        edge_color="#5B6770",
        highlight="#CC79A7",
        current_fill="#F5D5E6",
        verdict_fill={
            "allowed": "#D4EFE4",
            "permit_required": "#D3E5F4",
            "not_eligible": "#E8E8E8",
            "not_compliant": "#F8DCCB",
            "uncertain": "#FCEBC5",
        },
        verdict_border=_OKABE_ITO,
        graph_attr={"ranksep": "0.45", "nodesep": "0.3"},
    ),
    "presentation": Theme(
        name="presentation",
        fontname="Helvetica-Bold",
        fontsize=22,
        edge_fontsize=18,
        wrap=22,
        edge_wrap=18,
        penwidth=2.5,
        question_fill="#FFFFFF",
        question_border="#000000",
        edge_color="#000000",
        highlight="#000000",
        current_fill="#FFE9A8",
        # Light fills of distinct grey value, so verdicts stay apart in grayscale print;
        # the border style and the verdict word in the label carry the verdict too.
        verdict_fill={
            "allowed": "#FFFFFF",
            "permit_required": "#DCEBF7",
            "not_eligible": "#EDEDED",
            "not_compliant": "#F4C7A8",
            "uncertain": "#FBE3B0",
        },
        verdict_border=_OKABE_ITO,
        graph_attr={"ranksep": "0.7", "nodesep": "0.5", "pad": "0.3"},
    ),
}


@dataclass(frozen=True)
class Highlight:
    """The nodes and edges of a path, and the node the person is at."""

    nodes: frozenset[str] = frozenset()
    edges: frozenset[tuple[str, str]] = frozenset()
    current: str | None = None

    @classmethod
    def from_path(cls, path: list[str]) -> Highlight:
        return cls(
            frozenset(path),
            frozenset(itertools.pairwise(path)),
            path[-1] if path else None,
        )

    @classmethod
    def from_walk(cls, walk: Walk) -> Highlight:
        return cls.from_path(walk.path)

    @classmethod
    def from_facts(
        cls, tree: DecisionTree, facts: Mapping[str, str], as_of: dt.date | str | None = None
    ) -> Highlight:
        return cls.from_path(tree.resolve(facts, as_of).in_scope().path)


def default_prefix(tree: DecisionTree) -> str:
    """Element-id prefix unique per tree: ``xt_<tree id with _ for ->_``."""
    return "xt_" + tree.id.replace("-", "_") + "_"


def node_element_id(tree: DecisionTree, node: str, prefix: str | None = None) -> str:
    return f"{default_prefix(tree) if prefix is None else prefix}n_{node}"


def edge_element_id(tree: DecisionTree, source: str, target: str, prefix: str | None = None) -> str:
    return f"{default_prefix(tree) if prefix is None else prefix}e_{source}__{target}"


def to_digraph(
    tree: DecisionTree,
    theme: str = "screen",
    highlight: Highlight | None = None,
    prefix: str | None = None,
    as_of: dt.date | None = None,
) -> graphviz.Digraph:
    """The whole tree as a Digraph: questions as rounded boxes, outcomes as notes coloured
    by verdict, answers on the edges; ``highlight`` draws a path in the theme's accent.

    With ``as_of``, answers and outcomes not in force on that date are drawn dashed, with
    the class ``xt_off``; without it every answer is drawn alike."""
    if theme not in THEMES:
        raise UsageError(f"unknown theme: {theme!r} (must be one of {sorted(THEMES)})")
    style = THEMES[theme]
    prefix = default_prefix(tree) if prefix is None else prefix
    lit = highlight or Highlight()
    dot = base_digraph(style, prefix)
    for node_id in tree.nodes:
        on, current = node_id in lit.nodes, node_id == lit.current
        dot.node(node_id, **node_attrs(tree, node_id, style, prefix, on, current, as_of))
    for source in tree.questions:
        for answer in drawn_answers(tree, source, as_of):
            on = (source, answer.target) in lit.edges
            dot.edge(source, answer.target, **edge_attrs(tree, answer, style, prefix, on, as_of))
    return dot


def drawn_answers(tree: DecisionTree, question: str, as_of: dt.date | None) -> list[Answer]:
    """One answer per arrow: where answers lead to the same node on different dates, the one
    offered on ``as_of`` (today when ``None``), else the first."""
    day = as_of or dt.date.today()
    chosen: dict[str, Answer] = {}
    for answer in tree.all_answers(question):
        held = chosen.get(answer.target)
        if held is None or (answer.offered_on(day) and not held.offered_on(day)):
            chosen[answer.target] = answer
    return list(chosen.values())


def base_digraph(style: Theme, prefix: str) -> graphviz.Digraph:
    """An empty top-to-bottom Digraph with the theme's fonts, pens and spacing."""
    dot = graphviz.Digraph(
        name=prefix + "graph",
        graph_attr={
            "id": prefix + "graph",
            "rankdir": "TB",
            "bgcolor": "white",
            "fontname": style.fontname,
            **style.graph_attr,
        },
    )
    dot.attr(
        "node",
        fontname=style.fontname,
        fontsize=str(style.fontsize),
        penwidth=str(style.penwidth),
        margin="0.15,0.08",
    )
    dot.attr(
        "edge",
        fontname=style.fontname,
        fontsize=str(style.edge_fontsize),
        color=style.edge_color,
        fontcolor="#222222",
        penwidth=str(style.penwidth),
    )
    return dot


def node_attrs(
    tree: DecisionTree,
    node_id: str,
    style: Theme,
    prefix: str,
    on: bool,
    current: bool,
    as_of: dt.date | None = None,
) -> dict[str, str]:
    """Graphviz attributes of one node as every diagram draws it: shape and colours by kind
    and verdict, escaped label and tooltip, element id and classes (``xt_on``, ``xt_current``;
    ``xt_off``, dashed, for an outcome not in force on ``as_of`` when that is given).
    """
    node = tree.node(node_id)
    attrs = {"id": node_element_id(tree, node_id, prefix)}
    if node["kind"] == "question":
        attrs.update(
            shape="box",
            style="rounded,filled",
            fillcolor=style.question_fill,
            color=style.question_border,
            class_="xt_node xt_question",
            label=plain_label(tree.label(node_id), style.wrap),
            tooltip=_tooltip(node["help"]),
        )
    else:
        verdict = node["verdict"]
        text = f"{tree.label(node_id)} [{VERDICTS[verdict].split(':')[0]}]"
        attrs.update(
            shape="note",
            style=style.verdict_style[verdict],
            fillcolor=style.verdict_fill[verdict],
            color=style.verdict_border[verdict],
            class_=f"xt_node xt_outcome xt_verdict_{verdict}",
            label=plain_label(text, style.wrap),
            tooltip=_tooltip(node["summary"]),
        )
    if as_of is not None and node["kind"] == "outcome" and not applies(node, as_of):
        attrs.update(style=attrs["style"] + ",dashed", color="#999999", fontcolor="#777777")
        attrs["class_"] += " xt_off"
    if on:
        attrs.update(color=style.highlight, penwidth=str(style.penwidth * 2.4))
        attrs["class_"] += " xt_on"
    if current:
        attrs["class_"] += " xt_current"
        if node["kind"] == "question":
            attrs["fillcolor"] = style.current_fill
    return _dot_attrs(attrs)


def edge_attrs(
    tree: DecisionTree,
    answer: Answer,
    style: Theme,
    prefix: str,
    on: bool,
    as_of: dt.date | None = None,
) -> dict[str, str]:
    """Graphviz attributes of one answer edge: element id, class, escaped label and tooltip
    (``xt_off``, dashed grey, when not offered on ``as_of`` and that is given)."""
    attrs = {
        "id": edge_element_id(tree, answer.source, answer.target, prefix),
        "class_": "xt_edge",
        "label": plain_label(answer.label, style.edge_wrap),
        "tooltip": _tooltip(answer.note or answer.label),
    }
    if as_of is not None and not answer.offered_on(as_of):
        attrs.update(style="dashed", color="#999999", fontcolor="#777777")
        attrs["class_"] += " xt_off"
    if on:
        attrs.update(
            color=style.highlight,
            penwidth=str(style.penwidth * 2.4),
            fontcolor=style.highlight,
        )
        attrs["class_"] += " xt_on"
    return _dot_attrs(attrs)


def _dot_attrs(attrs: dict[str, str]) -> dict[str, str]:
    return {key.rstrip("_"): value for key, value in attrs.items()}


_GROUP = re.compile(r'<g id="([A-Za-z0-9_]+)" class="([^"]*)"')


def highlight_svg(
    svg: str, tree: DecisionTree, highlight: Highlight, prefix: str | None = None
) -> str:
    """Mark a path on an SVG already laid out: adds ``xt_on`` (and ``xt_current``) classes to
    the path's elements and removes them elsewhere. No Graphviz run."""
    wanted = _highlight_classes(tree, highlight, prefix)

    def mark(match: re.Match[str]) -> str:
        element, classes = match.group(1), match.group(2)
        kept = [c for c in classes.split() if c not in ("xt_on", "xt_current")]
        return f'<g id="{element}" class="{" ".join(kept + wanted.get(element, []))}"'

    return _GROUP.sub(mark, svg)


def _highlight_classes(
    tree: DecisionTree, highlight: Highlight, prefix: str | None
) -> dict[str, list[str]]:
    wanted: dict[str, list[str]] = {}
    for node in highlight.nodes:
        wanted[node_element_id(tree, node, prefix)] = ["xt_on"]
    for source, target in highlight.edges:
        wanted[edge_element_id(tree, source, target, prefix)] = ["xt_on"]
    if highlight.current is not None:
        wanted.setdefault(node_element_id(tree, highlight.current, prefix), []).append("xt_current")
    return wanted


def off_date_css(tree: DecisionTree, as_of: dt.date, prefix: str | None = None) -> str:
    """A stylesheet that dashes, on a diagram already laid out, the answers not offered and
    the outcomes not in force on ``as_of`` (empty when every one applies)."""
    off = [
        edge_element_id(tree, source, answer.target, prefix)
        for source in tree.questions
        for answer in drawn_answers(tree, source, as_of)
        if not answer.offered_on(as_of)
    ] + [
        node_element_id(tree, node, prefix)
        for node in tree.outcomes
        if not applies(tree.node(node), as_of)
    ]
    if not off:
        return ""
    shapes = ", ".join(f"#{e} path, #{e} polygon, #{e} polyline" for e in off)
    return f"{shapes} {{ stroke-dasharray: 5 4; opacity: 0.5; }}\n"


def highlight_css(
    tree: DecisionTree, highlight: Highlight, theme: str = "screen", prefix: str | None = None
) -> str:
    """A small stylesheet that draws ``highlight`` on an inline SVG by element id.

    Sending this (a few hundred bytes) is all an answer costs the live diagram.
    """
    style = THEMES[theme]
    node_ids = sorted(node_element_id(tree, node, prefix) for node in highlight.nodes)
    edge_ids = sorted(
        edge_element_id(tree, source, target, prefix) for source, target in highlight.edges
    )
    width = style.penwidth * 2.4
    rules = []
    marked = [f"#{element}" for element in node_ids + edge_ids]
    if marked:
        shapes = ", ".join(f"{sel} path, {sel} polygon, {sel} polyline" for sel in marked)
        rules.append(f"{shapes} {{ stroke: {style.highlight}; stroke-width: {width}px; }}")
    if edge_ids:
        texts = ", ".join(f"#{element} text" for element in edge_ids)
        rules.append(f"{texts} {{ fill: {style.highlight}; font-weight: bold; }}")
    if highlight.current is not None:
        current = node_element_id(tree, highlight.current, prefix)
        rules.append(f"#{current} polygon {{ fill: {style.current_fill}; }}")
    return "\n".join(rules)
