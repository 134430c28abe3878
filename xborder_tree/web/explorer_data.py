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
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..drawing.render import default_prefix
from ..loading.document import tree_data
from ..model.dates import parse_as_of
from ..model.tree import DecisionTree
from ..model.vocabulary import VERDICTS
from ..model.walk import Walk
from ..outputs.cards import outcome_card_html
from ..outputs.report import why_sentence

__all__ = ["FIRST_RULE_YEAR", "explorer_data", "periods", "rule_years", "walk_along"]

FIRST_RULE_YEAR = 2020
"""The first year whose rules the trees record: USMCA (CUSMA, T-MEC), on which the trees'
cross-border rules rest, entered into force on 1 July 2020; what applied before is not in
any tree. A tree with a dated rule before it starts with that rule's year."""


def _dated(value: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        if "from" in value or "until" in value:
            yield value
        for item in value.values():
            yield from _dated(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dated(item)


def periods(tree: DecisionTree) -> list[dt.date | None]:
    """The first day of each period in which the tree's dated rules do not change (``None``:
    every day before the first change); a tree without dates has one period.

    >>> from xborder_tree import load_tree
    >>> periods(load_tree("trees/example-remote-work.json"))
    [None]
    >>> periods(load_tree("trees/work-in-mexico.json"))[-1]
    datetime.date(2036, 7, 1)
    """
    starts: set[dt.date] = set()
    for item in _dated(tree_data(tree)):
        if item.get("from"):
            starts.add(parse_as_of(str(item["from"])))
        if item.get("until") and parse_as_of(str(item["until"])) < dt.date.max:
            starts.add(parse_as_of(str(item["until"])) + dt.timedelta(days=1))
    ordered = sorted(starts)  # a rule from the first day a date can have: no day before it
    return [*ordered] if ordered and ordered[0] == dt.date.min else [None, *ordered]


def rule_years(tree: DecisionTree) -> tuple[int, int]:
    """The years whose rules the tree gives: from :data:`FIRST_RULE_YEAR` (or the year of an
    earlier dated rule) to the later of the year after the tree's last review and the year of
    its last dated change. The explorer's date field refuses a date outside them.

    >>> from xborder_tree import load_tree
    >>> rule_years(load_tree("trees/work-in-mexico.json"))
    (2020, 2036)
    >>> rule_years(load_tree("trees/example-remote-work.json"))
    (2020, 2027)
    """
    changes = [day.year for day in periods(tree) if day is not None]
    reviewed = parse_as_of(str(tree.meta["last_reviewed"])).year
    return min([FIRST_RULE_YEAR, *changes]), max([min(reviewed + 1, dt.MAXYEAR), *changes])


def explorer_data(
    tree: DecisionTree, prefix: str | None = None, as_of: dt.date | str | None = None
) -> dict[str, Any]:
    """Every node's texts (outcomes with their card, already escaped HTML) and every
    question's answers offered on ``as_of`` (today when ``None``, each with its "why"
    sentence), keyed by node id; the years the rules cover (:func:`rule_years`), the verdicts
    in words; the
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
            {
                "value": a.value,
                "label": a.label,
                "target": a.target,
                "note": a.note or "",
                "why": why_sentence(tree.node(question)["text"], a.label, a.note),
            }
            for a in tree.answers(question, day)
        ]
        for question in tree.questions
    }
    first, last = rule_years(tree)
    return {
        "id": tree.id,
        "title": tree.title,
        "prefix": default_prefix(tree) if prefix is None else prefix,
        "root": tree.root,
        "as_of": day.isoformat(),
        "years": [first, last],
        "dated": len(periods(tree)) > 1,
        "verdicts": dict(VERDICTS),
        "nodes": nodes,
        "answers": answers,
    }


def walk_along(tree: DecisionTree, path: Sequence[str], as_of: dt.date | str | None = None) -> Walk:
    """The walk the front end's ``path`` describes: :meth:`Walk.along`."""
    return Walk.along(tree, path, as_of)
