"""``--fact`` typos are usage errors (exit 2) in every command that takes facts: an unknown
key names the closest known keys, an unknown value names the values offered. No stated fact
is dropped: each command reports the facts its path did not use, and facts outside a tree's
scope give "not this tree's question" naming the trees that answer it."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest

from xborder_tree.cli.main import main

from .conftest import EXAMPLE

COMMANDS = [
    ["resolve", str(EXAMPLE)],
    ["render", str(EXAMPLE), "-o", "never-written.svg"],
    ["why-not", str(EXAMPLE), "permit_needed"],
    ["everywhere"],
]


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(args), out)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unknown_key_is_a_usage_error_naming_the_closest(command: list[str]) -> None:
    code, out, err = _run(*command, "--fact", "citizenshp=us")
    assert code == 2 and out == ""
    assert "unknown fact key 'citizenshp': no tree asks it and the shared vocabulary" in err
    assert "(closest: 'citizenship')" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unknown_value_is_a_usage_error_naming_the_values(command: list[str]) -> None:
    code, _, err = _run(*command, "--fact", "citizenship=us", "--fact", "work_location=moon")
    assert code == 2
    assert "work_location='moon' is not offered by any question (values: " in err
    assert "in_canada" in err and "remote_from_us" in err


def test_compare_checks_both_sides() -> None:
    code, _, err = _run("compare", str(EXAMPLE), "--a", "citizenship=us", "--b", "workplace=x")
    assert code == 2 and "unknown fact key 'workplace'" in err


def test_a_vocabulary_key_the_tree_does_not_ask_is_ignored() -> None:
    code, out, _ = _run(
        "resolve", str(EXAMPLE), "--fact", "citizenship=canada", "--fact", "tax_residence=us"
    )
    assert code == 0 and "OUTCOME: No permit: Canadian citizens may work in Canada" in out


def test_a_value_outside_the_scope_is_not_this_trees_question() -> None:
    code, out, err = _run("resolve", str(EXAMPLE), "--fact", "citizenship=mexico")
    assert code == 0 and err == ""
    assert out.startswith("Not this tree's question: citizenship=mexico is outside what it")


# ------------------------------------------------- no stated fact is dropped, in every command

USMCA = EXAMPLE.with_name("usmca-work-in-us.json")
CANADIAN = [
    "--fact",
    "citizenship=canada",
    "--fact",
    "us_status=none",
    "--fact",
    "work_location=in_us",
    "--fact",
    "tax_residence=canada",
]
NOT_USED = "Not used: tax_residence=canada (this tree never asks it)"
OUTSIDE = ["--fact", "citizenship=mexico", "--fact", "work_location=in_mexico"]


def test_resolve_reports_unused_facts_in_text_and_json() -> None:
    code, out, _ = _run("resolve", str(USMCA), *CANADIAN)
    assert code == 0 and NOT_USED in out
    code, out, _ = _run("resolve", str(USMCA), *CANADIAN, "--json")
    assert json.loads(out)["unused"] == [
        {"fact": "tax_residence", "value": "canada", "reason": "this tree never asks it"}
    ]


def test_walk_starts_from_the_facts_and_reports_the_unused_ones() -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["walk", str(USMCA), *CANADIAN], out, lambda: "q\n")
    text = out.getvalue()
    assert code == 0 and "Where will you physically do the work? -> In the United States" in text
    assert NOT_USED in text and "What will you do on your days in the United States?" in text
    out = io.StringIO()
    assert main(["walk", str(USMCA), *OUTSIDE], out, lambda: "") == 0
    assert "Not this tree's question: work_location=in_mexico" in out.getvalue()
    assert "See: work-in-mexico" in out.getvalue()


def test_everywhere_reports_unused_facts_per_tree() -> None:
    code, out, _ = _run("everywhere", *CANADIAN, "--json")
    trees = {entry["tree"]: entry for entry in json.loads(out)["trees"]}
    assert code == 0
    assert {"fact": "tax_residence", "value": "canada", "reason": "this tree never asks it"} in (
        trees["usmca-work-in-us"]["unused"]
    )
    assert trees["work-in-mexico"]["status"] == "out_of_scope"


def test_deck_reports_unused_facts_and_refuses_facts_outside_the_scope(tmp_path: Path) -> None:
    code, out, _ = _run(
        "deck", str(USMCA), *CANADIAN, "--fact", "purpose=work", "-o", str(tmp_path / "walk.pptx")
    )
    assert code == 0 and NOT_USED in out and (tmp_path / "walk.pptx").exists()
    code, out, err = _run("deck", str(USMCA), *OUTSIDE, "-o", str(tmp_path / "no.pptx"))
    assert code == 2 and out == "" and not (tmp_path / "no.pptx").exists()
    assert "not this tree's question: work_location=in_mexico is outside the scope" in err
    assert "(see: work-in-mexico)" in err


def test_scenarios_and_quiz_personas_report_unused_facts(tmp_path: Path) -> None:
    folder = tmp_path / "trees"
    folder.mkdir()
    shutil.copy(USMCA, folder / USMCA.name)
    scenarios = json.loads(USMCA.with_name("usmca-work-in-us.scenarios.json").read_text("utf-8"))
    scenarios["scenarios"] = scenarios["scenarios"][:1]
    scenarios["scenarios"][0]["facts"]["tax_residence"] = "canada"
    (folder / "usmca-work-in-us.scenarios.json").write_text(json.dumps(scenarios), "utf-8")
    code, out, _ = _run("test", str(folder / USMCA.name))
    first = scenarios["scenarios"][0]["id"]
    assert code == 0
    assert f"note usmca-work-in-us / {first}: not used: tax_residence=canada" in out
    code, out, _ = _run("quiz", str(folder / USMCA.name), "--check")
    assert code == 0 and f"note {first}: {NOT_USED}" in out
    scenarios["scenarios"][0]["facts"]["work_location"] = "in_mexico"  # outside the scope
    (folder / "usmca-work-in-us.scenarios.json").write_text(json.dumps(scenarios), "utf-8")
    code, out, _ = _run("test", str(folder / USMCA.name))
    assert code == 1 and "not this tree's question: work_location=in_mexico" in out
