"""The training room (``python -m xborder_tree.jupyter.room``, what ``scripts/start.sh`` runs) with
short timeouts: warm kernels still honour the address, a closed page releases its kernel, a
killed kernel or a stopped server is said on the page, and past the room's size a visitor
gets the "room is full" page while a stream of anonymous requests holds no kernel for long.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_start import _alive, _descendants
from tests.voila import CHROMIUM, CHROMIUM_FLAGS, serve_module
from xborder_tree import load_tree
from xborder_tree.jupyter.room import LOST_TITLE, ROOM_FULL_TITLE, STATIC_LABEL
from xborder_tree.loading.catalog import find_tree

pytestmark = [pytest.mark.browser, pytest.mark.exe, pytest.mark.slow]

START_TIMEOUT = 180.0  # seconds: the static explorer is built and the pool filled first
WAIT_S = 120.0  # seconds for what the server does on its own (release, refill)
WAIT_MS = 120_000
MEXICO = "work-in-mexico"


@dataclass
class Room:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def kernels(self) -> list[int]:
        """Process ids of the server's kernels."""
        return [
            pid
            for pid in _descendants(self.process.pid)
            if _alive(pid) and b"ipykernel" in _cmdline(pid)
        ]

    def kernel_pid(self, kernel_id: str) -> int:
        found = [pid for pid in self.kernels() if kernel_id.encode() in _cmdline(pid)]
        assert len(found) == 1, (kernel_id, found)
        return found[0]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _wait_for(what: str, check: Callable[[], bool], room: Room, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not seen within {timeout:g} s: {what}\n{room.log_text()[-4000:]}")
        time.sleep(0.25)


@contextlib.contextmanager
def serve_room(log_dir: Path, *settings: str) -> Iterator[Room]:
    log = log_dir / "room.log"
    args = ["notebooks/app.ipynb", *settings]
    with serve_module(
        "xborder_tree.jupyter.room", args, log, "the room", START_TIMEOUT, stop_timeout=30.0
    ) as (url, process):
        yield Room(url, process, log)


@pytest.fixture(scope="module")
def warm_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    """One warm kernel; a kernel with no page is released after 600 s (so only the page's
    own close request can release it in time)."""
    with serve_room(
        tmp_path_factory.mktemp("warm_room"),
        "--TrainingRoom.pool_size=1",
        "--TrainingRoom.room_size=4",
        "--TrainingRoom.unconnected_timeout=600",
        "--TrainingRoom.cull_interval=1",
        "--TrainingRoom.poll_interval=1",
    ) as room:
        yield room


@pytest.fixture(scope="module")
def small_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    """No pool, two seats, a kernel with no page released after 15 s."""
    with serve_room(
        tmp_path_factory.mktemp("small_room"),
        "--TrainingRoom.pool_size=0",
        "--TrainingRoom.room_size=2",
        "--TrainingRoom.unconnected_timeout=15",
        "--TrainingRoom.cull_interval=1",
        "--TrainingRoom.poll_interval=1",
    ) as room:
        yield room


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 800})
        finally:
            browser.close()


def _open_app(page: Any, url: str, tree_id: str) -> str:
    """Open the app on ``tree_id``; wait for its first question; return the page's kernel."""
    from playwright.sync_api import expect

    tree = load_tree(find_tree(tree_id))
    page.goto(f"{url}?tree={tree_id}", wait_until="domcontentloaded", timeout=WAIT_MS)
    expect(page.locator(".xt_question_text")).to_have_text(
        tree.node(tree.root)["text"], timeout=WAIT_MS
    )
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    return str(config["kernelId"])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT_S) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _kernel_exists(room: Room, kernel_id: str) -> bool:
    return _get(f"{room.url}api/kernels/{kernel_id}")[0] == 200


def test_warm_kernel_opens_the_tree_in_the_address(warm_room: Room, page: Any) -> None:
    _wait_for(
        "the pool filled",
        lambda: "Kernel pool of app.ipynb is filled" in warm_room.log_text(),
        warm_room,
    )
    kernel_id = _open_app(page, warm_room.url, MEXICO)  # not the default tree
    assert f"Using pre-heated kernel: {kernel_id}" in warm_room.log_text()


def test_a_closed_page_releases_its_kernel(warm_room: Room, page: Any) -> None:
    kernel_id = _open_app(page, warm_room.url, MEXICO)
    pid = warm_room.kernel_pid(kernel_id)
    page.goto("about:blank")  # leaving the page sends Voila's close request
    _wait_for(
        "the kernel shut down",
        lambda: not _kernel_exists(warm_room, kernel_id) and not _alive(pid),
        warm_room,
    )
    log = warm_room.log_text()
    assert f"Kernel shutdown: {kernel_id}" in log
    assert f"Releasing kernel {kernel_id}" not in log  # the page's request, not the timeout
    assert "403" not in log and "_xsrf" not in log


def test_a_killed_kernel_is_said_on_the_page(warm_room: Room, page: Any) -> None:
    from playwright.sync_api import expect

    kernel_id = _open_app(page, warm_room.url, MEXICO)
    os.kill(warm_room.kernel_pid(kernel_id), signal.SIGKILL)
    notice = page.locator(".xt_room_lost")
    expect(notice).to_be_visible(timeout=WAIT_MS)
    expect(notice.locator("h2")).to_have_text(LOST_TITLE)
    expect(page.locator(".xt_room_reload")).to_be_focused()
    static = notice.locator("a.xt_room_static")
    expect(static).to_have_text(STATIC_LABEL)
    assert page.locator("#rendered_cells").evaluate("cells => cells.inert")  # no dead clicks
    page.screenshot(path=str(ROOT / "bench" / "_work" / "room-lost-kernel.png"))
    assert _get(warm_room.url + static.get_attribute("href").lstrip("/"))[0] == 200
    page.locator(".xt_room_reload").click()  # a new kernel, the same address
    tree = load_tree(find_tree(MEXICO))
    expect(page.locator(".xt_question_text")).to_have_text(
        tree.node(tree.root)["text"], timeout=WAIT_MS
    )
    expect(page.locator(".xt_room_lost")).to_have_count(0)


def test_past_the_room_size_a_visitor_gets_the_full_page(small_room: Room) -> None:
    """Anonymous requests (no browser, never connecting) take the two seats; the third gets
    the plain full page; the seats come back once their kernels are released."""
    answers = [_get(small_room.url) for _ in range(4)]
    assert [status for status, _ in answers] == [200, 200, 503, 503]
    full = answers[2][1]
    assert f"<h1>{ROOM_FULL_TITLE}</h1>" in full and "xt_question" not in full
    link = re.search(r'<a class="xt_static_explorer" href="([^"]+)"', full)
    assert link, full
    status, index = _get(small_room.url + link.group(1).lstrip("/"))
    assert status == 200 and "work-in-mexico.html" in index  # the static explorer's list
    _wait_for("the two unconnected kernels released", lambda: not small_room.kernels(), small_room)
    assert small_room.log_text().count("no page connected") == 2
    assert _get(small_room.url)[0] == 200  # a seat again


def test_a_stopped_server_is_said_on_the_page(small_room: Room, page: Any) -> None:
    from playwright.sync_api import expect

    _wait_for("a free seat", lambda: not small_room.kernels(), small_room)
    _open_app(page, small_room.url, MEXICO)
    os.killpg(small_room.process.pid, signal.SIGTERM)
    small_room.process.wait(timeout=60)
    expect(page.locator(".xt_room_lost")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator(".xt_room_reload")).to_be_visible()
