"""The ``xborder-tree`` command: validate, render, resolve, facts, walk, test.

Exit codes: 0 success, 1 invalid tree or failed check, 2 usage error.
Errors are printed as one or two lines, never as a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from .catalog import find_tree, menu_paths, tree_paths, trees_dir
from .dates import parse_as_of
from .errors import FactError, TreeError, XborderError
from .factcheck import check_facts
from .tree import DecisionTree, load_tree

__all__ = ["main"]


def _facts(pairs: Sequence[str] | None, *trees: DecisionTree) -> dict[str, str]:
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


def _date(text: str) -> dt.date:
    """An ``--as-of`` value; a bad one is a usage error (exit 2)."""
    try:
        return parse_as_of(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _tree(name: str) -> DecisionTree:
    return load_tree(find_tree(name))


def _describe_tree(path: Path) -> str:
    tree = load_tree(path)
    return f"{tree.id}, {len(tree.questions)} questions, {len(tree.outcomes)} outcomes"


def _describe_scenarios(path: Path) -> str:
    from .scenarios import load_scenarios

    tree_file = path.with_name(path.name.replace(".scenarios.json", ".json"))
    tree_id = load_tree(tree_file).id if tree_file.exists() else None
    return f"{len(load_scenarios(path, tree_id))} scenarios"


def _describe_quiz(path: Path) -> str:
    from .errors import Fault
    from .quiz import load_quiz

    tree_file = path.with_name(path.name.replace(".quiz.json", ".json"))
    if not tree_file.exists():
        raise TreeError(
            [
                Fault(
                    str(path),
                    "",
                    None,
                    f"no tree file {tree_file.name} beside it",
                    "put the quiz set next to its tree",
                )
            ]
        )
    return f"{len(load_quiz(path, load_tree(tree_file)).personas)} quiz personas"


VALIDATORS: dict[str, Callable[[Path], str]] = {
    ".scenarios.json": _describe_scenarios,
    ".quiz.json": _describe_quiz,
}
"""File-name endings checked by their own loader; every other file is checked as a tree."""


def _check_content(path: Path) -> None:
    """Citations marked official on government domains; no internal labels in learner text."""
    from .content import content_faults

    faults = content_faults(path)
    if faults:
        raise TreeError(faults)


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    paths = [Path(p) for p in args.paths] or tree_paths()
    failed = 0
    for path in paths:
        describe = next(
            (check for end, check in VALIDATORS.items() if path.name.endswith(end)),
            _describe_tree,
        )
        try:
            summary = describe(path)
            _check_content(path)
        except TreeError as exc:
            failed += 1
            out.write(f"FAIL {path}: {exc}\n")
        else:
            out.write(f"ok   {path}: {summary}\n")
    from .factaudit import audit_files  # one question, one key across the trees given

    for finding in audit_files(paths):
        failed += 1
        out.write(f"FAIL same question, other key: {finding}\n")
    return 1 if failed else 0


def cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    from .export import export_diagram
    from .render import Highlight

    tree = _tree(args.tree)
    facts = _facts(args.fact, tree)
    if args.focus or args.fit:
        return _render_focus(args, out, tree, facts)
    highlight = Highlight.from_facts(tree, facts, args.as_of) if facts else None
    fmt = args.format or Path(args.output).suffix.lstrip(".").lower() or "svg"
    theme = args.theme or "screen"
    path = export_diagram(
        tree,
        args.output,
        fmt,
        theme=theme,
        highlight=highlight,
        dpi=args.dpi,
        timeout=args.timeout,
        as_of=args.as_of,
    )
    out.write(f"wrote {path} ({fmt}, {theme} theme)\n")
    return 0


def _slide_options(args: argparse.Namespace) -> dict[str, object]:
    """Theme, fit and time limit of ``--focus`` slides: 1920x1080 for the presentation theme
    unless ``--fit`` says otherwise (``--fit none``: natural size)."""
    from .slides import parse_fit

    if not args.focus:
        raise ValueError("--fit lays out a focus view: add --focus")
    theme = args.theme or "presentation"
    fit = args.fit or ("1920x1080" if theme == "presentation" else "none")
    return {
        "theme": theme,
        "fit": None if fit.lower() == "none" else parse_fit(fit),
        "timeout": args.timeout,
    }


def _render_focus(
    args: argparse.Namespace, out: TextIO, tree: DecisionTree, facts: dict[str, str]
) -> int:
    from .render_focus import write_focus

    options = _slide_options(args)
    path = tree.resolve(facts, args.as_of).path
    files = write_focus(
        tree, path, args.output, args.format, depth=args.depth, as_of=args.as_of, **options
    )
    _report_slides(out, files, options)
    return 0


def _report_slides(out: TextIO, files: Sequence[Path], options: dict[str, object]) -> None:
    for number, file in enumerate(files, 1):
        part = f", part {number} of {len(files)}" if len(files) > 1 else ""
        out.write(f"wrote {file} ({options['theme']} theme{part})\n")


def cmd_resolve(args: argparse.Namespace, out: TextIO) -> int:
    tree = _tree(args.tree)
    resolution = tree.resolve(_facts(args.fact, tree), args.as_of)
    if args.json:
        out.write(json.dumps(resolution.to_json(), indent=2, ensure_ascii=False) + "\n")
        return 0
    from .report import outcome_text, terminal_text

    for step in resolution.steps:
        out.write(
            terminal_text(f"{step.question}\n  -> {step.answer} ({step.fact}={step.value})") + "\n"
        )
    if resolution.outcome is not None:
        out.write("\n" + outcome_text(tree, resolution.outcome, args.as_of) + "\n")
    else:
        pending = resolution.to_json()["pending"]
        out.write(
            terminal_text(
                f"\nIncomplete: next question {pending['question']!r} needs "
                f"--fact {pending['fact']}=<{'|'.join(pending['values'])}>"
            )
            + "\n"
        )
    return 0


def cmd_facts(args: argparse.Namespace, out: TextIO) -> int:
    tree = _tree(args.tree)
    for fact, entry in tree.facts().items():
        out.write(
            f"{fact}: {', '.join(entry['values'])}\n    asked by: {', '.join(entry['questions'])}\n"
        )
    return 0


def cmd_walk(args: argparse.Namespace, out: TextIO, read: Callable[[], str]) -> int:
    from .report import outcome_text, terminal_text
    from .walk import Walk

    walk = Walk(_tree(args.tree), args.as_of)
    out.write(
        terminal_text(f"{walk.tree.title}\nRules as of {walk.as_of}.\n")
        + "Type a number to answer, b = back, r = start over, q = quit.\n"
    )
    while not walk.is_complete:
        node = walk.tree.node(walk.current)
        out.write("\n" + terminal_text(f"{node['text']}\n  ({node['help']})") + "\n")
        answers = walk.answers()
        for number, answer in enumerate(answers, 1):
            out.write(terminal_text(f"  {number}. {answer.label}") + "\n")
        out.write("> ")
        out.flush()
        line = read()
        if line == "":
            out.write("\nStopped before an outcome.\n")
            return 1
        choice = line.strip().lower()
        if choice == "q":
            out.write("Stopped.\n")
            return 0
        if choice == "b":
            walk.back()
        elif choice == "r":
            walk.reset()
        elif choice.isdigit() and 1 <= int(choice) <= len(answers):
            walk.answer(answers[int(choice) - 1].value)
        else:
            out.write(f"Please type a number from 1 to {len(answers)}, b, r or q.\n")
    out.write("\n" + outcome_text(walk.tree, walk.current, walk.as_of) + "\n")
    return 0


def cmd_test(args: argparse.Namespace, out: TextIO) -> int:
    from .scenarios import load_scenarios, run_scenarios, scenario_path

    targets = [Path(p) for p in args.paths] or [trees_dir()]
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files += tree_paths(target)
        else:  # a file, or a tree named by its id as every command allows
            files.append(target if target.exists() else find_tree(str(target)))
    failed = 0
    ran = 0
    for path in files:
        tree_file = (
            path.with_name(path.name.replace(".scenarios.json", ".json"))
            if path.name.endswith(".scenarios.json")
            else path
        )
        scenarios_file = scenario_path(tree_file)
        if not scenarios_file.exists():
            out.write(f"skip {tree_file}: no scenario file {scenarios_file.name}\n")
            continue
        tree = load_tree(tree_file)
        report = run_scenarios(tree, load_scenarios(scenarios_file, tree.id), args.as_of)
        ran += 1
        for result in report.results:
            if not result.passed:
                failed += 1
                out.write(f"FAIL {tree.id} / {result.scenario.id}: {'; '.join(result.problems)}\n")
        out.write(report.summary() + "\n")
        if report.uncovered:
            out.write(f"     outcomes no scenario reaches: {', '.join(sorted(report.uncovered))}\n")
            if args.require_coverage:
                failed += 1
    if ran == 0:
        raise FactError("no scenario files found: add trees/<tree-id>.scenarios.json")
    return 1 if failed else 0


def cmd_why_not(args: argparse.Namespace, out: TextIO) -> int:
    from .report import terminal_text
    from .whynot import why_not

    tree = _tree(args.tree)
    result = why_not(tree, _facts(args.fact, tree), args.outcome, args.as_of)
    if args.json:
        out.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
        return 0
    title = result.tree.outcome_view(result.outcome, args.as_of)["title"]
    if result.already:
        out.write(terminal_text(f"Your answers already lead to {title}.") + "\n")
        return 0
    lines = []
    for index, (heading, changes) in enumerate(result.sections()):
        lines.append(f"To reach {title}, {heading}:" if index == 0 else f"and {heading}:")
        lines += [f"  - {change}" for change in changes]
    lines += ["", "Rule behind the first difference:", f"  {result.rule}"]
    if result.help:
        lines.append(f"  ({result.help})")
    lines += ["", "Citations:"]
    lines += [f"  - {c['title']}, {c['publisher']}: {c['url']}" for c in result.citations]
    lines.append(
        "Facts that reach it: "
        + " ".join(f"--fact {k}={v}" for k, v in result.facts_needed.items())
    )
    out.write(terminal_text("\n".join(lines)) + "\n")
    return 0


def cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from .compare import compare_paths, comparison_json, export_comparison
    from .report import terminal_text

    labels = (args.label_a, args.label_b)
    tree = _tree(args.tree)
    facts_a, facts_b = _facts(args.a, tree), _facts(args.b, tree)
    comparison = compare_paths(tree, facts_a, facts_b, labels, args.as_of)
    if args.output and Path(args.output).suffix.lower() == ".pptx":
        from .compare_deck import write_compare_deck

        written = write_compare_deck(args.output, comparison, as_of=args.as_of)
        out.write(f"wrote {written} (slides)\n")
    elif args.output and (args.focus or args.fit):
        from .compare_focus import write_compare_focus

        options = _slide_options(args)
        files = write_compare_focus(comparison, args.output, args.format, **options)
        _report_slides(out, files, options)
    elif args.output:
        path = export_comparison(
            comparison,
            args.output,
            args.format,
            theme=args.theme or "screen",
            dpi=args.dpi,
            timeout=args.timeout,
        )
        out.write(f"wrote {path} ({args.theme or 'screen'} theme)\n")
    if args.json:
        out.write(json.dumps(comparison_json(comparison), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(terminal_text(comparison.summary()) + "\n")
    return 0


def cmd_deck(args: argparse.Namespace, out: TextIO) -> int:
    from .deck import find_persona, write_deck

    path = find_tree(args.tree)
    tree = load_tree(path)
    facts, persona, as_of = _facts(args.fact, tree), None, args.deck_as_of
    if args.persona:
        found = find_persona(tree, path, args.persona)
        facts, persona, as_of = {**found.facts, **facts}, found.words, as_of or found.as_of
    written = write_deck(args.output, tree, facts, as_of=as_of, persona=persona)
    out.write(f"wrote {written}\n")
    return 0


def cmd_everywhere(args: argparse.Namespace, out: TextIO) -> int:
    from .everytree import everywhere_json, resolve_everywhere
    from .report import terminal_text

    facts = _facts(args.fact)
    results = resolve_everywhere(facts, folder=args.trees, as_of=args.as_of)
    if args.json:
        out.write(json.dumps(everywhere_json(facts, results), indent=2, ensure_ascii=False) + "\n")
        return 0
    for result in results:
        out.write(terminal_text(f"{result.tree.id}: {result.headline()}") + "\n")
    return 0


def cmd_quiz(args: argparse.Namespace, out: TextIO, read: Callable[[], str]) -> int:
    from .quiz import Quiz, load_quiz, quiz_for, quiz_path
    from .report import terminal_text

    path = find_tree(args.tree)
    tree = load_tree(path)
    quiz_set = (
        load_quiz(args.quiz, tree, args.as_of) if args.quiz else quiz_for(tree, path, args.as_of)
    )
    if args.check:
        source = args.quiz or (quiz_path(path) if quiz_path(path).exists() else "scenarios")
        out.write(f"ok   {source}: {len(quiz_set.personas)} personas\n")
        return 0
    quiz = Quiz(tree, quiz_set, args.as_of)
    out.write(
        terminal_text(f"{quiz_set.title}\nType the number of your prediction, q to quit.\n")
    )
    while quiz.stage != "done":
        if quiz.stage == "persona_done":
            quiz.next_persona()
        if not quiz.scores[-1].steps:
            name = quiz.persona_name(quiz.persona.id)
            out.write(terminal_text(f"\n== {name}: {quiz.persona.persona}") + "\n")
        prompt = tree.node(quiz.question)["text"] if quiz.question else "Which outcome applies?"
        choices = quiz.choices()
        out.write("\n" + terminal_text(prompt) + "\n")
        for number, (_, label) in enumerate(choices, 1):
            out.write(terminal_text(f"  {number}. {label}") + "\n")
        out.write("> ")
        out.flush()
        line = read()
        if line == "":
            out.write("\nStopped before the end.\n" + terminal_text(quiz.summary()) + "\n")
            return 1
        choice = line.strip().lower()
        if choice == "q":
            out.write("Stopped.\n" + terminal_text(quiz.summary()) + "\n")
            return 0
        if not (choice.isdigit() and 1 <= int(choice) <= len(choices)):
            out.write(f"Please type a number from 1 to {len(choices)}, or q to quit.\n")
            continue
        feedback = quiz.predict(choices[int(choice) - 1][0])
        head = "Right." if feedback.correct else f"Not quite: {feedback.expected_label}."
        out.write(terminal_text(f"{head} {feedback.reason}") + "\n")
        if feedback.rule:
            out.write(terminal_text(f"Rule: {feedback.rule} (source: {feedback.source})") + "\n")
    out.write("\n" + terminal_text(quiz.summary()) + "\n")
    return 0


def cmd_site(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from .site import build_site
    except ImportError as exc:  # the page is the explorer's front end: it needs that extra
        raise XborderError(
            f"the site needs the explorer extra ({exc.name} is missing): "
            "pip install 'xborder-tree[explorer]'"
        ) from None

    trees = [_tree(name) for name in args.trees] or [load_tree(p) for p in menu_paths()]
    written = build_site(
        trees, args.output, theme=args.theme, as_of=args.as_of, timeout=args.timeout
    )
    for path in written:
        out.write(f"wrote {path}\n")
    return 0


def cmd_review(args: argparse.Namespace, out: TextIO) -> int:
    from .report import terminal_text
    from .review import review_trees

    paths = [find_tree(name) for name in args.trees] or tree_paths()
    items = review_trees(paths, as_of=args.as_of, within=args.within)
    if args.json:
        document = {"as_of": args.as_of.isoformat(), "items": [i.to_json() for i in items]}
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        for item in items:
            out.write(terminal_text(item.line()) + "\n")
        overdue = sum(item.overdue for item in items)
        out.write(f"{len(items)} to look at on {args.as_of}, {overdue} overdue\n")
    return 1 if any(item.overdue for item in items) else 0


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 36_500:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (0 to 36500)")
    return int(text)


def _theme_and_focus_arguments(p: argparse.ArgumentParser) -> None:
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
        help="with --focus: slide size in pixels, text kept at 18 px per 1080 and the path "
        "split into FILE-1, FILE-2... when needed (default: 1920x1080 for the presentation "
        "theme; 'none': natural size)",
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
            type=_date,
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
    _theme_and_focus_arguments(p)
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
    _theme_and_focus_arguments(p)
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
        type=_date,
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

    p = sub.add_parser("review", help="list dated rules that ended or end soon, reviews due")
    p.add_argument("trees", nargs="*", metavar="TREE", help="tree files or ids (default: all)")
    p.add_argument("--within", type=_days, default=60, metavar="DAYS", help="look ahead (60)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    as_of(p)
    return parser


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
    }
    try:
        return commands[args.command](args, out)
    except XborderError as exc:
        sys.stderr.write(f"xborder-tree {args.command}: error: {exc}\n")
        return exc.exit_code
    except ValueError as exc:
        sys.stderr.write(f"xborder-tree {args.command}: error: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"xborder-tree {args.command}: error: {exc.strerror}: {exc.filename}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
