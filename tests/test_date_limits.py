"""Every command that takes ``--as-of`` answers for the first and the last day a date can have
(0001-01-01, 9999-12-31), on the real trees and on a tree whose windows and reviews sit on
those days: a result or a located error, never a traceback."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest

from xborder_tree.checks.review import review_tree
from xborder_tree.cli.main import main
from xborder_tree.loading.document import load_tree
from xborder_tree.model.dates import REVIEW_AFTER_DAYS, review_by, shifted

from .conftest import ROOT

EXTREMES = ROOT / "tests" / "fixtures" / "dated-extremes.json"
DAYS = ["0001-01-01", "9999-12-31"]


def _commands(tree: str, out: Path) -> list[list[str]]:
    return [
        ["review", tree, "--within", "36500"],
        ["review"],
        ["resolve", tree, "--fact", "citizenship=us"],
        ["walk", tree],
        ["why-not", tree, "permit_needed"],
        ["compare", tree, "--a", "citizenship=us", "--b", "citizenship=canada"],
        ["render", tree, "-o", str(out / "map.svg"), "--fact", "citizenship=us"],
        ["everywhere", "--fact", "citizenship=us"],
        ["test"],
        ["site", tree, "-o", str(out / "site")],
    ]


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(argv, out=out, read=lambda: "q")
    return code, out.getvalue(), err.getvalue()


@pytest.mark.exe
@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("index", range(10))
def test_every_as_of_command_answers_on_the_first_and_last_day(
    tmp_path: Path, day: str, index: int
) -> None:
    argv = _commands(str(EXTREMES), tmp_path)[index]
    if argv[0] == "test":
        argv = ["test", str(ROOT / "trees" / "example-remote-work.json")]
    code, out, err = _run([*argv, "--as-of", day])
    assert "Traceback" not in out + err
    if argv[0] == "why-not" and day == DAYS[1]:  # that outcome's answer ended the day before
        assert code == 2 and "cannot be reached with the rules of 9999-12-31" in err
    else:
        assert code in (0, 1), err
        assert out.strip(), "a command that succeeds says what it did"


@pytest.mark.exe
@pytest.mark.parametrize("day", DAYS)
def test_deck_answers_on_the_first_and_last_day(tmp_path: Path, day: str) -> None:
    target = tmp_path / "walk.pptx"
    argv = ["deck", str(EXTREMES), "-o", str(target), "--fact", "citizenship=us", "--as-of", day]
    code, _out, err = _run(argv)
    assert code == 0, err
    assert target.stat().st_size > 10_000


def test_review_on_the_last_day_lists_the_windows_that_end_then() -> None:
    tree = load_tree(EXTREMES)
    lines = [item.line() for item in review_tree(tree, as_of="9999-12-31", within=36_500)]
    assert any("window ends 9999-12-31 (in 0 days)" in line for line in lines), lines
    assert any("review by 9999-12-31 is coming" in line for line in lines), lines


def test_dates_near_the_ends_of_the_calendar_are_held_there() -> None:
    day = dt.date(2026, 1, 1)
    assert shifted(day, 3_000_000) == dt.date.max and shifted(day, -3_000_000) == dt.date.min
    assert review_by({"last_reviewed": "9999-12-01"}) == dt.date.max
    assert review_by({"last_reviewed": "2026-01-01"}) == day + dt.timedelta(REVIEW_AFTER_DAYS)
