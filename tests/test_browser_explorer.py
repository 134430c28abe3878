"""The explorer as a trainer uses it, in the Voila app and in the static page, in headless
Chromium at 1920x1080 and 1280x800, with no host name resolving but the local ones:

- the first screen speaks to people (one sentence, the tree, the date, the tabs);
- a keyboard-only walk reaches an outcome and comes back;
- at the outcome, the verdict, the pathways, the summary and the first next steps are on
  screen beside the diagram's outcome node, with Back, Start over and the trail; each column
  scrolls in one region at most, and the page itself does not scroll at 1920x1080; printed,
  every part of the card is open;
- the whole map opens fitted to the width with the path in view, Fit page shows all of it,
  and a legend says what the colours and dashes mean;
- the date field applies nothing while a date is typed, refuses a half-typed date and one
  outside the years the rules cover, and applies a date on Enter or a pick from the calendar;
- axe-core finds no serious or critical violation (nor a skipped heading level) at the first
  question, mid-walk, at the outcome, on the whole map and (app) with the quiz open;
- no request goes to a host other than the page's.

Expectations come from the tree through the API. Screenshots of the outcome screen go to
``$XT_SCREENSHOTS`` (default: the test's temporary folder).
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import DecisionTree, load_tree
from xborder_tree.cli.main import main
from xborder_tree.drawing.render import node_element_id
from xborder_tree.loading.catalog import find_tree
from xborder_tree.model.vocabulary import VERDICTS
from xborder_tree.web.explorer_data import rule_years

from .page_checks import OFFLINE_FLAGS, axe_violations, foreign_requests
from .voila import CHROMIUM, CHROMIUM_FLAGS, serve_voila

pytestmark = [pytest.mark.browser, pytest.mark.exe, pytest.mark.slow]

TREE = "work-in-canada-from-us"  # the app's default tree; it has dated rules
SIZES = [(1920, 1080), (1280, 800)]
WAIT_MS = 90_000
STEP_MS = 20_000


@pytest.fixture(scope="module")
def tree() -> DecisionTree:
    return load_tree(find_tree(TREE))


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_voila("notebooks/app.ipynb", tmp_path_factory.mktemp("voila")) as url:
        yield url


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("site")
    assert main(["site", str(find_tree(TREE)), "-o", str(folder)], io.StringIO()) == 0
    return (folder / f"{TREE}.html").as_uri()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install it with 'apt-get install chromium'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS + OFFLINE_FLAGS
        )
        yield chromium
        chromium.close()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("XT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _value(tree: DecisionTree, source: str, target: str) -> str:
    (value,) = [a.value for a in tree.answers(source) if a.target == target]
    return value


def _no_serious(page: Any, where: str) -> None:
    found = axe_violations(page, where, impacts=("serious", "critical"))
    found += [v for v in axe_violations(page, where, impacts=("moderate",)) if "heading-order" in v]
    assert found == []


# Reported from the page: is each element wholly inside the window and inside every box that
# clips it (a scrolling column)?
_ON_SCREEN = """(selectors) => selectors.map((selector) => {
  const el = document.querySelector(selector);
  if (!el) return `${selector}: missing`;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return `${selector}: not shown`;
  let box = { l: 0, t: 0, r: innerWidth, b: innerHeight };
  for (let p = el.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (/(auto|scroll|hidden)/.test(s.overflowY + s.overflowX)) {
      const q = p.getBoundingClientRect();
      box = { l: Math.max(box.l, q.left), t: Math.max(box.t, q.top),
        r: Math.min(box.r, q.right), b: Math.min(box.b, q.bottom) };
    }
  }
  const inside = r.left >= box.l - 1 && r.top >= box.t - 1 && r.right <= box.r + 1 &&
    r.bottom <= box.b + 1;
  return inside ? "" : `${selector}: at ${[r.left, r.top, r.right, r.bottom].map(Math.round)},` +
    ` seen ${[box.l, box.t, box.r, box.b].map(Math.round)}`;
}).filter(Boolean)"""

# The elements of a column that scroll now (their content taller than they are).
_SCROLLING = """(column) => [document.querySelector(column),
  ...document.querySelectorAll(column + " *")].filter((el) => {
  const s = getComputedStyle(el).overflowY;
  return /(auto|scroll)/.test(s) && el.scrollHeight > el.clientHeight + 1;
}).map((el) => el.className)"""


def _open(browser: Any, url: str, size: tuple[int, int]) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, bypass_csp=url.startswith("file:")
    )  # to inject axe-core
    page = context.new_page()
    page.set_default_timeout(STEP_MS)
    foreign = foreign_requests(page, url)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"error {e}"))
    page.goto(url, wait_until="domcontentloaded", timeout=WAIT_MS)
    page.wait_for_selector(".xt_side .xt_answer", timeout=WAIT_MS)
    return context, page, foreign + problems


ROOT = {"app": ".xt_view_widget", "site": "#xt-explorer"}
"""The explorer's element (the app has a second one, the quiz's diagram)."""


def _applied(page: Any, root: str) -> str:
    return str(page.locator(root).get_attribute("data-as-of"))


def _check_date_field(page: Any, tree: DecisionTree, root: str) -> None:
    from playwright.sync_api import expect

    first, last = rule_years(tree)
    field = page.locator(f"{root} input.xt_as_of")
    message = page.locator(f"{root} .xt_as_of_message")
    before = _applied(page, root)
    assert field.input_value() == before  # one format: the field shows YYYY-MM-DD
    # Typed one key at a time: nothing is applied on the way.
    field.click()
    field.press("Control+a")
    field.press("Backspace")
    for key in f"{first + 1}-09-21":
        page.keyboard.type(key)
        assert _applied(page, root) == before
    # Half-typed, then leaving the field: refused, with a message, nothing applied.
    field.fill(f"{first + 1}-09")
    field.press("Tab")
    expect(message).to_contain_text("Write the date as YYYY-MM-DD")
    assert field.get_attribute("aria-invalid") == "true" and _applied(page, root) == before
    # Outside the years the rules cover: refused with those years.
    field.fill("0009-12-04")
    field.press("Enter")
    expect(message).to_have_text(
        f"The rules here cover {first} to {last}: pick a date in those years."
    )
    assert _applied(page, root) == before
    # Enter applies a good date.
    field.fill(f"{first + 1}-09-21")
    field.press("Enter")
    expect(page.locator(f"{root}[data-as-of='{first + 1}-09-21']")).to_have_count(1)
    expect(message).to_have_text("")
    # A pick from the calendar applies at once.
    page.locator(f"{root} .xt_as_of_calendar").evaluate(
        "(el, day) => { el.value = day; el.dispatchEvent(new Event('change')); }", before
    )
    expect(page.locator(f"{root}[data-as-of='{before}']")).to_have_count(1)
    expect(field).to_have_value(before)


def _walk_by_keyboard(page: Any, tree: DecisionTree, path: list[str]) -> None:
    """From the first question to the outcome and back, with the keyboard only."""
    from playwright.sync_api import expect

    for _ in range(60):  # Tab from the top of the page to the first answer
        if page.evaluate("document.activeElement?.classList.contains('xt_answer')"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the first answer")
    for source, target in itertools.pairwise(path):
        expect(page.locator(".xt_question_text")).to_have_text(tree.node(source)["text"])
        wanted = [a.target for a in tree.answers(source)].index(target)
        for _ in range(wanted):
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className").endswith(
            f"xt_answer_{_value(tree, source, target)}"
        )
        page.keyboard.press("Enter")
    expect(page.locator(".xt_outcome_title")).to_have_text(tree.node(path[-1])["title"])
    assert page.evaluate("document.activeElement.classList.contains('xt_back')")
    page.keyboard.press("Enter")  # Back, by keyboard
    expect(page.locator(".xt_question_text")).to_have_text(tree.node(path[-2])["text"])
    assert page.evaluate("document.activeElement.classList.contains('xt_answer')")
    page.keyboard.press("Shift+Tab")  # to Start over
    page.keyboard.press("Shift+Tab")  # to Back
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Start over: the first question again
    expect(page.locator(".xt_question_text")).to_have_text(tree.node(tree.root)["text"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("where", ["app", "site"])
def test_a_trainer_can_teach_from_the_explorer(
    where: str,
    size: tuple[int, int],
    tree: DecisionTree,
    browser: Any,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    url = request.getfixturevalue("app_url" if where == "app" else "site_url")
    path = max(tree.paths(), key=len)
    context, page, problems = _open(browser, url, size)
    try:
        # The first screen, for people.
        _no_serious(page, "first question")
        text = page.locator("body").inner_text()
        assert "?tree=" not in text and "as_of=" not in text
        assert page.locator("h1").count() == 1
        root = ROOT[where]
        expect(page.locator(f"{root} input.xt_as_of")).to_be_in_viewport()
        expect(page.get_by_role("textbox", name="Rules as of", exact=True)).to_have_count(1)
        if where == "app":
            for name in ("Quiz", "Why not?", "This situation in every tree"):
                tab = page.get_by_role("button", name=name, exact=True)
                expect(tab).to_be_in_viewport()
            assert page.get_by_label("Diagram style").count() == 1
            assert page.get_by_label("Tree", exact=True).count() == 1
        _walk_by_keyboard(page, tree, path)

        # Mid-walk, then the outcome by clicks.
        for source, target in itertools.pairwise(path):
            page.locator(f"{root} .xt_side .xt_answer_{_value(tree, source, target)}").click()
            if source == path[len(path) // 2]:
                _no_serious(page, "mid-walk")
        expect(page.locator(f"{root} .xt_outcome_title")).to_have_text(tree.node(path[-1])["title"])
        visible = [
            f"{root} {part}"
            for part in (
                ".xt_outcome_title",
                ".xt_badge",
                ".xt_pathways",
                ".xt_summary",
                ".xt_first_steps li:first-child",
                ".xt_back",
                ".xt_restart",
                ".xt_trail > summary",
                f".xt_focus #{node_element_id(tree, path[-1])}",
            )
        ]
        # (the diagram may still be scrolling smoothly to the outcome)
        page.wait_for_function(
            f"(selectors) => ({_ON_SCREEN})(selectors).length === 0", arg=visible
        )
        assert page.evaluate(_ON_SCREEN, visible) == []
        assert len(page.evaluate(_SCROLLING, f"{root} .xt_side")) <= 1
        assert len(page.evaluate(_SCROLLING, f"{root} .xt_stage")) <= 1
        if size == (1920, 1080):
            assert page.evaluate("document.scrollingElement.scrollHeight") <= size[1]
        page.screenshot(path=str(_shots(tmp_path) / f"outcome-{where}-{size[0]}x{size[1]}.png"))
        _no_serious(page, "outcome")
        # Printed, every part of the card is open; after printing, as it was.
        closed = page.locator(f"{root} .xt_outcome_card details:not([open])").count()
        assert closed >= 3
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator(f"{root} .xt_outcome_card details:not([open])").count() == 0
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.locator(f"{root} .xt_outcome_card details:not([open])").count() == closed

        # The whole map: fitted to the width, the path in view, a legend.
        page.locator(f"{root} .xt_view_map").click()
        svg = page.locator(f"{root} .xt_diagram_view svg.xt_map_svg")
        current = page.locator(f"{root} .xt_overlay .xt_current")
        expect(current).to_have_attribute("data-for", node_element_id(tree, path[-1]))
        view = page.locator(f"{root} .xt_stage .xt_diagram_view").bounding_box()
        page.wait_for_function(
            "([root, w]) => Math.abs(document.querySelector(root + ' svg.xt_map_svg')"
            ".getBoundingClientRect().width - w) < 0.1 * w",
            arg=[root, view["width"]],
        )
        spot = current.bounding_box()
        assert view["x"] - 2 <= spot["x"]  # (its outline may stand out by a fraction of a px)
        assert spot["x"] + spot["width"] <= view["x"] + view["width"] + 2
        page.wait_for_function(
            "(root) => { const c = document.querySelector(root + ' .xt_overlay .xt_current')"
            ".getBoundingClientRect(); const v = document.querySelector("
            "root + ' .xt_stage .xt_diagram_view').getBoundingClientRect();"
            " return c.top >= v.top && c.bottom <= v.bottom; }",
            arg=root,
        )
        legend = page.locator(f"{root} .xt_legend")
        expect(legend).to_contain_text("your path")
        for words in VERDICTS.values():
            expect(legend).to_contain_text(words.split(":")[0])
        expect(legend).to_contain_text(f"dashed: not in force on {_applied(page, root)}")
        _no_serious(page, "whole map")
        page.locator(f"{root} .xt_zoom_page").click()
        page.wait_for_function(
            "(root) => { const s = document.querySelector(root + ' svg.xt_map_svg')"
            ".getBoundingClientRect(); const v = document.querySelector(root +"
            " ' .xt_stage .xt_diagram_view').getBoundingClientRect();"
            " return s.width <= v.width && s.height <= v.height; }",
            arg=root,
        )
        assert svg.bounding_box()["width"] > 0

        _check_date_field(page, tree, root)

        if where == "app":
            page.get_by_role("button", name="Quiz", exact=True).click()
            page.locator(".xt_quiz_start").wait_for()
            _no_serious(page, "quiz open")
        assert problems == []
    finally:
        context.close()
