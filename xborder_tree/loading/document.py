"""Tree documents and trees: :func:`load_tree` reads and validates a file; the pair
:func:`tree_graph` and :func:`tree_data` turn a document into a tree and back, as in
``networkx.readwrite.json_graph``.

>>> tree = load_tree("trees/example-remote-work.json")
>>> tree_data(tree_graph(tree_data(tree))) == tree_data(tree)
True
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..model.errors import TreeError
from ..model.tree import DecisionTree
from .schema import check_tree_data, read_json

__all__ = ["load_tree", "tree_data", "tree_graph"]

_META_KEYS = (
    "$schema",
    "id",
    "title",
    "version",
    "last_reviewed",
    "summary",
    "sources",
    "facts",
    "pathways",
    "scope",
)


def tree_graph(data: Mapping[str, Any], source: str = "<data>") -> DecisionTree:
    """Validate a tree document and build the tree; raise ``TreeError`` listing every fault."""
    return _checked_tree(data, source, owned=False)


def _checked_tree(data: Any, source: str, *, owned: bool) -> DecisionTree:
    """Validate and build. A document the tree may own (just parsed from a file) is
    not copied: deep-copying took a third of the load time of a 2,000-node tree."""
    faults = check_tree_data(data, source)
    if faults:
        raise TreeError(faults)
    if not owned:
        data = copy.deepcopy(dict(data))
    graph = nx.node_link_graph(
        {
            "directed": True,
            "multigraph": False,
            "graph": {key: data[key] for key in _META_KEYS if key in data},
            "nodes": data["nodes"],
            "edges": _one_edge_per_pair(data["edges"]),
        },
        directed=True,
        multigraph=False,
        edges="edges",
    )
    return DecisionTree(graph, source)


def _one_edge_per_pair(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The graph has one edge per pair of nodes: answers that lead to the same node on
    different dates (validated) ride on the first as its ``alternatives``."""
    first: dict[tuple[str, str], dict[str, Any]] = {}
    merged = []
    for edge in edges:
        pair = (edge["source"], edge["target"])
        if pair in first:
            first[pair].setdefault("alternatives", []).append(
                {key: value for key, value in edge.items() if key not in ("source", "target")}
            )
        else:
            first[pair] = dict(edge)
            merged.append(first[pair])
    return merged


def tree_data(tree: DecisionTree) -> dict[str, Any]:
    """The tree document of a tree: the inverse of :func:`tree_graph`."""
    data = nx.node_link_data(tree.graph, edges="edges")
    document = copy.deepcopy(dict(data["graph"]))
    document["nodes"] = copy.deepcopy(data["nodes"])
    keys = ("source", "target", "label", "value", "note", "from", "until")
    document["edges"] = [
        {key: item[key] for key in keys if key in item}
        for edge in data["edges"]
        for item in (
            edge,
            *(
                {**alt, "source": edge["source"], "target": edge["target"]}
                for alt in edge.get("alternatives", ())
            ),
        )
    ]
    return document


def load_tree(path: str | Path) -> DecisionTree:
    """Read, validate and load one tree file. Never writes to the file.

    Raises ``TreeError`` (a ``ValueError``) listing every fault with its location.
    """
    return _checked_tree(read_json(path), str(path), owned=True)
