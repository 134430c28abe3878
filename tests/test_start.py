"""The README's main command as a new user runs it: ``bash scripts/start.sh`` (with ``PORT``
set to a free port), the page it prints opened in headless Chromium, then the whole process
group stopped with SIGTERM, kernels included.

On the way, what a first visit relies on: the first question on screen, a keyboard-only walk
(the focus follows the answers), links that look like links, a clear page for an unknown
``?tree=``, and a Tree menu of real trees. Expectations come from the tree files.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_browser import STEP_MS, WAIT_MS
from tests.voila import CHROMIUM, CHROMIUM_FLAGS, free_port
from xborder_tree import DecisionTree, load_tree
from xborder_tree.jupyter.app import DEFAULT_TREE
from xborder_tree.loading.catalog import find_tree, menu_paths, tree_paths

pytestmark = [pytest.mark.browser, pytest.mark.exe, pytest.mark.slow]

START_TIMEOUT = 240.0  # seconds: start.sh first runs the set-up check, then Voila starts
STOP_TIMEOUT = 30.0
ANSWER = ".xt_answer:not(.xt_hidden)"


@dataclass
class Started:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text("utf-8", "replace")


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (read from /proc), e.g. Voila's kernels."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Started]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install it with 'apt-get install chromium'")
    port = free_port()
    log = tmp_path_factory.mktemp("start") / "start.log"
    env = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")
    }  # headless: no browser to open
    env["PORT"] = str(port)
    env["POOL_SIZE"] = "2"  # two warm kernels are enough here (the machine is shared)
    with open(log, "wb") as stream:
        process = subprocess.Popen(
            ["bash", "scripts/start.sh"],
            cwd=ROOT,
            env=env,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    app = Started("", port, process, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _listening(port):
            if process.poll() is not None:
                pytest.fail(f"start.sh exited with {process.returncode}:\n{app.log_text()}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"nothing listens on port {port} after {START_TIMEOUT:g} s:\n" + app.log_text()
                )
            time.sleep(0.25)
        printed = re.search(r"Starting the explorer at (http://localhost:(\d+)/)", app.log_text())
        assert printed, app.log_text()
        assert int(printed.group(2)) == port, "start.sh must use the PORT it was given"
        app.url = printed.group(1)
        yield app
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)


@pytest.fixture(scope="module")
def default_tree() -> DecisionTree:
    return load_tree(find_tree(DEFAULT_TREE))


@pytest.fixture
def page(started: Started) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(STEP_MS)
            yield page
        finally:
            browser.close()


def _open(page: Any, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded", timeout=WAIT_MS)


def test_start_serves_the_first_question(
    started: Started, page: Any, default_tree: DecisionTree
) -> None:
    from playwright.sync_api import expect

    _open(page, started.url)
    question = page.locator(".xt_question_text")
    expect(question).to_have_text(default_tree.node(default_tree.root)["text"], timeout=WAIT_MS)
    expect(page.locator(ANSWER)).to_have_count(len(default_tree.answers(default_tree.root)))
    log = started.log_text()
    assert "DeprecationWarning" not in log, log


def _keyboard_path(tree: DecisionTree) -> list[tuple[str, int]]:
    """A path to an outcome as (question, answer index), through an answer whose position
    the next question does not have (where the focus used to drop to the page body)."""
    for path in tree.paths():
        steps = []
        for source, target in itertools.pairwise(path):
            values = [a.target for a in tree.answers(source)]
            steps.append((source, values.index(target)))
        if any(
            index >= len(tree.answers(path[i + 1]))
            for i, (_, index) in enumerate(steps)
            if not tree.is_outcome(path[i + 1])
        ):
            return steps
    pytest.fail(f"tree {tree.id!r} has no path where a later question has fewer answers")


def test_keyboard_only_walk_and_links_that_look_like_links(
    started: Started, page: Any, default_tree: DecisionTree
) -> None:
    from playwright.sync_api import expect

    tree = default_tree
    _open(page, started.url)
    expect(page.locator(".xt_question_text")).to_have_text(
        tree.node(tree.root)["text"], timeout=WAIT_MS
    )
    steps = _keyboard_path(tree)
    page.locator(ANSWER).first.focus()
    for question, index in steps:
        expect(page.locator(".xt_question_text")).to_have_text(tree.node(question)["text"])
        first = tree.answers(question)[0]
        expect(page.locator(f".xt_answer_{first.value}")).to_be_focused()
        for _ in range(index):
            page.keyboard.press("Tab")
        chosen = tree.answers(question)[index]
        expect(page.locator(f".xt_answer_{chosen.value}")).to_be_focused()
        page.keyboard.press("Enter")
    outcome = tree.node(tree.answers(steps[-1][0])[steps[-1][1]].target)
    expect(page.locator(".xt_outcome_title")).to_have_text(outcome["title"])
    expect(page.locator(".xt_back")).to_be_focused()  # never the page body
    assert page.evaluate("() => document.activeElement !== document.body")

    # Citation and download links: coloured unlike the text around them, and underlined.
    def looks_like_a_link(selector: str) -> None:
        link = page.locator(selector).first
        expect(link).to_be_visible()
        style = link.evaluate(
            "a => { const s = getComputedStyle(a), p = getComputedStyle(a.closest('li, p'));"
            " return [s.color, p.color, s.textDecorationLine]; }"
        )
        assert style[0] != style[1] and "underline" in style[2], (selector, style)

    # The sources are a part a person opens: by keyboard, Tab on from Back to its summary,
    # Enter opens it, and the next Tab reaches the first citation link.
    summary = page.locator(".xt_more_sources > summary")
    on_summary = "() => document.activeElement?.matches('.xt_more_sources > summary')"
    for _ in range(40):
        if page.evaluate(on_summary):
            break
        page.keyboard.press("Tab")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".xt_more_sources")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(page.locator(".xt_more_sources a.xt_citation").first).to_be_focused()
    looks_like_a_link(".xt_more_sources a.xt_citation")
    page.get_by_role("button", name="Downloads", exact=True).click()
    page.locator(".xt_prepare").click()
    page.locator("a.xt_download_md").wait_for(timeout=WAIT_MS)  # every diagram file, slides
    looks_like_a_link("a.xt_download_md")
    page.get_by_role("button", name="Explorer", exact=True).click()
    expect(page.locator(".xt_view_widget")).to_be_visible()  # back in the Downloads' place

    page.locator(".xt_back").focus()
    expect(page.locator(".xt_back")).to_be_focused()
    page.keyboard.press("Enter")  # Back by keyboard: the last question, its first answer
    last = steps[-1][0]
    expect(page.locator(".xt_question_text")).to_have_text(tree.node(last)["text"])
    expect(page.locator(f".xt_answer_{tree.answers(last)[0].value}")).to_be_focused()
    page.locator(".xt_restart").focus()
    page.keyboard.press("Enter")  # Start over hides itself: focus on the first answer
    expect(page.locator(".xt_question_text")).to_have_text(tree.node(tree.root)["text"])
    expect(page.locator(f".xt_answer_{tree.answers(tree.root)[0].value}")).to_be_focused()


def test_unknown_tree_gets_a_message_and_the_list(started: Started, page: Any) -> None:
    from playwright.sync_api import expect

    _open(page, started.url + "?tree=no-such-tree")
    message = page.locator(".xt_missing_tree")
    expect(message).to_contain_text("no-such-tree", timeout=WAIT_MS)
    links = message.locator("a")
    expected = [load_tree(path).title for path in menu_paths()]
    expect(links).to_have_text(expected)
    assert page.locator(".xt_question_text").count() == 0  # no tree opened instead
    target = load_tree(menu_paths()[-1])
    links.last.click()
    expect(page.locator(".xt_question_text")).to_have_text(
        target.node(target.root)["text"], timeout=WAIT_MS
    )


def test_tree_menu_offers_the_real_trees_only(started: Started, page: Any) -> None:
    from playwright.sync_api import expect

    _open(page, started.url)
    options = page.locator(".xt_picker select option")
    expect(options).to_have_text([load_tree(p).title for p in menu_paths()], timeout=WAIT_MS)
    examples = [p for p in tree_paths() if p not in menu_paths()]
    assert examples, "the format example is a tree file, kept for the docs and tests"
    for path in examples:
        expect(options.filter(has_text=load_tree(path).title)).to_have_count(0)


def test_stop_ends_the_whole_process_group(started: Started) -> None:
    """SIGTERM to start.sh's process group stops Voila, which shuts its kernels down."""
    below = _descendants(started.process.pid)
    os.killpg(started.process.pid, signal.SIGTERM)
    try:
        code = started.process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {STOP_TIMEOUT:g} s after SIGTERM:\n{started.log_text()}")
    assert code in (0, -signal.SIGTERM), started.log_text()
    deadline = time.monotonic() + STOP_TIMEOUT
    while any(_alive(pid) for pid in below) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not [pid for pid in below if _alive(pid)], "processes left behind after the stop"
    assert not _listening(started.port)
