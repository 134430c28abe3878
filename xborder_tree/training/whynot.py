""""Why not X?": the fewest changed answers that reach an outcome the person did not reach,
and the rule behind the first difference.

Among the paths to the outcome, the one needing the fewest answers wins, counting both the
answers to change and the questions not answered yet (shown apart, see ``WhyNot.sections``).
Ties go to the shorter path, then file order.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> result = why_not(tree, {"citizenship": "us", "work_location": "remote_from_us"},
...                  "permit_needed")
>>> [(c.fact, c.was, c.value) for c in result.changes]
[('work_location', 'remote_from_us', 'in_canada')]
>>> print(result.rule)
"Where will you physically do the work?": A Canadian work permit is needed requires \
"In Canada" (work_location=in_canada); you answered "Remotely from the US".
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..model.dates import parse_as_of
from ..model.errors import FactError, NotFoundError
from ..model.tree import DecisionTree, Resolution

__all__ = ["Change", "WhyNot", "outcomes_for", "why_not"]


@dataclass(frozen=True)
class Change:
    """One answer the path needs that differs from the person's facts."""

    node: str
    fact: str
    question: str
    was: str | None
    """The person's value, or ``None`` when they never gave this fact."""
    was_label: str | None
    value: str
    label: str
    note: str | None
    also: tuple[str, ...] = ()
    """Labels of other answers here from which the outcome can still be reached."""

    def __str__(self) -> str:
        needed = f'{self.question} "{self.label}" ({self.fact}={self.value})'
        if self.was is None:  # a question not answered yet: nothing to change
            return needed
        return f'{needed}, not "{self.was_label or self.was}"'


@dataclass(frozen=True)
class WhyNot:
    """The answer to "why not ``outcome``?" for one set of facts."""

    tree: DecisionTree
    facts: dict[str, str]
    outcome: str
    path: tuple[str, ...]
    changes: tuple[Change, ...]
    reached: Resolution

    @property
    def already(self) -> bool:
        """True when the person's facts already lead to ``outcome``."""
        return self.reached.outcome == self.outcome

    @property
    def facts_needed(self) -> dict[str, str]:
        """The person's facts with the changes applied: they reach ``outcome``. A fact the
        new path does not ask and the tree's scope no longer allows with the changes is left
        out (it would make the situation another tree's question)."""
        changed = {c.fact: c.value for c in self.changes}
        merged = {**self.facts, **changed}
        outside = self.tree.scope.outside(merged, keep=changed)
        return {k: v for k, v in merged.items() if k not in outside or k in changed}

    @property
    def changed(self) -> tuple[Change, ...]:
        """The answers given that must change (questions not yet answered excluded)."""
        return tuple(c for c in self.changes if c.was is not None)

    @property
    def unanswered(self) -> tuple[Change, ...]:
        """The questions on the path the person has not answered yet, with the answer needed."""
        return tuple(c for c in self.changes if c.was is None)

    def sections(self) -> list[tuple[str, tuple[Change, ...]]]:
        """What to do, in groups headed for display: answers to change, then questions to
        answer (only the groups that are not empty).

        >>> from xborder_tree import load_tree
        >>> tree = load_tree("trees/example-remote-work.json")
        >>> [(head, len(items)) for head, items in why_not(tree, {}, "permit_needed").sections()]
        [('answer 2 more questions', 2)]
        """
        parts = []
        if self.changed:
            count = len(self.changed)
            parts.append((f"change {count} answer{'s' if count != 1 else ''}", self.changed))
        if self.unanswered:
            count = len(self.unanswered)
            parts.append(
                (f"answer {count} more question{'s' if count != 1 else ''}", self.unanswered)
            )
        return parts

    @property
    def first(self) -> Change | None:
        return self.changes[0] if self.changes else None

    @property
    def help(self) -> str | None:
        """The help text of the first differing question."""
        return None if self.first is None else str(self.tree.node(self.first.node)["help"])

    @property
    def citations(self) -> list[dict[str, Any]]:
        """The outcome's citations, official ones first."""
        cited = list(self.tree.node(self.outcome)["citations"])
        return sorted(cited, key=lambda c: not c["official"])

    @property
    def rule(self) -> str:
        """One sentence: the first difference, what the path needs, what the person gave,
        then the note the tree attaches to the needed answer."""
        title = self.tree.outcome_view(self.outcome, self.reached.as_of)["title"]
        first = self.first
        if first is None:
            return f"Your answers already lead to {title}."
        given = (
            f'you answered "{first.was_label or first.was}"'
            if first.was is not None
            else "you have not answered it"
        )
        needs = " or ".join(f'"{label}"' for label in (first.label, *first.also))
        sentence = (
            f'"{first.question}": {title} requires {needs} ({first.fact}={first.value}); {given}.'
        )
        return f"{sentence} {first.note}" if first.note else sentence

    def to_json(self) -> dict[str, Any]:
        node = self.tree.outcome_view(self.outcome, self.reached.as_of)
        return {
            "tree": self.tree.id,
            "outcome": {"node": self.outcome, "title": node["title"], "verdict": node["verdict"]},
            "already": self.already,
            "path": list(self.path),
            "changes": [
                {
                    "node": c.node,
                    "fact": c.fact,
                    "question": c.question,
                    "from": c.was,
                    "to": c.value,
                    "answer": c.label,
                    "note": c.note,
                }
                for c in self.changes
            ],
            "rule": self.rule,
            "citations": [dict(c) for c in self.citations],
        }


