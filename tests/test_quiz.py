"""Quiz sets (validated like trees) and the quiz session: predictions, reveal, scores."""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, TREES
from tests.training_helpers import branching_document
from xborder_tree import (
    DecisionTree,
    FactError,
    StateError,
    TreeError,
    UsageError,
    load_tree,
    tree_graph,
)
from xborder_tree.cli.main import main
from xborder_tree.loading.catalog import tree_paths
from xborder_tree.model.wording import rule_in_words
from xborder_tree.training.quiz import Quiz, QuizPersona, QuizSet, load_quiz, quiz_for, quiz_path
from xborder_tree.training.scenarios import load_scenarios

EXAMPLE_QUIZ = quiz_path(EXAMPLE)


@pytest.fixture
def quiz_document() -> dict[str, Any]:
    return json.loads(EXAMPLE_QUIZ.read_text("utf-8"))


def write(tmp_path: Path, document: Any) -> Path:
    """A quiz file next to a copy of the example scenarios."""
    scenarios = EXAMPLE.with_name("example-remote-work.scenarios.json")
    (tmp_path / scenarios.name).write_text(scenarios.read_text("utf-8"), "utf-8")
    path = tmp_path / EXAMPLE_QUIZ.name
    path.write_text(json.dumps(document) if not isinstance(document, str) else document, "utf-8")
    return path


def test_example_quiz_takes_scenarios_by_reference(
    example_tree: DecisionTree, quiz_document: dict[str, Any]
) -> None:
    quiz = load_quiz(EXAMPLE_QUIZ, example_tree)
    assert [p.id for p in quiz.personas] == [p["id"] for p in quiz_document["personas"]]
    scenarios = {
        s.id: s for s in load_scenarios(EXAMPLE.with_name("example-remote-work.scenarios.json"))
    }
    for item, persona in zip(quiz_document["personas"], quiz.personas, strict=True):
        if "scenario" in item:
            source = scenarios[item["scenario"]]
            assert (persona.persona, persona.facts, persona.rule) == (
                source.persona,
                source.facts,
                source.rule,
            )


def _break(document: dict[str, Any], how: str) -> None:
    personas = document["personas"]
    if how == "tree":
        document["tree"] = "other-tree"
    elif how == "unknown_field":
        personas[0]["answer"] = "x"
    elif how == "duplicate":
        personas[2]["id"] = personas[0]["id"]
    elif how == "both":
        personas[1]["facts"] = {"citizenship": "canada"}
    elif how == "missing":
        del personas[0]["rule"]
    elif how == "pending":
        del personas[0]["facts"]["work_location"]
    elif how == "value":
        personas[0]["facts"]["citizenship"] = "quebec"
    elif how == "scenario":
        personas[1]["scenario"] = "nobody"


@pytest.mark.parametrize(
    ("how", "location", "message"),
    [
        ("tree", "/tree", "the quiz is for tree 'other-tree', not 'example-remote-work'"),
        ("unknown_field", "/personas/0", "unknown field 'answer'"),
        ("duplicate", "/personas/2/id", "duplicate persona id 'commuter-from-buffalo'"),
        ("both", "/personas/1", "names scenario 'canadian-in-detroit' and also gives facts"),
        ("missing", "/personas/0", "missing 'rule'"),
        ("pending", "/personas/0/facts", "the facts stop at question 'work_location'"),
        ("value", "/personas/0/facts", "citizenship='quebec' is not offered"),
        ("scenario", "/personas/1/scenario", "no scenario 'nobody'"),
    ],
)
def test_faults_are_located(
    tmp_path: Path,
    example_tree: DecisionTree,
    quiz_document: dict[str, Any],
    how: str,
    location: str,
    message: str,
) -> None:
    _break(quiz_document, how)
    path = write(tmp_path, quiz_document)
    with pytest.raises(TreeError, match=message) as info:
        load_quiz(path, example_tree)
    fault = info.value.faults[0]
    assert (fault.file, fault.location) == (str(path), location) and fault.fix


