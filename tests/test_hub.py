"""The JupyterHub recipe (``deploy/jupyterhub/``) on this machine: JupyterHub from PyPI,
configurable-http-proxy from npm, the local process spawner and the dummy authenticator on
127.0.0.1. Three trainees log in, each gets the explorer app in Chromium and answers a
question; once they leave, jupyterhub-idle-culler stops their servers (short timeouts here).

Needs ``bash scripts/setup.sh --hub`` (the hub's Python packages and the proxy).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_start import _alive, _descendants
from tests.voila import CHROMIUM, CHROMIUM_FLAGS, free_port
from xborder_tree import DecisionTree, load_tree
from xborder_tree.jupyter.app import DEFAULT_TREE
from xborder_tree.loading.catalog import find_tree

pytestmark = [pytest.mark.browser, pytest.mark.hub, pytest.mark.slow]

CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY_BIN = ROOT / ".hub-tools" / "node_modules" / ".bin"  # where setup.sh --hub puts it
PASSWORD = "trainee-password"
TRAINEES = ("ana", "ben", "chloe")
IDLE_TIMEOUT = 40  # seconds: servers idle this long are stopped
START_TIMEOUT = 120.0
WAIT_MS = 240_000  # a trainee's server starts, then Voila runs the app notebook


@dataclass
class Hub:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def servers(self) -> list[int]:
        """Process ids of the trainees' single-user servers."""
        found = []
        for pid in _descendants(self.process.pid):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if _alive(pid) and b"jupyterhub-singleuser" in command:
                found.append(pid)
        return found


def _proxy_path() -> str:
    path = os.environ["PATH"]
    if PROXY_BIN.is_dir():
        path = f"{PROXY_BIN}{os.pathsep}{path}"
    return f"{Path(sys.executable).parent}{os.pathsep}{path}"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install it with 'apt-get install chromium'")
    path = _proxy_path()
    if shutil.which("configurable-http-proxy", path=path) is None:
        pytest.fail("configurable-http-proxy not found: run 'bash scripts/setup.sh --hub'")
    if shutil.which("jupyterhub", path=path) is None:
        pytest.fail("jupyterhub not found in the environment: run 'bash scripts/setup.sh --hub'")
    state = tmp_path_factory.mktemp("hub")
    port = free_port()
    env = {
        **os.environ,
        "PATH": path,
        "HUB_STATE_DIR": str(state),
        "HUB_PASSWORD": PASSWORD,
        "HUB_PORT": str(port),
        "HUB_HUB_PORT": str(free_port()),
        "HUB_PROXY_API_PORT": str(free_port()),
        "HUB_IDLE_TIMEOUT": str(IDLE_TIMEOUT),
        "HUB_CULL_EVERY": "5",
        "HUB_ACTIVITY_INTERVAL": "5",
    }
    log = state / "hub.log"
    with open(log, "wb") as stream:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIG)],
            cwd=state,
            env=env,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while "JupyterHub is now running" not in hub.log_text():
            if process.poll() is not None:
                pytest.fail(f"the hub exited with {process.returncode}:\n{hub.log_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the hub is not running after {START_TIMEOUT:g} s:\n" + hub.log_text())
            time.sleep(0.5)
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        yield hub
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)


def _first_step(tree: DecisionTree) -> tuple[str, str, str]:
    """The first answer at the root: (its value, what the page then shows, its selector)."""
    answer = tree.answers(tree.root)[0]
    target = tree.node(answer.target)
    if tree.is_outcome(answer.target):
        return answer.value, target["title"], ".xt_outcome_title"
    return answer.value, target["text"], ".xt_question_text"


def _trainee_answers(browser: Any, hub: Hub, name: str, tree: DecisionTree) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded")
        page.locator("#username_input").fill(name)
        page.locator("#password_input").fill(PASSWORD)
        page.locator("#login_submit").click()
        expect(page.locator(".xt_question_text")).to_have_text(
            tree.node(tree.root)["text"], timeout=WAIT_MS
        )
        assert f"/user/{name}/voila/render/app.ipynb" in page.url
        value, shown, selector = _first_step(tree)
        page.locator(f".xt_answer_{value}").click()
        expect(page.locator(selector)).to_have_text(shown, timeout=WAIT_MS)
        if name == TRAINEES[0]:
            page.screenshot(path=str(ROOT / "bench" / "_work" / "hub-trainee.png"))
    finally:
        context.close()


def test_three_trainees_answer_then_idle_servers_stop(hub: Hub) -> None:
    from playwright.sync_api import sync_playwright

    tree = load_tree(find_tree(DEFAULT_TREE))
    (ROOT / "bench" / "_work").mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for name in TRAINEES:
                _trainee_answers(browser, hub, name, tree)
        finally:
            browser.close()
    log = hub.log_text()
    for name in TRAINEES:
        assert f"User {name} logged in" in log or f"/user/{name}/" in log, log[-3000:]
    deadline = time.monotonic() + IDLE_TIMEOUT * 4 + 60
    while hub.servers() or not all(f"Culling server {name}" in hub.log_text() for name in TRAINEES):
        if time.monotonic() > deadline:
            pytest.fail(f"idle servers still running: {hub.servers()}\n" + hub.log_text()[-5000:])
        time.sleep(1)
