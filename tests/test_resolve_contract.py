"""``resolve --json`` reports the text a person sees, exactly as the shared contract says:
``as_of``, and in ``outcome`` the title, verdict, pathways, summary, next steps, documents,
caveats and misconceptions ``{claim, correction}``, after dated items are applied."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import DecisionTree, load_tree
from xborder_tree.cli.main import main

from .conftest import ROOT, TREES

DATED = ROOT / "tests" / "fixtures" / "dated-example.json"
TOP = {
    "tree",
    "status",
    "complete",
    "steps",
    "pending",
    "as_of",
    "outcome",
    "out_of_scope",
    "unused",
}
OUTCOME = {
    "node",
    "title",
    "verdict",
    "pathways",
    "summary",
    "next_steps",
    "documents",
    "caveats",
    "misconceptions",
}
STEP = {"node", "fact", "question", "value", "answer"}
PENDING = {"node", "fact", "question", "values"}
TREE_FILES = sorted(
    p for p in TREES.glob("*.json") if not p.name.endswith((".scenarios.json", ".quiz.json"))
)


def _facts_for(tree: DecisionTree, path: list[str], as_of: str) -> dict[str, str] | None:
    facts = {}
    for question, target in itertools.pairwise(path):
        offered = [a for a in tree.answers(question, as_of) if a.target == target]
        if not offered:
            return None
        facts[tree.node(question)["fact"]] = offered[0].value
    return facts


def _check(document: dict[str, Any], tree: DecisionTree, as_of: str) -> None:
    assert set(document) == TOP and document["as_of"] == as_of
    assert all(set(step) == STEP for step in document["steps"])
    outcome = document["outcome"]
    assert set(outcome) == OUTCOME
    view = tree.outcome_view(outcome["node"], as_of)
    for key in ("title", "verdict", "pathways", "summary", "next_steps", "documents", "caveats"):
        assert outcome[key] == view[key]
    for key in ("next_steps", "documents", "caveats"):
        assert all(isinstance(item, str) for item in outcome[key])
    assert outcome["misconceptions"] == [
        {"claim": m["claim"], "correction": m["correction"]} for m in view["misconceptions"]
    ]


@pytest.mark.parametrize("path", TREE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("as_of", ["2025-01-01", "2026-11-23", "2028-01-01"])
def test_every_outcome_of_every_tree_follows_the_contract(path: Path, as_of: str) -> None:
    tree = load_tree(path)
    checked = 0
    for outcome in tree.outcomes:
        for route in tree.paths_to(outcome):
            facts = _facts_for(tree, route, as_of)
            if facts is None:
                continue  # not offered on this date
            resolution = tree.resolve(facts, as_of)
            assert resolution.outcome == outcome
            _check(resolution.to_json(), tree, as_of)
            checked += 1
            break
    assert checked >= 1


def _cli_json(*args: str) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["resolve", *args, "--json"], out) == 0, err.getvalue()
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def test_cli_json_applies_dated_items() -> None:
    facts = ["--fact", "citizenship=us", "--fact", "work_location=in_canada"]
    tree = load_tree(DATED)
    late = _cli_json(str(DATED), *facts, "--as-of", "2026-07-01")
    _check(late, tree, "2026-07-01")
    assert late["outcome"]["misconceptions"] == [
        {"claim": "The fee is optional.", "correction": "The fee applies to every application."}
    ]
    assert late["outcome"]["documents"][-1] == "Receipt for the new fee"
    march = _cli_json(str(DATED), *facts, "--as-of", "2026-03-15")
    _check(march, tree, "2026-03-15")
    assert march["outcome"]["caveats"] == [
        "Tax follows where the work is done.",
        "Until 2026-03-31 the old form applies.",
    ]
    assert march["outcome"]["misconceptions"] == []


def test_cli_json_pending_follows_the_contract() -> None:
    document = _cli_json(str(DATED), "--fact", "citizenship=us", "--as-of", "2026-07-01")
    assert set(document) == TOP and document["outcome"] is None and not document["complete"]
    assert set(document["pending"]) == PENDING
    assert document["pending"]["values"] == ["in_canada", "remote_from_us"]
