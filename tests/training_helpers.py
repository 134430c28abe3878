"""Small tree documents built in code for the training-feature tests (why-not, compare,
quiz, everywhere), and a brute-force reference for "fewest changed answers"."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLE
from xborder_tree import DecisionTree

_EXAMPLE = json.loads(EXAMPLE.read_text("utf-8"))
_OUTCOME = next(n for n in _EXAMPLE["nodes"] if n["kind"] == "outcome")


def outcome(
    node_id: str, title: str, pathways: list[str], verdict: str = "permit_required"
) -> dict[str, Any]:
    node = copy.deepcopy(_OUTCOME)
    node.update(id=node_id, title=title, short=title[:60], verdict=verdict, pathways=pathways)
    return node


def question(node_id: str, fact: str, text: str) -> dict[str, Any]:
    return {
        "id": node_id,
        "kind": "question",
        "text": text,
        "help": f"Help for {text}",
        "fact": fact,
    }


def edge(
    source: str, target: str, value: str, label: str, note: str | None = None
) -> dict[str, Any]:
    item = {"source": source, "target": target, "value": value, "label": label}
    if note:
        item["note"] = note
    return item


def branching_document(tree_id: str = "branching") -> dict[str, Any]:
    """Three paths reach ``permit``: (us, in_canada), (mexico, in_canada) and
    (mexico, remote_from_us, permanent)."""
    document = {
        key: copy.deepcopy(_EXAMPLE[key])
        for key in ("title", "version", "last_reviewed", "summary", "sources")
    }
    document["id"] = tree_id
    document["nodes"] = [
        question("citizenship", "citizenship", "Which citizenship?"),
        question("where_us", "work_location", "Where, as a US citizen?"),
        question("where_mx", "work_location", "Where, as a Mexican citizen?"),
        question("goal", "goal", "Temporary or permanent?"),
        outcome("citizen", "Citizen: no permit", ["ca-citizen-or-pr"], "allowed"),
        outcome("permit", "Permit needed", ["ca-lmia"]),
        outcome(
            "remote", "Remote: no Canadian permit", ["ca-no-permit-outside-canada"], "uncertain"
        ),
    ]
    document["edges"] = [
        edge("citizenship", "citizen", "canada", "Canadian"),
        edge(
            "citizenship",
            "where_us",
            "us",
            "US citizen",
            "A US citizen is a foreign national in Canada.",
        ),
        edge("citizenship", "where_mx", "mexico", "Mexican citizen"),
        edge("where_us", "permit", "in_canada", "In Canada", "Work in Canada needs a permit."),
        edge("where_us", "remote", "remote_from_us", "Remotely"),
        edge("where_mx", "permit", "in_canada", "In Canada"),
        edge("where_mx", "goal", "remote_from_us", "Remotely"),
        edge("goal", "remote", "temporary", "Temporary"),
        edge("goal", "permit", "permanent", "Permanent", "Permanent residence needs a permit."),
    ]
    return document


def fewest_changes(tree: DecisionTree, facts: dict[str, str], target: str) -> int:
    """Brute force: over every path to ``target``, the fewest answers differing from facts."""
    best = None
    for path in tree.paths_to(target):
        count = 0
        for source, nxt in itertools.pairwise(path):
            needed = next((a.value for a in tree.answers(source) if a.target == nxt), None)
            if needed is None:  # an answer not offered today: the path is closed
                break
            count += facts.get(tree.node(source)["fact"]) != needed
        else:
            best = count if best is None else min(best, count)
    assert best is not None
    return best


def scenario_facts(tree_path: Path) -> list[dict[str, str]]:
    """The fact sets of a tree's scenario file (none when it has no scenario file)."""
    scenarios = tree_path.with_name(tree_path.stem + ".scenarios.json")
    if not scenarios.exists():
        return [{}]
    return [dict(s["facts"]) for s in json.loads(scenarios.read_text("utf-8"))["scenarios"]]
