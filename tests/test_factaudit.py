"""One question, one key: the trees never ask a shared question under two keys, and one
situation given once is enough for every tree."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from xborder_tree import tree_graph
from xborder_tree.checks.factaudit import MEANINGS, asked_again, audit, meaning_of
from xborder_tree.cli.main import main
from xborder_tree.loading.catalog import load_all, trees_dir
from xborder_tree.model.vocabulary import FACT_VALUES
from xborder_tree.training.everytree import resolve_everywhere
from xborder_tree.training.scenarios import load_scenarios, scenario_path

TREES = load_all()


def _example(tree_id: str = "example-copy") -> dict:
    document = json.loads(EXAMPLE.read_text("utf-8"))
    document["id"] = tree_id
    return document


def _renamed(
    document: dict, node_id: str, key: str, values: dict[str, str], text: str | None = None
) -> dict:
    """``document`` with question ``node_id`` asking a newly declared ``key``; ``values``
    maps each old answer value to the new one."""
    document = copy.deepcopy(document)
    node = next(n for n in document["nodes"] if n["id"] == node_id)
    node["fact"] = key
    if text is not None:
        node["text"] = node["short"] = text
    for edge in document["edges"]:
        if edge["source"] == node_id:
            edge["value"] = values[edge["value"]]
    document.setdefault("facts", {})[key] = {
        "description": f"{key} (test)",
        "values": list(values.values()),
    }
    return document


CITIZENSHIP = {"us": "us", "canada": "canada"}
LOCATION = {"in_canada": "in_canada", "remote_from_us": "remote_from_us"}


# --------------------------------------------------------------------------- the real trees
def test_real_trees_ask_each_shared_question_under_one_key() -> None:
    assert [str(finding) for finding in audit(TREES.values())] == []


def test_every_real_question_of_a_shared_key_is_recognised() -> None:
    """The wording table is not dead: each question about a shared key that the table
    covers is found by its wording (so a copy of it under another key would be caught)."""
    covered = {meaning.key for meaning in MEANINGS}
    missed = [
        f"{tree.id} / {node_id}: {tree.node(node_id)['text']!r}"
        for tree in TREES.values()
        for node_id in tree.questions
        if tree.node(node_id)["fact"] in covered
        and tree.node(node_id)["fact"] not in {"role", "relationship"}  # worded per tree
        and meaning_of(tree.node(node_id)["text"]) != tree.node(node_id)["fact"]
    ]
    assert missed == []


def test_table_keys_are_real_keys_and_aliases_are_not() -> None:
    declared = {key for tree in TREES.values() for key in tree.meta.get("facts", {})}
    for meaning in MEANINGS:
        assert meaning.key in FACT_VALUES or meaning.key in declared, meaning.key
        assert not meaning.aliases & (set(FACT_VALUES) | declared), meaning.key


# --------------------------------------------------------------------------- the audit fails
def test_a_synonym_key_is_flagged() -> None:
    copy_tree = tree_graph(_renamed(_example(), "citizenship", "nationality", CITIZENSHIP))
    findings = audit([TREES["work-in-canada-from-us"], copy_tree])
    problems = [(f.tree, f.node, f.problem) for f in findings]
    assert (
        "example-copy",
        "citizenship",
        "key 'nationality' means 'citizenship': use 'citizenship'",
    ) in problems
    assert any("asks 'citizenship' but uses key 'nationality'" in p for _, _, p in problems)


def test_a_known_wording_under_another_key_is_flagged() -> None:
    document = _renamed(
        _example(),
        "citizenship",
        "home",
        {"us": "canada", "canada": "mexico"},
        text="Which country do you live in?",
    )
    findings = audit([tree_graph(document)])
    assert [f.problem for f in findings] == [
        "'Which country do you live in?' asks 'residence' but uses key 'home': use 'residence', "
        "as the other trees do"
    ]


def test_the_same_text_under_two_keys_is_flagged_across_trees() -> None:
    text = "Is your favourite border crossing open at night?"
    first = tree_graph(_renamed(_example("first"), "work_location", "crossing_a", LOCATION, text))
    second = tree_graph(_renamed(_example("second"), "work_location", "crossing_b", LOCATION, text))
    assert audit([first]) == audit([second]) == []
    findings = audit([first, second])
    assert [str(f) for f in findings] == [
        f"second / work_location: asks {text!r} under 'crossing_b', but first / work_location "
        "asks it under 'crossing_a'"
    ]


def test_a_key_declared_twice_with_other_values_is_flagged() -> None:
    day = {"in_canada": "day", "remote_from_us": "night"}
    early = {"in_canada": "early", "remote_from_us": "late"}
    first = tree_graph(_renamed(_example("first"), "work_location", "shift", day, "Which shift?"))
    second = tree_graph(_renamed(_example("second"), "work_location", "shift", early, "Which?"))
    assert [str(f) for f in audit([first, second])] == [
        "second: declares 'shift' with values ['early', 'late'], but first declares "
        "['day', 'night']: use one set"
    ]


def test_asked_again_spots_an_answer_given_under_another_key() -> None:
    tree = TREES["work-for-us-from-canada-or-mexico"]
    assert asked_again({"country_of_residence": "canada"}, tree, "residence") == (
        "country_of_residence"
    )
    assert asked_again({"residence": "canada"}, tree, "residence") is None
    assert asked_again({"tax_residence": "canada"}, tree, "residence") is None


def test_validate_reports_a_question_asked_under_another_key(tmp_path: Path) -> None:
    renamed = _renamed(_example("renamed"), "citizenship", "nationality", CITIZENSHIP)
    path = tmp_path / "renamed.json"
    path.write_text(json.dumps(renamed), "utf-8")
    out = io.StringIO()
    assert main(["validate", str(EXAMPLE), str(path)], out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[:2] == [
        f"ok   {EXAMPLE}: example-remote-work, 2 questions, 3 outcomes",
        f"ok   {path}: renamed, 2 questions, 3 outcomes",
    ]
    assert (
        "FAIL same question, other key: renamed / citizenship: key 'nationality' means "
        "'citizenship': use 'citizenship'" in lines
    )
    assert main(["validate", str(EXAMPLE)], out=io.StringIO()) == 0


# ---------------------------------------------------------------- one situation, every tree
def test_no_tree_asks_a_scenario_persona_again_under_another_name() -> None:
    """Every persona of every scenario file, run through every other tree: where a tree
    still needs an answer, it is never one the persona already gave under another key."""
    checked = 0
    for tree in TREES.values():
        path = scenario_path(trees_dir() / f"{tree.id}.json")
        if not path.exists():
            continue
        for scenario in load_scenarios(path, tree.id):
            facts = {
                k: v
                for k, v in scenario.facts.items()
                if k in FACT_VALUES or any(k in t.facts() for t in TREES.values())
            }
            for result in resolve_everywhere(facts, list(TREES.values())):
                if result.status == "pending":
                    pending = result.resolution.pending
                    assert asked_again(facts, result.tree, pending) is None, (
                        f"{tree.id} persona {scenario.id}: {result.tree.id} asks {pending} again"
                    )
                    checked += 1
    assert checked > 10


def test_a_citizen_is_not_asked_their_status_in_their_own_country() -> None:
    for country in ("us", "canada", "mexico"):
        for row in resolve_everywhere({"citizenship": country}, list(TREES.values())):
            if row.status == "pending":
                pending = row.tree.node(row.resolution.pending)["fact"]
                assert pending != f"{country}_status", f"{row.tree.id} asks {pending}"
    [mexico] = resolve_everywhere({"citizenship": "mexico"}, [TREES["work-in-mexico"]])
    assert mexico.status == "outcome"
    assert [(s.fact, s.value) for s in mexico.resolution.steps] == [("mexico_status", "citizen")]


#: Whole situations, each fact given once; ``not_given`` names the facts the vocabulary
#: cannot express for that person, with the reason.
SITUATIONS = [
    {
        "id": "windsor-tn-commuter",
        "facts": {
            "residence": "canada",
            "citizenship": "canada",
            "canada_status": "citizen",
            "us_status": "none",
            "mexico_status": "none",
            "work_location": "in_us",
            "purpose": "work",
            "relationship": "employee",
            "role": "cusma_professional",
            "months_with_employer": "ge12",
            "goal": "temporary",
            "employer": "us",
            "tax_residence": "canada",
            "days_in_other_country": "gt183",
            "pay_in_other_country": "gt10000",
            "extraordinary_ability": "no",
            "employer_sponsor": "no",
            "self_petition_fit": "no",
            "permit_covers_job": "no",
            "in_canada_for": "canadian_employer",
            "in_mexico_for": "foreign_employer_remote",
            "mexico_work_permission": "no",
            "mexico_stay": "le180",
            "temporary_need": "no",
        },
        "not_given": {},
        "expect": {"work-for-us-from-canada-or-mexico": "tn_canadian"},
        "outcomes_in": ["usmca-work-in-us", "cross-border-tax"],
    },
    {
        "id": "tijuana-remote-designer",
        "facts": {
            "residence": "mexico",
            "citizenship": "mexico",
            "mexico_status": "citizen",
            "canada_status": "none",
            "us_status": "none",
            "work_location": "remote_from_mexico",
            "purpose": "work",
            "relationship": "employee",
            "role": "other",
            "months_with_employer": "ge12",
            "goal": "temporary",
            "employer": "us",
            "extraordinary_ability": "no",
            "employer_sponsor": "no",
            "self_petition_fit": "no",
            "permit_covers_job": "no",
            "in_canada_for": "foreign_employer_remote",
            "in_mexico_for": "foreign_employer_remote",
            "mexico_work_permission": "no",
            "mexico_stay": "gt180",
            "days_in_other_country": "le183",
            "pay_in_other_country": "le10000",
            "temporary_need": "no",
        },
        "not_given": {"tax_residence": "the tax tree covers US and Canadian tax residents only"},
        "expect": {"work-for-us-from-canada-or-mexico": "remote_mexico"},
        "outcomes_in": ["usmca-work-in-us"],
    },
    {
        "id": "buffalo-h1b-toronto-offer",
        "facts": {
            "residence": "us",
            "citizenship": "other",
            "us_status": "h1b",
            "canada_status": "none",
            "mexico_status": "none",
            "work_location": "in_canada",
            "purpose": "work",
            "relationship": "employee",
            "role": "cusma_professional",
            "months_with_employer": "lt12",
            "goal": "temporary",
            "employer": "canadian",
            "tax_residence": "us",
            "days_in_other_country": "gt183",
            "pay_in_other_country": "gt10000",
            "extraordinary_ability": "no",
            "employer_sponsor": "no",
            "self_petition_fit": "no",
            "permit_covers_job": "no",
            "in_canada_for": "canadian_employer",
            "in_mexico_for": "foreign_employer_remote",
            "mexico_work_permission": "no",
            "mexico_stay": "le180",
            "temporary_need": "no",
        },
        "not_given": {},
        "expect": {},
        "outcomes_in": ["work-in-canada-from-us", "cross-border-tax"],
    },
]


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda s: s["id"])
def test_one_situation_reaches_an_outcome_in_every_tree_it_suffices_for(situation: dict) -> None:
    asked = {key for tree in TREES.values() for key in tree.facts()}
    missing = sorted(asked - set(situation["facts"]) - set(situation["not_given"]))
    assert missing == [], f"a tree asks {missing}: give it in the situation or in not_given"
    known = {k: v for k, v in situation["facts"].items() if k in asked or k in FACT_VALUES}
    results = {row.tree.id: row for row in resolve_everywhere(known, list(TREES.values()))}
    for tree_id, row in results.items():
        if row.status == "pending":
            fact = row.tree.node(row.resolution.pending)["fact"]
            assert fact in situation["not_given"], f"{tree_id} still asks {fact!r}"
        if row.status == "not_applicable":
            assert "is not offered" in row.error, f"{tree_id}: {row.error}"
    for tree_id, node in situation["expect"].items():
        assert results[tree_id].resolution.outcome == node
    for tree_id in situation["outcomes_in"]:
        assert results[tree_id].status == "outcome", f"{tree_id}: {results[tree_id].headline()}"
