"""The trees agree: every situation the trees can ask, run through every tree whose scope
covers it, gives one position per legal question. A contradictory pair proves the check
can fail; the real trees pass it."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import load_tree, tree_graph
from xborder_tree.checks.consistency import check_consistency, outcome_answers
from xborder_tree.cli.main import main
from xborder_tree.loading.catalog import menu_paths, tree_paths

PAIR = Path(__file__).parent / "fixtures" / "contradictory"


def _run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(args), out)
    return code, out.getvalue() + err.getvalue()


def _pair() -> list[Any]:
    return [load_tree(path) for path in sorted(PAIR.glob("*.json"))]


def test_the_contradictory_pair_fails_the_check() -> None:
    report = check_consistency(_pair())
    assert not report.ok and report.situations == 2 and report.compared == 2
    [conflict] = report.conflicts
    assert conflict.question == "us_work" and conflict.kind == "position"
    assert conflict.answers == (
        ("contradiction-a", "remote", "not_needed", "us-no-authorization-outside-us"),
        ("contradiction-b", "remote", "needed", "us-authorization-needed"),
    )
    assert conflict.example == {"work_location": "remote_from_canada"}


def test_the_command_exits_1_on_the_pair_and_names_both_answers() -> None:
    code, text = _run("consistency", "--trees", str(PAIR))
    assert code == 1
    assert "1 conflicts" in text
    assert "contradiction-a / remote: not_needed (us-no-authorization-outside-us)" in text
    assert "contradiction-b / remote: needed (us-authorization-needed)" in text
    assert "for example: work_location=remote_from_canada" in text
    code, text = _run("consistency", "--trees", str(PAIR), "--json")
    document = json.loads(text)
    assert code == 1 and document["ok"] is False and document["conflicts"][0]["kind"] == "position"


def test_two_different_grey_areas_for_one_situation_are_a_wording_conflict() -> None:
    a, b = (json.loads(path.read_text("utf-8")) for path in sorted(PAIR.glob("*.json")))
    for document, code in ((a, "mx-grey-a"), (b, "mx-grey-b")):
        document["pathways"] = {
            code: {"meaning": f"Grey area {code}", "question": "us_work", "position": "unsettled"}
        }
        remote = next(n for n in document["nodes"] if n["id"] == "remote")
        remote["pathways"], remote["verdict"] = [code], "uncertain"
    report = check_consistency([tree_graph(a), tree_graph(b)])
    [conflict] = report.conflicts
    assert conflict.kind == "wording"
    assert conflict.lines()[0].startswith("grey area worded differently on us_work")


def test_a_tree_without_scope_fails_and_a_refused_value_is_a_gap() -> None:
    a, b = (json.loads(path.read_text("utf-8")) for path in sorted(PAIR.glob("*.json")))
    b_remote = next(n for n in b["nodes"] if n["id"] == "remote")
    b_remote["pathways"] = ["us-no-authorization-outside-us"]  # the pair now agrees
    del a["scope"]
    b["scope"] = [{"work_location": ["in_us", "remote_from_canada", "remote_from_mexico"]}]
    report = check_consistency([tree_graph(a), tree_graph(b)])
    assert report.conflicts == [] and report.unscoped == ["contradiction-a"] and not report.ok
    [gap] = report.gaps
    assert (gap.tree, gap.question, gap.fact, gap.value) == (
        "contradiction-b",
        "work_location",
        "work_location",
        "remote_from_mexico",
    )
    assert "does not offer work_location=remote_from_mexico, which its scope covers" in gap.line()


def test_outcome_answers_read_shared_and_declared_pathways() -> None:
    tree = load_tree("trees/work-in-mexico.json")
    assert outcome_answers(tree, "mx_citizen") == {
        "mx_work": ("not_needed", "mx-citizen-or-resident")
    }
    declared = tree.meta["pathways"]["mx-visitor-foreign-employer"]
    assert outcome_answers(tree, "visitor_remote_work") == {
        "mx_work": (declared["position"], "mx-visitor-foreign-employer")
    }


def test_the_real_trees_agree() -> None:
    """The check run by CI: many situations, no conflict, every tree scoped."""
    report = check_consistency([load_tree(path) for path in menu_paths()])
    assert report.unscoped == []
    assert report.conflicts == [], "\n".join(report.lines())
    assert report.situations > 5_000 and report.compared > 1_000
    code, text = _run("consistency")
    assert code == 0
    assert text.startswith(f"{report.situations:,} situations over {len(report.trees)} trees")


@pytest.mark.parametrize("as_of", ["2025-06-01", "2026-01-15"])
def test_the_real_trees_agree_under_earlier_dated_rules(as_of: str) -> None:
    report = check_consistency([load_tree(path) for path in menu_paths()], as_of)
    assert report.conflicts == [], "\n".join(report.lines())


def test_the_format_example_agrees_with_the_real_trees() -> None:
    """Left out of everywhere and of the default check, it still agrees with them."""
    report = check_consistency([load_tree(path) for path in tree_paths()])
    assert "example-remote-work" in report.trees and report.conflicts == []


def test_not_available_is_a_conflict_only_when_the_needed_answer_asked_more() -> None:
    from xborder_tree.checks.consistency import _clash

    answers = [("a", "h2a", "needed", "us-h2"), ("b", "none", "not_available", "us-no-route")]
    knows_more = {"a": frozenset({"role", "temporary_need"}), "b": frozenset({"role"})}
    assert _clash(answers, knows_more)  # b says no route without asking about seasonal work
    knows_less = {"a": frozenset({"citizenship"}), "b": frozenset({"citizenship", "role"})}
    assert not _clash(answers, knows_less)  # b asked the job's details: the precise answer
    both_needed = [("a", "x", "needed", "us-tn"), ("b", "y", "needed", "us-h1b")]
    assert not _clash(both_needed, knows_more)
    assert _clash([("a", "x", "needed", "us-tn"), ("b", "y", "not_needed", "us-b1")], knows_less)
