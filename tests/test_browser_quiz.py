"""Quiz mode in a real browser: Voila serves notebooks/quiz-app.ipynb (the explorer with the
training panels) and headless Chromium plays the example quiz through to its summary. The
quiz reveals each persona's path on its own diagram, beside its choices, and the explorer's
path never moves.

Every expectation (personas, answers, paths, score) is read from the tree and quiz files.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.conftest import EXAMPLE
from tests.test_browser import STEP_MS, WAIT_MS
from tests.voila import CHROMIUM, CHROMIUM_FLAGS, serve_voila
from xborder_tree import load_tree
from xborder_tree.drawing.render import default_prefix, edge_element_id, node_element_id
from xborder_tree.jupyter.training_widgets import QUIZ_PREFIX
from xborder_tree.model.wording import rule_in_words
from xborder_tree.training.quiz import load_quiz, quiz_path

pytestmark = [pytest.mark.browser, pytest.mark.exe, pytest.mark.slow]


@pytest.fixture(scope="module")
def quiz_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_voila("notebooks/quiz-app.ipynb", tmp_path_factory.mktemp("voila_quiz")) as url:
        yield url + "?tree=example-remote-work"


def test_play_the_quiz_in_chromium(quiz_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    tree = load_tree(EXAMPLE)
    personas = load_quiz(quiz_path(EXAMPLE), tree).personas
    total = sum(len(tree.resolve(p.facts).steps) + 1 for p in personas)
    first_wrong = True  # the first prediction is wrong on purpose; the rest are right
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(STEP_MS)
            page.goto(quiz_url, wait_until="domcontentloaded", timeout=WAIT_MS)
            # The quiz's tab is open, in the explorer's place: the explorer is there, hidden.
            page.wait_for_selector(
                ".xt_view_widget .xt_question_text", timeout=WAIT_MS, state="attached"
            )
            expect(page.locator(".xt_view_widget")).to_be_hidden()
            explorer_current = page.locator(".xt_view_widget .xt_focus .xt_current")
            expect(explorer_current).to_have_attribute("data-node", tree.root)
            page.locator(".xt_quiz_start").click()
            for index, persona in enumerate(personas):
                expect(page.locator(".xt_quiz_persona blockquote")).to_have_text(persona.persona)
                expect(page.locator(".xt_quiz_persona")).not_to_contain_text(persona.id)
                resolution = tree.resolve(persona.facts)
                for number, step in enumerate(resolution.steps):
                    expect(page.locator(".xt_quiz_prompt h4")).to_have_text(step.question)
                    if first_wrong:
                        other = next(
                            a.value for a in tree.answers(step.node) if a.value != step.value
                        )
                        page.locator(f".xt_quiz_choice_{other}").click()
                        expect(page.locator(".xt_quiz_feedback .xt_quiz_wrong")).to_contain_text(
                            f"the answer is {step.answer}"
                        )
                        first_wrong = False
                    else:
                        page.locator(f".xt_quiz_choice_{step.value}").click()
                        expect(page.locator(".xt_quiz_feedback .xt_quiz_right")).to_be_visible()
                    # the quiz's own diagram reveals exactly the path so far
                    shown = resolution.path[: number + 2]
                    own = QUIZ_PREFIX + default_prefix(tree)  # ids unlike the explorer's
                    expected = {node_element_id(tree, n, own) for n in shown} | {
                        edge_element_id(tree, a, b, own) for a, b in itertools.pairwise(shown)
                    }
                    current = page.locator(".xt_quiz_diagram .xt_current")
                    expect(current).to_have_attribute("data-node", shown[-1])
                    lit = page.eval_on_selector_all(
                        ".xt_quiz_diagram .xt_focus .xt_on", "es => es.map(e => e.id)"
                    )
                    assert set(lit) == expected
                    feedback = page.locator(".xt_quiz_feedback").bounding_box()
                    diagram = page.locator(".xt_quiz_diagram .xt_diagram_view").bounding_box()
                    assert feedback and diagram and abs(feedback["y"] - diagram["y"]) < 600
                    # ... and the explorer has not moved
                    expect(explorer_current).to_have_attribute("data-node", tree.root)
                page.locator(f".xt_quiz_choice_{resolution.outcome}").click()
                expect(page.locator(".xt_quiz_rule")).to_contain_text(rule_in_words(persona.rule))
                if index + 1 < len(personas):
                    page.locator(".xt_quiz_next").click()
            summary = page.locator(".xt_quiz_summary")
            expect(summary).to_contain_text(f"Total: {total - 1}/{total}")
            expect(summary).to_contain_text("Rules you missed:")
            assert page.locator(".xt_error_text").count() == 0
        finally:
            browser.close()
