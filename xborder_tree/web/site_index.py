"""The static site's index: one entry per explorer page in the output folder, including the
pages earlier builds left there, so two builds into one folder give one list of every page.

Each page carries its own entry (title, summary, first question, size) in a
``<script type="application/json" id="xt-entry">`` block near its top; the index is made from
the entries of the pages being written and those read back from the folder's other pages.

>>> from xborder_tree import load_tree
>>> entry = index_entry(load_tree("trees/example-remote-work.json"))
>>> entry["id"], entry["questions"], entry["outcomes"]
('example-remote-work', 2, 3)
>>> entry_of_page('<script type="application/json" id="xt-entry">{"id": 1}</script>', "x")
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..model.tree import DecisionTree
from ..model.vocabulary import NOT_LEGAL_ADVICE
from ..outputs.cards import escape

__all__ = ["ENTRY_ID", "entry_of_page", "folder_entries", "index_entry", "index_page"]

ENTRY_ID = "xt-entry"
"""The id of the block a page carries its index entry in."""
_ENTRY = re.compile(
    r'<script type="application/json" id="' + ENTRY_ID + r'">(.*?)</script>', re.DOTALL
)
_HEAD_BYTES = 262_144
"""The entry sits in the page's head: at most this much of a page is read to find it."""
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
_TEXTS = ("title", "summary", "first")
_COUNTS = ("questions", "outcomes")


def index_entry(tree: DecisionTree) -> dict[str, Any]:
    """What the index shows of a tree: id, title, summary, first question, size."""
    return {
        "id": tree.id,
        "title": tree.title,
        "summary": str(tree.meta.get("summary", "")),
        "first": str(tree.node(tree.root)["text"]),
        "questions": len(tree.questions),
        "outcomes": len(tree.outcomes),
    }


def entry_of_page(text: str, stem: str) -> dict[str, Any] | None:
    """The index entry a page carries, if it is an explorer page named ``<its id>.html``;
    ``None`` for any other file (never trusted further than its types)."""
    found = _ENTRY.search(text)
    if found is None:
        return None
    try:
        entry = json.loads(found.group(1))
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("id") != stem or not _SLUG.match(stem):
        return None
    if not all(isinstance(entry.get(key), str) for key in _TEXTS):
        return None
    if not all(type(entry.get(key)) is int for key in _COUNTS):
        return None
    return {key: entry[key] for key in ("id", *_TEXTS, *_COUNTS)}


def folder_entries(folder: Path, skip: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The entries of the explorer pages already in ``folder`` (but those named in
    ``skip``, about to be replaced)."""
    found = []
    left_out = set(skip) | {"index.html"}
    for path in sorted(folder.glob("*.html")):
        if path.name in left_out or not path.is_file():
            continue
        try:
            with open(path, "rb") as handle:
                head = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        entry = entry_of_page(head, path.stem)
        if entry is not None:
            found.append(entry)
    return found


def index_page(
    entries: Iterable[Mapping[str, Any] | DecisionTree], built: dt.date | None = None
) -> str:
    """The list of trees (entries, or trees): title, summary, first question, size, link to
    its page; sorted by id, as the pages are named."""
    listed = [
        index_entry(item) if isinstance(item, DecisionTree) else dict(item) for item in entries
    ]
    items = [
        f'<li><h2><a href="{escape(entry["id"])}.html">{escape(entry["title"])}</a></h2>'
        f"<p>{escape(entry['summary'])}</p>"
        f"<p>First question: <em>{escape(entry['first'])}</em> "
        f"({entry['questions']} questions, {entry['outcomes']} outcomes)</p></li>"
        for entry in sorted(listed, key=lambda entry: str(entry["id"]))
    ]
    day = (built or dt.date.today()).isoformat()
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        "<title>Cross-border work rules: decision trees</title><style>"
        "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
        "line-height:1.45;color:#1b1b1b}a{color:#0B5CAD}ul{list-style:none;padding:0}"
        "li{border-left:5px solid #A4356F;padding:2px 14px;margin:0 0 18px}"
        "h2{font-size:20px;margin:6px 0}.notice{font-style:italic}</style></head><body>"
        "<h1>Cross-border work rules: decision trees</h1>"
        "<p>Answer the questions of a tree to reach an outcome with its official sources. "
        "Each page works offline.</p>"
        f'<ul class="xt_tree_list">{"".join(items)}</ul>'
        f'<p class="notice">{escape(NOT_LEGAL_ADVICE)}</p>'
        f"<p><small>Built {day} by <code>xborder-tree site</code>.</small></p>"
        "</body></html>\n"
    )
