"""Focus drawings and slides: element ids, escaping, slide size, text height, splitting."""

from __future__ import annotations

import itertools
import re
import struct
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import TREES
from tests.test_hostile import DOT_BREAK, SCRIPT, _hostile_document
from xborder_tree import DecisionTree, load_tree, tree_graph
from xborder_tree.cli.main import main
from xborder_tree.drawing.compare import compare_paths
from xborder_tree.drawing.compare_focus import plan_compare_slides, render_compare_focus
from xborder_tree.drawing.export import run_dot
from xborder_tree.drawing.focus import focus
from xborder_tree.drawing.render import edge_element_id, node_element_id
from xborder_tree.drawing.render_focus import (
    focus_digraph,
    plan_slides,
    render_focus,
    stub_element_id,
)
from xborder_tree.drawing.slides import SlideFitter

pytestmark = pytest.mark.exe

SVG = "{http://www.w3.org/2000/svg}"
TREE_FILES = sorted(p for p in TREES.glob("*.json") if p.name.count(".") == 1)
CANADA = "work-in-canada-from-us"


@pytest.fixture(scope="module", params=[p.stem for p in TREE_FILES])
def tree(request: pytest.FixtureRequest) -> DecisionTree:
    return load_tree(TREES / f"{request.param}.json")


def _longest(tree: DecisionTree) -> list[str]:
    return max(tree.paths(), key=len)


def text_heights(svg: bytes) -> list[float]:
    """Pixel height of every text of an SVG shown at its own size (96 px per inch): the
    font size times the group's scale times the root's pixels per user unit."""
    root = ET.fromstring(svg)
    width = root.get("width", "")
    assert width.endswith("pt"), width
    per_unit = float(width[:-2]) * 96 / 72 / float(root.get("viewBox", "").split()[2])
    graph = root.find(f"{SVG}g")
    assert graph is not None
    scale = re.search(r"scale\(([\d.]+)", graph.get("transform", ""))
    zoom = float(scale[1]) if scale else 1.0
    return [float(t.get("font-size", "0")) * zoom * per_unit for t in root.iter(f"{SVG}text")]


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# ------------------------------------------------------------------ the drawing


def test_focus_drawing_keeps_the_whole_map_ids_and_marks_the_path(tree: DecisionTree) -> None:
    path = _longest(tree)[:3]
    view = focus(tree, path)
    svg = run_dot(focus_digraph(tree, view).source, "svg")
    root = ET.fromstring(svg)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    assert not [i for i, n in Counter(g.get("id") for g in root.iter(f"{SVG}g")).items() if n > 1]
    for node in view.nodes:
        group = groups[node_element_id(tree, node)]
        classes = group.get("class", "").split()
        assert "xt_node" in classes
        assert ("xt_on" in classes) == (node in path)
        assert ("xt_current" in classes) == (node == path[-1])
        title = group.find(f"{SVG}title")
        assert title is not None and title.text == node
    for stub in view.stubs:
        group = groups[stub_element_id(tree, stub.question, stub.value)]
        assert group.get("class") == "node xt_stub"
        drawn = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
        assert drawn.split() == stub.label.split()
        edge = groups[edge_element_id(tree, stub.question, stub.target)]
        assert "xt_stub_edge" in edge.get("class", "")
    drawn_nodes = [g for g in root.iter(f"{SVG}g") if "xt_node" in g.get("class", "")]
    assert len(drawn_nodes) == len(view.nodes)


def test_hostile_text_stays_plain_text_in_a_focus_slide() -> None:
    hostile = tree_graph(_hostile_document(), "hostile.json")
    path = hostile.resolve({"citizenship": "us"}).path
    source = focus_digraph(hostile, focus(hostile, path), "presentation", title=SCRIPT).source
    assert not re.search(r"label=<", source), "never an HTML-like label"
    svg = render_focus(hostile, path, fmt="svg")[0]
    root = ET.fromstring(svg)
    drawn = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert SCRIPT in drawn and DOT_BREAK[:8] in drawn
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "foreignObject")]


# ------------------------------------------------------------------ slides


