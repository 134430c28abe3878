"""A walk as a case summary: plain text (terminal), Markdown, and HTML. All tree text escaped.

>>> from xborder_tree import Walk, load_tree
>>> walk = Walk(load_tree("trees/example-remote-work.json")).answer("canada")
>>> print(case_markdown(walk, prepared_on="2026-11-21").splitlines()[0])
# Case summary: Example: do I need a Canadian work permit to work for a Canadian employer?
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..model.tree import DecisionTree, Resolution
from ..model.vocabulary import NOT_LEGAL_ADVICE, OUT_OF_SCOPE, PATHWAYS, VERDICTS
from ..model.walk import Walk

__all__ = [
    "MARKS",
    "case_html",
    "case_lines",
    "case_markdown",
    "case_template",
    "fill_case",
    "outcome_text",
    "pathway_name",
    "resolution_notes",
    "safe_url",
    "terminal_text",
    "why_sentence",
    "why_sentences",
]

_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`]+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def terminal_text(text: str) -> str:
    """Text safe to print to a terminal: control characters (ANSI escapes) removed."""
    return _TERMINAL_UNSAFE.sub("", text)


def safe_url(url: str) -> str | None:
    """``url`` when it is an http(s) address, else ``None`` (no ``javascript:`` links)."""
    return url if isinstance(url, str) and _SAFE_URL.fullmatch(url) else None


def pathway_name(tree: DecisionTree, code: str) -> str:
    """A pathway code in words: from the shared vocabulary, or the tree's declaration."""
    own = (tree.meta.get("pathways") or {}).get(code)
    meaning = own.get("meaning") if isinstance(own, dict) else own
    return str(PATHWAYS.get(code) or meaning or code)


def resolution_notes(resolution: Resolution) -> list[str]:
    """What became of the facts the path did not use, and the result for facts outside the
    tree's scope, as lines for the terminal (fact keys shown: the terminal is for trainers).

    >>> from xborder_tree import load_tree
    >>> tree = load_tree("trees/example-remote-work.json")
    >>> resolution_notes(tree.resolve({"citizenship": "canada", "goal": "temporary"}))
    ['Not used: goal=temporary (this tree never asks it)']
    """
    if resolution.outside:
        facts = ", ".join(f"{key}={value}" for key, value in resolution.outside.items())
        see = ", ".join(resolution.see) or "no tree here covers these facts"
        return [f"{OUT_OF_SCOPE}: {facts} is outside what it covers. See: {see}"]
    return [
        f"Not used: {item.fact}={item.value} ({item.to_json()['reason']})"
        for item in resolution.unused
    ]


def why_sentence(question: str, answer: str, note: str | None = None) -> str:
    """One answer in a plain sentence, with what it ruled in or out (``note``): the one
    wording of "why" that every output uses (the explorer gets it with each answer's data).

    >>> why_sentence("Where is the work done?", "In Canada", "Work in Canada needs a permit.")
    'You answered "In Canada" to "Where is the work done?": Work in Canada needs a permit.'
    >>> why_sentence("Citizenship?", "US citizen")
    'You answered "US citizen" to "Citizenship?".'
    """
    sentence = f'You answered "{answer}" to "{question}"'
    return f"{sentence}: {note}" if note else sentence + "."


def why_sentences(walk: Walk) -> list[str]:
    """The path in plain sentences, one per answer (:func:`why_sentence`)."""
    return [why_sentence(step.question, step.answer, step.note) for step in walk.steps]


def _outcome(
    tree: DecisionTree, node_id: str, as_of: _dt.date | str | None = None
) -> Mapping[str, Any]:
    """The outcome as a person sees it on ``as_of``: dated items applied."""
    return tree.outcome_view(node_id, as_of)


