"""Dated (time-limited) rules: windows of days in which an item, answer or outcome applies.

A window is ``from`` .. ``until``, both days included, either bound open when left out.

>>> from datetime import date
>>> item = {"text": "The fee applies.", "from": "2025-09-21"}
>>> applies(item, date(2025, 9, 20)), applies(item, date(2025, 9, 21))
(False, True)
>>> visible_texts(["Always.", item], date(2026, 1, 1))
['Always.', 'The fee applies.']
>>> review_by({"last_reviewed": "2026-11-22"})
datetime.date(2027, 11, 22)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import UsageError

__all__ = [
    "REVIEW_AFTER_DAYS",
    "applies",
    "date_or_none",
    "parse_as_of",
    "review_by",
    "shifted",
    "visible_texts",
    "window",
]

REVIEW_AFTER_DAYS = 365
"""An outcome without ``review_by`` is due for review this many days after ``last_reviewed``."""

Window = tuple[dt.date | None, dt.date | None]
_DATE_FORM = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")
"""The form the schema accepts; the calendar check is made here."""


def date_or_none(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` string as a date; ``None`` for anything else (a wrong form, 02-30)."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_as_of(text: str | dt.date | None) -> dt.date:
    """The date rules are applied for: ``None`` is today; a string must be ``YYYY-MM-DD``.

    >>> parse_as_of("2026-02-28")
    datetime.date(2026, 2, 28)
    >>> parse_as_of("2026-02-30")
    Traceback (most recent call last):
    ...
    xborder_tree.model.errors.UsageError: '2026-02-30' is not a real date: write it as ...
    """
    if text is None:
        return dt.date.today()
    if isinstance(text, dt.date):
        return text
    parsed = date_or_none(text)
    if parsed is None:
        raise UsageError(f"{text!r} is not a real date: write it as YYYY-MM-DD, e.g. 2026-11-23")
    return parsed


def window(item: Mapping[str, Any] | str) -> Window:
    """The ``(from, until)`` of an item; a plain string has no bounds."""
    if isinstance(item, str):
        return (None, None)
    return (date_or_none(item.get("from")), date_or_none(item.get("until")))


def applies(item: Mapping[str, Any] | str, as_of: dt.date) -> bool:
    """Whether an item (string, dated object, answer, outcome) applies on ``as_of``."""
    start, end = window(item)
    return (start is None or start <= as_of) and (end is None or as_of <= end)


def visible_texts(items: Iterable[Mapping[str, Any] | str], as_of: dt.date) -> list[str]:
    """The texts of the items that apply on ``as_of``, flattened to plain strings."""
    return [
        item if isinstance(item, str) else str(item["text"])
        for item in items
        if applies(item, as_of)
    ]


def shifted(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the first or last day a date can have (0001-01-01,
    9999-12-31) instead of overflowing.

    >>> shifted(dt.date(9999, 12, 1), 60), shifted(dt.date(1, 1, 2), -5)
    (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def review_by(outcome: Mapping[str, Any]) -> dt.date | None:
    """When an outcome must next be reviewed: ``review_by``, else ``last_reviewed`` + 365 days."""
    explicit = date_or_none(outcome.get("review_by"))
    if explicit is not None:
        return explicit
    last = date_or_none(outcome.get("last_reviewed"))
    return None if last is None else shifted(last, REVIEW_AFTER_DAYS)