def test_longest_path_slides_are_1920x1080_with_text_at_least_18px(tree: DecisionTree) -> None:
    path = _longest(tree)
    svgs = render_focus(tree, path, fmt="svg")
    pngs = render_focus(tree, path, fmt="png")
    assert len(svgs) == len(pngs)
    for svg, png in zip(svgs, pngs, strict=True):
        assert png_size(png) == (1920, 1080)
        heights = text_heights(svg)
        assert heights and min(heights) >= 18 - 0.01, min(heights)


def test_a_path_is_split_exactly_when_one_slide_would_shrink_its_text(tree: DecisionTree) -> None:
    path = _longest(tree)
    view = focus(tree, path)
    whole = SlideFitter(
        lambda part, title: focus_digraph(tree, part, "presentation", title=title),
        "presentation",
        (1920, 1080),
    )
    fits_on_one = whole.readable(whole.zoom(view))
    slides = plan_slides(tree, path)
    assert (len(slides) == 1) == fits_on_one
    if tree.id == CANADA:
        assert len(slides) >= 2, "the Canada tree's longest path needs more than one slide"
    # parts follow the path, overlapping by one node, and keep every stub
    joined = list(slides[0].part.path)
    for slide in slides[1:]:
        assert slide.part.path[0] == joined[-1]
        joined.extend(slide.part.path[1:])
    assert joined == path
    stubs = [stub for slide in slides for stub in slide.part.stubs]
    assert sorted(stubs, key=lambda s: (s.step, s.value)) == sorted(
        view.stubs, key=lambda s: (s.step, s.value)
    )
    assert [s.number for s in slides] == list(range(1, len(slides) + 1))
    assert all(s.of == len(slides) and s.min_text_px >= 18 - 0.01 for s in slides)


def test_a_pending_question_slide_shows_what_lies_ahead(tree: DecisionTree) -> None:
    path = _longest(tree)[:2]
    slides = plan_slides(tree, path)
    last = slides[-1].part
    assert last.current == path[-1]
    targets = {answer.target for answer in tree.answers(path[-1])}
    assert targets <= set(last.ahead)
    for svg in render_focus(tree, path, fmt="svg"):
        assert min(text_heights(svg)) >= 18 - 0.01


def test_the_root_alone_lowers_the_depth_shown_rather_than_the_text() -> None:
    tree = load_tree(TREES / f"{CANADA}.json")
    slides = plan_slides(tree, [tree.root])
    assert len(slides) == 1
    part = slides[0].part
    assert {a.target for a in tree.answers(tree.root)} <= set(part.ahead)
    assert slides[0].min_text_px >= 18 - 0.01


def test_pdf_and_svg_slides_are_16_9_pages(example_tree: DecisionTree) -> None:
    path = _longest(example_tree)
    pdf = render_focus(example_tree, path, fmt="pdf")[0]
    assert b"MediaBox [ 0 0 1440 810 ]" in pdf
    svg = ET.fromstring(render_focus(example_tree, path, fmt="svg")[0])
    assert (svg.get("width"), svg.get("height")) == ("1440pt", "810pt")


def test_other_slide_sizes_keep_text_in_proportion(example_tree: DecisionTree) -> None:
    path = _longest(example_tree)
    assert png_size(render_focus(example_tree, path, fit=(1280, 720))[0]) == (1280, 720)
    assert min(text_heights(render_focus(example_tree, path, fit=(1280, 720), fmt="svg")[0])) >= 12
    natural = render_focus(example_tree, path, fit=None)
    assert len(natural) == 1 and png_size(natural[0]) != (1920, 1080)
    with pytest.raises(ValueError, match="at least 320x180"):
        render_focus(example_tree, path, fit=(100, 100))


def test_comparison_slides_show_both_paths_readably(tree: DecisionTree) -> None:
    paths = sorted(tree.paths(), key=len)
    a, b = paths[-1], paths[-2]
    facts = [
        {
            tree.node(s)["fact"]: tree.answers(s)[
                [x.target for x in tree.answers(s)].index(t)
            ].value
            for s, t in itertools.pairwise(p)
        }
        for p in (a, b)
    ]
    comparison = compare_paths(tree, *facts)
    slides = plan_compare_slides(comparison)
    shown = {node for slide in slides for node in _span_nodes(comparison, slide.part)}
    assert shown == set(a) | set(b)
    for svg in render_compare_focus(comparison, fmt="svg"):
        assert min(text_heights(svg)) >= 18 - 0.01
    assert all(png_size(png) == (1920, 1080) for png in render_compare_focus(comparison))


