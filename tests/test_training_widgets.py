"""Training panels in the explorer, driven from Python with Button.click()."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from tests.conftest import EXAMPLE
from tests.training_helpers import branching_document
from xborder_tree import load_tree, tree_graph
from xborder_tree.jupyter.training_widgets import training_explorer
from xborder_tree.training.quiz import load_quiz, quiz_path
from xborder_tree.training.whynot import why_not


@pytest.fixture
def explorer():  # type: ignore[no-untyped-def]
    return training_explorer(EXAMPLE, open_quiz=True)


def test_quiz_reveals_path_scores_and_summarises(explorer) -> None:  # type: ignore[no-untyped-def]
    tree = load_tree(EXAMPLE)
    quiz_set = load_quiz(quiz_path(EXAMPLE), tree)
    panel = explorer.panels[0].widget
    panel.start_button.click()
    assert panel.diagram.data["id"] == tree.id and panel.diagram.mode == "diagram"
    for index, persona in enumerate(quiz_set.personas):
        assert f"Persona {index + 1} of {len(quiz_set.personas)}" in panel.persona.value
        resolution = tree.resolve(persona.facts)
        for number, step in enumerate(resolution.steps):
            assert panel.diagram.path == resolution.path[: number + 1]
            wrong = next(
                b
                for b in panel.choices.children
                if f"xt_quiz_choice_{step.value}" not in b._dom_classes
            )
            wrong.click()  # every step predicted wrong
            assert "Not quite: the answer is" in panel.feedback.value
            assert panel.diagram.path == resolution.path[: number + 2]
        right = f"xt_quiz_choice_{resolution.outcome}"
        next(b for b in panel.choices.children if right in b._dom_classes).click()
        assert "Right." in panel.feedback.value and "Rule:" in panel.feedback.value
        if index + 1 < len(quiz_set.personas):
            assert panel.next_button.layout.display is None
            panel.next_button.click()
    summary = panel.summary.value
    assert "Rules you missed:" in summary
    total = sum(len(tree.resolve(p.facts).steps) + 1 for p in quiz_set.personas)
    assert f"Total: {len(quiz_set.personas)}/{total}" in summary


def test_quiz_and_explorer_never_move_each_other(explorer) -> None:  # type: ignore[no-untyped-def]
    tree = explorer.tree
    panel = explorer.panels[0].widget
    explorer.answer(tree.answers(tree.root)[0].value)
    before = list(explorer.walk.path)
    assert explorer.view.path == before
    panel.start_button.click()
    first = load_quiz(quiz_path(EXAMPLE), tree).personas[0]
    for step in tree.resolve(first.facts).steps:
        panel.predict(step.value)  # quiz answers: the explorer stays where it was
        assert explorer.walk.path == before and explorer.view.path == before
    revealed = list(panel.diagram.path)
    assert len(revealed) > 1
    explorer.reset()  # explorer moves: the quiz's diagram and stage stay
    explorer.answer(tree.answers(tree.root)[-1].value)
    assert panel.diagram.path == revealed and panel.quiz is not None
    assert panel.quiz.stage == "outcome"


def test_quiz_ends_when_the_tree_changes(explorer) -> None:  # type: ignore[no-untyped-def]
    panel = explorer.panels[0].widget
    panel.start_button.click()
    assert panel.quiz is not None
    explorer.select_tree(tree_graph(branching_document()))
    assert panel.quiz is None and panel.choices.children == ()


def test_why_not_panel_explains_and_applies(explorer) -> None:  # type: ignore[no-untyped-def]
    explorer.answer("us")
    explorer.answer("remote_from_us")
    panel = explorer.panels[1].widget
    explorer.open_panel("Why not?")  # refreshed only while open
    values = [value for _, value in panel.pick.options]
    assert "outside_canada" not in values and "permit_needed" in values
    panel.pick.value = "permit_needed"
    expected = why_not(explorer.tree, explorer.walk.facts, "permit_needed")
    import html

    assert html.escape(expected.rule, quote=True) in panel.result.value
    panel.apply_button.click()
    assert explorer.walk.outcome == "permit_needed"


def test_everywhere_panel_lists_each_tree(explorer) -> None:  # type: ignore[no-untyped-def]
    panel = explorer.panels[2].widget
    assert panel.value == ""  # closed: never computed
    explorer.open_panel("This situation in every tree")
    assert "Answer a question" in panel.value
    explorer.answer("canada")
    assert explorer.tree.node("canadian_citizen")["title"] in panel.value
    assert panel.value.count("<tr>") >= 1
    assert "(Allowed)" in panel.value and "[allowed]" not in panel.value
    explorer.reset()
    explorer.answer("us")  # pending: the question in words, not its fact key
    assert explorer.tree.node("work_location")["text"] in panel.value
    assert "(work_location)" not in panel.value and "Asks more" in panel.value


def test_why_not_panel_keeps_changes_apart_from_unanswered(explorer) -> None:  # type: ignore[no-untyped-def]
    panel = explorer.panels[1].widget
    explorer.open_panel("Why not?")
    explorer.answer("canada")
    panel.pick.value = "permit_needed"
    assert "<p>Change 1 answer:</p>" in panel.result.value
    assert "<p>And answer 1 more question:</p>" in panel.result.value
    assert "no answer yet" not in panel.result.value


@pytest.mark.exe
@pytest.mark.slow
def test_notebook_05_runs_under_nbval() -> None:
    """notebooks/05-quiz.ipynb runs top to bottom; cells marked NBVAL_CHECK_OUTPUT match."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "--nbval-lax",
            "-p",
            "no:cacheprovider",
            "notebooks/05-quiz.ipynb",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
