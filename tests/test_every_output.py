"""Every tree that validates works in every output: each file of the hostile corpus
(``tests/corpus``: malformed files, and files holding what no output can carry;
``tests/hostile``: valid trees with hostile text and names) goes through ``validate``, and
each one it accepts builds a static site, a diagram, a slide deck and the case summaries,
and is walked along every path in the app's kernel and in the static page in Chromium."""

from __future__ import annotations

import contextlib
import copy
import html
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder_tree import DecisionTree, load_tree
from xborder_tree.cli.main import main
from xborder_tree.loading.document import tree_graph
from xborder_tree.loading.text_rules import unusable_character
from xborder_tree.model.errors import FactError, TreeError
from xborder_tree.outputs.report import case_html, case_markdown
from xborder_tree.web.explorer_data import walk_along

from .conftest import ROOT
from .strategies import UNCARRIABLE, valid_trees
from .voila import CHROMIUM, CHROMIUM_FLAGS

pytestmark = pytest.mark.exe

CORPUS = sorted((ROOT / "tests" / "corpus").iterdir())
HOSTILE = sorted((ROOT / "tests" / "hostile").glob("*.json"))
FILES = (
    [p for p in CORPUS if p.name != "expected.json"]
    + HOSTILE
    + [ROOT / "tests" / "fixtures" / "dated-extremes.json"]
)
MAX_PATHS = 8
"""Paths walked per tree in the browser (all of them in the kernel)."""


def _validate(path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["validate", str(path)], out)
    return code, out.getvalue() + err.getvalue()


VALID = [*HOSTILE, ROOT / "tests" / "fixtures" / "dated-extremes.json"]
"""The files of the corpus ``validate`` must accept (every other one it must refuse)."""


def _facts(tree: DecisionTree, path: list[str]) -> list[str]:
    walk = walk_along(tree, path, _day(tree))
    return [f"{step.fact}={step.value}" for step in walk.steps]


def _day(tree: DecisionTree) -> str:
    return "2026-11-23" if tree.id != "dated-extremes" else "9999-12-31"


def _walkable(tree: DecisionTree, day: str) -> list[list[str]]:
    """The root-to-outcome paths open on ``day`` (a dated answer may be closed)."""
    found = []
    for steps in tree.paths():
        try:
            walk_along(tree, steps, day)
        except FactError:
            continue
        found.append(steps)
    assert found, f"no path of {tree.id} is open on {day}"
    return found


def _no_hidden_characters(addresses: list[str]) -> None:
    for address in addresses:
        assert address.startswith(("http://", "https://", "#", "index.html")), address
        assert unusable_character(address, url=True) is None, address


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_file_is_refused_with_its_faults_or_builds_every_output(
    path: Path, tmp_path: Path
) -> None:
    from pptx import Presentation

    from xborder_tree.web.site import unpack

    code, text = _validate(path)
    assert "Traceback" not in text
    if path not in VALID:  # refused, each fault located, and nothing is built from it
        assert code == 1 and f"FAIL {path}: " in text and " Fix: " in text, text[:500]
        return
    assert code == 0, text[:2000]
    tree = load_tree(path)
    day = _day(tree)
    paths = _walkable(tree, day)
    longest = max(paths, key=len)
    facts = [part for fact in _facts(tree, longest) for part in ("--fact", fact)]

    def run(*argv: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main([*argv, "--as-of", day], out)
        assert code == 0, err.getvalue()[:2000]
        return out.getvalue()

    # the static site: its page and the index; every link reads as the address it opens
    run("site", str(path), "-o", str(tmp_path / "site"))
    page = (tmp_path / "site" / f"{tree.id}.html").read_text("utf-8")
    blocks = re.findall(
        r'<script type="application/json" id="(xt-[a-z]+)">(.*?)</script>', page, re.S
    )
    unpacked = json.dumps(
        [unpack(json.loads(text)) for name, text in blocks if name != "xt-entry"],
        ensure_ascii=False,
    )
    links = re.findall(r'href=\\"([^"\\]*)\\"', unpacked) + re.findall(r'href="([^"]*)"', page)
    _no_hidden_characters([html.unescape(link) for link in links])
    # the diagram with the path drawn
    run("render", str(path), "-o", str(tmp_path / "map.svg"), *facts)
    svg = ET.parse(tmp_path / "map.svg").getroot()
    assert len([e for e in svg.iter() if "xt_node" in e.get("class", "").split()]) == len(tree)
    # the deck of the longest walk
    run("deck", str(path), "-o", str(tmp_path / "walk.pptx"), *facts)
    deck = Presentation(str(tmp_path / "walk.pptx"))
    addresses = [
        run_.hyperlink.address
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run_ in paragraph.runs
        if run_.hyperlink.address
    ]
    _no_hidden_characters(addresses)
    assert len(deck.slides) >= 2
    # the case summaries of every path, in both forms
    for steps in paths:
        walk = walk_along(tree, steps, day)
        summary = case_html(walk, day)
        summary.encode("utf-8")
        _no_hidden_characters(re.findall(r'href="([^"]*)"', summary))
        assert "## Outcome: " in case_markdown(walk, day)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_an_accepted_tree_walks_every_path_in_the_app(path: Path) -> None:
    """The kernel side of the app takes every path as the page sends it, and what it sends
    the page can be written as UTF-8 JSON."""
    from xborder_tree.jupyter.widgets import Explorer

    tree = load_tree(path)
    explorer = Explorer(tree, date="2026-11-23", as_of="2026-11-23")
    json.dumps(explorer.view.data, ensure_ascii=False).encode("utf-8")
    paths = list(tree.paths())
    for steps in paths:
        explorer.view.set_state({"path": [tree.root]})
        explorer.view.set_state({"path": steps})
        assert explorer.walk.path == steps
        assert explorer.error.value == "", explorer.error.value
    explorer.view.set_state({"path": [*paths[0], "constructor"]})  # the last good: paths[-1]
    assert explorer.walk.path == paths[-1] and "not in the tree" in explorer.error.value


# ------------------------------------------------------------------ the static page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_an_accepted_tree_walks_in_the_static_page(
    path: Path, browser: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    tree = load_tree(path)
    assert (
        main(["site", str(path), "-o", str(tmp_path), "--as-of", "2026-11-23"], io.StringIO()) == 0
    )
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(dialog.message), dialog.dismiss()))
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "blob:", "data:")) else problems.append(r.url),
    )
    try:
        page.goto((tmp_path / f"{tree.id}.html").as_uri())
        page.wait_for_selector("body.xt_ready", state="attached")
        for steps in list(tree.paths())[:MAX_PATHS]:
            if page.locator(".xt_restart").is_enabled():
                page.locator(".xt_restart").click()
            for source, target in itertools.pairwise(steps):
                (value,) = [a.value for a in tree.answers(source) if a.target == target]
                page.locator(f".xt_side .xt_answer_{value}").click()
            card = page.locator(".xt_side .xt_outcome_card")
            expect(card).to_have_attribute("data-outcome", steps[-1])
            expect(page.locator(".xt_why_item")).to_have_count(len(steps) - 1)
        expect(page.locator(".xt_refused")).to_be_hidden()
        assert problems == []
    finally:
        context.close()


