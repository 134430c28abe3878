"""The focus view on every node of every real tree: what it holds, and that it stays small."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator

import networkx as nx
import pytest

from tests.conftest import TREES
from xborder_tree import DecisionTree, load_tree
from xborder_tree.drawing.focus import focus
from xborder_tree.model.errors import FactError, NotFoundError

TREE_FILES = sorted(p for p in TREES.glob("*.json") if p.name.count(".") == 1)


def _paths_to_every_node(tree: DecisionTree) -> Iterator[list[str]]:
    """One root path to each node (the shortest), plus every full root-to-outcome path;
    only paths whose answers are all offered today (a dated answer may not be)."""
    paths = [nx.shortest_path(tree.graph, tree.root, node) for node in tree.nodes]
    for path in [*paths, *tree.paths()]:
        if all(
            any(answer.target == target for answer in tree.answers(source))
            for source, target in itertools.pairwise(path)
        ):
            yield path


@pytest.fixture(scope="module", params=[p.stem for p in TREE_FILES])
def tree(request: pytest.FixtureRequest) -> DecisionTree:
    return load_tree(TREES / f"{request.param}.json")


def test_focus_holds_the_current_node_and_every_target_of_its_answers(tree: DecisionTree) -> None:
    for path in _paths_to_every_node(tree):
        view = focus(tree, path)
        assert view.path == tuple(path)
        assert view.current == path[-1]
        assert view.current in view.nodes
        targets = {answer.target for answer in tree.answers(view.current)}
        assert targets <= set(view.ahead)
        assert {(view.current, t) for t in targets} <= set(view.ahead_edges)
        assert view.path_edges == tuple(itertools.pairwise(path))


def test_stubs_are_exactly_the_answers_not_taken(tree: DecisionTree) -> None:
    for path in _paths_to_every_node(tree):
        view = focus(tree, path)
        expected = {
            (step, source, answer.value, answer.target)
            for step, (source, taken) in enumerate(itertools.pairwise(path))
            for answer in tree.answers(source)
            if answer.target != taken
        }
        got = [(s.step, s.question, s.value, s.target) for s in view.stubs]
        assert len(got) == len(set(got)) == len(expected)
        assert set(got) == expected
        for stub in view.stubs:
            assert stub.label == tree.answer_for(stub.question, stub.value).label
            assert stub.question == path[stub.step]


def test_ahead_is_what_lies_within_depth_answers(tree: DecisionTree) -> None:
    graph = nx.DiGraph()  # the answers offered today
    graph.add_nodes_from(tree.nodes)
    graph.add_edges_from((q, answer.target) for q in tree.questions for answer in tree.answers(q))
    for path in _paths_to_every_node(tree):
        for depth in (0, 1, 2, 3):
            view = focus(tree, path, depth=depth)
            reach = nx.single_source_shortest_path_length(graph, path[-1], cutoff=depth)
            assert set(view.ahead) == set(reach) - {path[-1]}
            assert not set(view.ahead) & set(view.path)
            near = {n for n, d in reach.items() if d < depth}
            assert set(view.ahead_edges) == {(s, t) for s in near for t in graph.successors(s)}
            assert set(view.open_ends) == {
                n for n, d in reach.items() if d == depth and graph.out_degree(n) and depth
            }
            if tree.is_outcome(path[-1]):
                assert view.ahead == view.ahead_edges == view.open_ends == ()


def test_focus_size_is_bounded_by_branching_not_by_tree_size(tree: DecisionTree) -> None:
    branching = max(len(tree.answers(q)) for q in tree.questions)
    for path in _paths_to_every_node(tree):
        view = focus(tree, path)
        assert len(view.stubs) <= (len(path) - 1) * (branching - 1)
        assert len(view.ahead) <= branching + branching**2
        assert len(view.ahead_edges) <= branching + branching**2


def test_empty_path_is_the_root(example_tree: DecisionTree) -> None:
    view = focus(example_tree, [])
    assert view.path == (example_tree.root,)
    assert view.stubs == ()
    assert set(view.ahead) == set(nx.descendants(example_tree.graph, example_tree.root))


def test_to_json_round_trips_the_parts(example_tree: DecisionTree) -> None:
    view = focus(example_tree, ["citizenship", "work_location"], depth=1)
    data = view.to_json()
    assert data["path"] == ["citizenship", "work_location"]
    assert data["stubs"] == [
        {
            "step": 0,
            "question": "citizenship",
            "value": "canada",
            "label": example_tree.answer_for("citizenship", "canada").label,
            "target": "canadian_citizen",
        }
    ]
    assert data["ahead"] == ["permit_needed", "outside_canada"]
    assert data["depth"] == 1
    assert data["as_of"] is None


def test_a_broken_path_is_refused_naming_both_nodes(example_tree: DecisionTree) -> None:
    with pytest.raises(FactError, match="'permit_needed' does not follow 'citizenship'"):
        focus(example_tree, ["citizenship", "permit_needed"])
    with pytest.raises(NotFoundError, match="no node 'nowhere'"):
        focus(example_tree, ["citizenship", "nowhere"])
    with pytest.raises(ValueError, match="depth must be 0 or more"):
        focus(example_tree, ["citizenship"], depth=-1)


def test_the_focus_shows_the_answers_offered_on_its_date() -> None:
    dated = load_tree(TREES.parent / "tests" / "fixtures" / "dated-example.json")
    before = focus(dated, ["citizenship", "work_location"], as_of="2026-06-30")
    after = focus(dated, ["citizenship", "work_location"], as_of=datetime.date(2026, 7, 1))
    assert set(before.ahead) == {"permit_needed", "outside_canada"}
    assert set(after.ahead) == {"permit_with_fee", "outside_canada"}
    assert before.to_json()["as_of"] == "2026-06-30"
    walked = focus(dated, ["citizenship", "work_location", "permit_with_fee"], as_of="2026-07-01")
    assert [(s.value, s.target) for s in walked.stubs] == [
        ("canada", "canadian_citizen"),
        ("remote_from_us", "outside_canada"),
    ]
    with pytest.raises(FactError, match="does not follow"):
        focus(dated, ["citizenship", "work_location", "permit_with_fee"], as_of="2026-06-30")
