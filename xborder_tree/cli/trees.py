"""The ``xborder-tree`` commands about trees: validate, render, resolve, facts, walk, test,
review and site. Each takes the parsed arguments and a text stream; returns the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ..checks.content import content_faults
from ..checks.factaudit import audit_files
from ..checks.review import review_trees
from ..loading.catalog import find_tree, menu_paths, resolve_among, tree_paths, trees_dir
from ..loading.document import load_tree
from ..model.errors import Fault, TreeError, UsageError, XborderError
from ..model.tree import DecisionTree
from ..model.walk import Walk
from ..outputs.report import outcome_text, resolution_notes, terminal_text
from ..training.quiz import load_quiz
from ..training.scenarios import load_scenarios, run_scenarios, scenario_path
from .args import fact_pairs, named_tree


def _describe_tree(path: Path) -> str:
    tree = load_tree(path)
    return f"{tree.id}, {len(tree.questions)} questions, {len(tree.outcomes)} outcomes"


def _describe_scenarios(path: Path) -> str:
    tree_file = path.with_name(path.name.replace(".scenarios.json", ".json"))
    tree_id = load_tree(tree_file).id if tree_file.exists() else None
    return f"{len(load_scenarios(path, tree_id))} scenarios"


def _describe_quiz(path: Path) -> str:
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

    for finding in audit_files(paths):
        failed += 1
        out.write(f"FAIL same question, other key: {finding}\n")
    return 1 if failed else 0


def cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    from ..drawing.export import export_diagram
    from ..drawing.render import Highlight

    tree = named_tree(args.tree)
    facts = fact_pairs(args.fact, tree)
    if args.focus:
        return _render_focus(args, out, tree, facts)
    if args.fit:
        return _render_parts(args, out, tree, facts)
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


def slide_options(args: argparse.Namespace) -> dict[str, object]:
    """Theme, fit and time limit of ``--focus`` slides: 1920x1080 for the presentation theme
    unless ``--fit`` says otherwise (``--fit none``: natural size)."""
    from ..drawing.slides import parse_fit

    if not args.focus:
        raise UsageError("--fit lays out a focus view: add --focus")
    theme = args.theme or "presentation"
    fit = args.fit or ("1920x1080" if theme == "presentation" else "none")
    return {
        "theme": theme,
        "fit": None if fit.lower() == "none" else parse_fit(fit),
        "timeout": args.timeout,
    }


def _render_parts(
    args: argparse.Namespace, out: TextIO, tree: DecisionTree, facts: dict[str, str]
) -> int:
    """The whole tree cut into slide-sized parts (``--fit`` without ``--focus``)."""
    from ..drawing.render_parts import write_tree_parts
    from ..drawing.slides import parse_fit

    if facts:
        raise UsageError("--fit without --focus draws the whole tree in parts: drop --fact")
    if args.fit.lower() == "none":
        raise UsageError("--fit none: leave --fit out to draw the whole tree as one picture")
    theme = args.theme or "presentation"
    files = write_tree_parts(
        tree,
        args.output,
        args.format,
        theme=theme,
        fit=parse_fit(args.fit),
        as_of=args.as_of,
        timeout=args.timeout,
    )
    report_slides(out, files, {"theme": theme})
    return 0


def _render_focus(
    args: argparse.Namespace, out: TextIO, tree: DecisionTree, facts: dict[str, str]
) -> int:
    from ..drawing.render_focus import write_focus

    options = slide_options(args)
    path = tree.resolve(facts, args.as_of).in_scope().path
    files = write_focus(
        tree, path, args.output, args.format, depth=args.depth, as_of=args.as_of, **options
    )
    report_slides(out, files, options)
    return 0


def report_slides(out: TextIO, files: Sequence[Path], options: dict[str, object]) -> None:
    for number, file in enumerate(files, 1):
        part = f", part {number} of {len(files)}" if len(files) > 1 else ""
        out.write(f"wrote {file} ({options['theme']} theme{part})\n")


def cmd_resolve(args: argparse.Namespace, out: TextIO) -> int:
    tree = named_tree(args.tree)
    resolution = resolve_among(tree, fact_pairs(args.fact, tree), args.as_of)
    if args.json:
        out.write(json.dumps(resolution.to_json(), indent=2, ensure_ascii=False) + "\n")
        return 0

    for step in resolution.steps:
        out.write(
            terminal_text(f"{step.question}\n  -> {step.answer} ({step.fact}={step.value})") + "\n"
        )
    for line in resolution_notes(resolution):
        out.write(terminal_text(line) + "\n")
    if resolution.outside:
        return 0
    gap = "\n" if resolution.steps else ""
    if resolution.outcome is not None:
        out.write(gap + outcome_text(tree, resolution.outcome, args.as_of) + "\n")
    else:
        out.write(gap + _next_question(tree, resolution.pending or tree.root, args.as_of))
    return 0


def _next_question(tree: DecisionTree, question: str, as_of: dt.date) -> str:
    """What ``resolve`` prints when the facts stop before an outcome: the next question and
    how to answer it."""
    node = tree.node(question)
    choices = [
        f"  --fact {node['fact']}={a.value}   ({a.label})" for a in tree.answers(question, as_of)
    ]
    return (
        terminal_text(
            "Incomplete: no outcome yet; the facts given stop at a question.\n"
            f"Next question: {node['text']}\n"
            + (f"  ({node['help']})\n" if node.get("help") else "")
            + "Answer it by adding one of:\n"
            + "\n".join(choices)
        )
        + "\n"
    )


def cmd_facts(args: argparse.Namespace, out: TextIO) -> int:
    tree = named_tree(args.tree)
    for fact, entry in tree.facts().items():
        out.write(
            f"{fact}: {', '.join(entry['values'])}\n    asked by: {', '.join(entry['questions'])}\n"
        )
    return 0


def cmd_walk(args: argparse.Namespace, out: TextIO, read: Callable[[], str]) -> int:
    tree = named_tree(args.tree)
    walk = Walk(tree, args.as_of)
    out.write(terminal_text(f"{walk.tree.title}\nRules as of {walk.as_of}.\n"))
    if args.fact:  # start from the facts given: each answered question, or why it was not
        resolution = resolve_among(tree, fact_pairs(args.fact, tree), walk.as_of)
        for step in resolution.steps:
            out.write(terminal_text(f"{step.question} -> {step.answer}") + "\n")
            walk.answer(step.value)
        for line in resolution_notes(resolution):
            out.write(terminal_text(line) + "\n")
        if resolution.outside:
            return 0
    out.write("Type a number to answer, b = back, r = start over, q = quit.\n")
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
            if result.unused:
                out.write(
                    f"note {tree.id} / {result.scenario.id}: not used: {'; '.join(result.unused)}\n"
                )
        out.write(report.summary() + "\n")
        if report.uncovered:
            out.write(f"     outcomes no scenario reaches: {', '.join(sorted(report.uncovered))}\n")
            if args.require_coverage:
                failed += 1
    if ran == 0:
        raise UsageError("no scenario files found: add trees/<tree-id>.scenarios.json")
    return 1 if failed else 0


def cmd_site(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from ..web.site import build_site
    except ImportError as exc:  # the page is the explorer's front end: it needs that extra
        raise XborderError(
            f"the site needs the explorer extra ({exc.name} is missing): "
            "pip install 'xborder-tree[explorer]'"
        ) from None

    trees = [named_tree(name) for name in args.trees] or [load_tree(p) for p in menu_paths()]
    written = build_site(
        trees, args.output, theme=args.theme, as_of=args.as_of, timeout=args.timeout
    )
    for path in written:
        out.write(f"wrote {path}\n")
    return 0


def cmd_review(args: argparse.Namespace, out: TextIO) -> int:
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


def cmd_links(args: argparse.Namespace, out: TextIO) -> int:
    """Check every citation address; exit 1 when any is broken, moved, slow or unreachable."""
    from ..checks.links import check_links, collect_links
    from ..outputs.link_report import report_json, report_lines

    paths = [find_tree(name) for name in args.trees] or tree_paths()
    links = collect_links(paths)
    results = check_links(links, workers=args.workers, timeout=args.timeout)
    if args.json:
        out.write(report_json(links, results) + "\n")
    else:
        for line in report_lines(links, results):
            out.write(line + "\n")
    return 1 if any(result.problem for result in results) else 0
