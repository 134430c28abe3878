"""The ``xborder-tree`` command: validate, render, resolve, facts, walk, test, review, links,
site, consistency, and the training commands why-not, compare, deck, everywhere and quiz.

Exit codes: 0 success, 1 invalid tree or failed check, 2 usage error.
Errors are printed as one or two lines, never as a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from ..model.errors import XborderError
from .args import build_parser
from .checks import cmd_consistency
from .training import cmd_compare, cmd_deck, cmd_everywhere, cmd_quiz, cmd_why_not
from .trees import (
    cmd_facts,
    cmd_links,
    cmd_render,
    cmd_resolve,
    cmd_review,
    cmd_site,
    cmd_test,
    cmd_validate,
    cmd_walk,
)

__all__ = ["main"]


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    read: Callable[[], str] | None = None,
) -> int:
    """Run the CLI; returns the exit code."""
    out = out or sys.stdout
    read = read or sys.stdin.readline
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if "as_of" in args and args.as_of is None:
        args.as_of = dt.date.today()
    commands: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
        "validate": cmd_validate,
        "render": cmd_render,
        "resolve": cmd_resolve,
        "facts": cmd_facts,
        "test": cmd_test,
        "walk": lambda a, o: cmd_walk(a, o, read),
        "why-not": cmd_why_not,
        "compare": cmd_compare,
        "everywhere": cmd_everywhere,
        "deck": cmd_deck,
        "quiz": lambda a, o: cmd_quiz(a, o, read),
        "site": cmd_site,
        "review": cmd_review,
        "consistency": cmd_consistency,
        "links": cmd_links,
    }
    try:
        return commands[args.command](args, out)
    except XborderError as exc:  # UsageError (and NotFoundError): 2; the others: 1
        sys.stderr.write(f"xborder-tree {args.command}: error: {exc}\n")
        return exc.exit_code
    except OSError as exc:
        sys.stderr.write(f"xborder-tree {args.command}: error: {exc.strerror}: {exc.filename}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