def _span_nodes(comparison, span: tuple[int, int]) -> set[str]:  # type: ignore[no-untyped-def]
    start, end = span
    return {*comparison.a.path[start : end + 1], *comparison.b.path[start : end + 1]}


# ------------------------------------------------------------------ command line


def _facts_of(tree: DecisionTree, path: list[str]) -> list[str]:
    """``--fact`` arguments that walk ``path``."""
    arguments = []
    for source, target in itertools.pairwise(path):
        value = next(a.value for a in tree.answers(source) if a.target == target)
        arguments += ["--fact", f"{tree.node(source)['fact']}={value}"]
    return arguments


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_writes_one_slide_or_numbered_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = tmp_path / "slide.png"
    code, out, _ = _run(
        ["render", "example-remote-work", "--fact", "citizenship=us", "--focus", "-o", str(one)],
        capsys,
    )
    assert code == 0 and out == f"wrote {one} (presentation theme)\n"
    assert png_size(one.read_bytes()) == (1920, 1080)
    canada = load_tree(TREES / f"{CANADA}.json")
    facts = _facts_of(canada, _longest(canada))
    code, out, _ = _run(
        [
            "render",
            CANADA,
            *facts,
            "--focus",
            "--fit",
            "1920x1080",
            "-o",
            str(tmp_path / "long.png"),
        ],
        capsys,
    )
    files = sorted(tmp_path.glob("long-*.png"))
    assert code == 0 and len(files) >= 2 and not (tmp_path / "long.png").exists()
    assert out.splitlines() == [
        f"wrote {file} (presentation theme, part {n} of {len(files)})"
        for n, file in enumerate(files, 1)
    ]
    assert all(png_size(f.read_bytes()) == (1920, 1080) for f in files)
    code, out, _ = _run(
        ["render", CANADA, *facts, "--focus", "-o", str(tmp_path / "s.svg")], capsys
    )
    assert code == 0
    for svg in sorted(tmp_path.glob("s-*.svg")):
        assert min(text_heights(svg.read_bytes())) >= 18 - 0.01


def test_cli_compare_focus_and_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "c.pdf"
    code, out, _ = _run(
        [
            "compare",
            CANADA,
            "--a",
            "citizenship=us",
            "--b",
            "citizenship=mexico",
            "--focus",
            "-o",
            str(target),
        ],
        capsys,
    )
    assert code == 0 and out.startswith(f"wrote {target} (presentation theme)\n")
    assert target.read_bytes().startswith(b"%PDF-")
    code, _, err = _run(
        [
            "compare",
            CANADA,
            "--a",
            "citizenship=us",
            "--b",
            "citizenship=mexico",
            "--fit",
            "1920x1080",
            "-o",
            str(tmp_path / "x.png"),
        ],
        capsys,
    )
    assert code == 2 and "add --focus" in err
    code, _, err = _run(["render", CANADA, "--focus", "--fit", "wide", "-o", "x.png"], capsys)
    assert code == 2 and "WIDTHxHEIGHT" in err and "Traceback" not in err


def test_cli_focus_follows_the_rules_of_as_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dated = str(TREES.parent / "tests" / "fixtures" / "dated-example.json")
    facts = ["--fact", "citizenship=us", "--fact", "work_location=in_canada"]
    for day, outcome, gone in (
        ("2026-06-30", "permit_needed", "permit_with_fee"),
        ("2026-07-01", "permit_with_fee", "permit_needed"),
    ):
        target = tmp_path / f"{day}.svg"
        code, _, _ = _run(
            ["render", dated, *facts, "--as-of", day, "--focus", "-o", str(target)], capsys
        )
        svg = target.read_text("utf-8")
        assert code == 0 and f"<title>{outcome}</title>" in svg
        assert f"<title>{gone}</title>" not in svg
