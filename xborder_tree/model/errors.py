"""Error classes, in the shape click uses. Each subclasses the builtin it refines, so callers
may catch either. :class:`UsageError` (exit 2) is what the caller must change: a fact value not
offered (:class:`FactError`), a name that is not there (:class:`NotFoundError`, a
``LookupError`` naming the closest name), a step out of order (:class:`StateError`), a file
that cannot be written where asked (:class:`OutputError`). Other errors exit 1: a tree file
with faults (:class:`TreeError`), Graphviz failing (:class:`GraphvizError`).

>>> issubclass(TreeError, ValueError), issubclass(NotFoundError, LookupError)
(True, True)
>>> print(NotFoundError("tree", "usmca-work-in-uss", ["usmca-work-in-us", "work-in-mexico"]))
no tree 'usmca-work-in-uss': did you mean 'usmca-work-in-us'?
>>> NotFoundError("tree", "usmca-work-in-uss", ["usmca-work-in-us"]).exit_code
2
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "FactError",
    "Fault",
    "GraphvizError",
    "GraphvizNotFound",
    "GraphvizTimeout",
    "NotFoundError",
    "OutputError",
    "ScenarioError",
    "StateError",
    "TreeError",
    "UsageError",
    "XborderError",
    "json_pointer",
    "quoted",
]


class XborderError(Exception):
    """Base of every error the project raises on purpose; ``exit_code`` is what the CLI returns."""

    exit_code = 1


@dataclass(frozen=True)
class Fault:
    """One located problem in a tree file.

    >>> print(Fault("t.json", "/nodes/2", "q1", "has one answer", "add a second answer"))
    t.json /nodes/2 (node 'q1'): has one answer. Fix: add a second answer.
    """

    file: str
    location: str
    node: str | None
    message: str
    fix: str | None = None

    def __str__(self) -> str:
        where = f"{self.file} {self.location}" if self.location else self.file
        if self.node is not None:
            where += f" (node {self.node!r})"
        text = f"{where}: {_sentence(self.message)}"
        if self.fix:
            text += f" Fix: {_sentence(self.fix)}"
        return _visible(text)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _sentence(text: str) -> str:
    return text if text.endswith(("?", "!")) else text.rstrip(".") + "."


def _visible(text: str) -> str:
    """Control, line-break and bidi-override characters (which tree text may smuggle into a
    location or message) shown as escapes, so a message cannot drive a terminal."""
    return _UNSAFE.sub(lambda match: repr(match.group())[1:-1], text)


def json_pointer(parts: Iterable[Any]) -> str:
    """A JSON location, each part cut to an excerpt (a key may be any length).

    >>> json_pointer(["nodes", 3, "k" * 50])
    '/nodes/3/kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...'
    """
    return "".join(f"/{_excerpt(str(part))}" for part in parts)


def quoted(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters: what an error line quotes of a text.

    >>> quoted("a" * 100, 10)
    "'aaaaaa..."
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _excerpt(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


MAX_SHOWN_FAULTS = 20
"""A ``TreeError`` message lists at most this many faults; ``.faults`` holds them all."""


class TreeError(XborderError, ValueError):
    """A tree (or scenario/quiz) file that cannot be loaded; carries every fault found."""

    def __init__(self, faults: list[Fault]) -> None:
        self.faults = list(faults)
        count = len(self.faults)
        head = f"{count} fault{'s' if count != 1 else ''} found"
        lines = [f"  {fault}" for fault in self.faults[:MAX_SHOWN_FAULTS]]
        if count > MAX_SHOWN_FAULTS:
            lines.append(f"  ... and {count - MAX_SHOWN_FAULTS:,} more faults")
        super().__init__(head + ":\n" + "\n".join(lines))


class UsageError(XborderError, ValueError):
    """What was asked cannot be done as asked; the caller must change it (exit 2, as click's
    ``UsageError``)."""

    exit_code = 2


class FactError(UsageError):
    """A fact value or answer that the question does not offer, or a fact written wrong."""


class NotFoundError(UsageError, LookupError):
    """A name that is not there (a tree id or file, an outcome, a persona, a node), with the
    closest known name when one is close, else the known names."""

    def __init__(self, kind: str, name: str, known: Iterable[str], where: str = "") -> None:
        self.kind, self.name, self.known = kind, name, sorted(set(known))
        # A name that is not a string (None: a walk that has not reached an outcome) is
        # still reported, with the known names, rather than failing inside difflib.
        self.closest = (
            difflib.get_close_matches(name, self.known, n=1, cutoff=0.6)
            if isinstance(name, str)
            else []
        )
        head = f"no {kind} {name!r}{where}"
        if self.closest:
            hint = f"did you mean {self.closest[0]!r}?"
        else:
            shown = ", ".join(self.known[:MAX_SHOWN_NAMES]) or "none"
            more = f", ... ({len(self.known)} in all)" if len(self.known) > MAX_SHOWN_NAMES else ""
            hint = f"known: {shown}{more}"
        super().__init__(f"{head}: {hint}")

    def __str__(self) -> str:
        return str(self.args[0])


MAX_SHOWN_NAMES = 12
"""A :class:`NotFoundError` without a close name lists at most this many known names."""


class StateError(UsageError):
    """A step asked for out of order (answering a quiz persona before starting it, ...)."""


class OutputError(UsageError, OSError):
    """A file cannot be written where asked: its folder is missing, not a folder, or closed
    to us (a usage error: the path is wrong)."""


class ScenarioError(XborderError, ValueError):
    """A scenario file whose content cannot be run."""


class GraphvizError(XborderError, RuntimeError):
    """Graphviz failed or produced output we cannot use."""


class GraphvizNotFound(GraphvizError):
    """The ``dot`` executable is missing."""

    def __init__(self) -> None:
        super().__init__(
            "Graphviz 'dot' executable not found on PATH. Install it: "
            "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), "
            "'conda install -c conda-forge graphviz', or see https://graphviz.org/download/"
        )


class GraphvizTimeout(GraphvizError):
    """Graphviz took longer than the allowed time."""
