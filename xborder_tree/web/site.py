"""The static explorer: one self-contained HTML page per tree, and an index, for any browser.

Python does all the work when the site is built: it validates each tree, lays out its whole
map with Graphviz, builds the outcome cards and the case summaries' outcome parts (every tree
string escaped here), and applies the dated rules of every period the tree knows. The page
carries that data in ``<script type="application/json">`` blocks and the explorer's own front
end (the ES modules the Voila app draws with, linked by :mod:`~xborder_tree.web.front_end`, entered
by ``static/site.js``, which feeds it from the page instead of a kernel). No network request,
no external font or script; a Content-Security-Policy lets only the page's own script (and the
modules it links as ``blob:`` URLs) run.

>>> from xborder_tree import load_tree
>>> page = site_page(load_tree("trees/example-remote-work.json"), as_of="2026-11-23")
>>> page.startswith("<!DOCTYPE html>") and 'id="xt-data"' in page
True
>>> json_block("x", {"t": "</script><!--"})
'<script type="application/json" id="x">{"t": "\\\\u003c/script\\\\u003e\\\\u003c!--"}</script>'
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from ..drawing.export import DEFAULT_TIMEOUT, laid_out_svg, write_atomic
from ..drawing.render import THEMES, off_date_css
from ..model.dates import parse_as_of
from ..model.errors import OutputError, TreeError, UsageError, XborderError
from ..model.tree import DecisionTree
from ..model.vocabulary import NOT_LEGAL_ADVICE, OUT_OF_SCOPE
from ..outputs.cards import escape, tree_outline_html
from ..outputs.report import case_lines, case_template
from .explorer_data import explorer_data, periods
from .front_end import STATIC, linked_script
from .site_index import ENTRY_ID, folder_entries, index_entry, index_page
from .styles import diagram_css

__all__ = ["build_site", "index_page", "json_block", "packed", "periods", "site_page", "unpack"]

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

PAGE_CSS = """
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1b1b; background: #fff; }
.xt_page { max-width: 1800px; margin: 0 auto; padding: 6px 16px 8px; }
.xt_page_head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 18px;
  margin-bottom: 6px; }
