"""The ``xborder-tree`` command line: its parser and the argument helpers the commands share.

>>> build_parser().parse_args(["resolve", "usmca-work-in-us", "--as-of", "2026-11-23"]).as_of
datetime.date(2026, 11, 23)
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence

from ..checks.factcheck import check_facts
from ..loading.catalog import find_tree
from ..loading.document import load_tree
from ..model.dates import parse_as_of
from ..model.errors import FactError
from ..model.tree import DecisionTree

__all__ = ["as_of_date", "build_parser", "day_count", "fact_pairs", "named_tree"]


def fact_pairs(pairs: Sequence[str] | None, *trees: DecisionTree) -> dict[str, str]:
    """``key=value`` pairs as facts; with ``trees``, unknown keys and values are refused."""
    facts: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            raise FactError(f"--fact {pair!r}: write it as key=value, e.g. citizenship=us")
        facts[key.strip()] = value.strip()
    if trees:
        check_facts(facts, trees)
    return facts


def as_of_date(text: str) -> dt.date:
    """An ``--as-of`` value; a bad one is a usage error (exit 2)."""
    try:
        return parse_as_of(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def named_tree(name: str) -> DecisionTree:
    return load_tree(find_tree(name))


def day_count(text: str) -> int:
    if not text.isdigit() or int(text) > 36_500:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (0 to 36500)")
    return int(text)


def seconds(text: str) -> float:
    """A ``--timeout`` value: a number of seconds above 0 and at most 300."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 300:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds (above 0, up to 300)"
        )
    return value


def worker_count(text: str) -> int:
    """A ``--workers`` value: 1 to 32 requests at once."""
    if not text.isdigit() or not 1 <= int(text) <= 32:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers (1 to 32)")
    return int(text)


