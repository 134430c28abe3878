"""One situation, every tree: per-tree outcome, pending question ("asks more"), not this
tree's question (outside its scope, naming the trees that cover it), or not applicable."""

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
    # the example tree's scope has no 'mexico': not its question; the other tree answers
    assert [row.status for row in rows] == ["out_of_scope", "outcome"]
    # the other tree declares no scope, so it is not named as covering the facts
    assert rows[0].headline() == "Not this tree's question, see: no tree covers these facts"
    assert rows[1].headline() == "Permit needed (Permit required)"  # verdicts in words


def test_a_value_a_tree_without_scope_does_not_offer_is_not_applicable(two_trees: list) -> None:
    rows = resolve_everywhere({"citizenship": "other"}, two_trees[1:])
    assert [row.status for row in rows] == ["not_applicable"]
    assert rows[0].headline().startswith("Does not apply: it does not offer your answer to")
    assert "citizenship='other' is not offered" in (rows[0].error or "")


def test_out_of_scope_names_the_trees_that_cover_the_facts() -> None:
    facts = {"citizenship": "mexico", "work_location": "in_mexico", "goal": "temporary"}
    rows = {row.tree.id: row for row in resolve_everywhere(facts)}
    assert rows["usmca-work-in-us"].status == "out_of_scope"
    assert [tree.id for tree in rows["usmca-work-in-us"].see] == ["work-in-mexico"]
    assert rows["usmca-work-in-us"].headline() == (
        "Not this tree's question, see: Can I work in Mexico, or for a Mexican employer?"
    )
    document = rows["usmca-work-in-us"].to_json()
    assert document["out_of_scope"] == {
        "facts": {"work_location": "in_mexico"},
        "see": ["work-in-mexico"],
    }
    assert "example-remote-work" not in rows  # format examples are not among every tree


def test_unused_stated_facts_are_reported_implied_ones_are_not() -> None:
    facts = {"citizenship": "mexico", "work_location": "in_mexico", "goal": "temporary"}
    [row] = resolve_everywhere(facts, [load_tree(trees_dir() / "work-in-mexico.json")])
    assert row.resolution is not None and row.resolution.outcome == "mx_citizen"
    # mexico_status=citizen was implied (and used); work_location is within the tree's
    # scope (taken into account); the stated facts not used are listed
    assert [(u.fact, u.reason) for u in row.resolution.unused] == [
        ("citizenship", "other_path"),
        ("goal", "not_asked"),
    ]


def test_pending_names_the_question(two_trees: list) -> None:
    rows = resolve_everywhere({"citizenship": "us"}, two_trees)
    assert [row.status for row in rows] == ["pending", "pending"]
    assert rows[1].headline() == "Asks more: Where, as a US citizen?"  # no fact key


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
    trees = {k: v for k, v in load_all().items() if not k.startswith("example-")}
    asked = {fact for tree in trees.values() for fact in tree.facts()}
    facts = {"citizenship": "us"} if "citizenship" in asked else {}
    rows = resolve_everywhere(facts)
    assert sorted(row.tree.id for row in rows) == sorted(trees)
    for row in rows:
        if row.resolution is not None:
            assert row.resolution.path == row.tree.resolve(facts).path
