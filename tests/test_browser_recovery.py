"""The app never leaves a person stuck, in headless Chromium on Voila: a tree that cannot be
opened gets a readable message (which tree, what is wrong, links to the others) instead of
Voila's cell error, and a path the kernel refuses (a number, a string, null, an object,
unknown ids), sent as a raw message on the kernel's websocket, is answered with the last good
path and a short message."""

from __future__ import annotations

import copy
import itertools
import json
import re
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import load_tree

from .conftest import TREES
from .voila import CHROMIUM, CHROMIUM_FLAGS, serve_voila

pytestmark = [pytest.mark.browser, pytest.mark.exe, pytest.mark.slow]

WAIT_MS = 90_000  # kernel start and first layout on a busy machine
TREE = "example-remote-work"
VOILA_ERROR = "There was an error when executing cell"


def _big_tree(folder: Path) -> None:
    """A tree of 5,001 nodes: one past the limit."""
    document = json.loads((TREES / f"{TREE}.json").read_text("utf-8"))
    template = document["nodes"][4]
    document["nodes"] += [dict(copy.deepcopy(template), id=f"extra_{i}") for i in range(4996)]
    document["id"] = "big-tree"
    (folder / "big-tree.json").write_text(json.dumps(document), "utf-8")


def _half_character(folder: Path) -> None:
    document = json.loads((TREES / f"{TREE}.json").read_text("utf-8"))
    document["id"] = "half-character"
    document["nodes"][0]["help"] = "Citizenship \ud800 first."
    (folder / "half-character.json").write_text(json.dumps(document), "utf-8")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("trees")
    for path in TREES.glob("*.json"):
        shutil.copy(path, folder / path.name)
    _big_tree(folder)
    _half_character(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XBORDER_TREES", str(folder))
        with serve_voila("notebooks/app.ipynb", tmp_path_factory.mktemp("voila")) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("big-tree", "field 'nodes' has 5,001 items; it must have at most 5,000"),
        ("half-character", "half of a character (a lone surrogate)"),
    ],
)
def test_a_tree_that_cannot_be_opened_gets_a_readable_message(
    app_url: str, browser: Any, name: str, shown: str
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    try:
        page.goto(f"{app_url}?tree={name}", wait_until="domcontentloaded", timeout=WAIT_MS)
        message = page.locator(".xt_missing_tree")
        message.wait_for(timeout=WAIT_MS)
        expect(message).to_contain_text(f"The tree \u201c{name}\u201d cannot be opened")
        expect(page.locator(".xt_tree_problem")).to_contain_text(shown)
        expect(page.locator(".xt_tree_problem")).to_contain_text(f"{name}.json /nodes")
        expect(page.locator(f'.xt_missing_tree a[href="?tree={name}"]')).to_have_count(0)
        assert VOILA_ERROR not in page.content()
        page.locator('.xt_missing_tree a[href="?tree=work-in-mexico"]').click()
        question = page.locator(".xt_view_widget .xt_question_text")
        question.wait_for(timeout=WAIT_MS)
        mexico = load_tree(TREES / "work-in-mexico.json")
        expect(question).to_have_text(mexico.node(mexico.root)["text"])
    finally:
        page.close()


# ------------------------------------------------------------------ raw messages


def _parts(frame: bytes) -> list[bytes]:
    """The parts of a kernel websocket frame (protocol v1.kernel.websocket.jupyter.org)."""
    (count,) = struct.unpack_from("<Q", frame)
    offsets = list(struct.unpack_from(f"<{count}Q", frame, 8))
    return [frame[a:b] for a, b in itertools.pairwise(offsets)]


def _frame(parts: list[bytes]) -> bytes:
    count = len(parts) + 1
    offsets = [8 + 8 * count]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return struct.pack(f"<Q{count}Q", count, *offsets) + b"".join(parts)


class Tamper:
    """Forwards the page's kernel websocket both ways; replaces the path of the next path
    update the page sends by ``value``."""

    def __init__(self) -> None:
        self.value: Any = None
        self.armed = False
        self.sent: list[Any] = []

    def arm(self, value: Any) -> None:
        self.value, self.armed = value, True

    def route(self, ws: Any) -> None:
        server = ws.connect_to_server()
        ws.on_message(lambda message: server.send(self._rewrite(message)))
        server.on_message(ws.send)

    def _rewrite(self, message: str | bytes) -> str | bytes:
        if not self.armed or isinstance(message, str) or b'"path"' not in message:
            return message
        parts = _parts(message)
        content = json.loads(parts[4])
        state = content.get("data", {}).get("state", {})
        if content.get("data", {}).get("method") != "update" or "path" not in state:
            return message
        state["path"] = self.value
        self.armed = False
        self.sent.append(self.value)
        parts[4] = json.dumps(content).encode("utf-8")
        return _frame(parts)


@pytest.mark.parametrize(
    "wrong",
    [5, "citizenship", None, {"0": "citizenship"}, ["citizenship", "nowhere"], [1, 2], []],
    ids=["number", "string", "null", "object", "unknown-id", "numbers", "empty"],
)
def test_a_refused_path_is_answered_with_the_last_good_path(
    app_url: str, browser: Any, wrong: Any
) -> None:
    from playwright.sync_api import expect

    tree = load_tree(TREES / f"{TREE}.json")
    first, second = tree.answers(tree.root)[1], tree.answers(tree.root)[0]
    tamper = Tamper()
    page = browser.new_page()
    try:
        page.route_web_socket(re.compile(r".*/api/kernels/.*/channels.*"), tamper.route)
        page.goto(f"{app_url}?tree={TREE}", wait_until="domcontentloaded", timeout=WAIT_MS)
        question = page.locator(".xt_view_widget .xt_question_text")
        question.wait_for(timeout=WAIT_MS)
        tamper.arm(wrong)
        page.locator(f".xt_view_widget .xt_answer_{first.value}").click()
        expect(page.locator(".xt_error_text")).to_be_visible()
        ids = isinstance(wrong, list) and all(isinstance(step, str) for step in wrong)
        said = "the path is unchanged" if ids else "it stays where it was"
        expect(page.locator(".xt_error_text")).to_contain_text(said)
        expect(question).to_have_text(tree.node(tree.root)["text"])  # the last good path
        expect(page.locator(".xt_crumb_0")).to_be_hidden()
        assert tamper.sent == [wrong]
        # ... and the page goes on: the next click moves, and the message goes away
        page.locator(f".xt_view_widget .xt_answer_{second.value}").click()
        moved = page.locator(f".xt_focus .xt_current[data-node='{second.target}']")
        expect(moved).to_have_count(1)
        expect(page.locator(".xt_error_text")).to_have_count(0)
    finally:
        page.close()
