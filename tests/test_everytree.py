"""One situation, every tree: per-tree outcome, pending question, or not applicable."""

from __future__ import annotations

import pytest

from tests.training_helpers import branching_document
from xborder_tree import FactError, load_tree, tree_graph
from xborder_tree.loading.catalog import load_all, trees_dir
from xborder_tree.training.everytree import everywhere_json, resolve_everywhere


@pytest.fixture(scope="module")
def two_trees() -> list:
    example = load_tree(trees_dir() / "example-remote-work.json")
    return [example, tree_graph(branching_document())]


def test_each_tree_answers_on_its_own(two_trees: list) -> None:
    rows = resolve_everywhere({"citizenship": "mexico", "work_location": "in_canada"}, two_trees)
    # the example tree offers no 'mexico': not applicable, and the other tree still answers
    assert [row.status for row in rows] == ["not_applicable", "outcome"]
    assert rows[0].headline() == (
        'Does not apply: it does not offer your answer to "Which citizenship do you hold?"')
    assert "citizenship='mexico' is not offered" in (rows[0].error or "")
    assert rows[1].headline() == "Permit needed (Permit required)"  # verdicts in words


def test_pending_names_the_question(two_trees: list) -> None:
    rows = resolve_everywhere({"citizenship": "us"}, two_trees)
    assert [row.status for row in rows] == ["pending", "pending"]
    assert rows[1].headline() == "Needs an answer: Where, as a US citizen?"  # no fact key


def test_unknown_fact_key_is_a_usage_error(two_trees: list) -> None:
    with pytest.raises(
        FactError, match=r"unknown fact key 'citizenshp': .*\(closest: 'citizenship'\)"
    ):
        resolve_everywhere({"citizenshp": "us"}, two_trees)


def test_json_follows_the_resolve_contract(two_trees: list) -> None:
    facts = {"citizenship": "us", "work_location": "in_canada"}
    rows = resolve_everywhere(facts, two_trees)
    document = everywhere_json(facts, rows)
    assert document["facts"] == facts
    for entry, tree in zip(document["trees"], two_trees, strict=True):
        assert entry == {**tree.resolve(facts).to_json(), "error": None}


def test_every_real_tree_is_asked() -> None:
    """Over the trees folder: one row per tree, each matching the tree's own resolve."""
    trees = load_all()
    asked = {fact for tree in trees.values() for fact in tree.facts()}
    facts = {"citizenship": "us"} if "citizenship" in asked else {}
    rows = resolve_everywhere(facts)
    assert sorted(row.tree.id for row in rows) == sorted(trees)
    for row in rows:
        if row.resolution is not None:
            assert row.resolution.path == row.tree.resolve(facts).path
