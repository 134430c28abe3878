"""``--as-of`` and ``as_of`` everywhere: the CLI, scenario personas, the explorer, diagrams."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import load_tree
from xborder_tree.cli.main import main
from xborder_tree.drawing.render import to_digraph
from xborder_tree.training.scenarios import load_scenarios, run_scenarios

from .conftest import EXAMPLE, ROOT
from .test_widgets import click_answer, labels

DATED = ROOT / "tests" / "fixtures" / "dated-example.json"
IN_CANADA = ["--fact", "citizenship=us", "--fact", "work_location=in_canada"]


def cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    lines = iter(stdin.splitlines(keepends=True))
    with contextlib.redirect_stderr(err):
        code = main(list(args), out, lambda: next(lines, ""))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("as_of", "node"), [("2026-06-30", "permit_needed"), ("2026-07-01", "permit_with_fee")]
)
def test_resolve_as_of(as_of: str, node: str) -> None:
    code, out, _ = cli("resolve", str(DATED), *IN_CANADA, "--as-of", as_of, "--json")
    document = json.loads(out)
    assert code == 0 and document["as_of"] == as_of and document["outcome"]["node"] == node


def test_resolve_without_as_of_applies_today() -> None:
    code, out, _ = cli("resolve", str(DATED), *IN_CANADA, "--json")
    assert code == 0 and json.loads(out)["as_of"] == dt.date.today().isoformat()


def test_resolve_text_shows_the_dated_items_of_the_day() -> None:
    _, march, _ = cli("resolve", str(DATED), *IN_CANADA, "--as-of", "2026-03-31")
    _, april, _ = cli("resolve", str(DATED), *IN_CANADA, "--as-of", "2026-04-01")
    assert "Until 2026-03-31 the old form applies." in march and "new form" not in march
    assert "From 2026-04-01 the new form applies." in april and "old form" not in april


@pytest.mark.parametrize(
    "command",
    [
        ["resolve", str(EXAMPLE)],
        ["walk", str(EXAMPLE)],
        ["render", str(EXAMPLE), "-o", "x.svg"],
        ["test", str(EXAMPLE)],
        ["everywhere"],
        ["quiz", str(EXAMPLE)],
        ["why-not", str(EXAMPLE), "permit_needed"],
        ["compare", str(EXAMPLE)],
    ],
)
@pytest.mark.parametrize("bad", ["2026-02-30", "23/11/2026", "tomorrow"])
def test_a_bad_as_of_is_a_usage_error(command: list[str], bad: str) -> None:
    code, out, err = cli(*command, "--as-of", bad)
    assert code == 2 and out == ""
    assert f"--as-of: {bad!r} is not a real date: write it as YYYY-MM-DD" in err
    assert "Traceback" not in err


def test_walk_names_the_date_and_follows_its_rules() -> None:
    code, out, _ = cli("walk", str(DATED), "--as-of", "2026-07-01", stdin="2\n1\n")
    assert code == 0 and "Rules as of 2026-07-01." in out
    assert "A Canadian work permit and the new fee are needed" in out


@pytest.mark.exe
def test_render_as_of_marks_what_is_not_in_force(tmp_path: Path) -> None:
    target = tmp_path / "d.svg"
    code, _, err = cli("render", str(DATED), "-o", str(target), "--as-of", "2026-07-01")
    assert code == 0, err
    svg = target.read_text("utf-8")
    assert 'id="xt_dated_example_e_work_location__permit_needed" class="edge xt_edge xt_off"' in svg
    assert 'class="node xt_node xt_outcome xt_verdict_permit_required xt_off"' in svg
    assert 'xt_dated_example_e_work_location__permit_with_fee" class="edge xt_edge"' in svg


def test_to_digraph_without_a_date_marks_nothing() -> None:
    assert "xt_off" not in to_digraph(load_tree(DATED)).source
    marked = to_digraph(load_tree(DATED), as_of=dt.date(2026, 6, 30)).source
    assert marked.count("xt_off") == 2  # the new answer and the new outcome


# ----------------------------------------------------------------- scenarios


def _scenarios(tmp_path: Path, extra: dict[str, object]) -> Path:
    shutil.copy(DATED, tmp_path / "dated-example.json")
    persona = {
        "id": "commuter",
        "persona": "A US citizen who will commute to Toronto.",
        "facts": {"citizenship": "us", "work_location": "in_canada"},
        "expect": {
            "node": "permit_with_fee",
            "verdict": "permit_required",
            "pathways": ["ca-lmia"],
        },
        "rule": "The fee applies from its first day.",
    }
    path = tmp_path / "dated-example.scenarios.json"
    path.write_text(json.dumps({"tree": "dated-example", "scenarios": [persona | extra]}))
    return path


@pytest.mark.parametrize(
    ("extra", "run_date", "passes"),
    [
        ({"as_of": "2026-07-01"}, "2026-06-30", True),  # the persona's date wins
        ({"as_of": "2026-06-30"}, "2026-07-01", False),
        ({}, "2026-07-01", True),  # no date of its own: the run's date
        ({}, "2026-06-30", False),
    ],
)
def test_scenario_as_of(
    tmp_path: Path, extra: dict[str, object], run_date: str, passes: bool
) -> None:
    path = _scenarios(tmp_path, extra)
    report = run_scenarios(load_tree(DATED), load_scenarios(path), run_date)
    assert report.passed is passes
    code, out, _ = cli("test", str(tmp_path / "dated-example.json"), "--as-of", run_date)
    assert code == (0 if passes else 1), out


def test_scenario_as_of_must_be_a_real_date(tmp_path: Path) -> None:
    path = _scenarios(tmp_path, {"as_of": "2026-02-30"})
    code, out, _ = cli("validate", str(path))
    assert code == 1
    assert "/scenarios/0/as_of: as_of '2026-02-30' is not a real date" in out


# ----------------------------------------------------------------- explorer


def shown_card(explorer: Any) -> str:
    """The outcome card the page shows: the data's card of the path's last node."""
    assert explorer.view.path == explorer.walk.path
    return str(explorer.view.data["nodes"][explorer.view.path[-1]]["card"])


def test_explorer_shows_the_date_and_reapplies_the_rules_when_it_changes() -> None:
    from xborder_tree.jupyter.widgets import Explorer

    explorer = Explorer(load_tree(DATED), as_of="2026-06-30")
    assert explorer.view.as_of == explorer.view.data["as_of"] == "2026-06-30"
    click_answer(explorer, "us")
    click_answer(explorer, "in_canada")
    assert explorer.walk.outcome == "permit_needed"
    old_answer = "#xt_dated_example_e_work_location__permit_needed path"
    new_answer = "#xt_dated_example_e_work_location__permit_with_fee path"
    assert new_answer in explorer.view.map_css and old_answer not in explorer.view.map_css
    explorer.view.as_of = "2026-07-01"  # what the date field does in the page
    assert explorer.walk.outcome == "permit_with_fee"
    assert old_answer in explorer.view.map_css and new_answer not in explorer.view.map_css
    assert "stroke-dasharray" in explorer.view.map_css
    assert explorer.view.data["as_of"] == "2026-07-01"
    assert "A Canadian work permit and the new fee are needed" in shown_card(explorer)
    assert "Receipt for the new fee" in shown_card(explorer)
    explorer.set_as_of("2026-03-31")
    assert explorer.walk.outcome == "permit_needed"
    assert "Until 2026-03-31 the old form applies." in shown_card(explorer)
    assert explorer.view.as_of == "2026-03-31"
    explorer.back()
    assert labels(explorer) == ["In Canada", "Remotely from the US"]


def test_explorer_defaults_to_today() -> None:
    from xborder_tree.jupyter.widgets import Explorer

    explorer = Explorer(load_tree(EXAMPLE))
    assert explorer.as_of == dt.date.today()
    today = dt.date.today().isoformat()
    assert explorer.view.as_of == explorer.view.data["as_of"] == today


def test_a_date_outside_the_years_of_the_rules_is_refused() -> None:
    from xborder_tree.jupyter.widgets import Explorer

    explorer = Explorer(load_tree(EXAMPLE), as_of="2026-06-30")
    explorer.view.as_of = "0009-12-04"  # a page that skipped its own check
    assert explorer.as_of == dt.date(2026, 6, 30) and explorer.view.as_of == "2026-06-30"
    assert "cover 2020 to 2027: 0009-12-04 is outside them" in explorer.error.value
    explorer.view.as_of = "2027-12-31"
    assert explorer.as_of == dt.date(2027, 12, 31) and explorer.error.value == ""