def outcomes_for(tree: DecisionTree, target: str) -> list[str]:
    """The outcomes ``target`` names: an outcome id, or every outcome with that pathway code.

    >>> from xborder_tree import load_tree
    >>> outcomes_for(load_tree("trees/example-remote-work.json"), "ca-lmia")
    ['permit_needed']
    """
    if target in tree and tree.is_outcome(target):
        return [target]
    matching = [o for o in tree.outcomes if target in tree.node(o)["pathways"]]
    if matching:
        return matching
    pathways = {code for o in tree.outcomes for code in tree.node(o)["pathways"]}
    raise NotFoundError(
        "outcome or pathway", target, [*tree.outcomes, *pathways], f" in tree {tree.id!r}"
    )


def _offered_path(tree: DecisionTree, path: list[str], day: dt.date) -> bool:
    """Whether every answer along ``path`` is offered on ``day``."""
    return all(
        any(a.target == target for a in tree.answers(question, day))
        for question, target in itertools.pairwise(path)
    )


def _changes(
    tree: DecisionTree, path: list[str], facts: Mapping[str, str], day: dt.date
) -> list[Change]:
    changes = []
    graph = tree.graph
    for question, target in itertools.pairwise(path):
        node = tree.node(question)
        offered = tree.answers(question, day)
        needed = next(a for a in offered if a.target == target)
        was = facts.get(node["fact"])
        if was == needed.value:
            continue
        was_label = next((a.label for a in offered if a.value == was), None)
        also = tuple(
            a.label
            for a in offered
            if a.value not in (needed.value, was) and nx.has_path(graph, a.target, path[-1])
        )
        changes.append(
            Change(
                question,
                node["fact"],
                node["text"],
                was,
                was_label,
                needed.value,
                needed.label,
                needed.note,
                also,
            )
        )
    return changes


def why_not(
    tree: DecisionTree,
    facts: Mapping[str, str],
    outcome: str,
    as_of: dt.date | str | None = None,
) -> WhyNot:
    """The smallest set of answers that would have reached ``outcome`` (an outcome id or a
    pathway code) with the answers offered on ``as_of`` (today when ``None``), and the rule
    behind the first difference.

    Facts whose values the tree does not offer raise ``FactError`` as ``resolve`` does.
    """
    facts = dict(facts)
    day = parse_as_of(as_of)
    reached = tree.resolve(facts, day).in_scope()
    best: tuple[tuple[int, int, int], list[str], list[Change]] | None = None
    order = 0
    for target in outcomes_for(tree, outcome):
        for path in tree.paths_to(target):
            if not _offered_path(tree, path, day):
                continue
            changes = _changes(tree, path, facts, day)
            key = (len(changes), len(path), order)
            order += 1
            if best is None or key < best[0]:
                best = (key, path, changes)
    if best is None:
        raise FactError(f"{outcome!r} cannot be reached with the rules of {day}")
    _, path, changes = best
    return WhyNot(tree, facts, path[-1], tuple(path), tuple(changes), reached)
