"""The app's date: ``&as_of=`` in the address opens on that date's rules, shown in the
"Rules as of" field, which re-applies the rules of another date on Enter, in Voila and
headless Chromium. Expectations come from the tree through the API. (The field's refusals are
checked in test_browser_explorer.py.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from xborder_tree import load_tree
from xborder_tree.loading.catalog import find_tree

from .voila import CHROMIUM, CHROMIUM_FLAGS, serve_voila

pytestmark = [pytest.mark.browser, pytest.mark.exe, pytest.mark.slow]

APP_TREE = "work-in-canada-from-us"
WAIT_MS = 60_000
STEP_MS = 15_000


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_voila("notebooks/app.ipynb", tmp_path_factory.mktemp("voila")) as url:
        yield url


def test_the_date_line_and_field_apply_a_date(app_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    tree = load_tree(find_tree(APP_TREE))
    today = dt.date.today().isoformat()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(STEP_MS)
            page.goto(app_url + "?as_of=2025-09-21", wait_until="domcontentloaded", timeout=WAIT_MS)
            root = page.locator(".xt_view_widget")
            page.wait_for_selector(".xt_view_widget input.xt_as_of", timeout=WAIT_MS)
            field = page.locator(".xt_view_widget input.xt_as_of")
            expect(field).to_have_value("2025-09-21")
            expect(root).to_have_attribute("data-as-of", "2025-09-21")
            field.fill(today)
            field.press("Enter")
            expect(root).to_have_attribute("data-as-of", today)
            expect(page.locator(".xt_view_widget .xt_as_of_today")).to_have_text("(today)")
            labels = [a.label for a in tree.answers(tree.root, today)]
            expect(page.locator(".xt_view_widget .xt_answer")).to_have_text(labels)
            page.screenshot(path=str(tmp_path / "date.png"))
            assert page.locator(".xt_error_text").count() == 0
        finally:
            browser.close()
