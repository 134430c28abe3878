"""``Walk``: one person's path through a tree. Pure Python, no Jupyter.

>>> from xborder_tree import Walk, load_tree
>>> walk = Walk(load_tree("trees/example-remote-work.json"))
>>> walk.current
'citizenship'
>>> walk.answer("us").answer("remote_from_us").outcome
'outside_canada'
>>> walk.back().current, walk.facts
('work_location', {'citizenship': 'us'})
>>> walk.jump(0).current
'citizenship'
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence

from .dates import parse_as_of
from .errors import FactError
from .tree import Answer, DecisionTree, Resolution, Step

__all__ = ["Walk"]


class Walk:
    """The state of one path: the steps answered so far and the node reached, with the
    rules that apply on ``as_of`` (today when ``None``)."""

    def __init__(self, tree: DecisionTree, as_of: dt.date | str | None = None) -> None:
        self.tree = tree
        self.as_of: dt.date = parse_as_of(as_of)
        self._steps: list[Step] = []

    @classmethod
    def along(
        cls, tree: DecisionTree, path: Sequence[str], as_of: dt.date | str | None = None
    ) -> Walk:
        """The walk that follows ``path`` (node ids from the root) with the answers offered
        on ``as_of``, or ``FactError`` saying where the path leaves the tree.

        >>> from xborder_tree import load_tree
        >>> tree = load_tree("trees/example-remote-work.json")
        >>> Walk.along(tree, ["citizenship", "work_location"]).facts
        {'citizenship': 'us'}
        """
        if not path or path[0] != tree.root:
            raise FactError(f"a path must start at the first question {tree.root!r}")
        walk = cls(tree, as_of)
        for source, target in itertools.pairwise(path):
            answer = next((a for a in walk.answers() if a.target == target), None)
            if walk.current != source or answer is None:
                raise FactError(
                    f"{target!r} does not follow {source!r} by any answer offered on {walk.as_of}"
                )
            walk.answer(answer.value)
        return walk

    @classmethod
    def from_facts(
        cls, tree: DecisionTree, facts: Mapping[str, str], as_of: dt.date | str | None = None
    ) -> Walk:
        """A walk that has answered every question ``facts`` decides on its path."""
        walk = cls(tree, as_of)
        walk._steps = list(tree.resolve(facts, walk.as_of).in_scope().steps)
        return walk

    def on_date(self, as_of: dt.date | str | None) -> Walk:
        """The same person on another date: a new walk that answers each question with this
        walk's value for its fact while that value is offered on ``as_of``, and stops at the
        first question it cannot answer."""
        facts = self.facts
        walk = Walk(self.tree, as_of)
        while not walk.is_complete:
            value = facts.get(self.tree.node(walk.current)["fact"])
            if value is None or value not in [a.value for a in walk.answers()]:
                break
            walk.answer(value)
        return walk

    def __repr__(self) -> str:
        return f"<Walk {self.tree.id!r} at {self.current!r} after {len(self._steps)} answers>"

    # ----------------------------------------------------------------- state
    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(self._steps)

    @property
    def current(self) -> str:
        """The node reached: the question to answer next, or the outcome."""
        return self._steps[-1].target if self._steps else self.tree.root

    @property
    def path(self) -> list[str]:
        """Node ids from the root to the current node."""
        return [step.node for step in self._steps] + [self.current]

    @property
    def facts(self) -> dict[str, str]:
        return {step.fact: step.value for step in self._steps}

    @property
    def is_complete(self) -> bool:
        return self.tree.is_outcome(self.current)

    @property
    def outcome(self) -> str | None:
        return self.current if self.is_complete else None

    def answers(self) -> tuple[Answer, ...]:
        """The answers offered at the current question (empty at an outcome)."""
        return self.tree.answers(self.current, self.as_of)

    def resolution(self) -> Resolution:
        current = self.current
        if self.is_complete:
            return Resolution(self.tree, self.steps, current, None, self.as_of)
        return Resolution(self.tree, self.steps, None, current, self.as_of)

    def transcript(self) -> list[str]:
        """The path as lines a person can read: each question with its answer, then the end."""
        lines = [f"{step.question} -> {step.answer}" for step in self._steps]
        node = self.tree.node(self.current)
        if self.is_complete:
            lines.append(f"Outcome: {node['title']}")
        else:
            lines.append(f"Next: {node['text']}")
        return lines

    # ----------------------------------------------------------------- moves
    def answer(self, value: str) -> Walk:
        """Answer the current question; the state is unchanged if ``value`` is not offered."""
        if self.is_complete:
            raise FactError(
                f"the walk has reached the outcome {self.current!r}; "
                "use back(), jump() or reset() to change an answer"
            )
        self._steps.append(self.tree.step(self.current, value, self.as_of))
        return self

    def back(self) -> Walk:
        """Undo the last answer (no-op at the root)."""
        if self._steps:
            self._steps.pop()
        return self

    def jump(self, step: int) -> Walk:
        """Return to step ``step`` (0 = the first question), keeping the answers before it."""
        if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step <= len(self._steps):
            raise FactError(f"cannot jump to step {step!r}: choose 0 to {len(self._steps)}")
        del self._steps[step:]
        return self

    def reset(self) -> Walk:
        """Start over from the first question."""
        self._steps.clear()
        return self
