"""Walk: answer, back, jump, reset, facts and transcript."""

from __future__ import annotations

import pytest

from xborder_tree import DecisionTree, FactError, Walk


def test_walk_to_an_outcome_and_back(example_tree: DecisionTree) -> None:
    walk = Walk(example_tree)
    assert walk.current == "citizenship" and not walk.is_complete
    walk.answer("us").answer("in_canada")
    assert walk.outcome == "permit_needed"
    assert walk.path == ["citizenship", "work_location", "permit_needed"]
    assert walk.facts == {"citizenship": "us", "work_location": "in_canada"}
    walk.back()
    assert walk.current == "work_location" and walk.outcome is None
    walk.back().back()
    assert walk.current == "citizenship" and walk.steps == ()


def test_jump_keeps_earlier_answers(example_tree: DecisionTree) -> None:
    walk = Walk(example_tree).answer("us").answer("remote_from_us")
    walk.jump(1)
    assert walk.facts == {"citizenship": "us"} and walk.current == "work_location"
    with pytest.raises(FactError, match=r"cannot jump to step 5: choose 0 to 1"):
        walk.jump(5)
    walk.reset()
    assert walk.current == "citizenship"


def test_invalid_answer_leaves_state_unchanged(example_tree: DecisionTree) -> None:
    walk = Walk(example_tree).answer("us")
    with pytest.raises(FactError, match=r"'in_us' is not offered.*in_canada, remote_from_us"):
        walk.answer("in_us")
    assert walk.facts == {"citizenship": "us"}


def test_answer_after_outcome_is_refused(example_tree: DecisionTree) -> None:
    walk = Walk(example_tree).answer("canada")
    with pytest.raises(FactError, match="reached the outcome 'canadian_citizen'"):
        walk.answer("us")


def test_transcript_and_from_facts(example_tree: DecisionTree) -> None:
    walk = Walk.from_facts(example_tree, {"citizenship": "us", "work_location": "in_canada"})
    assert walk.transcript() == [
        "Which citizenship do you hold? -> US citizen",
        "Where will you physically do the work? -> In Canada",
        "Outcome: A Canadian work permit is needed",
    ]
    assert walk.resolution().to_json() == example_tree.resolve(walk.facts).to_json()
