"""``DecisionTree``: a read-only view over a validated ``networkx.DiGraph``.

Trees are loaded and validated by :mod:`xborder_tree.loading.document`.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> tree.root
'citizenship'
>>> result = tree.resolve({"citizenship": "us", "work_location": "in_canada"})
>>> result.outcome
'permit_needed'
>>> tree.outcome_view("permit_needed", as_of="2026-11-23")["review_by"]
'2027-11-21'
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .dates import applies, parse_as_of, review_by, visible_texts, window
from .errors import FactError, NotFoundError
from .scope import Scope
from .vocabulary import FACT_VALUES

__all__ = ["Answer", "DecisionTree", "Resolution", "Step", "Unused"]

UNUSED_REASONS = {
    "not_asked": "this tree never asks it",
    "other_path": "the answers on this path decide the question without it",
    "not_reached": "not used yet: the tree may ask it further on",
}
"""Why a stated fact was not used, in words."""


@dataclass(frozen=True)
class Answer:
    """One answer of a question: the edge ``source -> target``, offered from ``valid_from``
    to ``valid_until`` (both included; ``None``: no bound)."""

    source: str
    target: str
    label: str
    value: str
    note: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def offered_on(self, day: dt.date) -> bool:
        """Whether this answer is offered on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True)
class Step:
    """One answered question on a path."""

    node: str
    fact: str
    question: str
    value: str
    answer: str
    target: str
    note: str | None = None

    def to_json(self) -> dict[str, str]:
        """The step as in the ``resolve --json`` contract."""
        return {
            "node": self.node,
            "fact": self.fact,
            "question": self.question,
            "value": self.value,
            "answer": self.answer,
        }


@dataclass(frozen=True)
class Unused:
    """A stated fact the resolution did not use, and why (a key of ``UNUSED_REASONS``)."""

    fact: str
    value: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"fact": self.fact, "value": self.value, "reason": UNUSED_REASONS[self.reason]}


@dataclass(frozen=True)
class Resolution:
    """Where a set of facts leads: the steps, then an outcome or the pending question; or,
    for facts outside the tree's scope, ``outside`` (those facts) and no step at all.
    ``unused`` names every other stated fact the path did not use."""

    tree: DecisionTree
    steps: tuple[Step, ...]
    outcome: str | None
    pending: str | None
    as_of: dt.date | None = None
    unused: tuple[Unused, ...] = ()
    outside: Mapping[str, str] | None = None
    see: tuple[str, ...] = ()
    """For facts outside the scope: the ids of the trees whose scope covers them (filled
    in by :func:`xborder_tree.loading.catalog.resolve_among`, which knows the other trees)."""

    @property
    def complete(self) -> bool:
        return self.outcome is not None

    @property
    def status(self) -> str:
        """``outcome``, ``pending`` or ``out_of_scope``."""
        if self.outside:
            return "out_of_scope"
        return "outcome" if self.complete else "pending"

    def in_scope(self) -> Resolution:
        """This resolution, or ``FactError`` when the facts are outside the tree's scope
        (for callers that need a path: a diagram, a deck, a scenario, a quiz persona)."""
        if self.outside:
            facts = ", ".join(f"{key}={value}" for key, value in self.outside.items())
            see = f" (see: {', '.join(self.see)})" if self.see else ""
            raise FactError(
                f"not this tree's question: {facts} is outside the scope of {self.tree.id!r}{see}"
            )
        return self

    @property
    def path(self) -> list[str]:
        """Node ids from the root to the outcome or pending question."""
        return [step.node for step in self.steps] + [self.outcome or self.pending or ""]

    def to_json(self) -> dict[str, Any]:
        """Exactly the ``xborder-tree resolve --json`` contract of ``vocabulary.md``: the
        outcome's text as a person sees it on ``as_of``."""
        tree = self.tree
        as_of = parse_as_of(self.as_of)
        pending = None
        if self.pending is not None:
            node = tree.node(self.pending)
            pending = {
                "node": self.pending,
                "fact": node["fact"],
                "question": node["text"],
                "values": [answer.value for answer in tree.answers(self.pending, as_of)],
            }
        outcome = None
        if self.outcome is not None:
            view = tree.outcome_view(self.outcome, as_of)
            outcome = {
                "node": self.outcome,
                "title": view["title"],
                "verdict": view["verdict"],
                "pathways": list(view["pathways"]),
                "summary": view["summary"],
                "next_steps": view["next_steps"],
                "documents": view["documents"],
                "caveats": view["caveats"],
                "misconceptions": [
                    {"claim": m["claim"], "correction": m["correction"]}
                    for m in view["misconceptions"]
                ],
            }
        return {
            "tree": tree.id,
            "status": self.status,
            "complete": self.complete,
            "steps": [step.to_json() for step in self.steps],
            "pending": pending,
            "as_of": as_of.isoformat(),
            "outcome": outcome,
            "out_of_scope": (
                {"facts": dict(self.outside), "see": list(self.see)} if self.outside else None
            ),
            "unused": [item.to_json() for item in self.unused],
        }


