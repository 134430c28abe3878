"""What the explorer's front end needs to draw a tree, as plain JSON, and the check of a
path the front end sends back.

The front end (``static/explorer.js``) walks the tree itself from this data, so a click is
drawn at once and costs one small message (the new path); the kernel checks the path with
:func:`walk_along` before it believes it. The same data, written into a page, is all a
static explorer needs.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> data = explorer_data(tree)
>>> data["root"], data["answers"]["citizenship"][1]["label"]
('citizenship', 'US citizen')
>>> walk_along(tree, ["citizenship", "work_location"]).facts
{'citizenship': 'us'}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..drawing.render import default_prefix
from ..model.dates import parse_as_of
from ..model.tree import DecisionTree
from ..model.vocabulary import VERDICTS
from ..model.walk import Walk
from ..outputs.cards import outcome_card_html

__all__ = ["explorer_data", "walk_along"]


def explorer_data(
    tree: DecisionTree, prefix: str | None = None, as_of: dt.date | str | None = None
) -> dict[str, Any]:
    """Every node's texts (outcomes with their card, already escaped HTML) and every
    question's answers offered on ``as_of`` (today when ``None``), keyed by node id; the
    element-id prefix of the drawing (default: the whole map's,
    :func:`~xborder_tree.drawing.render.default_prefix`; give a second drawing of the tree on the
    same page a prefix of its own)."""
    day = parse_as_of(as_of)
    nodes: dict[str, dict[str, Any]] = {}
    for node_id in tree.nodes:
        node = tree.node(node_id)
        if node["kind"] == "question":
            nodes[node_id] = {
                "kind": "question",
                "label": tree.label(node_id),
                "text": node["text"],
                "help": node.get("help", ""),
            }
        else:
            nodes[node_id] = {
                "kind": "outcome",
                "label": tree.label(node_id),
                "title": node["title"],
                "verdict": node["verdict"],
                "verdict_label": VERDICTS[node["verdict"]].split(":")[0],
                "card": outcome_card_html(tree, node_id, day),
            }
    answers = {
        question: [
            {"value": a.value, "label": a.label, "target": a.target, "note": a.note or ""}
            for a in tree.answers(question, day)
        ]
        for question in tree.questions
    }
    return {
        "id": tree.id,
        "title": tree.title,
        "prefix": default_prefix(tree) if prefix is None else prefix,
        "root": tree.root,
        "as_of": day.isoformat(),
        "nodes": nodes,
        "answers": answers,
    }


def walk_along(
    tree: DecisionTree, path: Sequence[str], as_of: dt.date | str | None = None
) -> Walk:
    """The walk the front end's ``path`` describes: :meth:`Walk.along`."""
    return Walk.along(tree, path, as_of)
