"""What is due for review in the trees: dated rules that have ended or end soon, and outcomes
whose review date has come.

- an outcome is **overdue** when its ``review_by`` (default: ``last_reviewed`` + 365 days)
  is before the date of the review, and **due** when it falls within ``within`` days;
- a window (``until`` of an item, answer, misconception or outcome) that has **ended** is
  overdue unless the outcome it belongs to (for an answer: the outcome or question it leads
  to, else the tree) was reviewed after it ended, since an end date is a prediction that
  someone must confirm (a rule may be extended);
- a window **ending** within ``within`` days is listed so that it can be checked in time.

>>> from xborder_tree import load_tree
>>> tree = load_tree("tests/fixtures/dated-example.json")
>>> for item in review_tree(tree, as_of="2027-01-01"):
...     print(item.status, item.node, item.message)
overdue permit_needed review by 2026-12-31 has passed (last reviewed 2026-11-21)
overdue permit_with_fee review by 2026-12-31 has passed (last reviewed 2026-11-21)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..loading.document import load_tree
from ..loading.schema import read_json
from ..model.dates import date_or_none, parse_as_of, review_by
from ..model.tree import DecisionTree

__all__ = ["DEFAULT_WITHIN_DAYS", "ReviewItem", "review_tree", "review_trees"]

DEFAULT_WITHIN_DAYS = 60
"""How far ahead ``review`` looks for windows that end and reviews that fall due."""

_DATED_LISTS = ("next_steps", "documents", "caveats", "misconceptions")


@dataclass(frozen=True)
class ReviewItem:
    """One thing due: ``status`` is ``overdue``, ``due``, ``ending`` or ``ended``."""

    status: str
    tree: str
    location: str
    node: str | None
    message: str
    date: dt.date

    @property
    def overdue(self) -> bool:
        return self.status == "overdue"

    def line(self) -> str:
        where = f"{self.location} (node {self.node!r})" if self.node else self.location
        return f"{self.status:<7} {self.tree} {where}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "tree": self.tree,
            "location": self.location,
            "node": self.node,
            "message": self.message,
            "date": self.date.isoformat(),
        }


def _windows(document: Mapping[str, Any]) -> Iterator[tuple[str, str | None, Any, Any]]:
    """``(location, node, until, reviewed)`` of every window with an end in a tree document:
    ``reviewed`` is the ``last_reviewed`` that vouches for it."""
    nodes = [n for n in document.get("nodes", []) if isinstance(n, dict)]
    reviewed = {n.get("id"): n.get("last_reviewed") for n in nodes}
    for index, node in enumerate(document.get("nodes", [])):
        if not isinstance(node, dict) or node.get("kind") != "outcome":
            continue
        where = f"/nodes/{index}"
        if "until" in node:
            yield f"{where}/until", node["id"], node["until"], node.get("last_reviewed")
        for key in _DATED_LISTS:
            for position, item in enumerate(node.get(key, [])):
                if isinstance(item, dict) and "until" in item:
                    location = f"{where}/{key}/{position}/until"
                    yield location, node["id"], item["until"], node.get("last_reviewed")
    for index, edge in enumerate(document.get("edges", [])):
        if isinstance(edge, dict) and "until" in edge:
            vouch = reviewed.get(edge.get("target")) or document.get("last_reviewed")
            yield f"/edges/{index}/until", edge.get("source"), edge["until"], vouch


def review_tree(
    tree: DecisionTree,
    document: Mapping[str, Any] | None = None,
    *,
    as_of: dt.date | str | None = None,
    within: int = DEFAULT_WITHIN_DAYS,
) -> list[ReviewItem]:
    """Everything due in one tree on ``as_of`` (today when ``None``), looking ``within`` days
    ahead. ``document`` is the tree file as read (for JSON locations); default: its source."""
    day = parse_as_of(as_of)
    horizon = day + dt.timedelta(days=within)
    if document is None:
        document = read_json(tree.source) if tree.source else {}
    found: list[ReviewItem] = []
    for index, node in enumerate(document.get("nodes", [])):
        if not isinstance(node, dict) or node.get("kind") != "outcome":
            continue
        due = review_by(node)
        if due is None or due > horizon:
            continue
        status = "overdue" if due < day else "due"
        verb = "has passed" if due < day else "is coming"
        found.append(
            ReviewItem(
                status,
                tree.id,
                f"/nodes/{index}",
                node["id"],
                f"review by {due} {verb} (last reviewed {node.get('last_reviewed')})",
                due,
            )
        )
    for location, node_id, until, vouched in _windows(document):
        end, checked = date_or_none(until), date_or_none(vouched)
        if end is None or end > horizon:
            continue
        if end >= day:
            days = (end - day).days
            message = f"window ends {end} (in {days} day{'s' if days != 1 else ''})"
            found.append(ReviewItem("ending", tree.id, location, node_id, message, end))
        elif checked is not None and checked > end:
            if (day - end).days > within:
                continue  # confirmed long ago: no longer news
            message = f"window ended {end}; reviewed since ({checked})"
            found.append(ReviewItem("ended", tree.id, location, node_id, message, end))
        else:
            message = f"window ended {end}, not reviewed since (last reviewed {vouched})"
            found.append(ReviewItem("overdue", tree.id, location, node_id, message, end))
    order = {"overdue": 0, "due": 1, "ending": 2, "ended": 3}
    return sorted(found, key=lambda item: (order[item.status], item.date))


def review_trees(
    paths: Iterable[str | Path],
    *,
    as_of: dt.date | str | None = None,
    within: int = DEFAULT_WITHIN_DAYS,
) -> list[ReviewItem]:
    """:func:`review_tree` over tree files (each validated first: ``TreeError`` if invalid)."""
    found: list[ReviewItem] = []
    for path in paths:
        tree = load_tree(path)
        found += review_tree(tree, read_json(path), as_of=as_of, within=within)
    return found
