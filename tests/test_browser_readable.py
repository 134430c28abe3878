"""A person can read the explorer: every tree of trees/, every answer, in Chromium at
1920x1080 and 1280x800.

After each click (every answer of every question is taken once, then undone with Back) the
current node, the answers leading on from it and the path are on screen, inside the diagram's
box, with text of at least 12 CSS px; the question and its answer buttons are on screen; at
an outcome the card's title and the outcome node are on screen together. At the end of the
longest path the whole map is one click away, the path drawn on it, and the current node in
view. Screenshots (first question, mid-path, outcome, whole map) go to ``$XT_SCREENSHOTS``
(default: the test's temporary folder).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import DecisionTree, load_tree
from xborder_tree.drawing.render import edge_element_id, node_element_id
from xborder_tree.loading.catalog import menu_paths, tree_paths

from .test_browser import STEP_MS, WAIT_MS
from .voila import CHROMIUM, CHROMIUM_FLAGS, serve_voila

pytestmark = [pytest.mark.browser, pytest.mark.exe, pytest.mark.slow]

SIZES = [(1920, 1080), (1280, 800)]
MIN_TEXT_PX = 12

# Installed in the page: click, then report every readability problem of the new state.
_CHECK_JS = """
window.__xtCheck = (expected) => {
  const root = document.querySelector(".xt_view_widget");
  const view = root.querySelector(".xt_diagram_view");
  const W = window.innerWidth, H = window.innerHeight;
  const v = view.getBoundingClientRect();
  const screen = { l: 0, r: W, t: 0, b: H };
  const box = { l: Math.max(0, v.left), r: Math.min(W, v.right), t: Math.max(0, v.top),
    b: Math.min(H, v.bottom) };
  const problems = [];
  const within = (el, area) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= area.l - 1 && r.right <= area.r + 1 && r.top >= area.t - 1
      && r.bottom <= area.b + 1;
  };
  const need = (el, name, area) => {
    if (!within(el, area)) {
      const r = el.getBoundingClientRect();
      const at = [r.left, r.top, r.right, r.bottom].map(Math.round);
      const seen = [area.l, area.t, area.r, area.b].map(Math.round);
      problems.push(`${name} off screen: at [${at}], visible area [${seen}]`);
    }
  };
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const current = view.querySelector(".xt_current");
  if (!current || current.dataset.node !== expected) {
    const shown = current && current.dataset.node;
    problems.push(`the diagram's current node is ${shown}, not ${expected}`);
    return problems;
  }
  need(current, "current node", box);
  for (const el of view.querySelectorAll(".xt_ahead_edge")) {
    need(el, `answer "${el.textContent}" on the diagram`, box);
  }
  // The whole path when it fits with what comes next; else the step into the current node
  // when that fits; else the current node (checked above) and its answers come first.
  const path = [...view.querySelectorAll(".xt_fnode.xt_on")];
  const bottom = (view.querySelector(".xt_ahead") || current).getBoundingClientRect().bottom;
  const room = (el) => bottom - el.getBoundingClientRect().top + 24 <= view.clientHeight;
  const previous = path[Math.max(0, path.length - 2)];
  const shownPath = room(path[0]) ? path : room(previous) ? [previous] : [];
  for (const el of shownPath) need(el, `path node ${el.dataset.node}`, box);
  for (const el of view.querySelectorAll(".xt_fnode, .xt_stub, .xt_fedge_label, .xt_next_item")) {
    if (px(el) < 12) problems.push(`text of ${el.textContent} is ${px(el)} px`);
  }
  const question = root.querySelector(".xt_question_text");
  if (question) {
    need(question, "question", screen);
    for (const b of root.querySelectorAll(".xt_answer")) {
      need(b, `button "${b.textContent}"`, screen);
    }
  } else {
    need(root.querySelector(".xt_outcome_title"), "outcome card title", screen);
  }
  return problems;
};
window.__xtClick = (selector, expected) => {
  const button = document.querySelector(`.xt_view_widget ${selector}`);
  if (!button) return [`no ${selector} to click`];
  button.click();
  return window.__xtCheck(expected);
};
"""


def every_answer(tree: DecisionTree) -> list[tuple[str, str]]:
    """(selector, expected current node) for a walk taking every answer once, depth first,
    each followed later by Back: every edge is clicked, every node reached."""
    plan: list[tuple[str, str]] = []
    seen: set[str] = set()

    def visit(node: str) -> None:
        for answer in tree.answers(node):
            plan.append((f".xt_answer_{answer.value}", answer.target))
            if answer.target not in seen:
                seen.add(answer.target)
                visit(answer.target)
            plan.append((".xt_back", node))

    visit(tree.root)
    return plan


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_voila("notebooks/app.ipynb", tmp_path_factory.mktemp("voila_readable")) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("XT_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_tree_is_readable_after_every_click(
    app_url: str, shots: Path, width: int, height: int
) -> None:
    from playwright.sync_api import expect, sync_playwright

    paths = tree_paths()
    assert paths, "no trees in trees/"
    in_menu = {path.resolve() for path in menu_paths()}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.emulate_media(reduced_motion="reduce")
            page.set_default_timeout(STEP_MS)
            page.goto(app_url, wait_until="domcontentloaded", timeout=WAIT_MS)
            page.wait_for_selector(".xt_view_widget .xt_question_text", timeout=WAIT_MS)
            page.evaluate(_CHECK_JS)
            for path in paths:
                tree = load_tree(path)
                if path.resolve() in in_menu:
                    page.select_option(".xt_picker select", label=tree.title)
                    # Trees may share their first question: wait for the new tree's drawing.
                    page.wait_for_function(
                        "(id) => [...document.querySelectorAll('[data-tree]')].some((e) =>"
                        " e.dataset.tree === id && e.querySelector('.xt_diagram_view'))",
                        arg=tree.id,
                        timeout=WAIT_MS,
                    )
                else:  # the format example is not in the menu; the address opens it
                    page.goto(
                        f"{app_url}?tree={path.stem}",
                        wait_until="domcontentloaded",
                        timeout=WAIT_MS,
                    )
                    page.wait_for_selector(".xt_view_widget .xt_question_text", timeout=WAIT_MS)
                    page.evaluate(_CHECK_JS)
                question = page.locator(".xt_view_widget .xt_question_text")
                expect(question).to_have_text(tree.node(tree.root)["text"])
                _settled(page)  # the explorer fits itself to the window
                name = f"{tree.id}-{width}x{height}"
                page.screenshot(path=shots / f"{name}-1-first.png")
                problems = page.evaluate("(n) => window.__xtCheck(n)", tree.root)
                assert problems == [], f"{tree.id} at the first question: {problems}"
                for selector, expected in every_answer(tree):
                    problems = page.evaluate(
                        "([s, n]) => window.__xtClick(s, n)", [selector, expected]
                    )
                    assert problems == [], f"{tree.id}, {selector} to {expected}: {problems}"
                _longest_path_and_map(page, tree, shots / name)
                assert page.locator(".xt_error_text").count() == 0
        finally:
            browser.close()


_LAYOUT_JS = """() => {
  const key = [...document.querySelectorAll(
    ".xt_view_widget, .xt_view_widget .xt_diagram_view, .xt_view_widget svg")]
    .map((e) => {
      const r = e.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height, e.scrollLeft, e.scrollTop].join(",");
    }).join(";");
  const same = window.__xtLayout === key;
  window.__xtLayout = key;
  return same;
}"""


def _settled(page: Any) -> None:
    """Wait until two painted frames in a row have the same layout and scroll positions (the
    explorer fits its diagram and scrolls the map in animation frames): no fixed wait."""
    page.evaluate("() => { window.__xtLayout = null; }")
    page.wait_for_function(_LAYOUT_JS, polling="raf")


def _longest_path_and_map(page: Any, tree: DecisionTree, stem: Path) -> None:
    """Walk the longest path with screenshots; then the whole map shows it, in view."""
    from playwright.sync_api import expect

    path = max(tree.paths(), key=len)
    for index, (source, target) in enumerate(itertools.pairwise(path)):
        value = next(a.value for a in tree.answers(source) if a.target == target)
        problems = page.evaluate(
            "([s, n]) => window.__xtClick(s, n)", [f".xt_answer_{value}", target]
        )
        assert problems == [], f"{tree.id}, longest path to {target}: {problems}"
        if index == len(path) // 2 - 1:
            page.screenshot(path=f"{stem}-2-mid.png")
    page.screenshot(path=f"{stem}-3-outcome.png")
    page.locator(".xt_view_widget .xt_view_map").click()
    current = page.locator(".xt_overlay .xt_current")
    expect(current).to_have_attribute("data-for", node_element_id(tree, path[-1]))
    _settled(page)  # the map follows the current node after the paint
    drawn = page.eval_on_selector_all(".xt_overlay [data-for]", "es => es.map(e => e.dataset.for)")
    assert set(drawn) == {node_element_id(tree, n) for n in path} | {
        edge_element_id(tree, a, b) for a, b in itertools.pairwise(path)
    }
    inside = page.evaluate(
        """() => {
          const view = document.querySelector(".xt_view_widget .xt_diagram_view");
          const v = view.getBoundingClientRect();
          const r = document.querySelector(".xt_overlay .xt_current").getBoundingClientRect();
          return r.left >= v.left - 1 && r.right <= v.right + 1 && r.top >= v.top - 1 &&
            r.bottom <= Math.min(v.bottom, window.innerHeight) + 1;
        }"""
    )
    page.screenshot(path=f"{stem}-4-map.png")
    assert inside, f"{tree.id}: the whole map does not show the outcome {path[-1]}"
    page.locator(".xt_view_widget .xt_view_focus").click()
    page.locator(".xt_view_widget .xt_restart").click()