def outcome_text(tree: DecisionTree, node_id: str, as_of: _dt.date | str | None = None) -> str:
    """An outcome for the terminal, with the rules of ``as_of`` (today when ``None``):
    verdict, pathways, steps, documents, caveats, citations."""
    node = _outcome(tree, node_id, as_of)
    lines = [
        f"OUTCOME: {node['title']}",
        f"Verdict: {VERDICTS[node['verdict']]}",
        "Pathways: " + "; ".join(pathway_name(tree, c) for c in node["pathways"]),
        "",
        node["summary"],
    ]
    for heading, key in (
        ("Next steps", "next_steps"),
        ("Documents", "documents"),
        ("Caveats", "caveats"),
    ):
        if node.get(key):
            lines += ["", f"{heading}:"] + [f"  - {item}" for item in node[key]]
    for item in node.get("misconceptions", []):
        lines += [
            "",
            f"Common misconception: {item['claim']}",
            f"  Correction: {item['correction']} ({item['citation']['url']})",
        ]
    lines += ["", "Citations:"]
    for citation in node["citations"]:
        kind = "official" if citation["official"] else "secondary"
        lines.append(
            f"  - {citation['title']}, {citation['publisher']} ({kind}): {citation['url']}"
        )
    lines += [
        "",
        f"Last reviewed: {node['last_reviewed']} (review by {node['review_by']})",
        NOT_LEGAL_ADVICE,
    ]
    return terminal_text("\n".join(lines))


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_link(citation: Mapping[str, Any]) -> str:
    label = _md(f"{citation['title']}, {citation['publisher']}")
    url = safe_url(citation["url"])
    kind = "official" if citation["official"] else "secondary"
    return f"[{label}](<{url}>) ({kind})" if url else f"{label} ({kind})"


# The parts of a case summary that depend on the walk are marks in its template, filled by
# fill_case here and by the static page's casefile.js. No tree text can write a mark: it is
# escaped ("<" is "\\<" in Markdown and "&lt;" in HTML).
MARKS = {"date": "<xt:date>", "as_of": "<xt:as-of>", "answers": "<xt:answers>", "why": "<xt:why>"}


def case_template(tree: DecisionTree, end: str, as_of: _dt.date, kind: str) -> str:
    """The case summary (``kind`` ``md`` or ``html``) of a walk that ends at ``end`` (an
    outcome, or the question still to answer) with the rules of ``as_of``, with :data:`MARKS`
    where the date, the answers and the "why" lines go (:func:`fill_case`)."""
    if kind == "html":
        return _html_template(tree, end, as_of)
    lines = [
        f"# Case summary: {_md(tree.title)}",
        "",
        f"Prepared {MARKS['date']} from tree `{tree.id}` version {tree.meta['version']}, "
        f"rules as of {MARKS['as_of']}.",
        "",
        "## Answers",
        "",
        MARKS["answers"],
    ]
    if not tree.is_outcome(end):
        lines += ["", f"Not finished: next question is {_md(tree.node(end)['text'])}"]
    else:
        node = _outcome(tree, end, as_of)
        lines += [
            "",
            f"## Outcome: {_md(node['title'])}",
            "",
            f"**Verdict:** {VERDICTS[node['verdict']]}",
            "",
            "**Pathways:** " + "; ".join(_md(pathway_name(tree, c)) for c in node["pathways"]),
            "",
            _md(node["summary"]),
        ]
        for heading, key in (
            ("Next steps", "next_steps"),
            ("Documents", "documents"),
            ("Caveats", "caveats"),
        ):
            if node.get(key):
                lines += ["", f"### {heading}", ""] + [f"- {_md(x)}" for x in node[key]]
        if node.get("misconceptions"):
            lines += ["", "### Common misconceptions corrected", ""]
            lines += [
                f"- **Misconception:** ~~{_md(m['claim'])}~~  \n"
                f"  **Correction:** {_md(m['correction'])} {_md_link(m['citation'])}"
                for m in node["misconceptions"]
            ]
        lines += ["", "### Why this outcome", "", MARKS["why"]]
        lines += ["", "### Citations", ""] + [f"- {_md_link(c)}" for c in node["citations"]]
        lines += ["", f"Last reviewed: {node['last_reviewed']}"]
    lines += ["", f"*{NOT_LEGAL_ADVICE}*", ""]
    return "\n".join(lines)


def case_lines(question: str, answer: str, note: str | None, kind: str) -> dict[str, str]:
    """One answer's line in the answers list (``answer``, without its number) and in "Why this
    outcome" (``why``), in ``kind`` (``md`` or ``html``)."""
    why = why_sentence(question, answer, note)
    if kind == "html":
        return {
            "answer": f"<li>{_h(question)} <strong>{_h(answer)}</strong></li>",
            "why": f"<li>{_h(why)}</li>",
        }
    return {"answer": f"{_md(question)} **{_md(answer)}**", "why": f"- {_md(why)}"}


