"""The explorer app's page (``notebooks/app.ipynb`` in Voila): the tree named by the address.

``?tree=<tree id>`` opens that tree; an unknown id, or a tree that cannot be opened (its
file invalid, too large), gets a clear message (which tree, what is wrong) and the list of
the other trees (as links) instead of another tree. ``&as_of=YYYY-MM-DD`` applies the rules of that
date (default, and for a date that is not real: today). ``&fact=key=value`` (repeatable)
answers questions already: facts the path does not use are listed with the reason; facts
outside the tree's scope give "not this tree's question" with links that open the trees
that answer it, the facts carried over; an unknown key or value is a clear message.

>>> page = app_page("tree=no-such-tree")
>>> "There is no tree called" in page.value and "?tree=work-in-canada-from-us" in page.value
True
>>> page = app_page("tree=usmca-work-in-us&fact=work_location%3Din_mexico")
>>> "Not this tree&#x27;s question" in page.value and "?tree=work-in-mexico&amp;fact=" in page.value
True
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from pathlib import Path
from urllib.parse import parse_qs, quote

import ipywidgets as W

from ..checks.factcheck import check_facts
from ..loading import catalog
from ..loading.document import load_tree
from ..model.dates import parse_as_of
from ..model.errors import FactError, XborderError
from ..outputs.fact_notes import out_of_scope_html, unused_html
from .training_widgets import training_explorer

__all__ = [
    "DEFAULT_TREE",
    "app_page",
    "broken_tree_html",
    "missing_tree_html",
    "page_query",
    "warm_up",
]

DEFAULT_TREE = "work-in-canada-from-us"


def _title(path: Path) -> str:
    try:
        return str(json.loads(path.read_text("utf-8"))["title"])
    except (OSError, ValueError, KeyError, TypeError):
        return path.stem


def _tree_links(folder: str | Path | None, leave_out: str = "") -> str:
    """A link to every tree of the menu (but ``leave_out``), by title and id."""
    return "".join(
        f'<li><a href="?tree={html.escape(quote(path.stem), quote=True)}">'
        f"{html.escape(_title(path))}</a> (<code>{html.escape(path.stem)}</code>)</li>"
        for path in catalog.menu_paths(folder)
        if path.stem != leave_out
    )


def _message_with_links(heading: str, detail: str, links: str) -> str:
    return (
        '<div class="xt_missing_tree" role="alert" style="border-left: 4px solid #D55E00; '
        'background: #FDECEA; padding: 0.4em 0.8em">'
        f"<p><strong>{heading}</strong>{detail}</p>"
        f'<ul class="xt_tree_list">{links}</ul></div>'
        "<style>.xt_missing_tree a[href] { color: #0B5CAD; text-decoration: underline; }"
        ".xt_missing_tree pre { white-space: pre-wrap; overflow-wrap: anywhere; }</style>"
    )


def missing_tree_html(name: str, folder: str | Path | None = None) -> str:
    """The message for an unknown ``?tree=``: what was asked, and a link to every tree."""
    return _message_with_links(
        f"There is no tree called &ldquo;{html.escape(name)}&rdquo;",
        " (asked for by <code>?tree=</code> in the address). Open one of these:",
        _tree_links(folder),
    )


def broken_tree_html(name: str, problem: str, folder: str | Path | None = None) -> str:
    """The message for a tree that cannot be opened: which tree, what is wrong (the
    validator's located faults, escaped), and a link to every other tree.

    >>> "5,001 items" in broken_tree_html("big", "big.json /nodes: 5,001 items")
    True
    """
    return _message_with_links(
        f"The tree &ldquo;{html.escape(name)}&rdquo; cannot be opened",
        f" (asked for by <code>?tree=</code> in the address). What is wrong:</p>"
        f'<pre class="xt_tree_problem">{html.escape(problem)}</pre>'
        "<p>Its file needs correcting (<code>xborder-tree validate</code> lists every "
        "fault). Open another tree:",
        _tree_links(folder, leave_out=name),
    )


def app_page(
    query: str = "",
    default: str = DEFAULT_TREE,
    folder: str | Path | None = None,
    *,
    open_quiz: bool = False,
) -> W.Widget:
    """The explorer with its training panels (the quiz open when ``open_quiz``) on the tree
    ``?tree=`` names (else ``default``); for a name that is not a tree, the message of
    :func:`missing_tree_html`; for a tree that cannot be opened, :func:`broken_tree_html`."""

    asked = parse_qs(query)
    name = asked.get("tree", [""])[0].strip() or default
    known = {path.stem: path for path in catalog.tree_paths(folder)}
    if name not in known:
        return W.HTML(missing_tree_html(name, folder)).add_class("xt_app_message")
    try:
        as_of = parse_as_of(asked.get("as_of", [None])[0])
    except ValueError:
        as_of = None
    pairs = asked.get("fact", [])
    try:
        if not pairs:
            return training_explorer(known[name], as_of=as_of, open_quiz=open_quiz)
        return _with_facts(known[name], pairs, as_of, folder, open_quiz)
    except (XborderError, OSError, ValueError, RecursionError, MemoryError) as exc:
        problem = (str(exc) or type(exc).__name__).replace(str(known[name]), known[name].name)
        return W.HTML(broken_tree_html(name, problem, folder)).add_class("xt_app_message")


def _with_facts(
    path: Path, pairs: list[str], as_of: dt.date | None, folder: str | Path | None, open_quiz: bool
) -> W.Widget:
    """The explorer with the address's facts answered, and a note on the facts not used; or
    "not this tree's question"; or the message for a fact that is not understood."""
    tree = load_tree(path)
    others = [load_tree(p) for p in catalog.menu_paths(folder) if p.stem != tree.id]
    facts: dict[str, str] = {}
    try:
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep:
                raise FactError(f"{pair!r}: write it as key=value, e.g. citizenship=us")
            facts[key.strip()] = value.strip()
        check_facts(facts, [tree, *others])
    except FactError as exc:
        return W.HTML(_message(f"The address asks for a fact that is not understood: {exc}"))
    resolution = catalog.resolve_among(tree, facts, as_of, others)
    if resolution.outside:
        return W.HTML(out_of_scope_html(resolution, facts, others, as_of)).add_class(
            "xt_app_message"
        )
    explorer = training_explorer(tree, as_of=as_of, open_quiz=open_quiz)
    for step in resolution.steps:
        explorer.answer(step.value)
    note = unused_html(resolution, others)
    return W.VBox([W.HTML(note), explorer]) if note else explorer


def _message(text: str) -> str:
    return (
        '<div class="xt_missing_tree" role="alert" style="border-left: 4px solid #D55E00; '
        f'background: #FDECEA; padding: 0.4em 0.8em"><p>{html.escape(text)}</p></div>'
    )


def page_query() -> str:
    """The query string of the page this kernel serves.

    Voila gives it in ``QUERY_STRING``; a pre-heated kernel (``VOILA_PREHEAT=True``: it ran
    the notebook before anyone asked) waits here until a visitor's request arrives, so the
    tree and date in that visitor's address apply.

    >>> os.environ.pop("VOILA_PREHEAT", None); os.environ["QUERY_STRING"] = "tree=work-in-mexico"
    >>> page_query()
    'tree=work-in-mexico'
    >>> del os.environ["QUERY_STRING"]
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        import warnings

        from voila.utils import wait_for_request

        # Voila gives up connecting to its request channel after 5 s (a busy machine starting
        # many kernels at once), and the page would then open the default tree whatever its
        # address said: try again until the visitor's request has set QUERY_STRING.
        while "QUERY_STRING" not in os.environ:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wait_for_request()
    return os.environ.get("QUERY_STRING", "")


def warm_up() -> None:
    """Do the slow first build (imports, trees, drawing caches) of the default page, then
    close its widgets: a pre-heated kernel has this done before a visitor arrives, and the
    visitor's page then builds in a fraction of the time. Outside a pre-heated kernel this
    does nothing.

    >>> os.environ.pop("VOILA_PREHEAT", None)
    >>> warm_up()
    """
    if os.environ.get("VOILA_PREHEAT") != "True":
        return
    before = set(W.Widget.widgets)
    app_page()
    for model_id in set(W.Widget.widgets) - before:
        widget = W.Widget.widgets.get(model_id)
        if widget is not None:
            widget.close()
