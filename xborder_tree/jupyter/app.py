"""The explorer app's page (``notebooks/app.ipynb`` in Voila): the tree named by the address.

``?tree=<tree id>`` opens that tree; an unknown id gets a clear message and the list of
trees (as links) instead of another tree. ``&as_of=YYYY-MM-DD`` applies the rules of that
date (default, and for a date that is not real: today).

>>> page = app_page("tree=no-such-tree")
>>> "There is no tree called" in page.value and "?tree=work-in-canada-from-us" in page.value
True
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from urllib.parse import parse_qs, quote

import ipywidgets as W

from ..loading import catalog
from ..model.dates import parse_as_of

__all__ = ["DEFAULT_TREE", "app_page", "missing_tree_html"]

DEFAULT_TREE = "work-in-canada-from-us"


def _title(path: Path) -> str:
    try:
        return str(json.loads(path.read_text("utf-8"))["title"])
    except (OSError, ValueError, KeyError, TypeError):
        return path.stem


def missing_tree_html(name: str, folder: str | Path | None = None) -> str:
    """The message for an unknown ``?tree=``: what was asked, and a link to every tree."""
    links = "".join(
        f'<li><a href="?tree={html.escape(quote(path.stem), quote=True)}">'
        f"{html.escape(_title(path))}</a> (<code>{html.escape(path.stem)}</code>)</li>"
        for path in catalog.menu_paths(folder)
    )
    return (
        '<div class="xt_missing_tree" role="alert" style="border-left: 4px solid #D55E00; '
        'background: #FDECEA; padding: 0.4em 0.8em">'
        f"<p><strong>There is no tree called &ldquo;{html.escape(name)}&rdquo;</strong> "
        "(asked for by <code>?tree=</code> in the address). Open one of these:</p>"
        f'<ul class="xt_tree_list">{links}</ul></div>'
        "<style>.xt_missing_tree a[href] { color: #0B5CAD; text-decoration: underline; }"
        "</style>"
    )


def app_page(
    query: str = "",
    default: str = DEFAULT_TREE,
    folder: str | Path | None = None,
    *,
    open_quiz: bool = False,
) -> W.Widget:
    """The explorer with its training panels (the quiz open when ``open_quiz``) on the tree
    ``?tree=`` names (else ``default``), or, for a name that is not a tree, the message of
    :func:`missing_tree_html`."""
    from .training_widgets import training_explorer

    asked = parse_qs(query)
    name = asked.get("tree", [""])[0].strip() or default
    known = {path.stem: path for path in catalog.tree_paths(folder)}
    if name not in known:
        return W.HTML(missing_tree_html(name, folder)).add_class("xt_app_message")
    try:
        as_of = parse_as_of(asked.get("as_of", [None])[0])
    except ValueError:
        as_of = None
    return training_explorer(known[name], as_of=as_of, open_quiz=open_quiz)
