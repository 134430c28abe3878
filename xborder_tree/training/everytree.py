"""One situation, every tree: the same facts run through all trees at once.

Each tree answers with its outcome, the question it still needs ("asks more"), "not this
tree's question" (the facts are outside its scope) naming the trees that cover them, or the
reason it cannot take these facts (a value that tree does not offer on the path). Every
stated fact a tree did not use is listed with the reason.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> [row.status for row in resolve_everywhere({"citizenship": "us"}, [tree])]
['pending']
>>> [row.status for row in resolve_everywhere({"citizenship": "mexico"}, [tree])]
['out_of_scope']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks.factaudit import with_implied
from ..checks.factcheck import check_facts
from ..loading.catalog import load_all, menu_paths
from ..loading.document import load_tree
from ..model.dates import parse_as_of
from ..model.errors import FactError
from ..model.scope import covering_trees
from ..model.tree import DecisionTree, Resolution
from ..model.vocabulary import OUT_OF_SCOPE, VERDICTS

__all__ = ["TreeResult", "everywhere_json", "resolve_everywhere"]


@dataclass(frozen=True)
class TreeResult:
    """What one tree makes of the facts."""

    tree: DecisionTree
    resolution: Resolution | None
    error: str | None = None
    refused: str | None = None
    """The text of the question that does not offer the value given (not applicable)."""

    see: tuple[DecisionTree, ...] = ()
    """For facts outside this tree's scope: the trees whose scope covers them."""

    @property
    def status(self) -> str:
        """``outcome``, ``pending``, ``out_of_scope`` or ``not_applicable``."""
        if self.resolution is None:
            return "not_applicable"
        return self.resolution.status

    def headline(self) -> str:
        """One line for a table: the outcome title and verdict in words, or the question
        still to answer (no verdict codes or fact keys).

        >>> from xborder_tree import load_tree
        >>> tree = load_tree("trees/example-remote-work.json")
        >>> [row.headline() for row in resolve_everywhere({"citizenship": "canada"}, [tree])]
        ['No permit: Canadian citizens may work in Canada (Allowed)']
        """
        if self.resolution is None:
            if self.refused is None:
                return f"Does not apply: {self.error}"
            return f'Does not apply: it does not offer your answer to "{self.refused}"'

        if self.resolution.outside:
            see = "; ".join(tree.title for tree in self.see) or "no tree covers these facts"
            return f"{OUT_OF_SCOPE}, see: {see}"
        if self.resolution.outcome is not None:
            node = self.tree.outcome_view(self.resolution.outcome, self.resolution.as_of)
            return f"{node['title']} ({VERDICTS[node['verdict']]})"
        question = self.tree.node(self.resolution.pending or "")
        return f"Asks more: {question['text']}"

    def to_json(self) -> dict[str, Any]:
        if self.resolution is None:
            return {"tree": self.tree.id, "complete": False, "error": self.error}
        return {**self.resolution.to_json(), "error": None}


def resolve_everywhere(
    facts: Mapping[str, str],
    trees: Iterable[DecisionTree] | None = None,
    folder: str | Path | None = None,
    as_of: dt.date | str | None = None,
) -> list[TreeResult]:
    """Resolve ``facts`` in every tree (those given, else every tree of ``folder``) with the
    rules of ``as_of`` (today when ``None``).

    A fact key that no tree asks and the vocabulary does not list, or a value no question
    offers, is a ``FactError`` (usually a typo); a value one tree does not offer makes that
    tree ``not_applicable`` and leaves the others alone. Each tree reports its outcome or the
    one question it still needs; facts the given ones settle (a citizen's status in their own
    country) are never asked again.
    """
    if trees is not None:
        chosen = list(trees)
    elif folder is not None:
        chosen = list(load_all(folder).values())
    else:  # the format examples are not among "every tree"
        chosen = [load_tree(path) for path in menu_paths()]
    check_facts(facts, chosen)
    day = parse_as_of(as_of)
    stated = set(facts)
    every = with_implied(facts)  # a Mexican citizen is not asked their status in Mexico
    results = []
    for tree in chosen:
        try:
            resolution = tree.resolve(every, day)
        except FactError as exc:
            refused = _refusing_question(tree, every, day)
            results.append(TreeResult(tree, None, str(exc), refused))
            continue
        unused = tuple(item for item in resolution.unused if item.fact in stated)
        outside = {k: v for k, v in (resolution.outside or {}).items() if k in stated}
        see: tuple[DecisionTree, ...] = ()
        if resolution.outside:
            ids = covering_trees(every, chosen, besides=tree.id)
            see = tuple(t for t in chosen if t.id in ids)
            resolution = dataclasses.replace(
                resolution,
                outside=outside or dict(resolution.outside),
                see=tuple(ids),
            )
        results.append(TreeResult(tree, dataclasses.replace(resolution, unused=unused), see=see))
    return results


def _refusing_question(tree: DecisionTree, facts: Mapping[str, str], day: dt.date) -> str | None:
    """The text of the first question on the path that does not offer the fact's value."""
    current = tree.root
    while not tree.is_outcome(current):
        node = tree.node(current)
        answers = {a.value: a.target for a in tree.answers(current, day)}
        value = facts.get(node["fact"])
        if value is None:
            return None
        if value not in answers:
            return str(node["text"])
        current = answers[value]
    return None


def everywhere_json(facts: Mapping[str, str], results: list[TreeResult]) -> dict[str, Any]:
    """The ``xborder-tree everywhere --json`` document: the facts, then one entry per tree in
    the ``resolve --json`` shape plus ``error``."""
    return {"facts": dict(facts), "trees": [result.to_json() for result in results]}
