"""DecisionTree: loading, round trip, paths, facts and resolve."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import pytest

from xborder_tree import (
    DecisionTree,
    FactError,
    NotFoundError,
    Walk,
    load_tree,
    tree_data,
    tree_graph,
)

from .conftest import EXAMPLE


def test_round_trip_through_json(example_tree: DecisionTree) -> None:
    document = tree_data(example_tree)
    again = tree_graph(json.loads(json.dumps(document)))
    assert tree_data(again) == document
    assert nx.utils.graphs_equal(again.graph, example_tree.graph)


def test_round_trip_keeps_the_source_document(example_document: dict[str, Any]) -> None:
    document = tree_data(tree_graph(example_document))
    for key in ("id", "title", "version", "last_reviewed", "summary", "sources"):
        assert document[key] == example_document[key]
    by_id = {node["id"]: node for node in document["nodes"]}
    assert by_id == {node["id"]: node for node in example_document["nodes"]}
    assert document["edges"] == example_document["edges"]


def test_graph_is_a_read_only_digraph(example_tree: DecisionTree) -> None:
    graph = example_tree.graph
    assert isinstance(graph, nx.DiGraph) and not graph.is_multigraph()
    with pytest.raises(nx.NetworkXError):
        graph.add_node("intruder")


def test_structure(example_tree: DecisionTree) -> None:
    assert example_tree.root == "citizenship"
    assert example_tree.questions == ["citizenship", "work_location"]
    assert example_tree.outcomes == ["canadian_citizen", "permit_needed", "outside_canada"]
    assert [a.value for a in example_tree.answers("citizenship")] == ["canada", "us"]
    assert example_tree.answers("permit_needed") == ()


def test_paths_and_paths_to(example_tree: DecisionTree) -> None:
    assert sorted(example_tree.paths()) == [
        ["citizenship", "canadian_citizen"],
        ["citizenship", "work_location", "outside_canada"],
        ["citizenship", "work_location", "permit_needed"],
    ]
    assert list(example_tree.paths_to("outside_canada")) == [
        ["citizenship", "work_location", "outside_canada"]
    ]


def test_facts_lists_values_and_questions(example_tree: DecisionTree) -> None:
    assert example_tree.facts() == {
        "citizenship": {"values": ["canada", "us"], "questions": ["citizenship"]},
        "work_location": {
            "values": ["in_canada", "remote_from_us"],
            "questions": ["work_location"],
        },
    }


@pytest.mark.parametrize(
    ("facts", "outcome", "pending", "steps"),
    [
        ({"citizenship": "canada"}, "canadian_citizen", None, 1),
        ({"citizenship": "canada", "work_location": "in_canada"}, "canadian_citizen", None, 1),
        ({"citizenship": "us", "work_location": "in_canada"}, "permit_needed", None, 2),
        ({"citizenship": "us"}, None, "work_location", 1),
        ({}, None, "citizenship", 0),
        ({"goal": "permanent"}, None, "citizenship", 0),
    ],
)
def test_resolve(
    example_tree: DecisionTree,
    facts: dict[str, str],
    outcome: str | None,
    pending: str | None,
    steps: int,
) -> None:
    result = example_tree.resolve(facts)
    assert (result.outcome, result.pending, len(result.steps)) == (outcome, pending, steps)
    assert result.complete is (outcome is not None)


def test_resolve_rejects_a_value_the_question_does_not_offer(example_data: dict[str, Any]) -> None:
    del example_data["scope"]  # inside a scope, such a value is out of scope (below)
    with pytest.raises(
        FactError,
        match=r"citizenship='mexico' is not offered by question "
        r"'citizenship' \(must be one of: canada, us\)",
    ):
        tree_graph(example_data).resolve({"citizenship": "mexico"})


def test_a_value_outside_the_scope_is_not_this_trees_question(example_tree: DecisionTree) -> None:
    result = example_tree.resolve({"citizenship": "mexico", "goal": "temporary"})
    assert result.status == "out_of_scope" and result.outcome is None and result.pending is None
    assert result.steps == () and dict(result.outside or {}) == {"citizenship": "mexico"}
    document = result.to_json()
    assert document["out_of_scope"] == {"facts": {"citizenship": "mexico"}, "see": []}


def test_every_unused_fact_is_reported_with_its_reason(example_tree: DecisionTree) -> None:
    facts = {
        "citizenship": "canada",
        "work_location": "in_canada",
        "goal": "temporary",
        "residence": "us",
    }
    result = example_tree.resolve(facts)
    assert result.outcome == "canadian_citizen"
    # residence and work_location are taken into account by the scope: not unused
    assert [(u.fact, u.reason) for u in result.unused] == [("goal", "not_asked")]
    usmca = load_tree(EXAMPLE.with_name("usmca-work-in-us.json"))
    done = usmca.resolve({"citizenship": "us", "goal": "temporary", "tax_residence": "us"})
    assert done.outcome == "us_citizen_work_us"
    assert [(u.fact, u.reason) for u in done.unused] == [
        ("goal", "other_path"),
        ("tax_residence", "not_asked"),
    ]
    pending = usmca.resolve({"goal": "temporary"})
    assert [(u.fact, u.reason) for u in pending.unused] == [("goal", "not_reached")]
    assert pending.to_json()["unused"] == [
        {
            "fact": "goal",
            "value": "temporary",
            "reason": "not used yet: the tree may ask it further on",
        }
    ]


def test_resolve_json_contract(example_tree: DecisionTree) -> None:
    done = example_tree.resolve(
        {"citizenship": "us", "work_location": "remote_from_us"}, as_of="2026-11-23"
    )
    assert done.to_json() == {
        "tree": "example-remote-work",
        "status": "outcome",
        "out_of_scope": None,
        "unused": [],
        "complete": True,
        "steps": [
            {
                "node": "citizenship",
                "fact": "citizenship",
                "question": "Which citizenship do you hold?",
                "value": "us",
                "answer": "US citizen",
            },
            {
                "node": "work_location",
                "fact": "work_location",
                "question": "Where will you physically do the work?",
                "value": "remote_from_us",
                "answer": "Remotely from the US",
            },
        ],
        "pending": None,
        "as_of": "2026-11-23",
        "outcome": {
            "node": "outside_canada",
            "title": "No Canadian permit for work done outside Canada",
            "verdict": "uncertain",
            "pathways": ["ca-no-permit-outside-canada"],
            "summary": "The Canadian rule restricts work in Canada; work done wholly outside "
            "Canada is outside it. You still need status that allows the work where you are.",
            "next_steps": ["Check your US work authorization for work done on US soil."],
            "documents": [],
            "caveats": [
                "No IRCC page states this in so many words; it follows from IRPA s. 30(1)."
            ],
            "misconceptions": [],
        },
    }
    pending = example_tree.resolve({"citizenship": "us"}).to_json()
    assert pending["complete"] is False and pending["outcome"] is None
    assert pending["pending"] == {
        "node": "work_location",
        "fact": "work_location",
        "question": "Where will you physically do the work?",
        "values": ["in_canada", "remote_from_us"],
    }


def test_unknown_node_is_a_clear_error(example_tree: DecisionTree) -> None:
    with pytest.raises(NotFoundError, match="no node 'nope' in tree 'example-remote-work'"):
        example_tree.node("nope")
    with pytest.raises(LookupError, match="did you mean 'permit_needed'"):
        example_tree.node("permit_neded")


def test_the_outcome_of_an_unfinished_walk_is_a_clear_error(example_tree: DecisionTree) -> None:
    unfinished = Walk(example_tree).answer("us")
    assert unfinished.outcome is None
    with pytest.raises(NotFoundError, match="no node None in tree 'example-remote-work': known: "):
        example_tree.node(unfinished.outcome)  # type: ignore[arg-type]
