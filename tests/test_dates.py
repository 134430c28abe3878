"""Dated (time-limited) rules: answers, outcomes and items apply only inside their windows."""

from __future__ import annotations

import datetime as dt

import pytest

from xborder_tree import DecisionTree, Walk, load_tree
from xborder_tree.model.dates import parse_as_of, review_by
from xborder_tree.model.errors import FactError

from .conftest import ROOT

DATED = ROOT / "tests" / "fixtures" / "dated-example.json"
IN_CANADA = {"citizenship": "us", "work_location": "in_canada"}


@pytest.fixture(scope="module")
def dated() -> DecisionTree:
    return load_tree(DATED)


@pytest.mark.parametrize(
    ("as_of", "outcome"),
    [
        ("2026-06-30", "permit_needed"),  # last day of the old rule (included)
        ("2026-07-01", "permit_with_fee"),  # first day of the new one (included)
        (dt.date(2020, 1, 1), "permit_needed"),
        (dt.date(2030, 1, 1), "permit_with_fee"),
    ],
)
def test_resolve_follows_the_answer_offered_on_the_date(
    dated: DecisionTree, as_of: str | dt.date, outcome: str
) -> None:
    assert dated.resolve(IN_CANADA, as_of=as_of).outcome == outcome
    assert Walk.from_facts(dated, IN_CANADA, as_of).outcome == outcome
    walk = Walk(dated, as_of=as_of).answer("us").answer("in_canada")
    assert walk.outcome == outcome


def test_answers_on_a_date_offer_each_value_once(dated: DecisionTree) -> None:
    before = dated.answers("work_location", "2026-06-30")
    after = dated.answers("work_location", "2026-07-01")
    assert [(a.value, a.target) for a in before] == [
        ("in_canada", "permit_needed"),
        ("remote_from_us", "outside_canada"),
    ]
    assert [(a.value, a.target) for a in after] == [
        ("in_canada", "permit_with_fee"),
        ("remote_from_us", "outside_canada"),
    ]
    assert len(dated.all_answers("work_location")) == 3


def test_none_means_today(dated: DecisionTree) -> None:
    today = dt.date.today()
    assert dated.resolve(IN_CANADA).as_of == today
    assert Walk(dated).as_of == today
    expected = dated.resolve(IN_CANADA, as_of=today).outcome
    assert dated.resolve(IN_CANADA).outcome == expected


def test_outcome_view_applies_dated_items_and_flattens_them(dated: DecisionTree) -> None:
    march = dated.outcome_view("permit_needed", "2026-03-31")
    assert march["caveats"] == [
        "Tax follows where the work is done.",
        "Until 2026-03-31 the old form applies.",
    ]
    assert march["next_steps"] == [
        "Apply during the spring intake.",
        "Ask the employer whether it will apply for an LMIA.",
    ]
    april = dated.outcome_view("permit_needed", dt.date(2026, 4, 1))
    assert april["caveats"] == [
        "Tax follows where the work is done.",
        "From 2026-04-01 the new form applies.",
    ]
    june = dated.outcome_view("permit_needed", "2026-06-01")
    assert june["next_steps"] == ["Ask the employer whether it will apply for an LMIA."]
    for view in (march, april, june):
        assert all(
            isinstance(x, str) for k in ("next_steps", "documents", "caveats") for x in view[k]
        )
    assert march["review_by"] == "2026-12-31" and march["id"] == "permit_needed"
    # the tree itself is not changed by a view
    assert any(isinstance(x, dict) for x in dated.node("permit_needed")["caveats"])


def test_outcome_view_filters_misconceptions_and_documents(dated: DecisionTree) -> None:
    early = dated.outcome_view("permit_with_fee", "2026-06-30")
    late = dated.outcome_view("permit_with_fee", "2026-07-01")
    assert early["misconceptions"] == [] and "Receipt for the new fee" not in early["documents"]
    assert [m["claim"] for m in late["misconceptions"]] == ["The fee is optional."]
    assert late["documents"][-1] == "Receipt for the new fee"


def test_review_by_defaults_to_a_year_after_the_last_review(example_tree: DecisionTree) -> None:
    assert example_tree.outcome_view("permit_needed")["review_by"] == "2027-11-21"
    assert review_by({"last_reviewed": "2024-02-29"}) == dt.date(2025, 2, 28)


def test_outcome_view_of_a_question_is_an_error(dated: DecisionTree) -> None:
    with pytest.raises(FactError, match="is a question, not an outcome"):
        dated.outcome_view("citizenship")


def test_a_value_not_offered_on_the_date_names_the_offered_values(dated: DecisionTree) -> None:
    with pytest.raises(FactError, match=r"must be one of: in_canada, remote_from_us"):
        dated.resolve({"citizenship": "us", "work_location": "in_mexico"}, "2026-07-01")


def test_resolve_json_reports_the_date_and_the_dated_text(dated: DecisionTree) -> None:
    document = dated.resolve(IN_CANADA, "2026-04-01").to_json()
    assert document["as_of"] == "2026-04-01"
    assert document["outcome"]["caveats"][-1] == "From 2026-04-01 the new form applies."


