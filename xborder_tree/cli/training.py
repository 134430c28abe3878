"""The ``xborder-tree`` training commands: why-not, compare, deck, everywhere and quiz. Each
takes the parsed arguments and a text stream; returns the exit code."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..loading.catalog import find_tree, resolve_among
from ..loading.document import load_tree
from ..outputs.report import resolution_notes, terminal_text
from ..training.everytree import everywhere_json, resolve_everywhere
from ..training.quiz import Quiz, load_quiz, quiz_for, quiz_path
from ..training.whynot import why_not
from .args import fact_pairs, named_tree
from .trees import report_slides, slide_options


def cmd_why_not(args: argparse.Namespace, out: TextIO) -> int:
    tree = named_tree(args.tree)
    result = why_not(tree, fact_pairs(args.fact, tree), args.outcome, args.as_of)
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
    from ..drawing.compare import compare_paths, comparison_json, export_comparison

    labels = (args.label_a, args.label_b)
    tree = named_tree(args.tree)
    facts_a, facts_b = fact_pairs(args.a, tree), fact_pairs(args.b, tree)
    comparison = compare_paths(tree, facts_a, facts_b, labels, args.as_of)
    if args.output and Path(args.output).suffix.lower() == ".pptx":
        from ..outputs.compare_deck import write_compare_deck

        written = write_compare_deck(args.output, comparison, as_of=args.as_of)
        out.write(f"wrote {written} (slides)\n")
    elif args.output and (args.focus or args.fit):
        from ..drawing.compare_focus import write_compare_focus

        options = slide_options(args)
        files = write_compare_focus(comparison, args.output, args.format, **options)
        report_slides(out, files, options)
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
    from ..outputs.deck import find_persona, write_deck

    path = find_tree(args.tree)
    tree = load_tree(path)
    facts, persona, as_of = fact_pairs(args.fact, tree), None, args.deck_as_of
    if args.persona:
        found = find_persona(tree, path, args.persona)
        facts, persona, as_of = {**found.facts, **facts}, found.words, as_of or found.as_of
    resolution = resolve_among(tree, facts, as_of).in_scope()  # out of scope: names the trees
    written = write_deck(args.output, tree, facts, as_of=as_of, persona=persona)
    out.write(f"wrote {written}\n")
    for line in resolution_notes(resolution):  # the facts the deck's path does not use
        out.write(terminal_text(line) + "\n")
    return 0


def cmd_everywhere(args: argparse.Namespace, out: TextIO) -> int:
    facts = fact_pairs(args.fact)
    results = resolve_everywhere(facts, folder=args.trees, as_of=args.as_of)
    if args.json:
        out.write(json.dumps(everywhere_json(facts, results), indent=2, ensure_ascii=False) + "\n")
        return 0
    for result in results:
        out.write(terminal_text(f"{result.tree.id}: {result.headline()}") + "\n")
    return 0


def cmd_quiz(args: argparse.Namespace, out: TextIO, read: Callable[[], str]) -> int:
    path = find_tree(args.tree)
    tree = load_tree(path)
    quiz_set = (
        load_quiz(args.quiz, tree, args.as_of) if args.quiz else quiz_for(tree, path, args.as_of)
    )
    if args.check:
        source = args.quiz or (quiz_path(path) if quiz_path(path).exists() else "scenarios")
        out.write(f"ok   {source}: {len(quiz_set.personas)} personas\n")
        for persona in quiz_set.personas:  # facts a persona states that its path never uses
            resolution = tree.resolve(persona.facts, persona.as_of or args.as_of)
            for line in resolution_notes(resolution):
                out.write(terminal_text(f"note {persona.id}: {line}") + "\n")
        return 0
    quiz = Quiz(tree, quiz_set, args.as_of)
    out.write(terminal_text(f"{quiz_set.title}\nType the number of your prediction, q to quit.\n"))
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


def cmd_lite(args: argparse.Namespace, out: TextIO) -> int:
    """Build the JupyterLite site of the training notebooks (see :mod:`xborder_tree.web.lite`)."""
    from ..web.lite import build_lite

    folder = build_lite(args.output, cache=args.cache, log=lambda text: out.write(f"{text}\n"))
    out.write(f"wrote {folder} (open {folder / 'index.html'} through a web server)\n")
    return 0
