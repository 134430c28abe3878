"""One person, one answer: the situations where the trees contradicted each other, or
answered a question that was not theirs, each answered once and the same way everywhere."""

from __future__ import annotations

import pytest

from xborder_tree import load_tree
from xborder_tree.loading.catalog import resolve_among, trees_dir
from xborder_tree.model.vocabulary import GREY_AREAS
from xborder_tree.training.everytree import resolve_everywhere


def _tree(tree_id: str):  # type: ignore[no-untyped-def]
    return load_tree(trees_dir() / f"{tree_id}.json")


def _everywhere(facts: dict[str, str]) -> dict[str, object]:
    return {row.tree.id: row for row in resolve_everywhere(facts)}


@pytest.mark.parametrize(
    ("citizenship", "where", "outcome"),
    [
        ("mexico", "remote_from_mexico", "remote_from_mexico"),
        ("canada", "remote_from_canada", "remote_from_canada"),
    ],
)
def test_work_done_outside_the_us_needs_no_us_authorization_in_both_us_trees(
    citizenship: str, where: str, outcome: str
) -> None:
    facts = {
        "citizenship": citizenship,
        "us_status": "none",
        "work_location": where,
        "residence": citizenship,
        "employer": "us",
    }
    usmca = _tree("usmca-work-in-us").resolve(facts)
    assert usmca.outcome == outcome  # not TN, H-1B or L-1
    assert usmca.tree.node(outcome)["pathways"] == ["us-no-authorization-outside-us"]
    other = _tree("work-for-us-from-canada-or-mexico").resolve(facts)
    assert other.tree.node(other.outcome or "")["pathways"] == ["us-no-authorization-outside-us"]


def test_where_the_work_is_done_is_asked_of_everyone_in_the_usmca_tree() -> None:
    tree = _tree("usmca-work-in-us")
    for citizenship in ("canada", "mexico", "other"):
        pending = tree.resolve({"citizenship": citizenship, "us_status": "none"})
        assert tree.node(pending.pending or "")["fact"] == "work_location"


def test_work_in_mexico_or_canada_is_not_the_usmca_trees_question() -> None:
    tree = _tree("usmca-work-in-us")
    resolution = resolve_among(tree, {"citizenship": "canada", "work_location": "in_mexico"})
    assert resolution.status == "out_of_scope" and resolution.see == ("work-in-mexico",)
    resolution = resolve_among(tree, {"citizenship": "us", "work_location": "in_canada"})
    assert resolution.status == "out_of_scope" and "work-in-canada-from-us" in resolution.see


@pytest.mark.parametrize(
    ("citizenship", "payer", "outcome", "verdict"),
    [
        ("canada", "canadian", "b1_canadian", "allowed"),
        ("mexico", "mexican", "b1_mexican", "permit_required"),
        ("canada", "us", "b1_paid_from_us", "uncertain"),
        ("mexico", "us", "b1_paid_from_us", "uncertain"),
    ],
)
def test_business_visitors_in_the_usmca_tree(
    citizenship: str, payer: str, outcome: str, verdict: str
) -> None:
    tree = _tree("usmca-work-in-us")
    facts = {
        "citizenship": citizenship,
        "us_status": "none",
        "work_location": "in_us",
        "purpose": "business_visit",
        "employer": payer,
    }
    result = tree.resolve(facts)
    assert result.outcome == outcome and tree.node(outcome)["verdict"] == verdict
    assert result.unused == ()


def test_a_business_visit_paid_by_the_us_employer_is_the_same_grey_area_in_both_trees() -> None:
    grey = GREY_AREAS["us-b1-paid-from-us"]
    for citizenship in ("canada", "mexico"):
        facts = {
            "residence": citizenship,
            "citizenship": citizenship,
            "us_status": "none",
            "work_location": "in_us",
            "purpose": "business_visit",
            "employer": "us",
        }
        rows = _everywhere(facts)
        answers = []
        for tree_id in ("usmca-work-in-us", "work-for-us-from-canada-or-mexico"):
            row = rows[tree_id]
            node = row.tree.outcome_view(row.resolution.outcome)  # type: ignore[attr-defined]
            answers.append((node["verdict"], node["pathways"]))
            assert grey in node["caveats"]
        assert answers[0] == answers[1] == ("uncertain", ["us-b1-paid-from-us"])


def test_who_pays_is_asked_before_a_canadian_business_visitor_verdict() -> None:
    tree = _tree("work-in-canada-from-us")
    facts = {
        "citizenship": "us",
        "work_location": "in_canada",
        "canada_status": "none",
        "purpose": "business_visit",
    }
    pending = tree.resolve(facts)
    assert tree.node(pending.pending or "")["fact"] == "employer"
    assert tree.resolve({**facts, "employer": "us"}).outcome == "business_visitor"
    paid_here = tree.resolve(
        {**facts, "employer": "canadian", "relationship": "contractor", "role": "other"}
    )
    assert paid_here.outcome == "contractor_in_canada"
    assert tree.node("contractor_in_canada")["verdict"] == "permit_required"


def test_the_mexican_temporary_resident_grey_area_is_uncertain_and_worded_once() -> None:
    grey = GREY_AREAS["mx-temporary-resident-foreign-pay"]
    mexico = _tree("work-in-mexico")
    for outcome in ("tr_foreign_employer_remote", "mexico_residence_foreign_pay"):
        view = mexico.outcome_view(outcome)
        assert view["verdict"] == "uncertain" and grey in view["caveats"]
    us = _tree("work-for-us-from-canada-or-mexico")
    assert grey in us.outcome_view("remote_mexico")["caveats"]


def test_questions_that_do_not_apply_are_not_asked() -> None:
    commuter = {
        "residence": "canada",
        "citizenship": "canada",
        "us_status": "tn",
        "work_location": "in_us",
    }
    row = _everywhere(commuter)["work-in-mexico"]
    assert row.status == "out_of_scope"  # type: ignore[attr-defined]
    resident = {
        "residence": "mexico",
        "citizenship": "mexico",
        "work_location": "remote_from_mexico",
    }
    row = _everywhere(resident)["cross-border-tax"]
    assert row.status == "out_of_scope"  # type: ignore[attr-defined]


def test_routes_not_open_are_not_eligible_and_unlawful_arrangements_not_compliant() -> None:
    not_eligible = {
        "usmca-work-in-us": [
            "not_usmca_citizen",
            "usmca_no_immigration",
            "no_temp_route",
            "l1_not_eligible",
            "tn_self_employed",
        ],
        "work-for-us-from-canada-or-mexico": [
            "tn_citizens_only",
            "no_us_route",
            "l1_not_eligible",
            "self_employed_in_us",
        ],
    }
    not_compliant = {
        "work-in-canada-from-us": ["remote_h1b", "remote_l1", "remote_tn", "remote_no_status"],
        "work-in-mexico": ["visitor_mexican_job"],
    }
    for expected, table in (("not_eligible", not_eligible), ("not_compliant", not_compliant)):
        for tree_id, outcomes in table.items():
            tree = _tree(tree_id)
            assert [tree.node(o)["verdict"] for o in outcomes] == [expected] * len(outcomes)
    every = [
        (t, o)
        for t in not_eligible | not_compliant
        for o in _tree(t).outcomes
        if _tree(t).node(o)["verdict"] == "not_compliant"
    ]
    assert sorted(every) == sorted((t, o) for t, os in not_compliant.items() for o in os)


def test_everywhere_leaves_the_format_example_out() -> None:
    assert "example-remote-work" not in _everywhere({"citizenship": "us"})