.xt_page_head h1 { font-size: 20px; margin: 0; flex: 1 1 420px; }
.xt_page_head p { margin: 0; }
.xt_page a[href] { color: #0B5CAD; }
.xt_intro { flex-basis: 100%; font-size: 15px; }
.xt_page_downloads { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.xt_page_downloads button { font: inherit; font-size: 14px; padding: 2px 10px;
  border: 1px solid #44546A; border-radius: 4px; background: #EEF2F7; cursor: pointer; }
.xt_page_downloads button:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.xt_live { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.xt_page_foot { display: flex; flex-wrap: wrap; gap: 2px 18px; font-size: 13px; color: #444;
  margin-top: 4px; }
.xt_page_foot p { margin: 0; }
.xt_outline { font-size: 15px; }
@media print { .xt_page_downloads, .xt_page_foot .xt_built { display: none; } }
.xt_refused { color: #8B0000; background: #FDECEA; border-left: 4px solid #D55E00;
  padding: 0.4em 0.8em; }
"""


def packed(value: Any) -> str:
    """``value`` as JSON, gzip-compressed and base64-encoded: a tenth of the bytes to read
    for a big tree; the page unpacks it with the browser's own ``DecompressionStream``.

    >>> unpack(packed({"a": [1, "<b>"]}))
    {'a': [1, '<b>']}
    """
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def unpack(text: str) -> Any:
    """The value :func:`packed` wrote."""
    return json.loads(gzip.decompress(base64.b64decode(text)).decode("utf-8"))


def json_block(element_id: str, value: Any) -> str:
    """``value`` as JSON in a ``<script type="application/json">`` element, with ``<``, ``>``,
    ``&``, U+2028 and U+2029 written as ``\\u`` escapes so no text can end the element."""
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return f'<script type="application/json" id="{escape(element_id)}">{text}</script>'


# ------------------------------------------------------------------ dated rules
def _period_of(starts: Sequence[dt.date | None], day: dt.date) -> int:
    return max(i for i, start in enumerate(starts) if start is None or start <= day)


# ------------------------------------------------------------------ case summaries
def case_parts(tree: DecisionTree, day: dt.date) -> dict[str, Any]:
    """The case summary as the page fills it in (:func:`~xborder_tree.outputs.report.fill_case`,
    also casefile.js): per node (an outcome, or the question still to answer) the template in
    Markdown and HTML (:func:`~xborder_tree.outputs.report.case_template`), and per question
    and answer value its lines (:func:`~xborder_tree.outputs.report.case_lines`), all written
    here by Python; the browser test compares the page's downloads with Python's, byte for
    byte, on every persona."""
    kinds = ("md", "html")
    templates = {
        node: {kind: case_template(tree, node, day, kind) for kind in kinds} for node in tree.nodes
    }
    lines = {
        question: {
            answer.value: {
                kind: case_lines(tree.node(question)["text"], answer.label, answer.note, kind)
                for kind in kinds
            }
            for answer in tree.answers(question, day)
        }
        for question in tree.questions
    }
    return {"templates": templates, "lines": lines}


# ------------------------------------------------------------------ one tree's page
def _diff(base: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in other.items() if base.get(key) != value}


def page_data(
    tree: DecisionTree,
    theme: str,
    day: dt.date,
    timeout: float = DEFAULT_TIMEOUT,
    others: Sequence[DecisionTree] = (),
) -> dict[str, Any]:
    """What the page carries: the explorer's data for ``day`` and, for every other period of
    the dated rules, only what differs (nodes, answers, case-summary parts, and the stylesheet that
    dashes on the one laid-out map what is not in force); the scopes of the tree and of
    ``others`` (the site's other pages) for facts given in the address."""
    starts = periods(tree)
    own = _period_of(starts, day)
    data = explorer_data(tree, as_of=day)
    case = case_parts(tree, day)
    svg = laid_out_svg(tree, theme, timeout=timeout)
    spans: list[dict[str, Any]] = []
    for index, start in enumerate(starts):
        if index == own:
            spans.append({"start": start.isoformat() if start else None})
            continue
        # only the first period is open at its start; the day before the second stands for it
        first = start if start is not None else cast(dt.date, starts[1]) - dt.timedelta(days=1)
        other = explorer_data(tree, as_of=first)
        other_case = case_parts(tree, first)
        spans.append(
            {
                "start": start.isoformat() if start else None,
                "nodes": _diff(data["nodes"], other["nodes"]),
                "answers": _diff(data["answers"], other["answers"]),
                "gone": sorted(set(data["answers"]) - set(other["answers"])),
                "case": {part: _diff(case[part], other_case[part]) for part in case},
                "map_css": diagram_css(theme) + off_date_css(tree, first),
            }
        )
    extra = {
        "periods": spans,
        "facts": {q: tree.node(q)["fact"] for q in tree.questions},
        "case": case,
        "tree": {"id": tree.id, "version": str(tree.meta["version"])},
        "notice": NOT_LEGAL_ADVICE,
        "outline": tree_outline_html(tree),
        "scope": {
            "own": _alternatives(tree),
            "others": [
                {"id": other.id, "title": other.title, "scope": _alternatives(other)}
                for other in others
                if other.id != tree.id and other.scope.alternatives is not None
            ],
            "words": {
                "title": OUT_OF_SCOPE,
                "outside": "This page does not cover the situation your address describes.",
                "see": "These pages answer it (your answers are carried over):",
                "none": "No page of this site covers it yet.",
            },
        },
    }
    cards = {}
    for node_id, node in data["nodes"].items():  # the cards wait in their own block
        if "card" in node:
            cards[node_id] = node["card"]
            data["nodes"][node_id] = {k: v for k, v in node.items() if k != "card"}
    opening = {
        "data": data,
        "theme": theme,
        "map_css": diagram_css(theme) + off_date_css(tree, day),
        "label": f"Whole diagram of the tree: {tree.title}.",
    }
    return {"start": opening, "cards": cards, "extra": extra, "map": svg}


def _alternatives(tree: DecisionTree) -> list[dict[str, list[str]]] | None:
    """A tree's scope for the page: lists of values by fact key (``None``: every situation)."""
    alternatives = tree.scope.alternatives
    if alternatives is None:
        return None
    return [{key: sorted(values) for key, values in alt.items()} for alt in alternatives]


def _script() -> str:
    code = linked_script("site.js")
    if "</script" in code.lower():
        raise XborderError("the front end's script contains '</script': it cannot be inlined")
    return code


def site_page(
    tree: DecisionTree,
    theme: str = "screen",
    as_of: dt.date | str | None = None,
    built: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    others: Sequence[DecisionTree] = (),
) -> str:
    """The tree's explorer as one self-contained HTML page, opening on the rules of
    ``as_of`` (today when ``None``); Graphviz may take ``timeout`` seconds per layout.
    ``others``: the site's other pages, linked when the address's facts are theirs."""
    if theme not in THEMES:
        raise UsageError(f"unknown theme: {theme!r} (must be one of {sorted(THEMES)})")
    day = parse_as_of(as_of)
    built = built or dt.date.today()
    parts = page_data(tree, theme, day, timeout, others)
    script = _script()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}' blob:; base-uri 'none'; form-action 'none'"
    )
    css = (STATIC / "explorer.css").read_text("utf-8") + PAGE_CSS
    title = escape(tree.title)
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">',
            f"<title>{title} - xborder-tree explorer</title>",
            json_block(ENTRY_ID, index_entry(tree)),
            f"<style>{css}</style></head><body>",
            '<div class="xt_page">',
            '<header class="xt_page_head">',
            f"<h1>{title}</h1>",
            '<p><a href="index.html">All trees</a></p>',
            '<p class="xt_intro">Answer the questions to reach an outcome with its official '
            "sources; the diagram beside them shows your path. "
            '<span class="xt_page_downloads" role="group" aria-label="Case summary">'
            "Your case summary: "
            '<button type="button" class="xt_download_md">Download (Markdown)</button>'
            '<button type="button" class="xt_download_html">Download (HTML)</button></span></p>',
            "</header>",
            '<main><div class="xt_explorer_view" id="xt-explorer"></div>',
            '<p class="xt_live" role="status" aria-live="polite"></p>',
            '<p class="xt_refused" role="alert" hidden></p></main>',
            '<footer class="xt_page_foot"><div class="xt_outline_holder"></div>',
            '<p class="xt_built">A static page built on ',
            f"{built.isoformat()} by <code>xborder-tree site</code> from tree ",
            f"<code>{escape(tree.id)}</code> version {escape(tree.meta['version'])}; it works ",
            "offline and sends nothing anywhere.</p></footer></div>",
            "<noscript><p>This explorer needs JavaScript.</p></noscript>",
            json_block("xt-data", packed(parts["start"])),
            json_block("xt-cards", packed(parts["cards"])),
            json_block("xt-extra", packed(parts["extra"])),
            json_block("xt-map", packed(parts["map"])),
            f'<script type="module">{script}</script>',
            "</body></html>\n",
        ]
    )


# ------------------------------------------------------------------ the site
def _make_folder(folder: Path) -> None:
    """Create the site's folder, or say why it cannot be written (before any layout)."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"cannot write the site into {folder}: it is a file, not a folder. "
            "Give a folder (it is created if missing)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the folder {folder} ({exc.strerror}): write the site elsewhere"
        ) from None


def build_site(
    trees: Sequence[DecisionTree],
    out: str | Path,
    *,
    theme: str = "screen",
    as_of: dt.date | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Path]:
    """Write ``out/<tree id>.html`` for each tree and ``out/index.html``, which lists every
    explorer page in ``out`` (those of earlier builds too); returns the paths written.

    Each tree must pass ``validate``'s content checks (``TreeError`` with every fault, and
    nothing written, if one does not). A page replaced keeps its mode; a new one is 0644.
    """
    from ..checks.content import tree_content_faults

    folder = Path(out)
    ids = [tree.id for tree in trees]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise XborderError(f"two trees have the id {twice[0]!r}: each page is named by its id")
    faults = [fault for tree in trees for fault in tree_content_faults(tree)]
    if faults:
        raise TreeError(faults)
    _make_folder(folder)
    pages = {
        f"{tree.id}.html": site_page(tree, theme, as_of, timeout=timeout, others=trees)
        for tree in trees
    }
    kept = folder_entries(folder, skip=pages)
    pages["index.html"] = index_page([*kept, *map(index_entry, trees)])
    written = []
    for name, text in pages.items():
        new = not (folder / name).exists()
        path = write_atomic(folder / name, text.encode("utf-8"))
        if new:
            path.chmod(0o644)  # a web server must be able to read it
        written.append(path)
    return written
