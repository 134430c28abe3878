"""Two paths on one diagram: two sets of facts (two personas, or one person before and after
a change) drawn together, the shared part and the split marked, with a legend.

Styles use Okabe-Ito colours and distinct dash patterns, so the diagram reads in grayscale:
shared path solid black, path A dashed blue, path B dotted vermillion; the split node gets a
yellow fill and a bold border.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> c = compare_paths(tree, {"citizenship": "canada"}, {"citizenship": "us"})
>>> c.shared, c.split, c.only_a, c.only_b
(('citizenship',), 'citizenship', ('canadian_citizen',), ('work_location',))
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import graphviz

from ..model.tree import DecisionTree, Resolution
from .export import DEFAULT_TIMEOUT, write_diagram
from .render import THEMES, default_prefix, to_digraph

__all__ = [
    "COMPARE_STYLES",
    "Comparison",
    "compare_digraph",
    "compare_paths",
    "comparison_json",
    "export_comparison",
]

COMPARE_STYLES: dict[str, dict[str, str]] = {
    "shared": {"color": "#000000", "style": "solid"},
    "a": {"color": "#0072B2", "style": "dashed"},
    "b": {"color": "#D55E00", "style": "dotted"},
}
"""Edge colour and dash style per part of the comparison (Okabe-Ito blue and vermillion)."""
SPLIT_FILL = "#F0E442"  # Okabe-Ito yellow


@dataclass(frozen=True)
class Comparison:
    """Where two sets of facts go in one tree, and where they part."""

    tree: DecisionTree
    a: Resolution
    b: Resolution
    labels: tuple[str, str] = ("A", "B")

    @property
    def shared(self) -> tuple[str, ...]:
        """The common prefix of both paths (always starts at the root)."""
        common = []
        for x, y in zip(self.a.path, self.b.path, strict=False):
            if x != y:
                break
            common.append(x)
        return tuple(common)

    @property
    def split(self) -> str | None:
        """The last shared node, where the paths part; ``None`` when the paths are equal."""
        return None if self.a.path == self.b.path else self.shared[-1]

    @property
    def only_a(self) -> tuple[str, ...]:
        return tuple(self.a.path[len(self.shared) :])

    @property
    def only_b(self) -> tuple[str, ...]:
        return tuple(self.b.path[len(self.shared) :])

    def edges(self, part: str) -> list[tuple[str, str]]:
        """The edges of ``shared``, ``a`` (A only) or ``b`` (B only)."""
        if part == "shared":
            nodes = list(self.shared)
        else:
            nodes = [*self.shared[-1:], *(self.only_a if part == "a" else self.only_b)]
        return list(itertools.pairwise(nodes))

    def summary(self) -> str:
        """One or two sentences saying where the paths part and where each ends."""
        tree = self.tree
        ends = []
        for label, res in zip(self.labels, (self.a, self.b), strict=True):
            end = res.outcome or res.pending or ""
            word = (
                tree.outcome_view(end, res.as_of)["title"]
                if res.outcome
                else f"waits at {tree.label(end)!r}"
            )
            ends.append(f"{label}: {word}")
        if self.split is None:
            return "Both follow the same path. " + "; ".join(ends) + "."
        ends_text = "; ".join(ends) + "."
        if self.split in (self.a.pending, self.b.pending):
            return f"The paths part after {tree.label(self.split)!r}. {ends_text}"
        return (
            f"The paths part at {tree.node(self.split)['text']!r} "
            f"({self.labels[0]}: {_value(self.a, self.split)}, "
            f"{self.labels[1]}: {_value(self.b, self.split)}). {ends_text}"
        )


def _value(resolution: Resolution, node: str) -> str:
    step = next((s for s in resolution.steps if s.node == node), None)
    return f'"{step.answer}"' if step else "no answer yet"


def compare_paths(
    tree: DecisionTree,
    facts_a: Mapping[str, str],
    facts_b: Mapping[str, str],
    labels: tuple[str, str] = ("A", "B"),
    as_of: Any = None,
) -> Comparison:
    """Resolve both sets of facts with the rules of ``as_of`` (today when ``None``;
    ``FactError`` for a value a question does not offer)."""
    return Comparison(
        tree,
        tree.resolve(facts_a, as_of).in_scope(),
        tree.resolve(facts_b, as_of).in_scope(),
        labels,
    )


def compare_digraph(
    comparison: Comparison, theme: str = "screen", prefix: str | None = None
) -> graphviz.Digraph:
    """The whole tree with both paths drawn, the split marked, and a legend.

    Built on :func:`render.to_digraph`: the graph is made ``strict`` so the later statements
    for the same nodes and edges restyle them instead of adding new ones. Element ids stay
    as in ``render``; marked elements get the classes ``xt_shared``, ``xt_path_a``,
    ``xt_path_b`` and ``xt_split``.
    """
    tree = comparison.tree
    style = THEMES[theme]
    prefix = default_prefix(tree) if prefix is None else prefix
    dot = to_digraph(tree, theme, None, prefix)
    dot.strict = True
    width = str(style.penwidth * 2.4)
    node_class = {n: "xt_node" for n in tree.nodes}
    for part, nodes in (
        ("shared", comparison.shared),
        ("a", comparison.only_a),
        ("b", comparison.only_b),
    ):
        colours = COMPARE_STYLES[part]
        for node in nodes:
            dot.node(
                node,
                color=colours["color"],
                penwidth=width,
                **{
                    "class": _classes(
                        tree, node, f"xt_{'shared' if part == 'shared' else 'path_' + part}"
                    )
                },
            )
            node_class[node] = part
        for source, target in comparison.edges(part):
            dot.edge(
                source,
                target,
                color=colours["color"],
                fontcolor=colours["color"],
                style=colours["style"],
                penwidth=width,
                **{"class": f"xt_edge xt_{'shared' if part == 'shared' else 'path_' + part}"},
            )
    if comparison.split is not None:
        dot.node(
            comparison.split,
            fillcolor=SPLIT_FILL,
            style="rounded,filled,bold" if not tree.is_outcome(comparison.split) else "filled,bold",
            xlabel=_html_label(f"{comparison.labels[0]} / {comparison.labels[1]} split"),
            **{"class": _classes(tree, comparison.split, "xt_shared xt_split")},
        )
    for part, end in (("a", comparison.a), ("b", comparison.b)):
        last = end.outcome or end.pending
        label = comparison.labels[0 if part == "a" else 1]
        if last is not None and last != comparison.split:
            dot.node(last, xlabel=_html_label(label, COMPARE_STYLES[part]["color"]))
    dot.subgraph(_legend(comparison, theme, prefix))
    return dot


def _classes(tree: DecisionTree, node: str, extra: str) -> str:
    data = tree.node(node)
    kind = (
        "xt_question" if data["kind"] == "question" else f"xt_outcome xt_verdict_{data['verdict']}"
    )
    return f"xt_node {kind} {extra}"


def _html_label(text: str, colour: str = "#000000") -> str:
    """An HTML-like label of escaped, untrusted text (Graphviz needs ``<...>``)."""
    return f'<<B><FONT COLOR="{colour}">{html.escape(text, quote=True)}</FONT></B>>'


def _legend(comparison: Comparison, theme: str, prefix: str) -> graphviz.Digraph:
    """A cluster of three short sample edges, labelled. Node ids hold ``__``, which tree ids
    never do, so they cannot clash."""
    style = THEMES[theme]
    legend = graphviz.Digraph(name="cluster_legend__")
    legend.attr(
        label="Legend",
        fontname=style.fontname,
        style="rounded",
        color="#777777",
        id=prefix + "legend",
    )
    legend.attr("node", shape="point", width="0.05", label="")
    rows = (
        ("shared", "shared path"),
        ("a", f"{comparison.labels[0]} only"),
        ("b", f"{comparison.labels[1]} only"),
    )
    for part, text in rows:
        colours = COMPARE_STYLES[part]
        legend.body.append(f"{{rank=same; legend__{part}_from; legend__{part}_to}}")
        legend.edge(
            f"legend__{part}_from",
            f"legend__{part}_to",
            label=_html_label(text, colours["color"]),
            color=colours["color"],
            style=colours["style"],
            penwidth=str(style.penwidth * 2.4),
            arrowhead="none",
        )
    legend.node(
        "legend__split",
        shape="box",
        style="rounded,filled,bold",
        fillcolor=SPLIT_FILL,
        label=_html_label("split: where the paths part"),
        width="0.1",
    )
    return legend


def export_comparison(
    comparison: Comparison,
    path: str | Path,
    fmt: str | None = None,
    *,
    theme: str = "screen",
    dpi: int | None = None,
    timeout: float | None = None,
) -> Path:
    """Write the comparison diagram as SVG, PNG or PDF (format from the suffix by default)."""
    source = compare_digraph(comparison, theme).source
    return write_diagram(source, path, fmt, dpi=dpi, timeout=timeout or DEFAULT_TIMEOUT)


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """Both resolutions, the shared path and the split, as JSON."""
    return {
        "tree": comparison.tree.id,
        "labels": list(comparison.labels),
        "a": comparison.a.to_json(),
        "b": comparison.b.to_json(),
        "shared": list(comparison.shared),
        "split": comparison.split,
        "summary": comparison.summary(),
    }
