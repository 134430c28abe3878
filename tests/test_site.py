"""The static explorer (``xborder-tree site``): the page's data and escaping, the command,
and in headless Chromium from ``file://``: every persona of every scenario file reaches the
outcome ``xborder-tree resolve`` gives, with the same case summary, and no request leaves
the page."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.voila import CHROMIUM, CHROMIUM_FLAGS
from xborder_tree import load_tree
from xborder_tree.cli.main import main
from xborder_tree.loading.catalog import tree_paths
from xborder_tree.outputs.report import case_html, case_markdown
from xborder_tree.training.scenarios import load_scenarios, scenario_path
from xborder_tree.web.explorer_data import walk_along
from xborder_tree.web.site import json_block, periods, site_page, unpack

from .conftest import EXAMPLE

BLOCK = re.compile(r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.S)


def blocks(page: str) -> dict[str, Any]:
    """The packed data blocks of a page (the index entry, plain JSON, left out)."""
    return {
        name: unpack(json.loads(text)) for name, text in BLOCK.findall(page) if name != "xt-entry"
    }


# ------------------------------------------------------------------ without a browser
@pytest.mark.parametrize(
    "text",
    ["</script><script>alert(1)</script>", "<!--", "a\u2028b\u2029c", "&lt;", "]]>", "</SCRIPT >"],
)
def test_json_blocks_cannot_be_ended_by_their_text(text: str) -> None:
    block = json_block("x", {"k": text})
    inner = block[len('<script type="application/json" id="x">') : -len("</script>")]
    assert not set("<>&\u2028\u2029") & set(inner)
    assert json.loads(inner) == {"k": text}


def test_periods_split_at_every_dated_rule() -> None:
    assert periods(load_tree(EXAMPLE)) == [None]
    starts = periods(load_tree("trees/work-in-mexico.json"))  # the day after "until" 2036-06-30
    assert starts[0] is None and starts[1:] == sorted(set(starts[1:]))
    assert dt.date(2036, 7, 1) in starts


@pytest.mark.exe
def test_the_page_carries_the_data_the_map_and_other_dates() -> None:
    tree = load_tree("trees/work-in-mexico.json")
    page = site_page(tree, as_of="2026-11-23")
    found = blocks(page)
    assert found["xt-data"]["data"]["as_of"] == "2026-11-23"
    assert found["xt-map"].lstrip().startswith(("<?xml", "<!--", "<svg"))
    later = next(p for p in found["xt-extra"]["periods"] if p["start"] == "2036-07-01")
    assert later["nodes"], "the caveat that ends is a diff"
    # nothing the page would fetch: no src=, no external stylesheet, no @import
    assert not re.search(r"\ssrc=|<link|@import|url\(", page.split('<script type="module">')[0])


def test_case_parts_fill_to_pythons_summary() -> None:
    """The page's case summary is Python's template with the date, the answers and the "why"
    lines filled in (report.fill_case; the browser test checks casefile.js byte for byte)."""
    from xborder_tree.outputs.report import fill_case
    from xborder_tree.web.site import case_parts

    tree = load_tree(EXAMPLE)
    day = dt.date(2026, 11, 23)
    parts = case_parts(tree, day)
    for path in (["citizenship", "work_location", "permit_needed"], ["citizenship"]):
        walk = walk_along(tree, path, day)
        for kind, whole in (("md", case_markdown(walk, "D")), ("html", case_html(walk, "D"))):
            lines = [parts["lines"][s.node][s.value][kind] for s in walk.steps]
            filled = fill_case(
                parts["templates"][path[-1]][kind],
                kind,
                "D",
                day.isoformat(),
                [line["answer"] for line in lines],
                [line["why"] for line in lines],
            )
            assert filled == whole


def test_site_command_writes_a_page_per_tree_and_an_index(tmp_path: Path) -> None:
    out = io.StringIO()
    code = main(["site", str(EXAMPLE), "-o", str(tmp_path), "--as-of", "2026-11-23"], out)
    assert code == 0, out.getvalue()
    index = (tmp_path / "index.html").read_text("utf-8")
    assert 'href="example-remote-work.html"' in index
    assert (tmp_path / "example-remote-work.html").stat().st_mode & 0o444 == 0o444


def test_site_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", "utf-8")
    assert main(["site", str(bad), "-o", str(tmp_path / "out")]) == 1
    assert "bad.json" in capsys.readouterr().err
    assert main(["site", "-o", str(tmp_path), "--theme", "neon"]) == 2
    assert main(["site", str(EXAMPLE), "-o", str(tmp_path), "--as-of", "2026-02-30"]) == 2
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ in Chromium
def _resolve(tree_file: Path, facts: dict[str, str], day: dt.date) -> dict[str, Any]:
    out = io.StringIO()
    args = ["resolve", str(tree_file), "--json", "--as-of", day.isoformat()]
    for key, value in facts.items():
        args += ["--fact", f"{key}={value}"]
    assert main(args, out) == 0
    return dict(json.loads(out.getvalue()))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    paths = [str(p) for p in tree_paths()]
    assert main(["site", *paths, "-o", str(folder)], io.StringIO()) == 0
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install it with 'apt-get install chromium'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def _open(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("file:", "blob:", "data:"))
            else problems.append(f"request {r.url}")
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"error {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog {d.message}"), d.dismiss()))
    page.goto(url)
    page.wait_for_selector(".xt_side .xt_answer")
    page.wait_for_selector("body.xt_ready", state="attached")  # dates, downloads, outline
    return context, page, problems


def _download(page: Any, kind: str) -> str:
    with page.expect_download() as info:
        page.locator(f".xt_download_{kind}").click()
    return Path(info.value.path()).read_text("utf-8")


@pytest.mark.browser
@pytest.mark.exe
@pytest.mark.slow
@pytest.mark.parametrize("tree_file", tree_paths(), ids=lambda p: p.stem)
def test_every_persona_reaches_the_outcome_resolve_gives(
    site: Path, browser: Any, tree_file: Path
) -> None:
    tree = load_tree(tree_file)
    personas = load_scenarios(scenario_path(tree_file), tree.id)
    assert personas, f"no scenarios for {tree.id}"
    today = dt.date.today()
    context, page, problems = _open(browser, (site / f"{tree.id}.html").as_uri())
    try:
        for persona in personas:
            day = persona.as_of or today
            page.fill(".xt_as_of", day.isoformat())
            page.locator(".xt_as_of").press("Enter")
            page.wait_for_selector(
                f"#xt-explorer[data-as-of='{day.isoformat()}']", state="attached"
            )
            if page.locator(".xt_restart").is_enabled():
                page.locator(".xt_restart").click()
            for _ in range(len(tree.questions) + 1):
                current = page.locator(".xt_focus .xt_current").get_attribute("data-node")
                assert current is not None
                if tree.is_outcome(current):
                    break
                value = persona.facts.get(tree.node(current)["fact"], "")
                page.locator(f".xt_side .xt_answer_{value}").click()
            expected = _resolve(tree_file, persona.facts, day)
            shown = page.locator(".xt_side .xt_outcome_card").get_attribute("data-outcome")
            assert shown == current == expected["outcome"]["node"], persona.id
            walk = walk_along(tree, [s["node"] for s in expected["steps"]] + [shown], day)
            assert page.locator(".xt_why_item").count() == len(walk.steps)
            assert _download(page, "md") == case_markdown(walk, dt.date.today().isoformat())
            assert _download(page, "html") == case_html(walk, dt.date.today().isoformat())
        assert problems == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.exe
@pytest.mark.slow
def test_back_jump_start_over_and_the_whole_map(site: Path, browser: Any) -> None:
    context, page, problems = _open(browser, (site / "example-remote-work.html").as_uri())
    try:
        page.locator(".xt_side .xt_answer_us").click()
        page.locator(".xt_side .xt_answer_in_canada").click()
        assert page.locator(".xt_outcome_card").get_attribute("data-outcome") == "permit_needed"
        assert "next review due by" in page.locator(".xt_reviewed").inner_text()
        page.locator(".xt_back").click()
        assert page.locator(".xt_question_text").inner_text().startswith("Where will you")
        assert page.evaluate("document.activeElement.classList.contains('xt_answer')")
        page.keyboard.press("Enter")  # keyboard answering: the focus is on the first answer
        assert page.locator(".xt_outcome_card").count() == 1
        assert "Outcome after 2 answers" in page.locator(".xt_live").inner_text()
        assert not page.locator(".xt_crumb_0").is_visible()  # the trail is folded at an outcome
        page.locator(".xt_trail > summary").click()
        page.locator(".xt_crumb_0").click()
        assert page.locator(".xt_crumb").count() == 0
        page.locator(".xt_side .xt_answer_us").click()
        page.locator(".xt_view_map").click()
        page.wait_for_selector(".xt_map_svg")
        lit = page.eval_on_selector_all(".xt_overlay .xt_on", "es => es.map(e => e.dataset.for)")
        assert "xt_example_remote_work_n_work_location" in lit
        page.locator(".xt_restart").click()
        assert page.locator(".xt_crumb").count() == 0
        assert "Text description of the whole diagram" in page.locator(".xt_outline").inner_text()
        assert problems == []
    finally:
        context.close()


# ------------------------------------------------------------------ hostile text
SCRIPT_TEXT = "<script>window.__pwned=1</script>"
MARKERS = (
    '<img src=x onerror="window.__pwned=1">',
    SCRIPT_TEXT,
    "<svg onload=window.__pwned=1>",
    "</script><script>window.__pwned=1</script>",
)


@pytest.mark.browser
@pytest.mark.exe
@pytest.mark.slow
def test_hostile_text_stays_text_in_the_static_page(tmp_path: Path, browser: Any) -> None:
    from tests.test_hostile import _hostile_document
    from xborder_tree.loading.document import tree_graph

    document = _hostile_document()
    bad = " ".join(MARKERS)
    for node in document["nodes"]:
        for key in ("text", "help", "title", "summary"):
            if key in node:
                node[key] += " " + bad
    for edge in document["edges"]:
        edge["label"] += " " + bad
    tree = tree_graph(document, "hostile.json")
    path = tmp_path / "hostile.html"
    path.write_text(site_page(tree, as_of="2026-11-23"), "utf-8")
    context, page, problems = _open(browser, path.as_uri())
    allowed = {
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "span",
        "button",
        "nav",
        "strong",
        "section",
        "ul",
        "li",
        "s",
        "br",
        "a",
        "details",
        "summary",
        "em",
        "code",
        "header",
        "main",
        "footer",
        "label",
        "input",
        "style",
        "script",
        "noscript",  # the page's own
        "svg",
        "g",
        "title",
        "path",
        "polygon",
        "polyline",
        "ellipse",
        "text",
    }  # the map
    try:
        for value in ("us", "in_canada"):
            page.locator(f".xt_side .xt_answer_{value}").click()
            assert page.locator(".xt_question_text, .xt_outcome_title").first.inner_text()
        assert SCRIPT_TEXT in page.locator(".xt_outcome_card").inner_text()
        page.locator(".xt_view_map").click()
        page.wait_for_selector(".xt_map_svg")
        page.locator(".xt_outline summary").click()
        _download(page, "md")
        _download(page, "html")
        tags = page.evaluate("() => [...document.body.querySelectorAll('*')].map(e => e.localName)")
        assert set(tags) <= allowed, set(tags) - allowed
        assert tags.count("script") == 5  # the four data blocks and the page's module
        handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
            [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))""")
        assert handlers == []
        links = page.eval_on_selector_all("a[href]", "es => es.map(e => e.getAttribute('href'))")
        assert all(h.startswith(("https://", "http://", "index.html")) for h in links), links
        assert page.evaluate("window.__pwned") is None
        assert problems == []
    finally:
        context.close()