def test_every_fault_reported_at_once(
    tmp_path: Path, example_tree: DecisionTree, quiz_document: dict[str, Any]
) -> None:
    for how in ("duplicate", "missing", "scenario"):
        _break(quiz_document, how)
    with pytest.raises(TreeError, match=r"^3 faults found"):
        load_quiz(write(tmp_path, quiz_document), example_tree)


@pytest.mark.parametrize("text", ["", "{", "[1]"])
def test_unreadable_files_are_tree_errors(
    tmp_path: Path, example_tree: DecisionTree, text: str
) -> None:
    with pytest.raises(TreeError, match=r"example-remote-work\.quiz\.json"):
        load_quiz(write(tmp_path, text), example_tree)


def play(quiz: Quiz, pick: Any) -> None:
    """Answer every prediction with ``pick(quiz)``."""
    while quiz.stage != "done":
        if quiz.stage == "persona_done":
            quiz.next_persona()
        quiz.predict(pick(quiz))


def truth(quiz: Quiz) -> str:
    if quiz.stage == "step":
        return next(s.value for s in quiz.resolution.steps if s.node == quiz.question)
    return quiz.resolution.outcome or ""


def wrong(quiz: Quiz) -> str:
    """A wrong prediction; for the outcome, one with another verdict or other pathways."""

    def key(node: str) -> tuple[str, list[str]]:
        data = quiz.tree.node(node)
        return data["verdict"], sorted(data["pathways"])

    if quiz.stage == "outcome":
        return next(v for v, _ in quiz.choices() if key(v) != key(truth(quiz)))
    return next(value for value, _ in quiz.choices() if value != truth(quiz))


@pytest.fixture(params=tree_paths(TREES), ids=lambda p: p.stem)
def any_quiz(request: pytest.FixtureRequest) -> Quiz:
    """A quiz for every tree that has a quiz or scenario file."""
    path = request.param
    tree = load_tree(path)
    try:
        return Quiz(tree, quiz_for(tree, path))
    except FactError as exc:
        pytest.skip(str(exc))


def test_all_right_scores_full_marks(any_quiz: Quiz) -> None:
    play(any_quiz, truth)
    total = sum(len(any_quiz.tree.resolve(p.facts).steps) + 1 for p in any_quiz.quiz.personas)
    assert [s.right for s in any_quiz.scores] == [s.total for s in any_quiz.scores]
    assert sum(s.total for s in any_quiz.scores) == total
    assert any_quiz.missed() == [] and f"Total: {total}/{total}" in any_quiz.summary()
    assert "Rules you missed" not in any_quiz.summary()


def test_all_wrong_names_every_rule(any_quiz: Quiz) -> None:
    play(any_quiz, wrong)
    summary = any_quiz.summary()
    tree = any_quiz.tree
    assert sum(s.right for s in any_quiz.scores) == 0
    for persona in any_quiz.quiz.personas:
        assert rule_in_words(persona.rule) in summary
        for step in tree.resolve(persona.facts).steps:
            assert f'"{step.question}" is "{step.answer}"' in summary


def test_reveal_follows_the_true_path_after_a_wrong_prediction(example_tree: DecisionTree) -> None:
    quiz = Quiz(example_tree, load_quiz(EXAMPLE_QUIZ, example_tree))
    path = quiz.resolution.path
    assert quiz.revealed == path[:1]
    feedback = quiz.predict(wrong(quiz))
    assert not feedback.correct and feedback.revealed == tuple(path[:2])
    step = quiz.resolution.steps[0]
    assert feedback.reason == step.note and feedback.expected_label == step.answer
    assert feedback.citations and feedback.citations[0]["official"]
    assert quiz.question == path[1] and quiz.revealed == path[:2]


