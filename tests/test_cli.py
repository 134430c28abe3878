"""The CLI through its console entry point: exit codes, output, and no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT
from xborder_tree.cli.main import main

EXE = shutil.which("xborder-tree") or str(Path(sys.executable).parent / "xborder-tree")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", ["validate", "render", "resolve", "facts", "walk", "test"])
def test_every_subcommand_has_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and "usage: xborder-tree " + command in done.stdout


def test_validate_ok_and_faulty(tmp_path: Path) -> None:
    assert run("validate", str(EXAMPLE)).returncode == 0
    bad = tmp_path / "bad.json"
    data = json.loads(EXAMPLE.read_text())
    data["edges"][0]["value"] = "quebec"
    data["edges"][2]["target"] = "nowhere"
    bad.write_text(json.dumps(data))
    done = run("validate", str(EXAMPLE), str(bad))
    assert done.returncode == 1
    assert f"FAIL {bad}: 4 faults found:\n" in done.stdout
    assert "several roots: 'citizenship', 'permit_needed'" in done.stdout
    assert "'quebec' is not a value of fact 'citizenship'" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_validate_checks_scenario_files_as_scenarios(tmp_path: Path) -> None:
    every = sorted(str(p) for p in (ROOT / "trees").glob("*.json"))
    done = run("validate", *every)
    assert done.returncode == 0, done.stdout
    assert "example-remote-work.scenarios.json: 3 scenarios" in done.stdout
    stray = tmp_path / "example-remote-work.scenarios.json"
    (tmp_path / "example-remote-work.json").write_text(EXAMPLE.read_text())
    stray.write_text(json.dumps({"tree": "other-tree", "scenarios": []}))
    bad = run("validate", str(stray))
    assert bad.returncode == 1
    assert "/scenarios: value has too few items" in bad.stdout or "/scenarios" in bad.stdout


def test_resolve_json_contract_and_usage_errors() -> None:
    done = run(
        "resolve",
        str(EXAMPLE),
        "--fact",
        "citizenship=us",
        "--fact",
        "work_location=in_canada",
        "--json",
    )
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["complete"] is True and data["outcome"]["node"] == "permit_needed"
    bad = run("resolve", str(EXAMPLE), "--fact", "citizenship=mexico", "--json")
    assert bad.returncode == 0  # outside the example's scope: the trees that answer it
    outside = json.loads(bad.stdout)["out_of_scope"]
    assert outside["facts"] == {"citizenship": "mexico"} and "work-in-mexico" in outside["see"]
    bad = run("resolve", str(EXAMPLE), "--fact", "citizenship=quebec", "--json")
    assert bad.returncode == 2
    assert "citizenship='quebec' is not offered" in bad.stderr and "canada, us" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) <= 2 and "Traceback" not in bad.stderr
    malformed = run("resolve", str(EXAMPLE), "--fact", "citizenship")
    assert malformed.returncode == 2 and "key=value" in malformed.stderr


def test_resolve_text_shows_outcome_and_citations() -> None:
    done = run("resolve", str(EXAMPLE), "--fact", "citizenship=canada")
    assert "OUTCOME: No permit: Canadian citizens may work in Canada" in done.stdout
    assert "https://laws.justice.gc.ca/eng/acts/i-2.5/section-30.html" in done.stdout


def test_facts_lists_keys() -> None:
    done = run("facts", str(EXAMPLE))
    assert done.stdout.splitlines()[0] == "citizenship: canada, us"


def test_missing_tree_is_a_usage_error() -> None:
    done = run("facts", "no-such-tree")
    assert done.returncode == 2 and "no tree file or tree id 'no-such-tree'" in done.stderr


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("usmca-work-in-uss", "did you mean 'usmca-work-in-us'?"),  # a misspelled id
        ("trees/usmca-work-in-uss.json", "did you mean 'usmca-work-in-us.json'?"),  # a file
    ],
)
def test_a_misspelled_tree_and_a_missing_file_exit_alike_naming_the_closest(
    name: str, suggested: str
) -> None:
    done = run("resolve", name)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and suggested in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_misspelled_persona_names_the_closest(tmp_path: Path) -> None:
    done = run("deck", str(EXAMPLE), "--persona", "us-comuter", "-o", str(tmp_path / "d.pptx"))
    assert done.returncode == 2
    assert "no persona 'us-comuter'" in done.stderr and "did you mean 'us-commuter'?" in done.stderr
    assert not (tmp_path / "d.pptx").exists()


def test_resolve_without_facts_asks_the_first_question() -> None:
    done = run("resolve", str(EXAMPLE))
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Incomplete: no outcome yet")  # first line, not a blank one
    assert lines[1] == "Next question: Which citizenship do you hold?"
    assert "  --fact citizenship=canada   (Canadian)" in lines
    assert "  --fact citizenship=us   (US citizen)" in lines
    answered = run("resolve", str(EXAMPLE), "--fact", "citizenship=us")
    assert "\nNext question: Where will you physically do the work?\n" in answered.stdout
    assert answered.stdout.splitlines()[-3:] == [
        "Answer it by adding one of:",
        "  --fact work_location=in_canada   (In Canada)",
        "  --fact work_location=remote_from_us   (Remotely from the US)",
    ]


def test_unknown_subcommand_exits_2() -> None:
    assert run("frobnicate").returncode == 2


def test_walk_in_the_terminal() -> None:
    done = run("walk", str(EXAMPLE), stdin="2\nb\nx\n1\n")
    assert done.returncode == 0
    assert "Please type a number from 1 to 2" in done.stdout
    assert "OUTCOME: No permit: Canadian citizens may work in Canada" in done.stdout
    assert "Citations:" in done.stdout


def test_walk_stops_cleanly_on_end_of_input() -> None:
    done = run("walk", str(EXAMPLE), stdin="2\n")
    assert done.returncode == 1 and "Stopped before an outcome" in done.stdout


@pytest.mark.exe
def test_render_with_facts(tmp_path: Path) -> None:
    out = tmp_path / "d.svg"
    done = run(
        "render",
        str(EXAMPLE),
        "-o",
        str(out),
        "--fact",
        "citizenship=us",
        "--theme",
        "presentation",
    )
    assert done.returncode == 0, done.stderr
    svg = out.read_text()
    assert "xt_on" in svg and 'font-size="22.00"' in svg


def test_render_unknown_format_is_usage_error(tmp_path: Path) -> None:
    done = run("render", str(EXAMPLE), "-o", str(tmp_path / "d.gif"))
    assert done.returncode == 2 and "unknown format: 'gif'" in done.stderr


def test_scenario_runner(tmp_path: Path) -> None:
    assert run("test", str(EXAMPLE)).returncode == 0
    tree = tmp_path / "example-remote-work.json"
    tree.write_text(EXAMPLE.read_text())
    scenarios = json.loads((EXAMPLE.parent / "example-remote-work.scenarios.json").read_text())
    scenarios["scenarios"][0]["expect"]["verdict"] = "not_compliant"
    (tmp_path / "example-remote-work.scenarios.json").write_text(json.dumps(scenarios))
    done = run("test", str(tree))
    assert done.returncode == 1
    assert (
        "FAIL example-remote-work / canadian-in-detroit: verdict 'allowed', expected "
        "'not_compliant'" in done.stdout
    )
    assert "outcome coverage 2/3" in done.stdout
    assert "outcomes no scenario reaches: canadian_citizen" in done.stdout


def test_main_in_process_returns_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", str(EXAMPLE)]) == 0
    assert "citizenship" in capsys.readouterr().out


def test_scenario_runner_takes_a_tree_id() -> None:
    """`test` names a tree by id like every other command (not only by file path)."""
    result = run("test", "--require-coverage", "work-in-mexico")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "work-in-mexico:" in result.stdout and "outcome coverage" in result.stdout
    assert "skip" not in result.stdout