def _open_ready(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    """A page opened at ``url`` once its script is done (the path may end at an outcome)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"error {e}"))
    page.goto(url)
    page.wait_for_selector("body.xt_ready", state="attached")
    return context, page, problems


@pytest.mark.browser
@pytest.mark.exe
@pytest.mark.slow
def test_address_facts_are_followed_or_sent_to_the_page_that_answers_them(
    site: Path, browser: Any
) -> None:
    usmca = (site / "usmca-work-in-us.html").as_uri()
    facts = {
        "citizenship": "canada",
        "us_status": "none",
        "work_location": "in_us",
        "purpose": "business_visit",
        "employer": "us",
    }
    query = "&".join(f"fact={k}%3D{v}" for k, v in facts.items())
    context, page, problems = _open_ready(browser, f"{usmca}?{query}")
    tree_file = next(p for p in tree_paths() if p.stem == "usmca-work-in-us")
    expected = _resolve(tree_file, facts, dt.date.today())
    assert page.locator(".xt_live").text_content() == (
        f"Outcome after {len(expected['steps'])} answers: {expected['outcome']['title']}."
    )
    assert page.locator(".xt_out_of_scope").count() == 0
    context.close()
    outside = "fact=citizenship%3Dcanada&fact=work_location%3Din_mexico"
    context, page, more = _open_ready(browser, f"{usmca}?{outside}")
    note = page.locator(".xt_out_of_scope")
    assert note.locator("strong").text_content() == "Not this tree's question."
    link = note.locator("a")
    assert link.count() == 1
    assert link.text_content() == "Can I work in Mexico, or for a Mexican employer?"
    href = link.get_attribute("href") or ""
    assert href.startswith("work-in-mexico.html?fact=") and "work_location%3Din_mexico" in href
    link.click()
    page.wait_for_selector("body.xt_ready", state="attached")
    assert page.url.split("/")[-1].startswith("work-in-mexico.html?")
    assert page.locator(".xt_out_of_scope").count() == 0  # the facts are that page's question
    assert problems == [] and more == []
    context.close()