def test_another_outcome_with_the_same_verdict_and_pathways_is_wrong() -> None:
    document = branching_document()
    twin = next(n for n in document["nodes"] if n["id"] == "remote")
    twin.update(verdict="permit_required", pathways=["ca-lmia"])
    tree = tree_graph(document)
    persona = QuizPersona("p", "words", {"citizenship": "us", "work_location": "in_canada"}, "r")
    quiz = Quiz(tree, QuizSet(tree.id, "t", (persona,)))
    quiz.predict("us")
    quiz.predict("in_canada")
    feedback = quiz.predict("remote")
    assert not feedback.correct and feedback.expected == "permit" and quiz.stage == "done"
    assert quiz.scores[0].right == 2 and "outcome wrong" in quiz.summary()


def test_outcome_choices_are_titles_without_pathway_codes() -> None:
    tree = load_tree(TREES / "work-in-canada-from-us.json")
    quiz = Quiz(tree, quiz_for(tree, TREES / "work-in-canada-from-us.json"))
    play_steps(quiz)
    choices = quiz.choices()
    assert [label for _, label in choices] == [tree.node(o)["title"] for o in tree.outcomes]
    codes = {code for o in tree.outcomes for code in tree.node(o)["pathways"]}
    assert not [label for _, label in choices if any(code in label for code in codes)]


def play_steps(quiz: Quiz) -> None:
    """Predict the current persona's answers right, up to the outcome prediction."""
    while quiz.stage == "step":
        quiz.predict(truth(quiz))


LABELS = re.compile(r"\bR\d+\.\d+|\bS\d{3}\b|\(section \d")


def test_feedback_states_the_rule_in_words_with_its_source() -> None:
    """Scenario rules may carry authors' labels ("R5.6: ..."); the trainee never sees them."""
    for path in tree_paths(TREES):
        tree = load_tree(path)
        try:
            quiz = Quiz(tree, quiz_for(tree, path))
        except FactError:
            continue
        while quiz.stage != "done":
            if quiz.stage == "persona_done":
                quiz.next_persona()
            play_steps(quiz)
            feedback = quiz.predict(wrong(quiz))
            assert feedback.rule is not None and not LABELS.search(feedback.rule), feedback.rule
            official = [c for c in feedback.citations if c["official"]]
            assert feedback.source and official[0]["title"] in feedback.source
        summary = quiz.summary()
        assert not LABELS.search(summary), summary
        assert not [p.id for p in quiz.quiz.personas if p.id in summary]


def test_rule_labels_are_removed_from_a_labelled_rule() -> None:
    tree = tree_graph(branching_document())
    rule = (
        "R5.6: work on US soil needs authorization (8 CFR 274a.1(h)). R4.2 and R5.8: no "
        "Canadian permit; S000 says otherwise (section 8)."
    )
    persona = QuizPersona("p-slug", "words", {"citizenship": "canada"}, rule)
    quiz = Quiz(tree, QuizSet(tree.id, "t", (persona,)))
    quiz.predict("canada")
    assert quiz.predict("citizen").rule == (
        "Work on US soil needs authorization (8 CFR 274a.1(h)). No Canadian permit; the source "
        "article says otherwise."
    )


def test_moves_out_of_turn_are_usage_errors(example_tree: DecisionTree) -> None:
    quiz = Quiz(example_tree, load_quiz(EXAMPLE_QUIZ, example_tree))
    with pytest.raises(FactError, match=r"'mars' is not a choice here \(must be one of: canada"):
        quiz.predict("mars")
    with pytest.raises(StateError, match="finish this persona first"):
        quiz.next_persona()
    play(quiz, truth)
    with pytest.raises(StateError, match="the quiz is over"):
        quiz.predict("us")


def test_quiz_for_falls_back_to_scenarios(tmp_path: Path) -> None:
    tree_file = tmp_path / EXAMPLE.name
    tree_file.write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    tree = load_tree(tree_file)
    with pytest.raises(UsageError, match="no quiz for tree 'example-remote-work'"):
        quiz_for(tree, tree_file)
    write(tmp_path, "{}").unlink()  # copies the scenario file only
    quiz = quiz_for(tree, tree_file)
    assert [p.id for p in quiz.personas] == [
        s.id for s in load_scenarios(tmp_path / "example-remote-work.scenarios.json")
    ]