class DecisionTree:
    """A validated decision tree. Build one with :func:`load_tree` or :func:`tree_graph`."""

    def __init__(self, graph: nx.DiGraph, source: str | None = None) -> None:
        self._graph = graph
        self.source = source
        self._answers: dict[str, tuple[Answer, ...]] = {
            node: tuple(
                Answer(node, target, item["label"], item["value"], item.get("note"), *window(item))
                for target, data in graph.adj[node].items()
                for item in (data, *data.get("alternatives", ()))
            )
            for node in graph
        }
        self._dated = frozenset(
            node
            for node, answers in self._answers.items()
            if any(a.valid_from is not None or a.valid_until is not None for a in answers)
        )
        """Questions with at least one dated answer: only these filter by date."""
        roots = [node for node, degree in graph.in_degree() if degree == 0]
        self.root: str = roots[0]
        self._scope = Scope(graph.graph.get("scope"))
        self._asked = frozenset(graph.nodes[q]["fact"] for q in self.questions)
        self._values: dict[str, list[str]] | None = None

    def __repr__(self) -> str:
        return f"<DecisionTree {self.id!r}: {len(self._graph)} nodes>"

    # ----------------------------------------------------------------- metadata
    @property
    def meta(self) -> Mapping[str, Any]:
        meta: Mapping[str, Any] = self._graph.graph
        return meta

    @property
    def id(self) -> str:
        return str(self._graph.graph["id"])

    @property
    def title(self) -> str:
        return str(self._graph.graph["title"])

    @property
    def scope(self) -> Scope:
        """The situations the tree answers (every situation when the file has no scope)."""
        return self._scope

    @property
    def graph(self) -> nx.DiGraph:
        """A read-only view of the underlying graph."""
        return self._graph.copy(as_view=True)

    # ----------------------------------------------------------------- nodes
    def node(self, node_id: str) -> Mapping[str, Any]:
        """The attributes of one node (``kind``, ``text`` or ``title``, ...)."""
        try:
            return self._graph.nodes[node_id]  # type: ignore[no-any-return]
        except KeyError:
            raise NotFoundError("node", node_id, self.nodes, f" in tree {self.id!r}") from None

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._graph

    def __len__(self) -> int:
        return len(self._graph)

    @property
    def nodes(self) -> list[str]:
        return list(self._graph)

    @property
    def questions(self) -> list[str]:
        return [n for n, kind in self._graph.nodes(data="kind") if kind == "question"]

    @property
    def outcomes(self) -> list[str]:
        return [n for n, kind in self._graph.nodes(data="kind") if kind == "outcome"]

    def is_outcome(self, node_id: str) -> bool:
        return bool(self.node(node_id)["kind"] == "outcome")

    def label(self, node_id: str) -> str:
        """The short diagram label of a node."""
        node = self.node(node_id)
        return str(node.get("short") or node.get("text") or node.get("title"))

    def answers(self, question: str, as_of: dt.date | str | None = None) -> tuple[Answer, ...]:
        """The answers of a question offered on ``as_of`` (today when ``None``), in file
        order (empty for an outcome)."""
        self.node(question)
        every = self._answers[question]
        if question not in self._dated:
            return every
        day = parse_as_of(as_of)
        return tuple(answer for answer in every if answer.offered_on(day))

    def all_answers(self, question: str) -> tuple[Answer, ...]:
        """Every answer of a question, whatever its dates, in file order."""
        self.node(question)
        return self._answers[question]

    def answer_for(self, question: str, value: str, as_of: dt.date | str | None = None) -> Answer:
        """The answer of ``question`` giving ``value`` on ``as_of``, or a ``FactError``
        naming the choices."""
        offered = self.answers(question, as_of)
        for answer in offered:
            if answer.value == value:
                return answer
        node = self.node(question)
        raise FactError(
            f"{node.get('fact')}={value!r} is not offered by question {question!r} "
            f"(must be one of: {', '.join(a.value for a in offered)})"
        )

    def outcome_view(self, node_id: str, as_of: dt.date | str | None = None) -> dict[str, Any]:
        """An outcome as a person sees it on ``as_of`` (today when ``None``): dated items
        applied, ``next_steps``/``documents``/``caveats`` as plain strings, misconceptions
        filtered, and ``review_by`` (``YYYY-MM-DD``) added."""
        node = self.node(node_id)
        if node["kind"] != "outcome":
            raise FactError(f"node {node_id!r} of tree {self.id!r} is a question, not an outcome")
        day = parse_as_of(as_of)
        view = {"id": node_id, **copy.deepcopy(dict(node))}
        for key in ("next_steps", "documents", "caveats"):
            view[key] = visible_texts(node.get(key, []), day)
        view["misconceptions"] = [
            copy.deepcopy(m) for m in node.get("misconceptions", []) if applies(m, day)
        ]
        due = review_by(node)
        view["review_by"] = due.isoformat() if due else None
        return view

    # ----------------------------------------------------------------- paths
    def paths(self) -> Iterator[list[str]]:
        """Every root-to-outcome path, as node ids."""
        for outcome in self.outcomes:
            yield from self.paths_to(outcome)

    def paths_to(self, outcome: str) -> Iterator[list[str]]:
        """The root-to-outcome paths that reach ``outcome``."""
        if outcome == self.root:
            yield [outcome]
            return
        yield from nx.all_simple_paths(self._graph, self.root, outcome)

    def facts(self) -> dict[str, dict[str, list[str]]]:
        """Each fact key the tree asks: its values (in order) and the questions asking it."""
        result: dict[str, dict[str, list[str]]] = {}
        for question in self.questions:
            entry = result.setdefault(self.node(question)["fact"], {"values": [], "questions": []})
            entry["questions"].append(question)
            for answer in self.all_answers(question):
                if answer.value not in entry["values"]:
                    entry["values"].append(answer.value)
        return result

    def step(self, question: str, value: str, as_of: dt.date | str | None = None) -> Step:
        """The step taken by answering ``question`` with ``value`` on ``as_of``."""
        answer = self.answer_for(question, value, as_of)
        node = self.node(question)
        return Step(
            question, node["fact"], node["text"], value, answer.label, answer.target, answer.note
        )

    def resolve(self, facts: Mapping[str, str], as_of: dt.date | str | None = None) -> Resolution:
        """Follow ``facts`` from the root with the answers offered on ``as_of`` (today when
        ``None``). Facts outside the tree's scope give a resolution with ``outside`` set and
        no steps; every stated fact the path does not use is listed in ``unused``.

        A value the question on the path does not offer raises ``FactError``.
        """
        day = parse_as_of(as_of)
        self._check_values(facts)
        outside = self._scope.outside(facts)
        if outside:
            return Resolution(self, (), None, None, day, (), outside)
        steps: list[Step] = []
        current = self.root
        while not self.is_outcome(current):
            fact = self.node(current)["fact"]
            if fact not in facts:
                unused = self.unused_facts(facts, steps, pending=current)
                return Resolution(self, tuple(steps), None, current, day, unused)
            step = self.step(current, facts[fact], day)
            steps.append(step)
            current = step.target
        unused = self.unused_facts(facts, steps)
        return Resolution(self, tuple(steps), current, None, day, unused)

    def _check_values(self, facts: Mapping[str, str]) -> None:
        """A value that is no value of its key at all (a typo) is a ``FactError`` naming
        the values, before the scope is asked: it is not another tree's question."""
        if self._values is None:
            values: dict[str, list[str]] = {
                key: list(entry["values"]) for key, entry in self.facts().items()
            }
            for key, listed in FACT_VALUES.items():
                known = values.setdefault(key, [])
                known += [v for v in listed if v not in known]
            self._values = values
        for key, value in facts.items():
            offered = self._values.get(key)
            if offered is not None and value not in offered:
                raise FactError(
                    f"{key}={value!r} is not offered by any question (values: {', '.join(offered)})"
                )

    def unused_facts(
        self,
        facts: Mapping[str, str],
        steps: Iterable[Step],
        pending: str | None = None,
    ) -> tuple[Unused, ...]:
        """The stated facts neither answered on ``steps`` nor taken into account by the
        scope, each with the reason it was not used (``pending``: the question the path
        stopped at, if it did not reach an outcome)."""
        used = {step.fact for step in steps}
        result = []
        ahead: set[str] | None = None
        for fact, value in facts.items():
            if fact in used or self._scope.settles(fact, facts):
                continue
            reason = "not_asked" if fact not in self._asked else "other_path"
            if reason == "other_path" and pending is not None:
                if ahead is None:
                    below = nx.descendants(self._graph, pending) | {pending}
                    ahead = {self._graph.nodes[n].get("fact") for n in below} - {None}
                if fact in ahead:
                    reason = "not_reached"
            result.append(Unused(fact, value, reason))
        return tuple(result)
