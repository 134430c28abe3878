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

from ..drawing.export import write_atomic
from ..model.errors import NotFoundError, UsageError, XborderError
from ..model.tree import DecisionTree
from ..training.scenarios import load_scenarios, scenario_path
from .deck_walk import deck_walk

__all__ = ["Persona", "deck", "find_persona", "write_deck"]


@dataclass(frozen=True)
class Persona:
    """A scenario's person: the description in words, the facts, and the date if it has one."""

    words: str
    facts: dict[str, str]
    as_of: datetime.date | None = None


def find_persona(tree: DecisionTree, tree_file: str | Path, persona_id: str) -> Persona:
    """The persona ``persona_id`` of the scenario file beside ``tree_file``; ``FactError``
    naming the known ids when there is none."""
    path = scenario_path(tree_file)
    if not path.exists():
        raise UsageError(f"--persona: tree {tree.id!r} has no scenario file {path.name}")
    scenarios = load_scenarios(path, tree.id)
    for scenario in scenarios:
        if scenario.id == persona_id:
            return Persona(scenario.persona, dict(scenario.facts), scenario.as_of)
    raise NotFoundError("persona", persona_id, [s.id for s in scenarios], f" in {path.name}")


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
    if Path(output).suffix.lower() != ".pptx":
        raise UsageError(f"{str(output)!r}: a deck is written to a .pptx file")

    return write_atomic(output, deck(tree, facts, path, as_of=as_of, persona=persona))
