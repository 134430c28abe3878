"""Hostile text is inert in every output; Graphviz failures are bounded and clear; files are
safe (nothing written into trees/, exports atomic)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import stat
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import mistune
import pytest
from hypothesis import given, settings

from xborder_tree import DecisionTree, Walk
from xborder_tree.cli.main import main
from xborder_tree.drawing import export as export_module
from xborder_tree.drawing.export import export_diagram, run_dot, write_atomic
from xborder_tree.drawing.render import Highlight, to_digraph
from xborder_tree.loading.catalog import tree_paths
from xborder_tree.loading.document import load_tree, tree_graph
from xborder_tree.model.errors import GraphvizError, GraphvizNotFound, GraphvizTimeout
from xborder_tree.outputs.report import case_html, case_markdown, outcome_text, safe_url

from .conftest import EXAMPLE, TREES
from .strategies import HOSTILE, valid_trees

SCRIPT = "<script>alert(1)</script>"
DOT_BREAK = '"]; a -> b [label="pwned'


def _hostile_document() -> dict[str, Any]:
    """The example tree with hostile text in every free-text field."""
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    bad = " ".join(HOSTILE)
    doc["title"] = doc["summary"] = bad
    doc["sources"][0]["title"] = bad
    for node in doc["nodes"]:
        if node["kind"] == "question":
            node.update(text=bad, help=bad, short=SCRIPT)
        else:
            node.update(title=bad, summary=bad, next_steps=[bad], documents=[bad], caveats=[bad])
            node["short"] = DOT_BREAK
            node["citations"][0].update(title=bad, publisher=bad, note=bad)
            node["misconceptions"] = [
                {"claim": bad, "source": bad, "correction": bad, "citation": node["citations"][0]}
            ]
    for edge in doc["edges"]:
        edge.update(label=bad, note=bad)
    return doc


@pytest.fixture(scope="module")
def hostile_tree() -> DecisionTree:
    return tree_graph(_hostile_document(), "hostile.json")


def _walks(tree: DecisionTree) -> list[Walk]:
    return [Walk(tree).answer("canada"), Walk(tree).answer("us").answer("in_canada"), Walk(tree)]


# ------------------------------------------------------------------ DOT, SVG, PNG, PDF

_SVG_TAGS = {"svg", "g", "title", "polygon", "path", "polyline", "ellipse", "text", "a", "defs"}


def _check_svg(svg: bytes, tree: DecisionTree, drawn_text: tuple[str, ...] = ()) -> None:
    root = ET.fromstring(svg)
    texts = []
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        assert tag in _SVG_TAGS, f"unexpected element <{tag}>"
        for name, value in element.attrib.items():
            local = name.split("}")[-1]
            assert not local.lower().startswith("on"), f"event attribute {name}={value!r}"
            if local == "href":
                assert value.startswith(("http://", "https://", "#")), value
        texts.append(element.text or "")
    nodes = [el for el in root.iter() if "xt_node" in el.get("class", "").split()]
    edges = [el for el in root.iter() if "xt_edge" in el.get("class", "").split()]
    assert len(nodes) == len(tree) and len(edges) == tree.graph.number_of_edges()
    drawn = "".join(texts)
    assert all(text in drawn for text in drawn_text), "hostile labels are drawn as plain text"


@pytest.mark.exe
def test_hostile_text_is_plain_text_in_svg(hostile_tree: DecisionTree) -> None:
    source = to_digraph(hostile_tree, highlight=Highlight.from_walk(_walks(hostile_tree)[1])).source
    assert "pwned" in source and not re.search(r"label=<", source), "never an HTML-like label"
    _check_svg(run_dot(source, "svg", timeout=30), hostile_tree, (SCRIPT, DOT_BREAK))


@pytest.mark.exe
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")])
def test_hostile_text_renders_to_png_and_pdf(
    hostile_tree: DecisionTree, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    path = export_diagram(hostile_tree, tmp_path / f"d.{fmt}", theme="presentation", timeout=30)
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 1000
    if fmt == "pdf":
        assert data.rstrip().endswith(b"%%EOF")


@pytest.mark.exe
@settings(max_examples=15, deadline=None)
@given(valid_trees(max_questions=4, hostile=True))
def test_random_hostile_trees_give_well_formed_svg(document: dict[str, Any]) -> None:
    tree = tree_graph(document)
    _check_svg(run_dot(to_digraph(tree).source, "svg", timeout=30), tree)


# ------------------------------------------------------------------ case summaries


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _check_html(page: str) -> None:
    parser = _Collector()
    parser.feed(page)
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "code"}
    allowed |= {"ol", "ul", "li", "strong", "em", "a", "br", "s"}  # s: a corrected claim
    for tag, attrs in parser.tags:
        assert tag in allowed, f"unexpected <{tag}>"
        for name, value in attrs:
            assert not name.startswith("on"), f"event attribute {name}"
            if name in ("href", "src"):
                assert (value or "").startswith(("http://", "https://")), value


@pytest.mark.parametrize("index", [0, 1, 2])
def test_case_html_is_inert(hostile_tree: DecisionTree, index: int) -> None:
    page = case_html(_walks(hostile_tree)[index], prepared_on="2026-11-21")
    _check_html(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("index", [0, 1, 2])
def test_case_markdown_has_no_raw_html_and_only_http_links(
    hostile_tree: DecisionTree, index: int
) -> None:
    text = case_markdown(_walks(hostile_tree)[index], prepared_on="2026-11-21")
    rendered = mistune.create_markdown(escape=False)(text)  # raw HTML passes through if any
    _check_html(str(rendered))
    assert "<script" not in str(rendered)
    links = re.findall(r"\]\(<([^>]*)>\)", text)
    assert all(link.startswith(("http://", "https://")) for link in links)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://laws.justice.gc.ca/eng/", True),
        ("http://example.org/a?b=c", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https://x.example/\n", False),
        ('https://x.example/"onmouseover="alert(1)', False),
        ("//evil.example", False),
        ("", False),
    ],
)
def test_only_http_and_https_links_are_made_clickable(url: str, kept: bool) -> None:
    assert (safe_url(url) == url) is kept


# ------------------------------------------------------------------ terminal

_TERMINAL_BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_terminal_walk_prints_no_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_hostile_document()), "utf-8")
    answers = iter(["2", "b", "2", "1", ""])
    out = io.StringIO()
    assert main(["walk", str(path)], out=out, read=lambda: next(answers)) == 0
    text = out.getvalue()
    assert "OUTCOME:" in text and "\x1b" not in text
    assert not _TERMINAL_BAD.search(text)


def test_outcome_text_has_no_control_characters(hostile_tree: DecisionTree) -> None:
    for outcome in hostile_tree.outcomes:
        assert not _TERMINAL_BAD.search(outcome_text(hostile_tree, outcome))


# ------------------------------------------------------------------ Graphviz failures


def _fake_dot(folder: Path, body: str) -> None:
    script = folder / "dot"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_missing_dot_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizNotFound, match=r"'dot' executable not found on PATH\. Install it"):
        run_dot("digraph {}", "svg")


@pytest.mark.parametrize(
    ("body", "error", "pattern"),
    [
        (
            f"exec {shutil.which('sleep')} 30",
            GraphvizTimeout,
            r"took longer than 0\.5 s .* split it, or raise the",
        ),
        (
            "echo 'not an image at all'",
            GraphvizError,
            r"failed to draw.*no usable svg output\. Check the Graphviz installation",
        ),
        ("echo 'Error: syntax error in line 1' >&2; exit 3", GraphvizError, r"syntax error"),
        ("printf '<svg'; exit 1", GraphvizError, r"exit code 1, no usable svg output"),
    ],
    ids=["sleeps", "garbage", "exits non-zero", "half output"],
)
def test_broken_dot_gives_a_clear_bounded_error(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    body: str,
    error: type[Exception],
    pattern: str,
) -> None:
    _fake_dot(tmp_path, body)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(error, match=pattern):
        run_dot("digraph {}", "svg", timeout=0.5)


# ------------------------------------------------------------------ files


def test_failed_export_leaves_the_old_file_and_no_temporary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, example_tree: DecisionTree
) -> None:
    target = tmp_path / "diagram.svg"
    target.write_bytes(b"<svg>old</svg>")

    def broken(*_args: Any, **_kwargs: Any) -> bytes:
        raise GraphvizError("Graphviz failed to draw the diagram: boom")

    monkeypatch.setattr(export_module, "run_dot", broken)
    with pytest.raises(GraphvizError, match="boom"):
        export_diagram(example_tree, target)
    assert target.read_bytes() == b"<svg>old</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["diagram.svg"]


def test_interrupted_write_leaves_the_old_file_and_no_temporary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "case.html"
    target.write_bytes(b"old")

    def fail(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["case.html"]


def _snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    return {
        str(p.relative_to(folder)): (
            p.stat().st_mtime_ns,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.exe
def test_loading_and_rendering_never_write_into_trees(tmp_path: Path) -> None:
    before = _snapshot(TREES)
    for number, path in enumerate(tree_paths(TREES)):
        tree = load_tree(path)
        walk = Walk(tree)
        while not walk.is_complete:
            walk.answer(walk.answers()[0].value)
        export_diagram(tree, tmp_path / f"{number}.svg", highlight=Highlight.from_walk(walk))
        case_html(walk)
        case_markdown(walk)
        main(["validate", str(path)], out=io.StringIO())
    assert _snapshot(TREES) == before


@pytest.mark.parametrize(
    ("body", "shown"),
    [("echo garbage", "no usable svg output"), ("echo 'Error: bad' >&2; exit 2", "Error: bad")],
    ids=["garbage", "exits non-zero"],
)
def test_explorer_falls_back_to_text_only_when_dot_is_broken(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    example_tree: DecisionTree,
    body: str,
    shown: str,
) -> None:
    widgets = pytest.importorskip("xborder_tree.jupyter.widgets")
    monkeypatch.setattr(export_module, "_LAYOUTS", type(export_module._LAYOUTS)())
    _fake_dot(tmp_path, body)
    monkeypatch.setenv("PATH", str(tmp_path))
    explorer = widgets.Explorer(example_tree, date="2026-11-21", view="map")
    assert explorer.text_only
    assert "text-only mode" in explorer.view.map_notice
    assert shown in explorer.view.map_notice
    assert "Check the Graphviz installation" in explorer.view.map_notice
