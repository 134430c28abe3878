"""Rendering: DOT source, themes, highlight, escaping, and real Graphviz output."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import DecisionTree, GraphvizError, GraphvizNotFound, Walk, tree_graph
from xborder_tree.drawing.export import (
    export_diagram,
    laid_out_svg,
    render_bytes,
    run_dot,
    write_atomic,
)
from xborder_tree.drawing.render import Highlight, highlight_css, highlight_svg, to_digraph


def test_shapes_classes_and_ids(example_tree: DecisionTree) -> None:
    source = to_digraph(example_tree).source
    assert re.search(
        r'citizenship \[.*class="xt_node xt_question".*'
        r"id=xt_example_remote_work_n_citizenship.*shape=box",
        source,
    )
    assert re.search(
        r'outside_canada \[.*class="xt_node xt_outcome xt_verdict_uncertain".*'
        r'shape=note.*style="filled,dashed"',
        source,
    )
    assert "id=xt_example_remote_work_e_citizenship__work_location" in source
    assert 'label="US citizen"' in source


def test_custom_prefix_keeps_two_diagrams_apart(example_tree: DecisionTree) -> None:
    source = to_digraph(example_tree, prefix="left_").source
    assert "id=left_n_citizenship" in source and "xt_example" not in source


def test_highlight_marks_the_path_only(example_tree: DecisionTree) -> None:
    lit = Highlight.from_walk(Walk(example_tree).answer("us"))
    source = to_digraph(example_tree, highlight=lit).source
    on = {
        m
        for m in re.findall(
            r'id=(\w+)[^\]]*?class="[^"]*xt_on|class="[^"]*xt_on[^"]*"'
            r"[^\]]*?id=(\w+)",
            source,
        )
    }
    marked = {a or b for a, b in on}
    assert marked == {
        "xt_example_remote_work_n_citizenship",
        "xt_example_remote_work_n_work_location",
        "xt_example_remote_work_e_citizenship__work_location",
    }
    assert 'class="xt_node xt_question xt_on xt_current"' in source


def test_presentation_theme_is_larger_and_unknown_theme_is_refused(
    example_tree: DecisionTree,
) -> None:
    assert "fontsize=22" in to_digraph(example_tree, "presentation").source
    with pytest.raises(
        ValueError,
        match=r"unknown theme: 'dark' \(must be one of "
        r"\['presentation', 'screen'\]\)",
    ):
        to_digraph(example_tree, "dark")


HOSTILE = [
    '"]; injected -> b [color=red',
    "<b>bold</b>",
    "<<table><tr><td>html</td></tr></table>>",
    r"back\slash \N \G \l end\\",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_labels_stay_text_in_dot(example_data: dict[str, Any], text: str) -> None:
    example_data["nodes"][0]["short"] = text[:60]
    example_data["edges"][0]["label"] = text
    source = to_digraph(tree_graph(example_data)).source
    assert "injected ->" not in source.replace('"]; injected -> b', "")
    assert "\n\tinjected" not in source
    assert not re.search(r"label=<", source)


@pytest.mark.exe
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_labels_stay_text_in_svg(example_data: dict[str, Any], text: str) -> None:
    example_data["nodes"][0]["short"] = text[:60]
    example_data["edges"][0]["label"] = text
    svg = render_bytes(tree_graph(example_data), "svg").decode()
    assert (
        "<script" not in svg
        and "<b>" not in svg
        and "onerror=" not in svg.replace("onerror=alert", "")
    )
    groups = re.findall(r'<g id="([^"]+)" class="(?:node|edge)', svg)
    assert len(groups) == 5 + 4  # nodes and edges only: nothing injected
    assert all(g.startswith("xt_example_remote_work_") for g in groups)


@pytest.mark.exe
def test_svg_has_every_documented_element_id(example_tree: DecisionTree) -> None:
    svg = laid_out_svg(example_tree)
    ids = set(re.findall(r'<g id="([^"]+)" class="(?:node|edge)', svg))
    expected = {f"xt_example_remote_work_n_{n}" for n in example_tree.nodes}
    expected |= {
        f"xt_example_remote_work_e_{a.source}__{a.target}"
        for q in example_tree.questions
        for a in example_tree.answers(q)
    }
    assert ids == expected


@pytest.mark.exe
def test_highlight_an_svg_already_laid_out(example_tree: DecisionTree) -> None:
    svg = laid_out_svg(example_tree)
    lit = Highlight.from_facts(example_tree, {"citizenship": "canada"})
    marked = highlight_svg(svg, example_tree, lit)
    assert (
        'id="xt_example_remote_work_n_canadian_citizen" class="node xt_node xt_outcome '
        'xt_verdict_allowed xt_on xt_current"' in marked
    )
    assert len(marked) - len(svg) < 100
    cleared = highlight_svg(marked, example_tree, Highlight())
    assert cleared == svg
    css = highlight_css(example_tree, lit)
    assert "#xt_example_remote_work_e_citizenship__canadian_citizen path" in css


@pytest.mark.exe
@pytest.mark.parametrize("theme", ["screen", "presentation"])
@pytest.mark.parametrize(
    ("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF-")]
)
def test_export_formats(
    tmp_path: Path, example_tree: DecisionTree, theme: str, fmt: str, magic: bytes
) -> None:
    out = export_diagram(
        example_tree,
        tmp_path / f"tree.{fmt}",
        theme=theme,
        highlight=Highlight.from_facts(example_tree, {"citizenship": "us"}),
    )
    assert out.read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [f"tree.{fmt}"]


def _png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.exe
def test_png_resolution_option(example_tree: DecisionTree) -> None:
    small = _png_size(render_bytes(example_tree, "png", dpi=72))
    large = _png_size(render_bytes(example_tree, "png", dpi=144))
    assert abs(large[0] - 2 * small[0]) <= 2 and abs(large[1] - 2 * small[1]) <= 2


def test_missing_dot_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch, example_tree: DecisionTree
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(GraphvizNotFound, match=r"apt-get install graphviz"):
        render_bytes(example_tree, "svg")


@pytest.mark.exe
def test_broken_dot_source_is_a_clear_error() -> None:
    with pytest.raises(GraphvizError, match="Graphviz failed to draw the diagram"):
        run_dot("digraph { a -> }", "svg")


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
