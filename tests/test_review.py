"""``xborder-tree review``: ended windows, windows ending soon, reviews due or overdue."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import tree_graph
from xborder_tree.checks.review import review_tree
from xborder_tree.cli.main import main

from .conftest import ROOT

DATED = ROOT / "tests" / "fixtures" / "dated-example.json"
DOCUMENT: dict[str, Any] = json.loads(DATED.read_text("utf-8"))


def _review(document: dict[str, Any], as_of: str, within: int = 60) -> list[str]:
    tree = tree_graph(document, "t.json")
    return [item.line() for item in review_tree(tree, document, as_of=as_of, within=within)]


def _outcome(document: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in document["nodes"] if n["id"] == node_id)


def test_an_outcome_past_its_review_date_is_overdue() -> None:
    lines = _review(DOCUMENT, "2027-01-01")
    assert (
        "overdue dated-example /nodes/3 (node 'permit_needed'): review by 2026-12-31 has "
        "passed (last reviewed 2026-11-21)" in lines
    )


def test_review_by_defaults_to_a_year_after_the_last_review() -> None:
    document = copy.deepcopy(DOCUMENT)
    for node in document["nodes"]:
        node.pop("review_by", None)
    assert not any("review by" in line for line in _review(document, "2027-09-21"))
    lines = _review(document, "2027-11-22")
    assert (
        "overdue dated-example /nodes/3 (node 'permit_needed'): review by 2027-11-21 has "
        "passed (last reviewed 2026-11-21)" in lines
    )
    due = _review(document, "2027-10-01")
    assert any(line.startswith("due     dated-example /nodes/3 ") for line in due)


def test_a_window_ended_without_a_review_since_is_overdue() -> None:
    document = copy.deepcopy(DOCUMENT)
    _outcome(document, "permit_needed")["last_reviewed"] = "2026-01-15"
    _outcome(document, "permit_needed")["review_by"] = "2027-01-15"
    lines = _review(document, "2026-07-10")
    assert (
        "overdue dated-example /nodes/3/until (node 'permit_needed'): window ended "
        "2026-06-30, not reviewed since (last reviewed 2026-01-15)" in lines
    )
    assert (
        "overdue dated-example /nodes/3/caveats/1/until (node 'permit_needed'): window ended "
        "2026-03-31, not reviewed since (last reviewed 2026-01-15)" in lines
    )


def test_an_ended_window_reviewed_since_is_listed_but_not_overdue() -> None:
    lines = _review(DOCUMENT, "2026-12-01")
    ended = [line for line in lines if line.startswith("ended")]
    assert ended == []  # ended more than 60 days ago and reviewed since: no longer news
    lines = _review(DOCUMENT, "2026-12-01", within=200)
    assert (
        "ended   dated-example /nodes/3/until (node 'permit_needed'): window ended 2026-06-30; "
        "reviewed since (2026-11-21)" in lines
    )
    assert not any(line.startswith("overdue") for line in lines)


@pytest.mark.parametrize(("as_of", "listed"), [("2026-05-01", True), ("2026-04-30", False)])
def test_a_window_ending_within_sixty_days_is_listed(as_of: str, listed: bool) -> None:
    lines = _review(DOCUMENT, as_of)
    line = "ending  dated-example /edges/2/until (node 'work_location'): window ends 2026-06-30"
    assert any(x.startswith(line) for x in lines) is listed


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(args), out)
    return code, out.getvalue(), err.getvalue()


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    code, out, _ = _cli("review", str(DATED), "--as-of", "2026-11-23")
    assert code == 0 and out.endswith("2 to look at on 2026-11-23, 0 overdue\n")
    code, out, _ = _cli("review", str(DATED), "--as-of", "2027-01-01")
    assert code == 1 and "overdue dated-example /nodes/3 " in out
    code, out, _ = _cli("review", str(DATED), "--as-of", "2027-01-01", "--json")
    document = json.loads(out)
    assert code == 1 and document["as_of"] == "2027-01-01"
    assert {item["status"] for item in document["items"]} == {"overdue"}
    assert document["items"][0]["location"] == "/nodes/3"


@pytest.mark.parametrize("args", [["--within", "-3"], ["--within", "soon"], ["--as-of", "x"]])
def test_cli_usage_errors(args: list[str]) -> None:
    code, _, err = _cli("review", str(DATED), *args)
    assert code == 2 and "Traceback" not in err


def test_an_invalid_tree_is_reported_not_reviewed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    code, _, err = _cli("review", str(bad))
    assert code == 1 and "missing required field 'id'" in err