@pytest.mark.parametrize("path", sorted(TREES.glob("*.quiz.json")), ids=lambda p: p.name)
def test_every_quiz_file_in_trees_is_valid(path: Path) -> None:
    tree_id = path.name.removesuffix(".quiz.json")
    quiz = load_quiz(path, load_tree(TREES / f"{tree_id}.json"))
    assert quiz.personas


def test_cli_quiz_scripted(example_tree: DecisionTree) -> None:
    quiz = Quiz(example_tree, load_quiz(EXAMPLE_QUIZ, example_tree))
    numbers: list[str] = []
    while quiz.stage != "done":  # the right numbers, computed from the files
        if quiz.stage == "persona_done":
            quiz.next_persona()
        values = [value for value, _ in quiz.choices()]
        numbers.append(str(values.index(truth(quiz)) + 1))
        quiz.predict(truth(quiz))
    lines = iter(["9\n", *[n + "\n" for n in numbers]])
    out = io.StringIO()
    assert main(["quiz", str(EXAMPLE)], out, lambda: next(lines)) == 0
    total = sum(s.total for s in quiz.scores)
    assert "Please type a number from 1 to" in out.getvalue()
    assert f"Total: {total}/{total}" in out.getvalue()
    stopped = io.StringIO()
    assert main(["quiz", str(EXAMPLE)], stopped, lambda: "") == 1
    assert "Stopped before the end." in stopped.getvalue()
    quit_lines = iter([numbers[0] + "\n", "q\n"])
    quitted = io.StringIO()
    assert main(["quiz", str(EXAMPLE)], quitted, lambda: next(quit_lines)) == 0
    assert "Stopped." in quitted.getvalue() and "Total: 1/1" in quitted.getvalue()
    assert "Please type a number" not in quitted.getvalue()


def test_cli_quiz_marks_a_wrong_outcome_wrong() -> None:
    """The H-1B persona: an outcome sharing its pathways is still the wrong answer."""
    path = TREES / "work-in-canada-from-us.json"
    tree = load_tree(path)
    quiz = Quiz(tree, quiz_for(tree, path))
    numbers = [
        str([a.value for a in tree.answers(step.node)].index(step.value) + 1)
        for step in quiz.resolution.steps
    ]
    truth_outcome = quiz.resolution.outcome
    pathways = sorted(tree.node(truth_outcome)["pathways"])
    twins = [
        o
        for o in tree.outcomes
        if o != truth_outcome and sorted(tree.node(o)["pathways"]) == pathways
    ]
    guess = twins[0] if twins else next(o for o in tree.outcomes if o != truth_outcome)
    numbers.append(str(tree.outcomes.index(guess) + 1))
    lines = iter([n + "\n" for n in numbers] + ["q\n"])
    out = io.StringIO()
    assert main(["quiz", str(path)], out, lambda: next(lines)) == 0
    text = out.getvalue()
    assert f"Not quite: {tree.node(truth_outcome)['title']}." in text
    steps = len(quiz.resolution.steps)
    assert f"{steps}/{steps + 1}" in text and "outcome wrong" in text
    assert quiz.persona.id not in text


def test_cli_quiz_check_reports_faults(
    tmp_path: Path, quiz_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main(["quiz", str(EXAMPLE), "--check"], out) == 0
    assert out.getvalue().startswith(f"ok   {EXAMPLE_QUIZ}: ")
    broken = copy.deepcopy(quiz_document)
    _break(broken, "pending")
    path = write(tmp_path, broken)
    assert main(["quiz", str(EXAMPLE), "--quiz", str(path), "--check"], io.StringIO()) == 1
    assert "/personas/0/facts" in capsys.readouterr().err
