"""What a deck shows of a walk (:class:`DeckWalk`: the steps, where they end, the date's
rules) and the words its slides use: verdicts, pathways, citations, colours.

>>> from xborder_tree import load_tree
>>> walk = deck_walk(load_tree("trees/example-remote-work.json"), {"citizenship": "canada"})
>>> walk.path, walk.complete
(['citizenship', 'canadian_citizen'], True)
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.dates import parse_as_of
from ..model.tree import DecisionTree, Step
from ..model.vocabulary import NOT_LEGAL_ADVICE, VERDICTS
from ..model.walk import Walk
from .report import pathway_name, safe_url, why_sentence

__all__ = [
    "ANSWER_COLOUR",
    "NOTICE",
    "VERDICT_COLOURS",
    "DeckWalk",
    "citation_line",
    "citation_note",
    "deck_walk",
    "outcome_view",
    "pathway_words",
    "verdict_words",
]

VERDICT_COLOURS = {
    "allowed": "#00704F",
    "permit_required": "#0060A0",
    "not_eligible": "#595959",
    "not_compliant": "#B84A00",
    "uncertain": "#8A5A00",
}
"""Okabe-Ito hues darkened for text: each has at least 4.5:1 contrast on white."""
ANSWER_COLOUR = "#0060A0"


@dataclass(frozen=True)
class DeckWalk:
    """What a deck shows: the steps answered, where they end, and on which date's rules."""

    tree: DecisionTree
    steps: tuple[Step, ...]
    end: str
    """The outcome reached, or the question still to answer."""
    as_of: datetime.date | None
    persona: str | None

    @property
    def path(self) -> list[str]:
        return [step.node for step in self.steps] + [self.end]

    @property
    def complete(self) -> bool:
        return self.tree.is_outcome(self.end)

    def persona_words(self) -> str:
        """The persona as written in the scenario, else the answers in words."""
        if self.persona:
            return self.persona
        if not self.steps:
            return "Someone who has not answered any question yet"
        return "Someone who answers: " + "; ".join(step.answer for step in self.steps)

    def why(self, step: Step) -> str:
        """The "why" sentence of one answer (:func:`~xborder_tree.report.why_sentence`, as in
        the case summary and the explorer)."""
        return why_sentence(step.question, step.answer, step.note)

    def citations(self) -> list[Mapping[str, Any]]:
        """The citations behind the outcome (its own, then its misconceptions'), official
        ones first, each once; the tree's sources when the walk has not ended."""
        if not self.complete:
            found = list(self.tree.meta.get("sources") or [])
        else:
            view = outcome_view(self.tree, self.end, self.as_of)
            found = list(view["citations"]) + [m["citation"] for m in view["misconceptions"]]
        seen: set[str] = set()
        unique = []
        for citation in found:
            if citation["url"] not in seen:
                seen.add(citation["url"])
                unique.append(citation)
        return sorted(unique, key=lambda c: not c["official"])


def outcome_view(
    tree: DecisionTree, node: str, as_of: datetime.date | None = None
) -> dict[str, Any]:
    """The outcome as it applies on ``as_of`` (``DecisionTree.outcome_view``), with an empty
    list of misconceptions when it has none."""
    view = dict(tree.outcome_view(node, as_of))
    view.setdefault("misconceptions", [])
    return view


def deck_walk(
    tree: DecisionTree,
    facts: Mapping[str, str] | None = None,
    path: Sequence[str] | None = None,
    *,
    as_of: datetime.date | None = None,
    persona: str | None = None,
) -> DeckWalk:
    """The steps of ``path`` (node ids from the root) when given, else where ``facts`` lead.

    ``FactError`` when a fact value is not offered or the path is not a path of the tree.
    """
    as_of = parse_as_of(as_of)
    if path is None:
        resolution = tree.resolve(dict(facts or {}), as_of).in_scope()
        return DeckWalk(
            tree,
            resolution.steps,
            resolution.outcome or resolution.pending or tree.root,
            as_of,
            persona,
        )
    walk = Walk.along(tree, list(path) or [tree.root], as_of)
    return DeckWalk(tree, walk.steps, walk.current, as_of, persona)


def verdict_words(verdict: str) -> str:
    return VERDICTS.get(verdict, verdict)


def pathway_words(tree: DecisionTree, codes: Sequence[str]) -> list[str]:
    return [pathway_name(tree, code) for code in codes]


def citation_line(citation: Mapping[str, Any]) -> str:
    """``title, publisher`` of a citation, with ``(secondary source)`` when unofficial."""
    text = f"{citation['title']}, {citation['publisher']}"
    return text if citation["official"] else text + " (secondary source)"


def citation_note(citation: Mapping[str, Any]) -> str:
    """A citation for speaker notes: the line, its address when safe, and its note."""
    url = safe_url(citation["url"]) or "(address not shown: not an http(s) link)"
    note = f" ({citation['note']})" if citation.get("note") else ""
    return f"{citation_line(citation)}: {url}{note}"


NOTICE = NOT_LEGAL_ADVICE
