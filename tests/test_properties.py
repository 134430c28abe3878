"""Property-based tests (hypothesis): the loader fails only one way, the fast and the
explaining validators agree, and the walk keeps its invariants on random valid trees."""

from __future__ import annotations

import json
from typing import Any

import fastjsonschema
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder_tree import DecisionTree, Walk
from xborder_tree.loading.document import tree_graph
from xborder_tree.loading.schema import _explaining_validator, _fast_check, parse_json
from xborder_tree.model.errors import FactError, TreeError

from .conftest import EXAMPLE
from .strategies import mutated, valid_trees

EXAMPLE_DOC: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Bounded so this whole file runs in a few seconds on a shared 2-core machine."""


def _documents() -> st.SearchStrategy[Any]:
    return st.one_of(
        mutated(EXAMPLE_DOC),
        valid_trees().flatmap(lambda doc: mutated(doc)),
    )


def _load(document: Any) -> DecisionTree | None:
    """Load, asserting the only failure is a located ``TreeError``."""
    try:
        return tree_graph(document, "fuzz.json")
    except TreeError as error:
        assert error.faults, "a TreeError must carry at least one fault"
        for fault in error.faults:
            assert fault.file == "fuzz.json"
            assert fault.location.startswith("/"), fault
            assert fault.message.strip(), fault
        return None


# ------------------------------------------------------------------ the loader


@FAST
@given(_documents())
def test_mutated_trees_load_or_raise_tree_error(document: Any) -> None:
    tree = _load(document)
    if tree is not None:  # whatever loads is a usable tree: every path reaches an outcome
        assert all(tree.is_outcome(path[-1]) for path in tree.paths())


@FAST
@given(_documents())
def test_fast_and_explaining_validators_agree(document: Any) -> None:
    try:
        _fast_check("tree")(document)
        fast_valid = True
    except fastjsonschema.JsonSchemaException:
        fast_valid = False
    slow_errors = list(_explaining_validator("tree").iter_errors(document))
    assert fast_valid == (not slow_errors), [e.message for e in slow_errors[:3]]


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.builds(
            lambda text, cut, junk: (text[:cut] + junk + text[cut:]).encode(
                "utf-8", "surrogatepass"
            ),
            st.just(json.dumps(EXAMPLE_DOC)),
            st.integers(0, len(json.dumps(EXAMPLE_DOC))),
            st.text(max_size=5),
        ),
    )
)
def test_arbitrary_bytes_parse_or_raise_tree_error(raw: bytes) -> None:
    try:
        document = parse_json(raw, "fuzz.json")
    except TreeError as error:
        assert error.faults and all(fault.message for fault in error.faults)
        return
    _load(document)


# ------------------------------------------------------------------ the walk


def _depth(tree: DecisionTree) -> int:
    return int(nx.dag_longest_path_length(tree.graph))


@FAST
@given(valid_trees(), st.data())
def test_random_valid_answers_reach_an_outcome_within_the_depth(
    document: dict[str, Any], data: st.DataObject
) -> None:
    tree = tree_graph(document)
    walk = Walk(tree)
    moves = 0
    while not walk.is_complete:
        walk.answer(data.draw(st.sampled_from([a.value for a in walk.answers()])))
        moves += 1
        assert moves <= _depth(tree)
    assert walk.outcome in tree.outcomes
    assert len(walk.steps) == moves == len(walk.path) - 1


def _state(walk: Walk) -> tuple[Any, ...]:
    return (walk.steps, walk.current, walk.path, walk.facts, walk.is_complete, walk.answers())


@FAST
@given(valid_trees(), st.data())
def test_back_after_answer_restores_the_state_exactly(
    document: dict[str, Any], data: st.DataObject
) -> None:
    walk = Walk(tree_graph(document))
    while not walk.is_complete:
        before = _state(walk)
        value = data.draw(st.sampled_from([a.value for a in walk.answers()]))
        walk.answer(value).back()
        assert _state(walk) == before
        walk.answer(value)


@FAST
@given(valid_trees(), st.data())
def test_jump_equals_replaying_the_first_answers(
    document: dict[str, Any], data: st.DataObject
) -> None:
    tree = tree_graph(document)
    walk = Walk(tree)
    values = []
    while not walk.is_complete:
        values.append(data.draw(st.sampled_from([a.value for a in walk.answers()])))
        walk.answer(values[-1])
    k = data.draw(st.integers(0, len(values)))
    replay = Walk(tree)
    for value in values[:k]:
        replay.answer(value)
    assert _state(walk.jump(k)) == _state(replay)


@FAST
@given(valid_trees(), st.data(), st.one_of(st.text(max_size=10), st.integers(), st.none()))
def test_invalid_moves_raise_fact_error_and_leave_the_state_unchanged(
    document: dict[str, Any], data: st.DataObject, bad: Any
) -> None:
    walk = Walk(tree_graph(document))
    for _ in range(data.draw(st.integers(0, 3))):
        if walk.is_complete:
            break
        walk.answer(data.draw(st.sampled_from([a.value for a in walk.answers()])))
    before = _state(walk)
    offered = {a.value for a in walk.answers()}
    if bad not in offered:
        with pytest.raises(FactError, match=r"not offered|has reached the outcome"):
            walk.answer(bad)
        assert _state(walk) == before
    jump = data.draw(st.one_of(st.integers(-5, -1), st.integers(len(walk.steps) + 1, 50)))
    with pytest.raises(FactError, match=r"cannot jump to step .*: choose 0 to \d+"):
        walk.jump(jump)
    assert _state(walk) == before


def test_answer_at_an_outcome_is_refused(example_tree: DecisionTree) -> None:
    walk = Walk(example_tree).answer("canada")
    with pytest.raises(FactError, match=r"reached the outcome 'canadian_citizen'.*back\(\)"):
        walk.answer("us")
    assert walk.outcome == "canadian_citizen"
