"""The rules fixed in the content review of the three original trees stay fixed.

Each test states one rule in words and fails if a tree loses it: US citizens are never
exempted from US tax, green cards exist without an employer, the H-1B payment is dated,
dual citizens reach the citizen answers, business visitors need no permit, and so on.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from xborder_tree import DecisionTree, load_tree
from xborder_tree.loading.catalog import find_tree

TODAY = dt.date(2026, 11, 23)


def tree(tree_id: str) -> DecisionTree:
    return load_tree(find_tree(tree_id))


def outcome_of(tree_id: str, facts: dict[str, str], day: dt.date = TODAY) -> dict:
    t = tree(tree_id)
    result = t.resolve(facts, as_of=day)
    assert result.outcome, f"{facts} stop at {result.pending}"
    return t.outcome_view(result.outcome, as_of=day)


def texts(view: dict) -> str:
    return " ".join([view["summary"], *view["next_steps"], *view["documents"], *view["caveats"]])


def test_no_us_citizen_or_green_card_holder_is_exempt_from_us_tax() -> None:
    t = tree("cross-border-tax")
    exempt = [o for o in t.outcomes if "tax-us-treaty-exempt" in t.node(o)["pathways"]]
    assert exempt
    for outcome in exempt:
        for path in t.paths_to(outcome):
            answers = {t.node(q)["fact"]: a.value for q, nxt in itertools.pairwise(path)
                       for a in t.answers(q, as_of=TODAY) if a.target == nxt}
            assert answers.get("citizenship") not in (None, "us"), path
            assert answers.get("us_status") == "none", path


@pytest.mark.parametrize("facts", [
    {"tax_residence": "canada", "citizenship": "us"},
    {"tax_residence": "canada", "citizenship": "canada", "us_status": "citizen"},
])
def test_us_citizens_in_canada_are_taxed_worldwide_with_relief(facts: dict[str, str]) -> None:
    view = outcome_of("cross-border-tax", facts)
    assert "tax-us-citizen-worldwide" in view["pathways"]
    assert "Form 1116" in texts(view) and "Form 2555" in texts(view)


def test_a_green_card_without_an_employer_is_possible() -> None:
    base = {"citizenship": "canada", "us_status": "none", "goal": "permanent",
            "employer_sponsor": "no"}
    assert outcome_of("usmca-work-in-us", {**base, "self_petition_fit": "yes"})["pathways"] == [
        "us-self-petition"]
    no_route = outcome_of("usmca-work-in-us", {**base, "self_petition_fit": "no"})
    assert "EB-1A" in no_route["summary"] and "national interest waiver" in no_route["summary"]


@pytest.mark.parametrize(("day", "node", "verdict", "payment"), [
    (dt.date(2025, 6, 1), "h1b", "permit_required", False),
    (dt.date(2026, 1, 15), "h1b_proclamation", "permit_required", True),
    (TODAY, "h1b_after_window", "uncertain", True),
])
def test_the_h1b_payment_is_dated(day: dt.date, node: str, verdict: str, payment: bool) -> None:
    facts = {"citizenship": "mexico", "us_status": "none", "goal": "temporary",
             "relationship": "employee", "role": "specialty_occupation"}
    view = outcome_of("usmca-work-in-us", facts, day)
    assert (view["id"], view["verdict"]) == (node, verdict)
    assert ("$100,000" in texts(view)) is payment


@pytest.mark.parametrize(("tree_id", "facts", "pathway"), [
    ("work-in-canada-from-us", {"citizenship": "us", "work_location": "in_canada",
                                "canada_status": "citizen"}, "ca-citizen-or-pr"),
    ("work-in-canada-from-us", {"citizenship": "canada", "work_location": "remote_from_us",
                                "us_status": "citizen"}, "us-citizen-or-lpr"),
    ("usmca-work-in-us", {"citizenship": "canada", "us_status": "citizen"}, "us-citizen-or-lpr"),
])
def test_dual_citizens_reach_the_citizen_answers(tree_id: str, facts: dict[str, str],
                                                 pathway: str) -> None:
    assert pathway in outcome_of(tree_id, facts)["pathways"]
    for node_id in tree(tree_id).questions:
        assert "citizenship you will travel on" not in tree(tree_id).node(node_id)["help"]


def test_business_visitors_need_no_permit() -> None:
    view = outcome_of("work-in-canada-from-us", {
        "citizenship": "other", "work_location": "in_canada", "canada_status": "none",
        "purpose": "business_visit"})
    assert view["pathways"] == ["ca-business-visitor"]
    assert "paid by a Canadian employer or client is not a business visitor" in texts(view)


def test_cusma_professionals_need_the_employer_portal() -> None:
    view = outcome_of("work-in-canada-from-us", {
        "citizenship": "us", "work_location": "in_canada", "canada_status": "none",
        "purpose": "work", "in_canada_for": "canadian_employer", "goal": "temporary",
        "relationship": "employee", "role": "cusma_professional"})
    assert "Employer Portal" in texts(view) and "not confirmed" not in texts(view)
    assert "US green-card holder needs neither an eTA nor a visa" in texts(view)


@pytest.mark.parametrize(("day", "refused"), [(dt.date(2024, 9, 1), False), (TODAY, True)])
def test_low_wage_lmia_refusals_apply_from_26_september_2024(day: dt.date, refused: bool) -> None:
    view = outcome_of("work-in-canada-from-us", {
        "citizenship": "us", "work_location": "in_canada", "canada_status": "none",
        "purpose": "work", "in_canada_for": "canadian_employer", "goal": "temporary",
        "relationship": "employee", "role": "other"}, day)
    assert ("refuses to process low-wage LMIA" in texts(view)) is refused


def test_cusma_traders_get_one_answer_on_where_to_apply() -> None:
    view = outcome_of("usmca-work-in-us", {"citizenship": "us", "work_location": "in_canada",
                                           "relationship": "trader_investor"})
    assert "online before you travel" in texts(view)
    assert "may apply for the Canadian work permit at a Canadian port of entry" not in texts(view)


def test_a_foreign_employer_must_run_canadian_payroll() -> None:
    view = outcome_of("cross-border-tax", {
        "tax_residence": "canada", "citizenship": "canada", "us_status": "none",
        "work_location": "in_canada", "employer": "us"})
    assert "payroll program account" in view["summary"]
