"""The date rules of a tree document, checked on loading: real dates, ordered windows, no
two answers of a question giving one value on the same day, answers to a dated outcome inside
its window, and an answer offered on every date.

>>> from datetime import date
>>> describe((date(2025, 9, 21), None)), overlap((None, date(2025, 1, 1)), (date(2025, 1, 1), None))
('from 2025-09-21', True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..model.dates import _DATE_FORM, Window, date_or_none, window
from ..model.errors import Fault

__all__ = ["checked_window", "dated_rule_faults", "describe", "inside", "overlap"]


def checked_window(item: Mapping[str, Any]) -> Window | None:
    """The window of an item, or ``None`` when a bound is present but not a real date
    (that fault is reported on its own, and the window cannot be compared)."""
    span = window(item)
    for key, bound in zip(("from", "until"), span, strict=True):
        if key in item and bound is None:
            return None
    return span


def overlap(a: Window, b: Window) -> bool:
    """Whether two windows share at least one day."""
    a_start, a_end = a[0] or dt.date.min, a[1] or dt.date.max
    b_start, b_end = b[0] or dt.date.min, b[1] or dt.date.max
    return a_start <= b_end and b_start <= a_end


def inside(inner: Window, outer: Window) -> bool:
    """Whether every day of ``inner`` is in ``outer``."""
    return (outer[0] is None or (inner[0] is not None and inner[0] >= outer[0])) and (
        outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])
    )


def describe(span: Window) -> str:
    """A window in words: ``from 2025-09-21 to 2026-01-01``, ``until ...``, ``always``."""
    start, end = span
    if start and end:
        return f"from {start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "on every date"


# --------------------------------------------------------------------------- validation

_DATED_LISTS = ("next_steps", "documents", "caveats")


def dated_rule_faults(
    data: Mapping[str, Any],
    name: str,
    nodes: Mapping[str, tuple[int, Mapping[str, Any]]],
    edges: Sequence[tuple[int, Mapping[str, Any]]],
) -> list[Fault]:
    """The rules of dated items: real dates, ordered windows, no two answers of a question
    giving one value on the same day, answers to a dated outcome inside its window, and an
    answer offered on every date."""
    check = _DateCheck(name, nodes)
    check.real_date("/last_reviewed", None, "last_reviewed", data.get("last_reviewed"))
    for node_id, (index, node) in nodes.items():
        check.node(node_id, index, node)
    for index, edge in edges:
        check.bounds(f"/edges/{index}", edge["source"], edge)
    check.answers(edges)
    return check.out


class _DateCheck:
    def __init__(self, name: str, nodes: Mapping[str, tuple[int, Mapping[str, Any]]]) -> None:
        self.name = name
        self.nodes = nodes
        self.out: list[Fault] = []

    def fault(self, location: str, node: str | None, message: str, fix: str) -> None:
        self.out.append(Fault(self.name, location, node, message, fix))

    def real_date(self, location: str, node: str | None, field: str, value: Any) -> bool:
        """Report a date of the right form that is not on the calendar (2026-02-30)."""
        if not isinstance(value, str) or not _DATE_FORM.fullmatch(value):
            return True  # the wrong form: reported by the schema
        if date_or_none(value) is not None:
            return True
        self.fault(
            location,
            node,
            f"field {field!r} {value!r} is not a real date",
            "write a date that exists on the calendar, as YYYY-MM-DD",
        )
        return False

    def bounds(self, location: str, node: str | None, item: Mapping[str, Any]) -> None:
        """Each bound a real date, and ``from`` not after ``until``."""
        real = [
            self.real_date(f"{location}/{key}", node, key, item.get(key))
            for key in ("from", "until")
        ]
        start, end = window(item)
        if all(real) and start is not None and end is not None and start > end:
            self.fault(
                f"{location}/until",
                node,
                f"the window ends ({end}) before it starts ({start})",
                "make 'from' the first day and 'until' the last day it applies",
            )

    def node(self, node_id: str, index: int, node: Mapping[str, Any]) -> None:
        where = f"/nodes/{index}"
        self.real_date(
            f"{where}/last_reviewed", node_id, "last_reviewed", node.get("last_reviewed")
        )
        if node.get("kind") != "outcome":
            return
        self.bounds(where, node_id, node)
        if self.real_date(f"{where}/review_by", node_id, "review_by", node.get("review_by")):
            due, last = date_or_none(node.get("review_by")), date_or_none(node.get("last_reviewed"))
            if due is not None and last is not None and due < last:
                self.fault(
                    f"{where}/review_by",
                    node_id,
                    f"review_by ({due}) is before last_reviewed ({last})",
                    "set review_by to a date after the last review",
                )
        for key in (*_DATED_LISTS, "misconceptions"):
            items = node.get(key)
            if not isinstance(items, list):
                continue
            for position, item in enumerate(items):
                if isinstance(item, dict):
                    self.bounds(f"{where}/{key}/{position}", node_id, item)

    def answers(self, edges: Sequence[tuple[int, Mapping[str, Any]]]) -> None:
        by_question: dict[str, list[tuple[int, Mapping[str, Any]]]] = {}
        for index, edge in edges:
            if edge["source"] in self.nodes:
                by_question.setdefault(edge["source"], []).append((index, edge))
        for question, answers in by_question.items():
            self._shared_values(question, answers)
            self._always_offered(question, answers)
        for index, edge in edges:
            self._inside_outcome(index, edge)

    def _shared_values(self, question: str, answers: list[tuple[int, Mapping[str, Any]]]) -> None:
        seen: dict[str, list[tuple[int, Window]]] = {}
        for index, edge in answers:
            value = edge.get("value")
            span = checked_window(edge)
            if not isinstance(value, str) or span is None:
                continue
            earlier = seen.setdefault(value, [])
            clash = next((first for first, other in earlier if overlap(span, other)), None)
            if clash is not None and span == (None, None) and all(o == span for _, o in earlier):
                self.fault(
                    f"/edges/{index}/value",
                    question,
                    f"two answers give the value {value!r} (also /edges/{clash})",
                    "give each answer of a question its own value",
                )
            elif clash is not None:
                self.fault(
                    f"/edges/{index}/value",
                    question,
                    f"two answers give the value {value!r} on the same dates "
                    f"(also /edges/{clash}; this one applies {describe(span)})",
                    "give them windows that do not overlap ('until' of one before 'from' of "
                    "the other), or different values",
                )
            earlier.append((index, span))

    def _always_offered(self, question: str, answers: list[tuple[int, Mapping[str, Any]]]) -> None:
        checked = [checked_window(edge) for _, edge in answers]
        spans = [span for span in checked if span is not None]
        if len(spans) < len(checked) or all(span == (None, None) for span in spans):
            return
        days = (
            {dt.date.min}
            | {s for s, _ in spans if s}
            | {e + dt.timedelta(days=1) for _, e in spans if e and e < dt.date.max}
        )
        for day in sorted(days):
            if not any((s is None or s <= day) and (e is None or day <= e) for s, e in spans):
                start = "the earliest date" if day == dt.date.min else str(day)
                self.fault(
                    f"/nodes/{self.nodes[question][0]}",
                    question,
                    f"no answer of this question is offered from {start}",
                    "extend an answer's window, or add an answer for those dates",
                )
                return

    def _inside_outcome(self, index: int, edge: Mapping[str, Any]) -> None:
        target = self.nodes.get(edge["target"])
        if target is None or target[1].get("kind") != "outcome":
            return
        outer = checked_window(target[1])
        span = checked_window(edge)
        if outer is None or span is None or outer == (None, None):
            return
        if not inside(span, outer):
            self.fault(
                f"/edges/{index}",
                edge["source"],
                f"this answer is offered {describe(span)}, outside the dates of outcome "
                f"{edge['target']!r} ({describe(outer)})",
                "give the answer a 'from'/'until' inside the outcome's window",
            )
