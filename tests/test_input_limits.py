"""Scenario and quiz files have the limits of tree files (texts 4,000 characters, ids 80,
keys and values 60), an error line quotes at most a short excerpt of what it found, and a
long list of faults ends with how many more there are."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from xborder_tree import load_tree
from xborder_tree.loading.document import tree_graph
from xborder_tree.loading.schema import document_faults
from xborder_tree.model.errors import MAX_SHOWN_FAULTS, TreeError
from xborder_tree.training.quiz_sets import load_quiz
from xborder_tree.training.scenarios import load_scenarios

from .conftest import EXAMPLE, TREES
from .strategies import mutated

SCENARIOS: dict[str, Any] = json.loads(
    (TREES / "example-remote-work.scenarios.json").read_text("utf-8")
)
QUIZ: dict[str, Any] = json.loads((TREES / "example-remote-work.quiz.json").read_text("utf-8"))
LONGEST_LINE = 600
"""No error line is longer than this, whatever the file holds."""


def _faults(path: Path, document: Any, kind: str) -> TreeError:
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(TreeError) as caught:
        if kind == "scenarios":
            load_scenarios(path)
        else:
            load_quiz(path, load_tree(EXAMPLE))
    for line in str(caught.value).splitlines():
        assert len(line) <= LONGEST_LINE, line[:200]
    return caught.value


@pytest.mark.parametrize(("field", "limit"), [("rule", 4000), ("persona", 4000), ("id", 80)])
def test_scenario_texts_have_the_limits_of_tree_texts(
    tmp_path: Path, field: str, limit: int
) -> None:
    document = copy.deepcopy(SCENARIOS)
    filler = "a" if field == "id" else "R"
    document["scenarios"][0][field] = filler * limit
    path = tmp_path / "x.scenarios.json"
    path.write_text(json.dumps(document), "utf-8")
    assert len(load_scenarios(path)) == len(SCENARIOS["scenarios"])  # at the limit: fine
    too_long = 3_000_000 if field == "rule" else limit + 1
    document["scenarios"][0][field] = filler * too_long
    error = _faults(path, document, "scenarios")
    count = f"{len(document['scenarios'][0][field]):,}"
    assert [str(f).removeprefix(str(path) + " ") for f in error.faults] == [
        f"/scenarios/0/{field}: field {field!r} has {count} characters; it must have at most "
        f"{limit:,}. Fix: shorten the text (maxLength {limit})."
    ]


def test_scenario_keys_values_and_expectations_are_bounded(tmp_path: Path) -> None:
    document = copy.deepcopy(SCENARIOS)
    scenario = document["scenarios"][0]
    scenario["facts"] = {"k" * 300: "v" * 300}
    scenario["expect"]["node"] = "n" * 3000
    scenario["expect"]["verdict"] = "V" * 100_000
    error = _faults(tmp_path / "x.scenarios.json", document, "scenarios")
    shown = str(error)
    assert "/scenarios/0/facts: a key has 300 characters; it must have at most 60" in shown
    assert "/scenarios/0/facts/kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...:" in shown
    assert "field 'node' has 3,000 characters; it must have at most 80" in shown
    assert "field 'verdict' is 'VVVVV" in shown and "V" * 100 not in shown


def test_quiz_keys_and_values_are_bounded(tmp_path: Path) -> None:
    document = copy.deepcopy(QUIZ)
    document["personas"][0]["facts"] = {"k" * 61: "in_canada", "citizenship": "v" * 61}
    document["personas"][1]["rule"] = "R" * 3_000_000
    error = _faults(tmp_path / "x.quiz.json", document, "quiz")
    shown = str(error)
    assert "/personas/0/facts: a key has 61 characters; it must have at most 60" in shown
    assert "/personas/0/facts/citizenship: field 'citizenship' has 61 characters" in shown
    assert "/personas/1/rule: field 'rule' has 3,000,000 characters" in shown


def test_an_error_line_quotes_only_an_excerpt(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8")
    twice = text.replace('"title"', '"' + "t" * 5000 + '": 1, "' + "t" * 5000 + '": 1, "title"', 1)
    path = tmp_path / "dup.json"
    path.write_text(twice, "utf-8")
    with pytest.raises(TreeError) as caught:
        load_tree(path)
    assert "appears twice" in str(caught.value) and len(str(caught.value)) < LONGEST_LINE
    document = json.loads(text)
    document.update({f"extra_{i}_" + "x" * 500: 1 for i in range(50)})
    with pytest.raises(TreeError) as caught:
        tree_graph(document, "extra.json")
    (line,) = str(caught.value).splitlines()[1:]
    assert len(line) <= LONGEST_LINE and "and 45 more" in line


def test_a_long_list_of_faults_ends_with_how_many_more(tmp_path: Path) -> None:
    document = copy.deepcopy(SCENARIOS)
    document["scenarios"] = [
        dict(copy.deepcopy(SCENARIOS["scenarios"][0]), id=f"s-{i}", rule=" ", persona=" ")
        for i in range(60)
    ]
    error = _faults(tmp_path / "x.scenarios.json", document, "scenarios")
    lines = str(error).splitlines()
    assert len(error.faults) == 120
    assert lines[0] == "120 faults found:"
    assert len(lines) == MAX_SHOWN_FAULTS + 2
    assert lines[-1] == f"  ... and {120 - MAX_SHOWN_FAULTS} more faults"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SCENARIOS) | mutated(QUIZ))
def test_mutated_scenario_and_quiz_files_fail_one_short_way(document: Any) -> None:
    kind = "quiz" if isinstance(document, dict) and "personas" in document else "scenarios"
    faults = document_faults(document, "fuzz.json", kind)
    text = str(TreeError(faults)) if faults else ""
    assert all(len(line) <= LONGEST_LINE for line in text.splitlines())
    assert all(fault.location.startswith("/") for fault in faults)
