"""The explorer in JupyterLab and in Jupyter Notebook 7, started by ``scripts/lab.sh`` (as the
README says), in headless Chromium at 1920x1080 with no host name resolving but the local
ones:

- the server serves the repository, so a notebook's link to ``docs/`` opens;
- a notebook opened before its cells run shows the explorer's readable preview, not an
  object's repr;
- run, the explorer fits a notebook cell (at most about 800 px tall, as wide as the cell)
  and answers a click;
- no request goes to a host other than the server's.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.page_checks import OFFLINE_FLAGS, foreign_requests
from tests.test_start import STOP_TIMEOUT
from tests.voila import CHROMIUM, CHROMIUM_FLAGS, free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "notebooks/01-tour.ipynb"
START_TIMEOUT = 240.0
WAIT_MS = 180_000
MAX_HEIGHT = 820  # CSS px: the explorer scrolls inside itself past this
SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"},
}


def _explorer_cell() -> int:
    cells = json.loads((ROOT / NOTEBOOK).read_text("utf-8"))["cells"]
    return next(i for i, c in enumerate(cells) if "Explorer(tree)" in "".join(c["source"]))


@pytest.fixture(scope="module", params=["lab", "notebook"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, str]]:
    """(kind, base address, token) of a server that ``scripts/lab.sh`` started."""
    kind = str(request.param)
    port = free_port()
    log = tmp_path_factory.mktemp(kind) / "server.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PORT"] = str(port)
    # Settings of its own: no autosave (the test runs a notebook of the repository and must
    # leave it as it is), no news pop-up over the page.
    settings = tmp_path_factory.mktemp(f"{kind}-settings")
    for plugin, values in SETTINGS.items():
        (settings / plugin).parent.mkdir(parents=True, exist_ok=True)
        (settings / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values), "utf-8")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    if kind == "notebook":
        env["NOTEBOOK"] = "1"
    with open(log, "wb") as stream:
        process = subprocess.Popen(
            ["bash", "scripts/lab.sh"],
            cwd=ROOT,
            env=env,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while "is running at" not in log.read_text("utf-8", "replace"):
            text = log.read_text("utf-8", "replace")
            assert process.poll() is None, f"lab.sh exited with {process.returncode}:\n{text}"
            assert time.monotonic() < deadline, f"Jupyter did not start:\n{text}"
            time.sleep(0.5)
        text = log.read_text("utf-8", "replace")
        token = re.search(rf"http://127\.0\.0\.1:{port}/\S*\?token=(\w+)", text)
        assert token, text
        yield kind, f"http://127.0.0.1:{port}", token.group(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)


def _wait_for_idle_kernel(base: str, token: str) -> None:
    """Wait until the server has a session for the tour notebook whose kernel is idle."""
    deadline = time.monotonic() + WAIT_MS / 1000
    states: list[str] = []
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=60) as answer:
            sessions = json.loads(answer.read())
        states = [
            str(s["kernel"]["execution_state"])
            for s in sessions
            if s.get("path") == NOTEBOOK and s.get("kernel")
        ]
        if "idle" in states:
            return
        time.sleep(0.5)
    raise AssertionError(f"the notebook's kernel did not become idle (states: {states})")


def test_the_docs_open_from_the_notebooks(server: tuple[str, str, str]) -> None:
    _, base, token = server
    with urllib.request.urlopen(
        f"{base}/api/contents/docs/vocabulary.md?token={token}", timeout=60
    ) as answer:
        assert answer.status == 200 and json.loads(answer.read())["name"] == "vocabulary.md"
    cells = json.loads((ROOT / NOTEBOOK).read_text("utf-8"))["cells"]
    assert any("](../docs/vocabulary.md)" in "".join(c["source"]) for c in cells)


def test_the_explorer_previews_then_fits_a_cell(
    server: tuple[str, str, str], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    kind, base, token = server
    saved = (ROOT / NOTEBOOK).read_bytes()
    address = (
        f"{base}/lab/tree/{NOTEBOOK}" if kind == "lab" else f"{base}/notebooks/{NOTEBOOK}"
    ) + f"?token={token}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS + OFFLINE_FLAGS
        )
        try:
            page: Any = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.set_default_timeout(WAIT_MS)
            foreign = foreign_requests(page, base)
            page.goto(address, wait_until="domcontentloaded", timeout=WAIT_MS)
            # Before the cells run: the saved preview, in words.
            preview = page.locator(".xt_preview").first
            expect(preview).to_contain_text("Explorer of the tree")
            expect(preview).to_contain_text("Run the notebook's cells")
            assert "<Explorer " not in page.locator("body").inner_text()
            # Run the cells down to the explorer's, once the notebook's kernel is idle (keys
            # pressed while it starts, on a slow machine, can be lost) and a cell has focus.
            _wait_for_idle_kernel(base, token)
            page.locator(".jp-Cell").first.click()
            expect(page.locator(".jp-Cell.jp-mod-selected").first).to_be_visible()
            for _ in range(_explorer_cell() + 1):
                page.keyboard.press("Shift+Enter")
            answer = page.locator(".xt_view_widget .xt_side .xt_answer").first
            try:
                answer.wait_for()
            finally:
                page.screenshot(path=str(tmp_path / f"{kind}-run.png"))
            app = page.locator(".xt_view_widget .xt_app").first
            box = app.bounding_box()
            output = page.locator(".jp-OutputArea-output", has=app).first.bounding_box()
            page.screenshot(path=str(tmp_path / f"{kind}.png"))
            assert box["height"] <= MAX_HEIGHT
            assert box["x"] >= output["x"] - 1
            assert box["x"] + box["width"] <= output["x"] + output["width"] + 1
            question = page.locator(".xt_view_widget .xt_question_text").first
            before = question.inner_text()
            answer.click()
            expect(question).not_to_have_text(before)
            assert foreign == []
        finally:
            browser.close()
    assert (ROOT / NOTEBOOK).read_bytes() == saved, "the notebook file was changed"
