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

__all__ = ["crumb_text", "escape", "outcome_card_html", "tree_outline_html"]


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


def _items(heading: str, items: Sequence[Any]) -> str:
    if not items:
        return ""
    listed = "".join(f"<li>{escape(x)}</li>" for x in items)
    return f"<h4>{escape(heading)}</h4><ul>{listed}</ul>"


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
    """The outcome card with the rules of ``as_of`` (today when ``None``): verdict badge,
    pathways, summary, steps, documents, caveats, corrected misconceptions, citations as
    links, review date and the notice."""
    node = tree.outcome_view(node_id, as_of)
    verdict = node["verdict"]
    parts = [
        f'<div class="xt_card xt_outcome_card" data-outcome="{escape(node_id)}">',
        f'<h3 class="xt_outcome_title" tabindex="-1">{escape(node["title"])}</h3>',
        f'<p><span class="xt_badge xt_verdict_{escape(verdict)}">'
        f"{escape(VERDICTS[verdict])}</span></p>",
        "<p><strong>Pathways:</strong> "
        + "; ".join(escape(pathway_name(tree, code)) for code in node["pathways"])
        + "</p>",
        f'<p class="xt_summary">{escape(node["summary"])}</p>',
        _items("Next steps", node.get("next_steps", [])),
        _items("Documents", node.get("documents", [])),
        _items("Caveats", node.get("caveats", [])),
    ]
    if node.get("misconceptions"):
        parts.append("<h4>Common misconceptions corrected</h4><ul>")
        for item in node["misconceptions"]:
            parts.append(
                f"<li><strong>Misconception:</strong> <s>{escape(item['claim'])}</s><br>"
                f"<strong>Correction:</strong> {escape(item['correction'])} "
                f"({_link(item['citation'])})</li>"
            )
        parts.append("</ul>")
    parts.append("<h4>Sources</h4><ul class='xt_citations'>")
    parts += [f"<li>{_link(c)}</li>" for c in node["citations"]]
    parts.append("</ul>")
    review = f" (next review due by {escape(node['review_by'])})" if node.get("review_by") else ""
    parts.append(
        f'<p class="xt_reviewed">Last reviewed: {escape(node["last_reviewed"])}{review}</p>'
    )
    parts.append(f'<p class="xt_notice" role="note">{escape(NOT_LEGAL_ADVICE)}</p></div>')
    return "".join(parts)


def tree_outline_html(tree: DecisionTree) -> str:
    """A text equivalent of the whole diagram: each question, its answers and where they lead.

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
        "<details class='xt_outline'><summary>Text description of the whole diagram "
        f"({len(tree.questions)} questions, {len(tree.outcomes)} outcomes)</summary>"
        f"<p>Starts at: {escape(tree.node(tree.root)['text'])}</p><ul>{''.join(items)}</ul>"
        "</details>"
    )