@pytest.mark.parametrize("text", ["2026-02-30", "26-11-23", "2026/11/23", "", "today"])
def test_a_bad_as_of_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a real date: write it as YYYY-MM-DD"):
        parse_as_of(text)


def test_walk_on_another_date_keeps_the_answers_still_offered(dated: DecisionTree) -> None:
    walk = Walk(dated, "2026-06-30").answer("us").answer("in_canada")
    later = walk.on_date("2026-07-01")
    assert later.outcome == "permit_with_fee" and later.as_of == dt.date(2026, 7, 1)
    assert walk.outcome == "permit_needed"  # the original walk is unchanged
    partial = Walk(dated, "2026-07-01").answer("us")
    assert partial.on_date("2026-06-30").current == "work_location"


def test_why_not_uses_the_answers_of_the_date(dated: DecisionTree) -> None:
    from xborder_tree.training.whynot import why_not

    facts = {"citizenship": "us", "work_location": "remote_from_us"}
    result = why_not(dated, facts, "permit_with_fee", "2026-07-01")
    assert [c.value for c in result.changes] == ["in_canada"]
    assert result.to_json()["outcome"]["title"] == (
        "A Canadian work permit and the new fee are needed"
    )
    with pytest.raises(
        FactError, match="'permit_with_fee' cannot be reached with the rules of 2026-06-30"
    ):
        why_not(dated, facts, "permit_with_fee", "2026-06-30")


def test_quiz_and_everywhere_use_the_date(dated: DecisionTree) -> None:
    from xborder_tree.training.everytree import resolve_everywhere
    from xborder_tree.training.quiz import Quiz, QuizPersona, QuizSet

    persona = QuizPersona("p", "A commuter.", dict(IN_CANADA), "The fee applies.")
    dated_persona = QuizPersona("q", "A commuter.", dict(IN_CANADA), "x", dt.date(2026, 6, 1))
    quiz = Quiz(dated, QuizSet(dated.id, "t", (persona, dated_persona)), "2026-07-01")
    assert quiz.resolution.outcome == "permit_with_fee"
    for value in ("us", "in_canada", "permit_with_fee"):
        quiz.predict(value)
    quiz.next_persona()
    assert quiz.resolution.outcome == "permit_needed"  # the persona's own date wins
    (row,) = resolve_everywhere(IN_CANADA, [dated], as_of="2026-06-30")
    assert row.resolution is not None and row.resolution.outcome == "permit_needed"
    assert row.headline() == "A Canadian work permit is needed (Permit required)"


def _relabelled(example_data: dict) -> dict:
    """The example with the 'in Canada' answer reworded from 2026-07-01: two answers, one
    value, one target, windows apart."""
    edges = example_data["edges"]
    old = next(e for e in edges if e["value"] == "in_canada")
    old["until"] = "2026-06-30"
    edges.insert(
        edges.index(old) + 1,
        dict(old, label="In Canada (new wording)", until=None, **{"from": "2026-07-01"}),
    )
    del edges[edges.index(old) + 1]["until"]
    return example_data


def test_two_answers_may_lead_to_one_node_on_different_dates(example_data: dict) -> None:
    from xborder_tree import tree_data, tree_graph
    from xborder_tree.drawing.render import to_digraph

    tree = tree_graph(_relabelled(example_data), "t.json")
    facts = {"citizenship": "us", "work_location": "in_canada"}
    before = tree.resolve(facts, "2026-06-30")
    after = tree.resolve(facts, "2026-07-01")
    assert before.outcome == after.outcome == "permit_needed"
    assert before.steps[-1].answer == "In Canada"
    assert after.steps[-1].answer == "In Canada (new wording)"
    assert [a.label for a in tree.answers("work_location", "2026-07-01")] == [
        "In Canada (new wording)",
        "Remotely from the US",
    ]
    assert len(tree.all_answers("work_location")) == 3
    assert tree_data(tree_graph(tree_data(tree))) == tree_data(tree)
    assert len(tree_data(tree)["edges"]) == 5
    old_dot = to_digraph(tree, as_of=dt.date(2026, 6, 30)).source
    new_dot = to_digraph(tree, as_of=dt.date(2026, 7, 1)).source
    for source, label in ((old_dot, "In Canada"), (new_dot, "In Canada (new wording)")):
        assert source.count("e_work_location__permit_needed") == 1  # one arrow
        assert f'tooltip="{label}"' in source and "xt_off" not in source


def test_two_answers_to_one_node_on_overlapping_dates_are_a_fault(example_data: dict) -> None:
    from xborder_tree import TreeError, tree_graph

    data = _relabelled(example_data)
    data["edges"][3]["from"] = "2026-06-15"
    with pytest.raises(TreeError) as caught:
        tree_graph(data, "t.json")
    assert [str(f) for f in caught.value.faults] == [
        "t.json /edges/3 (node 'work_location'): two answers lead to 'permit_needed' on the "
        "same dates (also /edges/2). Fix: give them windows that do not overlap, or merge them.",
        "t.json /edges/3/value (node 'work_location'): two answers give the value 'in_canada' "
        "on the same dates (also /edges/2; this one applies from 2026-06-15). Fix: give them "
        "windows that do not overlap ('until' of one before 'from' of the other), or different "
        "values.",
    ]
