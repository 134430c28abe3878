"""Do the trees agree? Situations built from the shared vocabulary, run through every tree
whose scope covers them, compared question by question.

Each outcome answers legal questions through its pathways (``PATHWAY_ANSWERS`` in the
vocabulary, or the tree's own declarations): "must this person obtain US work
authorization?" -> ``needed``. The check walks every combination of answers the trees can
ask, jointly: from no facts at all, whenever a tree whose scope covers the facts still has a
question, it branches on every value any tree offers for that fact. When every such tree has
an outcome, it compares their positions; two positions on one question are a **conflict**.
A key two trees' scopes restrict differently is stated too before comparing (a tree about
people living in the US and one about people living in Canada never describe one person).

Also reported: **gaps**, a value a tree's scope covers but its question does not offer (the
person is refused rather than answered), and trees without a scope.

>>> from xborder_tree.loading.catalog import load_all
>>> report = check_consistency(list(load_all("tests/fixtures/contradictory").values()))
>>> report.situations, len(report.conflicts)
(2, 1)
>>> print(report.conflicts[0].lines()[1])
  contradiction-a / remote: not_needed (us-no-authorization-outside-us)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model.dates import parse_as_of
from ..model.errors import FactError
from ..model.tree import DecisionTree
from ..model.vocabulary import FACT_VALUES, LEGAL_QUESTIONS, PATHWAY_ANSWERS
from .factaudit import with_implied

__all__ = ["Conflict", "ConsistencyReport", "Gap", "check_consistency", "outcome_answers"]

MAX_SITUATIONS = 2_000_000
"""A bound on the situations one check may build (the real trees need far fewer)."""


def _clash(answers: list[tuple[str, str, str, str]], asked: Mapping[str, frozenset[str]]) -> bool:
    """Whether answers to one question conflict. Different positions do, with one exception:
    ``not_available`` (no route open) after asking every fact a ``needed`` answer's path asked
    is the more precise answer, not a contradiction (a tree that asks the job's details may
    know that no route is open where another only lists the routes)."""
    positions = {a[2] for a in answers}
    if len(positions) < 2:
        return len({a[3] for a in answers if a[2] == "unsettled"}) > 1  # one grey area, one code
    if positions != {"needed", "not_available"}:
        return True
    return any(
        not asked[n[0]] <= asked[a[0]]
        for n in answers
        if n[2] == "needed"
        for a in answers
        if a[2] == "not_available"
    )


def outcome_answers(tree: DecisionTree, outcome: str) -> dict[str, tuple[str, str]]:
    """The legal questions an outcome answers: question -> (position, pathway code).

    >>> from xborder_tree import load_tree
    >>> outcome_answers(load_tree("trees/example-remote-work.json"), "permit_needed")
    {'ca_work': ('needed', 'ca-lmia')}
    """
    own = tree.meta.get("pathways") or {}
    result: dict[str, tuple[str, str]] = {}
    for code in tree.node(outcome)["pathways"]:
        if code in PATHWAY_ANSWERS:
            question, position = PATHWAY_ANSWERS[code]
        elif isinstance(own.get(code), dict):
            question, position = own[code]["question"], own[code]["position"]
        else:
            continue
        result.setdefault(question, (position, code))
    return result


@dataclass
class Conflict:
    """Two or more positions on one legal question for the same facts."""

    question: str
    answers: tuple[tuple[str, str, str, str], ...]
    """(tree id, outcome id, position, pathway code), sorted."""
    example: dict[str, str]
    count: int = 1

    @property
    def kind(self) -> str:
        positions = {answer[2] for answer in self.answers}
        return "wording" if positions == {"unsettled"} else "position"

    def lines(self) -> list[str]:
        what = "grey area worded differently" if self.kind == "wording" else "conflict"
        lines = [f"{what} on {self.question} ({LEGAL_QUESTIONS.get(self.question, '?')}):"]
        lines += [
            f"  {tree} / {outcome}: {position} ({code})"
            for tree, outcome, position, code in self.answers
        ]
        facts = " ".join(f"{k}={v}" for k, v in sorted(self.example.items()))
        lines.append(f"  for example: {facts} ({self.count:,} situations)")
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "question": self.question,
            "answers": [
                {"tree": t, "outcome": o, "position": p, "pathway": c}
                for t, o, p, c in self.answers
            ],
            "example": self.example,
            "situations": self.count,
        }


@dataclass
class Gap:
    """A value a tree's scope covers that its question on the path does not offer."""

    tree: str
    question: str
    fact: str
    value: str
    example: dict[str, str]
    count: int = 1

    def line(self) -> str:
        facts = " ".join(f"{k}={v}" for k, v in sorted(self.example.items()))
        return (
            f"gap: {self.tree} / {self.question} does not offer {self.fact}={self.value}, "
            f"which its scope covers (for example: {facts}; {self.count:,} situations)"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "tree": self.tree,
            "question": self.question,
            "fact": self.fact,
            "value": self.value,
            "example": self.example,
            "situations": self.count,
        }


