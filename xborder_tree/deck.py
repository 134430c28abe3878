"""A person's walk through a tree as a 16:9 slide deck (PowerPoint ``.pptx``) to present.

The deck: a title slide (the tree's question, the persona in words); one slide per answered
question (the question as title, the focus diagram with the path so far and the current
question highlighted, the answer given); the outcome (its diagram, then the verdict,
pathways, next steps, documents, caveats and corrected misconceptions in words, split across
slides rather than shrunk); and the sources (official citations as links, the review date,
the "not legal advice" notice). Every slide has speaker notes: the question's help text, the
"why" sentence of the answer, and the rule and sources behind it.

>>> import io, pptx
>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> data = deck(tree, {"citizenship": "us", "work_location": "in_canada"},
...             persona="Sam, a US citizen in Detroit, offered an office job in Windsor")
>>> [slide.shapes.title.text for slide in pptx.Presentation(io.BytesIO(data)).slides][:4]
['Example: do I need a Canadian work permit to work for a Canadian employer?', \
'Which citizenship do you hold?', 'Where will you physically do the work?', \
'Outcome: A Canadian work permit is needed']
>>> write_deck("walk.pptx", tree, {"citizenship": "canada"})  # doctest: +SKIP
PosixPath('walk.pptx')

Needs python-pptx (``pip install 'xborder-tree[slides]'``) and Graphviz for the diagrams.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import parse_as_of
from .errors import FactError, XborderError
from .report import pathway_name, safe_url, why_sentence
from .tree import DecisionTree, Step
from .vocabulary import NOT_LEGAL_ADVICE, VERDICTS
from .walk import Walk

__all__ = ["DeckWalk", "Persona", "deck", "deck_walk", "find_persona", "outcome_view", "write_deck"]

VERDICT_COLOURS = {
    "allowed": "#00704F",
    "permit_required": "#0060A0",
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


@dataclass(frozen=True)
class Persona:
    """A scenario's person: the description in words, the facts, and the date if it has one."""

    words: str
    facts: dict[str, str]
    as_of: datetime.date | None = None


def find_persona(tree: DecisionTree, tree_file: str | Path, persona_id: str) -> Persona:
    """The persona ``persona_id`` of the scenario file beside ``tree_file``; ``FactError``
    naming the known ids when there is none."""
    from .scenarios import load_scenarios, scenario_path

    path = scenario_path(tree_file)
    if not path.exists():
        raise FactError(f"--persona: tree {tree.id!r} has no scenario file {path.name}")
    scenarios = load_scenarios(path, tree.id)
    for scenario in scenarios:
        if scenario.id == persona_id:
            return Persona(scenario.persona, dict(scenario.facts), scenario.as_of)
    known = ", ".join(s.id for s in scenarios) or "none"
    raise FactError(f"--persona {persona_id!r}: no such persona in {path.name} (known: {known})")


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
        resolution = tree.resolve(dict(facts or {}), as_of)
        return DeckWalk(
            tree,
            resolution.steps,
            resolution.outcome or resolution.pending or tree.root,
            as_of,
            persona,
        )
    walk = Walk.along(tree, list(path) or [tree.root], as_of)
    return DeckWalk(tree, walk.steps, walk.current, as_of, persona)


def deck(
    tree: DecisionTree,
    facts: Mapping[str, str] | None = None,
    path: Sequence[str] | None = None,
    *,
    as_of: datetime.date | None = None,
    persona: str | None = None,
    depth: int = 2,
) -> bytes:
    """The deck of the walk given by ``facts`` (or by ``path``) as ``.pptx`` bytes.

    ``persona`` is the person in words for the title slide (default: their answers).
    ``as_of`` picks the rules of that date (default: today).
    """
    try:
        from .deck_slides import build_deck
    except ImportError as exc:
        raise XborderError(
            f"slides need python-pptx ({exc}): pip install 'xborder-tree[slides]'"
        ) from None
    return build_deck(deck_walk(tree, facts, path, as_of=as_of, persona=persona), depth=depth)


def write_deck(
    output: str | Path,
    tree: DecisionTree,
    facts: Mapping[str, str] | None = None,
    path: Sequence[str] | None = None,
    *,
    as_of: datetime.date | None = None,
    persona: str | None = None,
) -> Path:
    """Write the deck to ``output`` atomically (a failure leaves no half-written file)."""
    from .export import write_atomic

    if Path(output).suffix.lower() != ".pptx":
        raise FactError(f"{str(output)!r}: a deck is written to a .pptx file")

    return write_atomic(output, deck(tree, facts, path, as_of=as_of, persona=persona))


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
