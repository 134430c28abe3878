"""Learner text never shows internal labels: the source articles' ids ("S000", "S003") and
the reference's rule numbers ("R5.6") belong in the authors' claims table, not in tree,
scenario or quiz files, whose text all reaches a trainee.

>>> internal_labels("As S003 says, remote work is fine (R5.6).")
['S003', 'R5.6']
>>> internal_labels("IRPR R186(a) and exemption code T36 are official names.")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model.errors import Fault

__all__ = ["INTERNAL_LABEL", "internal_label_faults", "internal_labels"]

INTERNAL_LABEL = re.compile(r"\b(?:S\d{3}|R\d{1,2}(?:\.\d{1,2})+)\b")
"""A source-article id (``S`` and three digits) or a reference rule number (``R5.6``,
``R1.4.2``). Official section names such as ``R186(a)`` do not match."""

_SKIPPED_KEYS = frozenset({"$schema", "url"})
"""Keys whose values are addresses, not text (ids are lowercase and cannot match)."""


def internal_labels(text: str) -> list[str]:
    """The internal labels in ``text``, in order."""
    return [match.group() for match in INTERNAL_LABEL.finditer(text)]


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _SKIPPED_KEYS:
                yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _node(data: Any, path: tuple[Any, ...]) -> str | None:
    if len(path) >= 2 and path[0] in ("nodes", "edges") and isinstance(data, dict):
        item = data[path[0]][path[1]]
        value = item.get("id" if path[0] == "nodes" else "source")
        return value if isinstance(value, str) else None
    return None


def internal_label_faults(data: Any, name: str) -> list[Fault]:
    """A fault for every text of a tree, scenario or quiz document naming an internal label."""
    faults = []
    for path, text in _strings(data):
        found = internal_labels(text)
        if found:
            faults.append(
                Fault(
                    name,
                    "/" + "/".join(map(str, path)),
                    _node(data, path),
                    f"internal label{'s' if len(found) > 1 else ''} "
                    f"{', '.join(map(repr, found))} in text a trainee reads",
                    'say "the source article" or quote it, or state the rule in words with its '
                    "official source; keep cross-references in the claims table of "
                    "trees/README.md",
                )
            )
    return faults