@dataclass
class ConsistencyReport:
    """What the check found."""

    trees: list[str]
    as_of: dt.date
    situations: int = 0
    """Complete situations (every fact a covering tree asks is stated) answered by a tree."""
    compared: int = 0
    """Situations in which at least two trees gave outcomes."""
    conflicts: list[Conflict] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    unscoped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.unscoped

    def lines(self) -> list[str]:
        lines = [
            f"{self.situations:,} situations over {len(self.trees)} trees on {self.as_of} "
            f"({self.compared:,} answered by two trees or more): {len(self.conflicts)} "
            f"conflicts, {len(self.gaps)} gaps"
        ]
        lines += [f"no scope: {tree} declares no 'scope'" for tree in self.unscoped]
        for conflict in self.conflicts:
            lines += conflict.lines()
        lines += [gap.line() for gap in self.gaps]
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "trees": self.trees,
            "as_of": self.as_of.isoformat(),
            "situations": self.situations,
            "compared": self.compared,
            "conflicts": [c.to_json() for c in self.conflicts],
            "gaps": [g.to_json() for g in self.gaps],
            "unscoped": self.unscoped,
            "ok": self.ok,
        }


def _values(trees: Sequence[DecisionTree]) -> dict[str, list[str]]:
    """Every value any tree offers for each fact it asks (file order), then the listed or
    declared values of keys only scopes restrict."""
    values: dict[str, list[str]] = {}
    for tree in trees:
        for fact, entry in tree.facts().items():
            known = values.setdefault(fact, [])
            known += [v for v in entry["values"] if v not in known]
    for tree in trees:
        declared = tree.meta.get("facts") or {}
        for key in tree.scope.keys:
            listed = FACT_VALUES.get(key) or declared.get(key, {}).get("values", ())
            known = values.setdefault(key, [])
            known += [v for v in listed if v not in known]
    return values


def check_consistency(
    trees: Iterable[DecisionTree], as_of: dt.date | str | None = None
) -> ConsistencyReport:
    """Run every situation the trees can ask through every tree whose scope covers it, and
    report conflicting positions, gaps and trees without a scope."""
    chosen = list(trees)
    day = parse_as_of(as_of)
    report = ConsistencyReport([t.id for t in chosen], day)
    report.unscoped = [t.id for t in chosen if t.scope.alternatives is None]
    values = _values(chosen)
    conflicts: dict[tuple[Any, ...], Conflict] = {}
    gaps: dict[tuple[str, str, str], Gap] = {}
    stack: list[dict[str, str]] = [{}]
    while stack:
        facts = stack.pop()
        full = with_implied(facts)
        outcomes: dict[str, tuple[DecisionTree, str]] = {}
        asked: dict[str, frozenset[str]] = {}
        branch: str | None = None
        for tree in chosen:
            if not tree.scope.covers(full):
                continue
            try:
                resolution = tree.resolve(full, day)
            except FactError:
                if tree.scope.alternatives is None:
                    continue  # reported as a tree without scope
                question = _refusing(tree, full, day)
                fact = tree.node(question)["fact"]
                key = (tree.id, question, full[fact])
                if key in gaps:
                    gaps[key].count += 1
                else:
                    gaps[key] = Gap(tree.id, question, fact, full[fact], dict(facts))
                continue
            if resolution.pending is not None:
                branch = tree.node(resolution.pending)["fact"]
                break
            if resolution.outcome is not None:
                outcomes[tree.id] = (tree, resolution.outcome)
                asked[tree.id] = frozenset(step.fact for step in resolution.steps)
        if branch is None:
            branch = _scope_key_to_state(outcomes, full)
        if branch is not None:
            stack.extend({**facts, branch: value} for value in reversed(values[branch]))
            if len(stack) + report.situations > MAX_SITUATIONS:
                raise ValueError(f"more than {MAX_SITUATIONS:,} situations: trees too large")
            continue
        if outcomes:
            report.situations += 1
        if len(outcomes) > 1:
            report.compared += 1
            _compare(outcomes, asked, facts, conflicts)
    report.conflicts = sorted(conflicts.values(), key=lambda c: (c.question, c.answers))
    report.gaps = sorted(gaps.values(), key=lambda g: (g.tree, g.question, g.value))
    return report


def _scope_key_to_state(
    outcomes: Mapping[str, tuple[DecisionTree, str]], full: Mapping[str, str]
) -> str | None:
    """A key not stated that the answering trees' scopes restrict differently, if any."""
    keys = sorted({key for tree, _ in outcomes.values() for key in tree.scope.keys} - set(full))
    for key in keys:
        allowed = {tree.scope.allowed(key, full) for tree, _ in outcomes.values()}
        if len(allowed) > 1:
            return key
    return None


def _compare(
    outcomes: Mapping[str, tuple[DecisionTree, str]],
    asked: Mapping[str, frozenset[str]],
    facts: Mapping[str, str],
    conflicts: dict[tuple[Any, ...], Conflict],
) -> None:
    by_question: dict[str, list[tuple[str, str, str, str]]] = {}
    for tree_id, (tree, outcome) in outcomes.items():
        for question, (position, code) in outcome_answers(tree, outcome).items():
            by_question.setdefault(question, []).append((tree_id, outcome, position, code))
    for question, answers in by_question.items():
        if not _clash(answers, asked):
            continue
        key = (question, tuple(sorted(answers)))
        if key in conflicts:
            conflicts[key].count += 1
        else:
            conflicts[key] = Conflict(question, tuple(sorted(answers)), dict(facts))


def _refusing(tree: DecisionTree, facts: Mapping[str, str], day: dt.date) -> str:
    """The question on the path that does not offer the stated value."""
    current = tree.root
    while not tree.is_outcome(current):
        value = facts[tree.node(current)["fact"]]
        offered = {a.value: a.target for a in tree.answers(current, day)}
        if value not in offered:
            return current
        current = offered[value]
    raise AssertionError("resolve refused a path that this walk follows")  # pragma: no cover
