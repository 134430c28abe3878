"""What became of a person's facts, for the pages: the facts a tree did not use, and "not
this tree's question" with links that open the trees that answer it, facts carried over.

Learner text: facts are shown as the answers a person would have chosen (with the question),
never as fact keys. Every tree string is escaped.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/usmca-work-in-us.json")
>>> answer_words("work_location", "in_mexico", [load_tree("trees/work-in-mexico.json")])
'“In Mexico (commuting, trips or moving there)” (Where will you physically do the work?)'
>>> address("work-in-mexico", {"citizenship": "us", "work_location": "in_mexico"})
'?tree=work-in-mexico&fact=citizenship%3Dus&fact=work_location%3Din_mexico'
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote, urlencode

from ..model.tree import DecisionTree, Resolution
from ..model.vocabulary import OUT_OF_SCOPE

__all__ = ["address", "answer_words", "out_of_scope_html", "unused_html"]

_BOX = "border-left: 4px solid #6E6E6E; background: #F2F2F2; padding: 4px 14px"
"""The notes' box, inline: the app's page shows them outside the explorer's stylesheet."""


def answer_words(key: str, value: str, trees: Iterable[DecisionTree]) -> str:
    """A fact as the answer a person chooses, with its question, from the first tree that
    asks it; else the value in plain words."""
    for tree in trees:
        for question in tree.facts().get(key, {}).get("questions", []):
            for answer in tree.all_answers(question):
                if answer.value == value:
                    return f"“{answer.label}” ({tree.node(question)['text']})"
    return f"“{value.replace('_', ' ')}”"


def address(tree_id: str, facts: Mapping[str, str], as_of: dt.date | None = None) -> str:
    """The app's address (query) that opens ``tree_id`` with ``facts`` answered."""
    pairs = [("tree", tree_id)] + [("fact", f"{k}={v}") for k, v in facts.items()]
    if as_of is not None:
        pairs.append(("as_of", as_of.isoformat()))
    return "?" + urlencode(pairs, quote_via=quote)


def out_of_scope_html(
    resolution: Resolution,
    facts: Mapping[str, str],
    trees: Sequence[DecisionTree],
    as_of: dt.date | None = None,
) -> str:
    """ "Not this tree's question": the answers that put it outside, and a link per tree
    that answers it, opening that tree with ``facts`` carried over."""
    e = html.escape
    said = ", ".join(
        e(answer_words(k, v, [resolution.tree, *trees]))
        for k, v in (resolution.outside or {}).items()
    )
    titles = {tree.id: tree.title for tree in trees}
    links = "".join(
        f'<li><a href="{e(address(tree_id, facts, as_of), quote=True)}">'
        f"{e(titles.get(tree_id, tree_id))}</a></li>"
        for tree_id in resolution.see
    )
    see = (
        "<p>These trees answer it (your answers are carried over):</p>"
        f'<ul class="xt_see">{links}</ul>'
        if links
        else "<p>No tree here covers this situation yet.</p>"
    )
    own = e(address(resolution.tree.id, {}, as_of), quote=True)
    return (
        f'<div class="xt_out_of_scope" role="status" style="{_BOX}">'
        f"<p><strong>{e(OUT_OF_SCOPE)}.</strong> "
        f"“{e(resolution.tree.title)}” does not cover your answer {said}.</p>{see}"
        f'<p><a href="{own}">Open “{e(resolution.tree.title)}” without your answers</a></p></div>'
    )


def unused_html(resolution: Resolution, trees: Sequence[DecisionTree]) -> str:
    """The stated facts the path did not use, each with the reason in words ("" if none)."""
    if not resolution.unused:
        return ""
    e = html.escape
    items = "".join(
        f"<li>{e(answer_words(item.fact, item.value, [resolution.tree, *trees]))}: "
        f"{e(item.to_json()['reason'])}</li>"
        for item in resolution.unused
    )
    return (
        f'<div class="xt_unused" role="status" style="{_BOX}">'
        "<p>Answers given but not used on this path:</p>"
        f"<ul>{items}</ul></div>"
    )