# ------------------------------------------------------------------ fuzz


def _text_places(document: Any, parts: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The locations of the free texts and citation addresses of a tree document."""
    found: list[tuple[Any, ...]] = []
    if isinstance(document, dict):
        for key, value in document.items():
            found += _text_places(value, (*parts, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _text_places(value, (*parts, index))
    elif isinstance(document, str) and parts[-1] in (
        "title",
        "summary",
        "text",
        "help",
        "label",
        "note",
        "url",
        "publisher",
        "short",
        0,
    ):
        found.append(parts)
    return found


def _place(document: dict[str, Any], parts: tuple[Any, ...], text: str) -> None:
    holder: Any = document
    for part in parts[:-1]:
        holder = holder[part]
    holder[parts[-1]] = (
        (holder[parts[-1]] + text)[:4000] if parts[-1] != "url" else (holder[parts[-1]] + text)
    )


UNCARRIABLE_IN_URLS = ("\u202e", "\u2066", "\u200b", "\ufeff", " ", "\u00a0", "\x00")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_trees(max_questions=3, hostile=True), st.data())
def test_what_no_output_can_carry_is_refused_where_it_is(document: Any, data: Any) -> None:
    """Anywhere in a valid tree, a text no output can carry (or an id named like a built-in
    JavaScript property) is refused by the loader, with a fault at that very place."""
    document = copy.deepcopy(document)
    if data.draw(st.booleans()):
        node = data.draw(st.sampled_from(document["nodes"]))
        for edge in document["edges"]:
            for end in ("source", "target"):
                if edge[end] == node["id"]:
                    edge[end] = "constructor"
        node["id"], where = "constructor", f"/nodes/{document['nodes'].index(node)}/id"
    else:
        parts = data.draw(st.sampled_from(_text_places(document)))
        bad = data.draw(
            st.sampled_from(
                UNCARRIABLE if parts[-1] != "url" else (*UNCARRIABLE, *UNCARRIABLE_IN_URLS)
            )
        )
        _place(document, parts, bad)
        where = "/" + "/".join(map(str, parts))
    with pytest.raises(TreeError) as caught:
        tree_graph(document, "fuzz.json")
    assert where in [fault.location for fault in caught.value.faults], str(caught.value)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_trees(max_questions=3, hostile=True))
def test_a_random_hostile_tree_that_loads_builds_the_outputs(document: Any) -> None:
    """Whatever hostile text a tree holds, once it loads, its slides, case summaries and the
    data the pages get are written (UTF-8, XML) without an error."""
    from xborder_tree.outputs.deck import deck
    from xborder_tree.web.explorer_data import explorer_data

    tree = tree_graph(document, "fuzz.json")
    json.dumps(explorer_data(tree, as_of="2026-11-23"), ensure_ascii=False).encode("utf-8")
    for steps in list(tree.paths())[:3]:
        walk = walk_along(tree, steps, "2026-11-23")
        case_html(walk, "2026-11-23").encode("utf-8")
        case_markdown(walk, "2026-11-23").encode("utf-8")
        assert deck(tree, path=steps, as_of=walk.as_of).startswith(b"PK")