def theme_and_focus_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--theme",
        choices=["screen", "presentation"],
        help="default: screen, or presentation with --focus",
    )
    p.add_argument(
        "--focus",
        action="store_true",
        help="draw only the path, the answers not taken and what lies ahead (slides)",
    )
    p.add_argument(
        "--fit",
        metavar="WxH",
        help="slide size in pixels, text kept at 18 px per 1080: with --focus the path is "
        "split into FILE-1, FILE-2... when needed (default: 1920x1080 for the presentation "
        "theme; 'none': natural size); without --focus the whole tree is cut into "
        "slide-sized parts by subtree, each titled and linked to the part it continues",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xborder-tree",
        description="Validate, render, resolve and test cross-border work decision trees.",
        epilog="Exit codes: 0 success, 1 invalid tree or failed check, 2 usage error.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    fact_help = "a fact as key=value (repeatable), e.g. --fact citizenship=us"

    def as_of(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--as-of",
            type=as_of_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="apply the rules of this date (default: today)",
        )

    p = sub.add_parser("validate", help="check tree, scenario and quiz files; report every fault")
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="tree, *.scenarios.json or *.quiz.json files (default: every tree)",
    )

    p = sub.add_parser("render", help="draw a tree, optionally with a path highlighted")
    p.add_argument("tree", metavar="TREE", help="tree file or tree id")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument(
        "--format",
        choices=["svg", "png", "pdf"],
        help="output format (default: from FILE's suffix)",
    )
    theme_and_focus_arguments(p)
    p.add_argument("--dpi", type=int, help="PNG resolution (dots per inch, 36-1200)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds Graphviz may take")
    p.add_argument("--fact", action="append", metavar="KEY=VALUE", help=fact_help)
    p.add_argument(
        "--depth", type=int, default=2, help="with --focus: answers shown ahead (default: 2)"
    )
    as_of(p)

    p = sub.add_parser("resolve", help="follow facts to an outcome")
    p.add_argument("tree", metavar="TREE", help="tree file or tree id")
    p.add_argument("--fact", action="append", metavar="KEY=VALUE", help=fact_help)
    p.add_argument("--json", action="store_true", help="print the JSON contract")
    as_of(p)

    p = sub.add_parser("facts", help="list the fact keys a tree asks and their values")
    p.add_argument("tree", metavar="TREE", help="tree file or tree id")

    p = sub.add_parser("walk", help="answer the questions one by one in the terminal")
    p.add_argument("tree", metavar="TREE", help="tree file or tree id")
    p.add_argument(
        "--fact", action="append", metavar="KEY=VALUE", help=fact_help + " (answered already)"
    )
    as_of(p)

    p = sub.add_parser("test", help="run scenario files; report outcome coverage")
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="tree files, scenario files or folders (default: the trees folder)",
    )
    p.add_argument(
        "--require-coverage",
        action="store_true",
        help="fail when an outcome is reached by no scenario",
    )
    as_of(p)
    p = sub.add_parser("why-not", help="the fewest changed answers that reach another outcome")
    p.add_argument("tree", metavar="TREE", help="tree file or tree id")
    p.add_argument("outcome", metavar="OUTCOME", help="outcome id or pathway code")
    p.add_argument("--fact", action="append", metavar="KEY=VALUE", help=fact_help)
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    as_of(p)

    p = sub.add_parser("compare", help="two sets of facts on one diagram")
    p.add_argument("tree", metavar="TREE", help="tree file or tree id")
    p.add_argument("--a", action="append", metavar="KEY=VALUE", help="a fact of path A")
    p.add_argument("--b", action="append", metavar="KEY=VALUE", help="a fact of path B")
    p.add_argument("--label-a", default="A", help="name of path A in the legend")
    p.add_argument("--label-b", default="B", help="name of path B in the legend")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the diagram (svg, png, pdf) or slides (pptx)"
    )
    p.add_argument("--format", choices=["svg", "png", "pdf"], help="default: FILE's suffix")
    theme_and_focus_arguments(p)
    p.add_argument("--dpi", type=int, help="PNG resolution (dots per inch, 36-1200)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds Graphviz may take")
    p.add_argument("--json", action="store_true", help="print both paths and the split as JSON")
    as_of(p)

    p = sub.add_parser("deck", help="a walk as a 16:9 slide deck (PowerPoint) to present")
    p.add_argument("tree", metavar="TREE", help="tree file or tree id")
    p.add_argument("--fact", action="append", metavar="KEY=VALUE", help=fact_help)
    p.add_argument("--persona", metavar="ID", help="take the facts from a scenario's persona")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the .pptx to write")
    p.add_argument(
        "--as-of",
        dest="deck_as_of",
        type=as_of_date,
        metavar="YYYY-MM-DD",
        help="apply the rules of this date (default: the persona's own date, else today)",
    )

    p = sub.add_parser("everywhere", help="run one set of facts through every tree")
    p.add_argument("--fact", action="append", metavar="KEY=VALUE", help=fact_help)
    p.add_argument("--trees", metavar="FOLDER", help="folder of trees (default: the trees folder)")
    p.add_argument("--json", action="store_true", help="print one resolve document per tree")
    as_of(p)
    p = sub.add_parser("quiz", help="predict each answer for personas, then see the score")
    p.add_argument("tree", metavar="TREE", help="tree file or tree id")
    p.add_argument(
        "--quiz", metavar="FILE", help="quiz file (default: TREE's .quiz.json, else its scenarios)"
    )
    p.add_argument("--check", action="store_true", help="only validate the quiz file")
    as_of(p)

    p = sub.add_parser("site", help="write the static explorer: one HTML page per tree, index")
    p.add_argument("trees", nargs="*", metavar="TREE", help="tree files or ids (default: all)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")
    p.add_argument("--theme", choices=["screen", "presentation"], default="screen")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds Graphviz may take")
    as_of(p)

    p = sub.add_parser(
        "consistency", help="run every situation through every tree it fits; fail on conflicts"
    )
    p.add_argument("--trees", metavar="FOLDER", help="folder of trees (default: the trees folder)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--strict", action="store_true", help="also fail on gaps")
    as_of(p)
    p = sub.add_parser("links", help="check that every citation address still answers (online)")
    p.add_argument("trees", nargs="*", metavar="TREE", help="tree files or ids (default: all)")
    p.add_argument(
        "--timeout",
        type=seconds,
        default=10.0,
        metavar="S",
        help="seconds to wait for each address (10)",
    )
    p.add_argument(
        "--workers",
        type=worker_count,
        default=8,
        metavar="N",
        help="requests under way at once (8, at most 32)",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")

    p = sub.add_parser(
        "lite", help="write the training notebooks as a JupyterLite site (no server needed)"
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")
    p.add_argument(
        "--cache", metavar="DIR", help="where downloads are kept (~/.cache/xborder-tree/lite)"
    )

    p = sub.add_parser("review", help="list dated rules that ended or end soon, reviews due")
    p.add_argument("trees", nargs="*", metavar="TREE", help="tree files or ids (default: all)")
    p.add_argument("--within", type=day_count, default=60, metavar="DAYS", help="look ahead (60)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    as_of(p)
    return parser
