"""A tree's scope: the situations it answers, in the shared fact vocabulary.

A scope is a list of alternatives; each maps fact keys to the values it covers. Stated facts
fit an alternative when every fact it names that is stated takes one of its values (a fact
not stated may still be asked). Facts that fit no alternative are not the tree's question.

>>> scope = Scope([{"citizenship": ["us"], "work_location": ["in_us", "in_canada"]},
...                {"citizenship": ["canada", "mexico"], "work_location": ["in_us"]}])
>>> scope.covers({"citizenship": "canada"})
True
>>> scope.covers({"citizenship": "canada", "work_location": "in_canada"})
False
>>> scope.outside({"citizenship": "other", "work_location": "in_canada", "goal": "temporary"})
{'citizenship': 'other'}
>>> Scope(None).covers({"citizenship": "other"})
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

__all__ = ["Scope", "Scoped", "covering_trees"]


class Scope:
    """The situations a tree answers (``None``: every situation)."""

    def __init__(self, alternatives: Sequence[Mapping[str, Sequence[str]]] | None) -> None:
        self.alternatives: tuple[dict[str, frozenset[str]], ...] | None = (
            None
            if alternatives is None
            else tuple(
                {key: frozenset(values) for key, values in alt.items()} for alt in alternatives
            )
        )

    def __repr__(self) -> str:
        return f"<Scope {self.alternatives!r}>"

    @property
    def keys(self) -> frozenset[str]:
        """Every fact key some alternative restricts."""
        return frozenset(key for alt in self.alternatives or () for key in alt)

    @staticmethod
    def _fits(alternative: Mapping[str, frozenset[str]], facts: Mapping[str, str]) -> bool:
        return all(key not in facts or facts[key] in values for key, values in alternative.items())

    def covers(self, facts: Mapping[str, str]) -> bool:
        """Whether the stated facts fit at least one alternative."""
        if self.alternatives is None:
            return True
        return any(self._fits(alt, facts) for alt in self.alternatives)

    def outside(self, facts: Mapping[str, str], keep: Iterable[str] = ()) -> dict[str, str]:
        """The stated facts that keep the situation out of the nearest alternative (the one
        they miss by the fewest facts; with ``keep``, one that none of those keys misses, if
        any), in the order given; empty when the scope covers them."""
        if self.covers(facts) or self.alternatives is None:
            return {}
        misses = [
            {key for key, values in alt.items() if key in facts and facts[key] not in values}
            for alt in self.alternatives
        ]
        kept = set(keep)
        culprits = min(misses, key=lambda miss: (bool(miss & kept), len(miss)))
        return {key: value for key, value in facts.items() if key in culprits}

    def settles(self, key: str, facts: Mapping[str, str]) -> bool:
        """Whether ``key`` (stated in ``facts``) is one the scope takes into account: every
        alternative the facts fit restricts it. Such a fact is used, even when no question
        asks it (``residence=us`` in a tree only about people living in the US)."""
        if self.alternatives is None or key not in facts:
            return False
        fitting = [alt for alt in self.alternatives if self._fits(alt, facts)]
        return bool(fitting) and all(key in alt for alt in fitting)

    def allowed(self, key: str, facts: Mapping[str, str]) -> frozenset[str] | None:
        """The values of ``key`` the scope still allows given the other facts (``None``:
        any value)."""
        if self.alternatives is None:
            return None
        others = {k: v for k, v in facts.items() if k != key}
        values: set[str] = set()
        for alt in self.alternatives:
            if not self._fits(alt, others):
                continue
            if key not in alt:
                return None
            values |= alt[key]
        return frozenset(values)


class Scoped(Protocol):
    """Anything with an id and a scope (a tree)."""

    @property
    def id(self) -> str: ...

    @property
    def scope(self) -> Scope: ...


def covering_trees(
    facts: Mapping[str, str], trees: Iterable[Scoped], *, besides: str | None = None
) -> list[str]:
    """The ids of the trees whose scope covers ``facts`` (``besides``: one id left out),
    among trees that declare a scope.

    >>> from xborder_tree import load_tree
    >>> tree = load_tree("trees/example-remote-work.json")
    >>> covering_trees({"citizenship": "us"}, [tree])
    ['example-remote-work']
    """
    return [
        tree.id
        for tree in trees
        if tree.id != besides and tree.scope.alternatives is not None and tree.scope.covers(facts)
    ]