def fill_case(
    template: str, kind: str, date: str, as_of: str, answers: Sequence[str], why: Sequence[str]
) -> str:
    """``template`` (:func:`case_template`) with the date, the rules' date and the lines of
    :func:`case_lines` in place (the static page's casefile.js does the same).

    >>> fill_case("<xt:date> <xt:as-of>|<xt:answers>|<xt:why>", "md", "D", "A", ["a", "b"], [])
    'D A|1. a\\n2. b|'
    >>> fill_case("<ol><xt:answers>\\n</ol>", "html", "D", "A", [], [])
    '<ol>\\n</ol>'
    """
    if kind == "html":
        listed = "".join(f"\n{line}" for line in answers)
        reasons = "".join(why)
    else:
        listed = "\n".join(f"{i}. {line}" for i, line in enumerate(answers, 1)) or (
            "No answers yet."
        )
        reasons = "\n".join(why)
    text = template.replace(MARKS["date"], date).replace(MARKS["as_of"], as_of)
    return text.replace(MARKS["answers"], listed).replace(MARKS["why"], reasons)


def _filled(walk: Walk, prepared_on: str | None, kind: str) -> str:
    lines = [case_lines(s.question, s.answer, s.note, kind) for s in walk.steps]
    return fill_case(
        case_template(walk.tree, walk.current, walk.as_of, kind),
        kind,
        prepared_on or _dt.date.today().isoformat(),
        walk.as_of.isoformat(),
        [line["answer"] for line in lines],
        [line["why"] for line in lines],
    )


def case_markdown(walk: Walk, prepared_on: str | None = None) -> str:
    """The case summary in Markdown: answers, outcome, citations, and the day it was
    ``prepared_on`` (today by default; the rules applied are those of ``walk.as_of``)."""
    return _filled(walk, prepared_on, "md")


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _html_link(citation: Mapping[str, Any]) -> str:
    label = _h(f"{citation['title']}, {citation['publisher']}")
    kind = "official" if citation["official"] else "secondary"
    url = safe_url(citation["url"])
    if url:
        return f'<a href="{_h(url)}" target="_blank" rel="noopener noreferrer">{label}</a> ({kind})'
    return f"{label} ({kind})"


def case_html(walk: Walk, prepared_on: str | None = None) -> str:
    """The case summary as a standalone HTML page (``prepared_on`` as in :func:`case_markdown`)."""
    return _filled(walk, prepared_on, "html")


def _html_template(tree: DecisionTree, end: str, as_of: _dt.date) -> str:
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Case summary: {_h(tree.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.45}"
        ".notice{font-style:italic}</style></head><body>",
        f"<h1>Case summary: {_h(tree.title)}</h1>",
        f"<p>Prepared {MARKS['date']} from tree <code>{_h(tree.id)}</code> version "
        f"{_h(tree.meta['version'])}, rules as of {MARKS['as_of']}.</p>",
        f"<h2>Answers</h2><ol>{MARKS['answers']}",
    ]
    parts.append("</ol>")
    if tree.is_outcome(end):
        node = _outcome(tree, end, as_of)
        parts += [
            f"<h2>Outcome: {_h(node['title'])}</h2>",
            f"<p><strong>Verdict:</strong> {_h(VERDICTS[node['verdict']])}</p>",
            "<p><strong>Pathways:</strong> "
            + "; ".join(_h(pathway_name(tree, c)) for c in node["pathways"])
            + "</p>",
            f"<p>{_h(node['summary'])}</p>",
        ]
        for heading, key in (
            ("Next steps", "next_steps"),
            ("Documents", "documents"),
            ("Caveats", "caveats"),
        ):
            if node.get(key):
                parts.append(
                    f"<h3>{heading}</h3><ul>"
                    + "".join(f"<li>{_h(x)}</li>" for x in node[key])
                    + "</ul>"
                )
        if node.get("misconceptions"):
            parts.append(
                "<h3>Common misconceptions corrected</h3><ul>"
                + "".join(
                    f"<li><strong>Misconception:</strong> <s>{_h(m['claim'])}</s><br>"
                    f"<strong>Correction:</strong> {_h(m['correction'])} "
                    f"{_html_link(m['citation'])}</li>"
                    for m in node["misconceptions"]
                )
                + "</ul>"
            )
        parts.append(f"<h3>Why this outcome</h3><ul>{MARKS['why']}</ul>")
        parts.append(
            "<h3>Citations</h3><ul>"
            + "".join(f"<li>{_html_link(c)}</li>" for c in node["citations"])
            + "</ul>"
        )
        parts.append(f"<p>Last reviewed: {_h(node['last_reviewed'])}</p>")
    else:
        parts.append(f"<p>Not finished: next question is {_h(tree.node(end)['text'])}</p>")
    parts.append(f'<p class="notice">{_h(NOT_LEGAL_ADVICE)}</p></body></html>')
    return "\n".join(parts)
