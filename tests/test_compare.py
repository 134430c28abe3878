"""Two paths on one diagram: shared part, split, styles, legend, escaping and export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.training_helpers import branching_document
from xborder_tree import DecisionTree, FactError, tree_graph
from xborder_tree.drawing.compare import (
    COMPARE_STYLES,
    compare_digraph,
    compare_paths,
    comparison_json,
    export_comparison,
)
from xborder_tree.drawing.export import run_dot

BEN = {"citizenship": "us", "work_location": "in_canada"}
CARA = {"citizenship": "us", "work_location": "remote_from_us"}


@pytest.fixture(scope="module")
def branching() -> DecisionTree:
    return tree_graph(branching_document())


def test_shared_part_split_and_own_parts(branching: DecisionTree) -> None:
    c = compare_paths(branching, BEN, CARA)
    assert c.shared == ("citizenship", "where_us") and c.split == "where_us"
    assert (c.only_a, c.only_b) == (("permit",), ("remote",))
    assert c.edges("shared") == [("citizenship", "where_us")]
    assert (c.edges("a"), c.edges("b")) == ([("where_us", "permit")], [("where_us", "remote")])
    assert c.summary() == (
        'The paths part at \'Where, as a US citizen?\' (A: "In Canada", B: "Remotely"). '
        "A: Permit needed; B: Remote: no Canadian permit."
    )


def test_same_path_has_no_split(branching: DecisionTree) -> None:
    c = compare_paths(branching, BEN, dict(BEN, goal="permanent"))
    assert c.split is None and c.only_a == c.only_b == ()
    assert c.summary().startswith("Both follow the same path.")


def test_one_path_stops_early(branching: DecisionTree) -> None:
    c = compare_paths(branching, {"citizenship": "us"}, BEN, ("before", "after"))
    assert c.split == "where_us" and c.only_a == ()
    assert c.summary().startswith("The paths part after 'Where, as a US citizen?'.")


def test_bad_fact_is_a_usage_error(branching: DecisionTree) -> None:
    with pytest.raises(FactError, match="'mars' is not offered"):
        compare_paths(branching, {"citizenship": "mars"}, BEN)


@pytest.mark.parametrize("theme", ["screen", "presentation"])
def test_digraph_styles_each_part_once(branching: DecisionTree, theme: str) -> None:
    source = compare_digraph(compare_paths(branching, BEN, CARA), theme).source
    assert source.startswith("strict digraph")
    for part, (src, dst) in (
        ("a", ("where_us", "permit")),
        ("b", ("where_us", "remote")),
        ("shared", ("citizenship", "where_us")),
    ):
        restyle = [
            line
            for line in source.splitlines()
            if line.strip().startswith(f"{src} -> {dst} [") and "xt_edge xt_" in line
        ]
        assert len(restyle) == 1
        assert f"style={COMPARE_STYLES[part]['style']}" in restyle[0]
        assert f'color="{COMPARE_STYLES[part]["color"]}"' in restyle[0]
    assert "xt_split" in source and "cluster_legend__" in source


def test_labels_are_escaped(branching: DecisionTree) -> None:
    c = compare_paths(branching, BEN, CARA, ('<b>"x"</b>', "B & co"))
    source = compare_digraph(c).source
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt; only" in source and "B &amp; co only" in source
    assert "<b>" not in source


@pytest.mark.exe
def test_svg_has_one_element_per_edge_and_the_marks(branching: DecisionTree) -> None:
    c = compare_paths(branching, BEN, CARA, ("Ben", "Cara"))
    svg = run_dot(compare_digraph(c).source, "svg").decode()
    # strict: the restyled edge is still one element with its render id
    assert len(re.findall(r'<g id="xt_branching_e_where_us__permit"', svg)) == 1
    assert re.search(r'<g id="xt_branching_e_where_us__permit" class="[^"]*xt_edge xt_path_a"', svg)
    assert re.search(r'<g id="xt_branching_n_where_us" class="[^"]*xt_split', svg)
    assert "stroke-dasharray" in svg  # dashed and dotted survive in grayscale
    assert ">Ben only<" in svg and ">Cara only<" in svg


@pytest.mark.exe
@pytest.mark.parametrize("theme", ["screen", "presentation"])
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_export_every_format_and_theme(
    branching: DecisionTree, tmp_path: Path, fmt: str, theme: str
) -> None:
    path = export_comparison(
        compare_paths(branching, BEN, CARA), tmp_path / f"c.{fmt}", theme=theme
    )
    magic = {"svg": b"<svg", "png": b"\x89PNG", "pdf": b"%PDF"}[fmt]
    assert magic in path.read_bytes()[:4096]


def test_export_refuses_unknown_format(branching: DecisionTree, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format: 'gif'"):
        export_comparison(compare_paths(branching, BEN, CARA), tmp_path / "c.gif")
    assert not list(tmp_path.iterdir())


def test_json(branching: DecisionTree) -> None:
    document = comparison_json(compare_paths(branching, BEN, CARA, ("Ben", "Cara")))
    assert document["split"] == "where_us" and document["labels"] == ["Ben", "Cara"]
    assert document["a"]["outcome"]["node"] == "permit"
    assert document["b"]["outcome"]["node"] == "remote"
