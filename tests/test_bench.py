"""The benchmark's tree generator and command line (no timings are asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from bench.generate import depth_limit, synthetic_tree, write_trees
from xborder_tree import load_tree, tree_data, tree_graph
from xborder_tree.model.vocabulary import FACT_VALUES

from .conftest import EXAMPLE

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("size", [30, 300, 2000])
def test_generated_tree_loads_with_its_size_depth_and_branching(size: int, tmp_path: Path) -> None:
    (path,) = write_trees(tmp_path, (size,))
    tree = load_tree(path)
    graph = tree.graph
    assert len(tree) == size
    branching = [degree for _, degree in graph.out_degree() if degree]
    assert min(branching) >= 2
    assert max(branching) <= 4
    depth = nx.dag_longest_path_length(graph)
    assert depth <= depth_limit(size)
    assert depth >= depth_limit(size) - 2
    assert any(degree > 1 for _, degree in graph.in_degree())  # shared outcomes, like real trees


def test_generator_is_deterministic_and_seeded() -> None:
    assert synthetic_tree(300, seed=3) == synthetic_tree(300, seed=3)
    assert synthetic_tree(300, seed=3) != synthetic_tree(300, seed=4)


def test_generated_questions_use_listed_or_declared_facts() -> None:
    document = synthetic_tree(2000)
    declared = document.get("facts", {})
    for node in document["nodes"]:
        if node["kind"] == "question":
            assert node["fact"] in FACT_VALUES or node["fact"] in declared
        else:
            assert any(citation["official"] for citation in node["citations"])
        assert "__" not in node["id"]
    tree_graph(document)  # every rule of the format holds


def test_depth_limit_grows_with_size() -> None:
    assert [depth_limit(size) for size in (30, 300, 2000)] == [5, 9, 12]


def test_too_small_a_tree_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        synthetic_tree(2)


def test_command_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--quick" in done.stdout


def test_loaded_tree_equals_tree_built_from_a_copy(tmp_path: Path) -> None:
    """``load_tree`` builds from the parsed file without copying it; same tree as
    ``tree_graph``, which copies the caller's document."""
    (path,) = write_trees(tmp_path, (300,))
    document = synthetic_tree(300)
    assert tree_data(load_tree(path)) == tree_data(tree_graph(document))
    before = repr(document)
    tree = tree_graph(document)
    document["nodes"][0]["text"] = "changed"
    assert tree.node(tree.root)["text"] != "changed"
    assert repr(tree_graph(synthetic_tree(300))) and before != repr(document)


@pytest.mark.exe
def test_focus_options_measure_the_cut_and_the_per_click_layout() -> None:
    from bench.focus_options import cut_text_px, focus_dot, focus_nodes, node_boxes
    from xborder_tree.drawing.export import laid_out_svg, run_dot
    from xborder_tree.drawing.render import default_prefix

    tree = load_tree(EXAMPLE)
    path = ["citizenship", "work_location"]
    assert focus_nodes(tree, path) == set(tree.nodes)  # the example tree is all focus
    boxes = node_boxes(laid_out_svg(tree), default_prefix(tree))
    assert set(boxes) == set(tree.nodes)
    assert 0 < cut_text_px(boxes, {"citizenship"}) == 16.0  # one node fits at 100%
    assert run_dot(focus_dot(tree, path)).startswith(b"<?xml")


def test_room_bench_help_and_bounds() -> None:
    """The class bench (``python -m bench.room``) starts and refuses unbounded crowds."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.room", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--users" in done.stdout and "--pool" in done.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "bench.room", "--users", "500"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2 and "from 1 to 60" in refused.stderr
