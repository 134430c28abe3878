""" "Why not X?": fewest changed answers, tie-breaking, the rule sentence, and every tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.training_helpers import branching_document, fewest_changes, scenario_facts
from xborder_tree import DecisionTree, UsageError, load_tree, tree_graph
from xborder_tree.loading.catalog import tree_paths, trees_dir
from xborder_tree.model.dates import applies, parse_as_of
from xborder_tree.training.whynot import outcomes_for, why_not


@pytest.fixture(scope="module")
def branching() -> DecisionTree:
    return tree_graph(branching_document())


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # two one-change paths: the shorter one wins
        (
            {"citizenship": "mexico", "work_location": "remote_from_us", "goal": "temporary"},
            [("work_location", "remote_from_us", "in_canada")],
        ),
        # a fact never given counts as one new answer
        ({"citizenship": "us"}, [("work_location", None, "in_canada")]),
        # two changes either way, same length: file order (the US answer comes first)
        (
            {"citizenship": "canada"},
            [("citizenship", "canada", "us"), ("work_location", None, "in_canada")],
        ),
    ],
)
def test_fewest_changes_then_shortest_then_file_order(
    branching: DecisionTree, facts: dict[str, str], expected: list[tuple[str, str | None, str]]
) -> None:
    result = why_not(branching, facts, "permit")
    assert [(c.fact, c.was, c.value) for c in result.changes] == expected
    assert branching.resolve(result.facts_needed).outcome == "permit"


def test_file_order_decides_a_full_tie() -> None:
    document = branching_document()
    edges = document["edges"]
    edges[1], edges[2] = edges[2], edges[1]  # the Mexican answer now comes first
    result = why_not(tree_graph(document), {"citizenship": "canada"}, "permit")
    assert result.path[:2] == ("citizenship", "where_mx")


def test_rule_names_question_needed_answer_given_answer_and_note(branching: DecisionTree) -> None:
    result = why_not(branching, {"citizenship": "canada"}, "permit")
    first = result.first
    assert first is not None and first.also == ("Mexican citizen",)
    assert result.rule == (
        '"Which citizenship?": Permit needed requires "US citizen" or "Mexican citizen" '
        '(citizenship=us); you answered "Canadian". A US citizen is a foreign national in Canada.'
    )
    assert result.help == "Help for Which citizenship?"
    assert result.citations and result.citations[0]["official"] is True


def test_rule_for_a_question_never_answered(branching: DecisionTree) -> None:
    result = why_not(branching, {"citizenship": "us"}, "permit")
    assert result.rule.endswith("you have not answered it. Work in Canada needs a permit.")


def test_sections_keep_changes_apart_from_questions_not_answered(branching: DecisionTree) -> None:
    result = why_not(branching, {"citizenship": "canada"}, "permit")
    assert [(head, [c.fact for c in items]) for head, items in result.sections()] == [
        ("change 1 answer", ["citizenship"]),
        ("answer 1 more question", ["work_location"]),
    ]
    assert str(result.unanswered[0]) == (
        'Where, as a US citizen? "In Canada" (work_location=in_canada)'
    )
    assert str(result.changed[0]).endswith(', not "Canadian"')
    assert (
        why_not(branching, {"citizenship": "us", "work_location": "in_canada"}, "permit").sections()
        == []
    )


def test_already_reached(branching: DecisionTree) -> None:
    result = why_not(branching, {"citizenship": "us", "work_location": "in_canada"}, "permit")
    assert result.already and result.changes == () and result.first is None
    assert result.rule == "Your answers already lead to Permit needed."


def test_pathway_code_names_every_outcome_with_it(branching: DecisionTree) -> None:
    assert outcomes_for(branching, "ca-lmia") == ["permit"]
    result = why_not(
        branching,
        {"citizenship": "us", "work_location": "in_canada"},
        "ca-no-permit-outside-canada",
    )
    assert result.outcome == "remote"
    assert [(c.fact, c.value) for c in result.changes] == [("work_location", "remote_from_us")]


@pytest.mark.parametrize(
    ("facts", "target", "message"),
    [
        ({}, "nowhere", r"no outcome or pathway 'nowhere' in tree .*: known: .*citizen"),
        ({}, "where_us", r"no outcome or pathway 'where_us' in tree 'branching': known: "),
        ({}, "premit", r"no outcome or pathway 'premit' .*: did you mean 'permit'\?"),
        ({"citizenship": "quebec"}, "permit", r"citizenship='quebec' is not offered"),
    ],
)
def test_usage_errors(
    branching: DecisionTree, facts: dict[str, str], target: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        why_not(branching, facts, target)


def test_json_document(branching: DecisionTree) -> None:
    document = why_not(branching, {"citizenship": "canada"}, "permit").to_json()
    assert document["outcome"] == {
        "node": "permit",
        "title": "Permit needed",
        "verdict": "permit_required",
    }
    assert [c["to"] for c in document["changes"]] == ["us", "in_canada"]
    assert document["already"] is False and document["rule"].startswith('"Which citizenship?"')


@pytest.mark.parametrize("path", tree_paths(trees_dir()), ids=lambda p: p.stem)
def test_every_tree_every_outcome_is_minimal_and_reaches_it(path: Path) -> None:
    """On every tree in trees/, from each scenario's facts: the answer reaches the outcome
    and no path needs fewer changes (brute force). Only outcomes in force today: one whose
    window has ended (a rule that changed) cannot be reached with today's rules."""
    tree = load_tree(path)
    today = parse_as_of(None)
    in_force = [target for target in tree.outcomes if applies(tree.node(target), today)]
    for facts in scenario_facts(path):
        for target in in_force:  # a dated outcome out of force today cannot be reached today
            result = why_not(tree, facts, target)
            assert tree.resolve(result.facts_needed).outcome == target
            assert len(result.changes) == fewest_changes(tree, facts, target)
            assert result.already == (tree.resolve(facts).outcome == target)
