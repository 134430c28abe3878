"""The explorer's HTML texts: the outcome card and the text description of the whole tree.

Every string from a tree file is escaped here; the browser inserts these as HTML.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> 'class="xt_badge xt_verdict_permit_required"' in outcome_card_html(tree, "permit_needed")
True
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from ..model.tree import DecisionTree
from ..model.vocabulary import NOT_LEGAL_ADVICE, VERDICTS
from .report import pathway_name, safe_url

__all__ = ["FIRST_STEPS", "crumb_text", "escape", "outcome_card_html", "tree_outline_html"]


def escape(text: Any) -> str:
    """``text`` as HTML text or attribute value."""
    return html.escape(str(text), quote=True)


def crumb_text(index: int, label: str, answer: str) -> str:
    """A breadcrumb: step number, the question's short label, the answer (the front end
    writes the trail the same way).

    >>> crumb_text(0, "Citizenship?", "US citizen")
    '1. Citizenship: US citizen'
    """
    return f"{index + 1}. {label.rstrip(' ?:')}: {answer}"


FIRST_STEPS = 3
"""How many next steps the outcome card shows before "More next steps"."""


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _section(kind: str, title: str, items: Sequence[str]) -> str:
    """A part of the card a person opens (``<details>``), its title with the count; empty
    when there is nothing in it. ``items`` are HTML already escaped."""
    if not items:
        return ""
    return (
        f'<details class="xt_more xt_more_{kind}"><summary>{escape(title)} ({len(items)})'
        f"</summary>{_list(items)}</details>"
    )


def _link(citation: Mapping[str, Any]) -> str:
    label = escape(f"{citation['title']}, {citation['publisher']}")
    kind = "official" if citation.get("official") else "secondary"
    url = safe_url(str(citation.get("url", "")))
    if url is None:
        return f"{label} ({kind})"
    return (
        f'<a class="xt_citation" href="{escape(url)}" target="_blank" '
        f'rel="noopener noreferrer">{label}</a> ({kind})'
    )


def outcome_card_html(tree: DecisionTree, node_id: str, as_of: Any = None) -> str:
    """The outcome card with the rules of ``as_of`` (today when ``None``). On one screen:
    the title, the verdict, the pathways, the summary, the first :data:`FIRST_STEPS` next
    steps, the review date and the notice. Then, in parts a person opens (all open when
    printed): more next steps, documents, caveats, corrected misconceptions, "why this
    outcome" (an empty ``xt_why_slot`` the explorer fills from the path) and the sources.

    >>> from xborder_tree import load_tree
    >>> card = outcome_card_html(load_tree("trees/example-remote-work.json"), "permit_needed")
    >>> card.count("<details"), '<h2 class="xt_outcome_title"' in card
    (3, True)
    """
    node = tree.outcome_view(node_id, as_of)
    verdict = node["verdict"]
    steps = [escape(x) for x in node.get("next_steps", [])]
    first = (
        f'<div class="xt_first_steps"><h3>Next steps</h3>{_list(steps[:FIRST_STEPS])}</div>'
        if steps
        else ""
    )
    misconceptions = [
        f"<strong>Misconception:</strong> <s>{escape(item['claim'])}</s><br>"
        f"<strong>Correction:</strong> {escape(item['correction'])} "
        f"({_link(item['citation'])})"
        for item in node.get("misconceptions", [])
    ]
    review = f" (next review due by {escape(node['review_by'])})" if node.get("review_by") else ""
    return "".join(
        [
            f'<div class="xt_card xt_outcome_card" data-outcome="{escape(node_id)}">',
            f'<h2 class="xt_outcome_title" tabindex="-1">{escape(node["title"])}</h2>',
            f'<p class="xt_verdict_line"><span class="xt_badge xt_verdict_{escape(verdict)}">'
            f"{escape(VERDICTS[verdict])}</span></p>",
            '<p class="xt_pathways"><strong>Pathways:</strong> '
            + "; ".join(escape(pathway_name(tree, code)) for code in node["pathways"])
            + "</p>",
            f'<p class="xt_summary">{escape(node["summary"])}</p>',
            first,
            _section("steps", "More next steps", steps[FIRST_STEPS:]),
            _section("documents", "Documents", [escape(x) for x in node.get("documents", [])]),
            _section("caveats", "Caveats", [escape(x) for x in node.get("caveats", [])]),
            _section("misconceptions", "Common misconceptions corrected", misconceptions),
            '<div class="xt_why_slot"></div>',
            _section("sources", "Sources", [_link(c) for c in node["citations"]]).replace(
                "<ul>", "<ul class='xt_citations'>", 1
            ),
            f'<p class="xt_reviewed">Last reviewed: {escape(node["last_reviewed"])}{review}</p>',
            f'<p class="xt_notice" role="note">{escape(NOT_LEGAL_ADVICE)}</p></div>',
        ]
    )


def tree_outline_html(tree: DecisionTree, *, open: bool = False) -> str:
    """A text equivalent of the whole diagram: each question, its answers and where they lead
    (in a part a person opens, open at once if ``open``).

    >>> from xborder_tree import load_tree
    >>> "US citizen &rarr; question: Where will you" in tree_outline_html(
    ...     load_tree("trees/example-remote-work.json"))
    True
    """

    def target(node_id: str) -> str:
        node = tree.node(node_id)
        if node["kind"] == "question":
            return f"question: {escape(node['text'])}"
        return f"outcome: {escape(node['title'])} ({escape(VERDICTS[node['verdict']])})"

    items = []
    for question in tree.questions:
        answers = "".join(
            f"<li>{escape(a.label)} &rarr; {target(a.target)}</li>" for a in tree.answers(question)
        )
        items.append(f"<li>{escape(tree.node(question)['text'])}<ul>{answers}</ul></li>")
    return (
        f"<details class='xt_outline'{' open' if open else ''}>"
        "<summary>Text description of the whole diagram "
        f"({len(tree.questions)} questions, {len(tree.outcomes)} outcomes)</summary>"
        f"<p>Starts at: {escape(tree.node(tree.root)['text'])}</p><ul>{''.join(items)}</ul>"
        "</details>"
    )
