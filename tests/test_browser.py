"""The explorer app in a real browser: Voila serves notebooks/app.ipynb, headless Chromium
(Debian's package) clicks through it with Playwright.

Expectations are read from the tree file through the API, never hard-coded.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from xborder_tree import DecisionTree, Walk, load_tree
from xborder_tree.drawing.render import edge_element_id, node_element_id
from xborder_tree.jupyter.widgets import crumb_text
from xborder_tree.loading.catalog import find_tree
from xborder_tree.outputs.report import why_sentences

from .voila import CHROMIUM, CHROMIUM_FLAGS, serve_voila

pytestmark = [pytest.mark.browser, pytest.mark.exe, pytest.mark.slow]

APP_TREE = "work-in-canada-from-us"  # what notebooks/app.ipynb opens by default
WAIT_MS = 60_000  # for the first render (kernel start + tree layout)
STEP_MS = 15_000  # for one click's update


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_voila("notebooks/app.ipynb", tmp_path_factory.mktemp("voila")) as url:
        yield url


@pytest.fixture(scope="module")
def tree() -> DecisionTree:
    return load_tree(find_tree(APP_TREE))


def _longest_path(tree: DecisionTree) -> list[str]:
    """A root-to-outcome path with the most answers (first in file order among equals)."""
    return max(tree.paths(), key=len)


def _value(tree: DecisionTree, source: str, target: str) -> str:
    (value,) = [a.value for a in tree.answers(source) if a.target == target]
    return value


def test_walk_an_app_path_in_chromium(app_url: str, tree: DecisionTree, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    path = _longest_path(tree)
    assert len(path) >= 3, "the app tree should have a path of two answers or more"
    outcome = tree.node(path[-1])
    question = ".xt_view_widget .xt_question_text"
    answer = ".xt_view_widget .xt_answer_{}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(accept_downloads=True)
            page.set_default_timeout(STEP_MS)
            page.goto(app_url, wait_until="domcontentloaded", timeout=WAIT_MS)
            page.wait_for_selector(question, timeout=WAIT_MS)
            expect(page.locator(question)).to_have_text(tree.node(tree.root)["text"])

            # The first answer by keyboard (the buttons are real, focusable <button>s).
            first = page.locator(answer.format(_value(tree, path[0], path[1])))
            first.focus()
            page.keyboard.press("Enter")
            expect(page.locator(".xt_crumb_0")).to_be_visible()
            # ... and the keyboard goes on from the next question's first answer
            expect(page.locator(".xt_view_widget .xt_answer").first).to_be_focused()
            for source, target in itertools.pairwise(path[1:]):
                expect(page.locator(question)).to_have_text(tree.node(source)["text"])
                page.locator(answer.format(_value(tree, source, target))).click()

            # The outcome card: title, citation links, notice.
            expect(page.locator(".xt_outcome_title")).to_have_text(outcome["title"])
            citation = outcome["citations"][0]
            link = page.locator(f'a.xt_citation[href="{citation["url"]}"]').first
            expect(link).to_contain_text(citation["title"])
            expect(page.locator(".xt_outcome_card .xt_notice")).to_be_visible()
            walk = Walk(tree)
            for source, target in itertools.pairwise(path):
                walk.answer(_value(tree, source, target))
            expect(page.locator(".xt_why_item")).to_have_text(why_sentences(walk))

            # The focus view draws exactly the path, the outcome as the current node, and
            # every answer not taken on the way as a stub.
            current = page.locator(f"#{node_element_id(tree, path[-1])}.xt_current")
            expect(current).to_have_count(1)
            lit = page.eval_on_selector_all(".xt_focus .xt_on", "es => es.map(e => e.id)")
            expected = {node_element_id(tree, node) for node in path} | {
                edge_element_id(tree, a, b) for a, b in itertools.pairwise(path)
            }
            assert set(lit) == expected
            stubs = page.eval_on_selector_all(".xt_focus .xt_stub", "es => es.map(e => e.id)")
            assert sorted(stubs) == sorted(
                edge_element_id(tree, a, other.target)
                for a, b in itertools.pairwise(path)
                for other in tree.answers(a)
                if other.target != b
            )

            # A download produces a valid file (the Downloads tab shows in the explorer's place).
            page.get_by_role("button", name="Downloads").click()
            expect(page.locator(".xt_view_widget")).to_be_hidden()
            page.locator(".xt_prepare").click()
            page.locator("a.xt_download_md").wait_for(timeout=WAIT_MS)  # Graphviz, slides
            with page.expect_download(timeout=STEP_MS) as info:
                page.locator("a.xt_download_md").click()
            saved = tmp_path / info.value.suggested_filename
            info.value.save_as(saved)
            assert saved.name == f"{tree.id}-case.md"
            text = saved.read_text("utf-8")
            assert "## Outcome: " in text and citation["url"] in text
            with page.expect_download(timeout=STEP_MS) as info:
                page.locator("a.xt_download_svg").click()
            svg = Path(info.value.path()).read_text("utf-8")
            assert re.search(rf'id="{node_element_id(tree, path[-1])}" class="[^"]*xt_on', svg)

            # Back restores the last question; a breadcrumb jump restores an earlier one.
            page.get_by_role("button", name="Explorer").click()
            expect(page.locator(".xt_view_widget")).to_be_visible()
            page.locator(".xt_back").click()
            expect(page.locator(question)).to_have_text(tree.node(path[-2])["text"])
            expect(page.locator(".xt_outcome_title")).to_have_count(0)
            expect(page.locator(f"#{node_element_id(tree, path[-2])}.xt_current")).to_have_count(1)
            if not page.locator(".xt_crumb_1").is_visible():  # a long trail is folded
                page.locator(".xt_view_widget .xt_trail > summary").click()
            page.locator(".xt_crumb_1").click()
            expect(page.locator(question)).to_have_text(tree.node(path[1])["text"])
            expect(page.locator(".xt_crumb_1")).to_be_hidden()
            expect(page.locator(".xt_crumb_0")).to_be_visible()
            lit = page.eval_on_selector_all(".xt_focus .xt_on", "es => es.map(e => e.id)")
            assert set(lit) == {
                node_element_id(tree, path[0]),
                node_element_id(tree, path[1]),
                edge_element_id(tree, path[0], path[1]),
            }
            # A stub jumps: the first question answered the other way.
            other = next(a for a in tree.answers(path[0]) if a.target != path[1])
            page.locator(f"#{edge_element_id(tree, path[0], other.target)}").click()
            expect(page.locator(".xt_crumb_0")).to_have_text(
                crumb_text(0, tree.label(path[0]), other.label)
            )
            moved = page.locator(f".xt_focus .xt_current[data-node='{other.target}']")
            expect(moved).to_have_count(1)

            # The whole map; fit to width, then back to actual size.
            page.locator(".xt_view_map").click()
            svg_el = page.locator(".xt_diagram_view svg.xt_map_svg")
            expect(page.locator(".xt_overlay .xt_current")).to_have_attribute(
                "data-for", node_element_id(tree, other.target)
            )
            # It opens fitted to the width of its view; 100% is wider, Fit width fits again.
            view = page.locator(".xt_view_widget .xt_diagram_view")
            fitted = svg_el.bounding_box()["width"]
            assert 0.9 * view.bounding_box()["width"] <= fitted <= view.bounding_box()["width"]
            page.locator(".xt_zoom_reset").click()
            expect(svg_el).not_to_have_attribute("style", re.compile(rf"width: {round(fitted)}px"))
            assert svg_el.bounding_box()["width"] > view.bounding_box()["width"]
            page.locator(".xt_zoom_fit").click()
            expect(svg_el).to_have_attribute("style", re.compile(rf"width: {round(fitted)}px"))
            assert page.locator(".xt_error_text").count() == 0
        finally:
            browser.close()
