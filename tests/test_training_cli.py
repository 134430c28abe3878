"""The why-not, compare and everywhere subcommands: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.test_cli import run
from xborder_tree import load_tree
from xborder_tree.training.whynot import why_not


@pytest.mark.parametrize("command", ["why-not", "compare", "everywhere"])
def test_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and f"usage: xborder-tree {command}" in done.stdout


def test_why_not_text_and_json() -> None:
    facts = ["--fact", "citizenship=us", "--fact", "work_location=remote_from_us"]
    done = run("why-not", str(EXAMPLE), "permit_needed", *facts)
    expected = why_not(
        load_tree(EXAMPLE),
        {"citizenship": "us", "work_location": "remote_from_us"},
        "permit_needed",
    )
    assert done.returncode == 0, done.stderr
    assert "change 1 answer:" in done.stdout and expected.rule in done.stdout
    assert "--fact work_location=in_canada" in done.stdout
    as_json = run("why-not", str(EXAMPLE), "permit_needed", *facts, "--json")
    assert json.loads(as_json.stdout) == expected.to_json()


def test_why_not_does_not_count_unanswered_questions_as_changes() -> None:
    done = run("why-not", str(EXAMPLE), "permit_needed", "--fact", "citizenship=canada")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    canadian = load_tree(EXAMPLE).answer_for("citizenship", "canada").label
    assert lines[0].endswith(", change 1 answer:") and lines[2] == "and answer 1 more question:"
    assert "no answer yet" not in done.stdout and lines[1].endswith(f'not "{canadian}"')
    fresh = run("why-not", str(EXAMPLE), "permit_needed")
    assert fresh.stdout.splitlines()[0].endswith(", answer 2 more questions:")
    assert "change" not in fresh.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["why-not", str(EXAMPLE), "nowhere"], "no outcome or pathway 'nowhere'"),
        (["why-not", str(EXAMPLE), "permit_neded"], "did you mean 'permit_needed'?"),
        (["why-not", str(EXAMPLE), "permit_needed", "--fact", "citizenship"], "key=value"),
        (["compare", str(EXAMPLE), "--a", "citizenship=mars"], "'mars' is not offered"),
        (["everywhere", "--fact", "citizenshp=us"], "unknown fact key 'citizenshp'"),
    ],
)
def test_usage_errors_are_two_lines_at_most(args: list[str], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2 and message in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 2


@pytest.mark.exe
def test_compare_writes_a_diagram(tmp_path: Path) -> None:
    out = tmp_path / "compare.pdf"
    done = run(
        "compare",
        str(EXAMPLE),
        "--a",
        "citizenship=canada",
        "--b",
        "citizenship=us",
        "--label-a",
        "Amira",
        "--label-b",
        "Ben",
        "-o",
        str(out),
        "--theme",
        "presentation",
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert "The paths part at 'Which citizenship do you hold?'" in done.stdout


def test_compare_json() -> None:
    done = run(
        "compare", str(EXAMPLE), "--a", "citizenship=canada", "--b", "citizenship=us", "--json"
    )
    document = json.loads(done.stdout)
    assert document["split"] == "citizenship" and document["shared"] == ["citizenship"]


def test_everywhere_one_line_per_tree(tmp_path: Path) -> None:
    (tmp_path / EXAMPLE.name).write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    done = run("everywhere", "--trees", str(tmp_path), "--fact", "citizenship=canada")
    title = load_tree(EXAMPLE).node("canadian_citizen")["title"]
    assert done.stdout == f"example-remote-work: {title} (Allowed)\n"  # the verdict in words
    pending = run("everywhere", "--trees", str(tmp_path), "--fact", "citizenship=us")
    question = load_tree(EXAMPLE).node("work_location")["text"]
    assert pending.stdout == f"example-remote-work: Asks more: {question}\n"
    as_json = json.loads(
        run("everywhere", "--trees", str(tmp_path), "--fact", "citizenship=canada", "--json").stdout
    )
    assert as_json["trees"][0]["outcome"]["node"] == "canadian_citizen"
