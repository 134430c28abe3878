"""Download links for the explorer: the case summary and the diagram with the path.

>>> from xborder_tree import Walk, load_tree
>>> walk = Walk(load_tree("trees/example-remote-work.json")).answer("canada")
>>> 'download="example-remote-work-case.md"' in download_links(walk, "2026-11-21", diagrams=False)
True
"""

from __future__ import annotations

import base64
import importlib.util

from ..drawing.browser_graphviz import IN_BROWSER, formats_here
from ..drawing.export import render_bytes
from ..drawing.render import Highlight
from ..model.errors import GraphvizError
from ..model.walk import Walk
from ..outputs.cards import escape
from ..outputs.deck import deck
from ..outputs.report import case_html, case_markdown

__all__ = ["download_links", "not_made_here", "slides_here", "slides_link"]

_MIMES = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}


def _data_link(name: str, mime: str, data: bytes, text: str, kind: str) -> str:
    payload = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="xt_download xt_download_{kind}" download="{escape(name)}" '
        f'href="data:{mime};base64,{payload}">{escape(text)}</a>'
    )


def slides_here() -> bool:
    """Whether slide decks can be made here: python-pptx is installed (never in the
    browser, where its lxml has no build)."""
    return importlib.util.find_spec("pptx") is not None


def not_made_here(slides: bool = True) -> str:
    """A note naming the files this Python cannot make and why, or ``""`` when it makes all.

    >>> not_made_here()
    ''
    """
    missing = [fmt.upper() for fmt in _MIMES if fmt not in formats_here()]
    if slides and not slides_here():
        missing.append("slides (PowerPoint)")
    if not missing:
        return ""
    why = (
        "in the browser, Graphviz draws SVG only and python-pptx cannot be installed"
        if IN_BROWSER
        else "python-pptx is not installed (pip install 'xborder-tree[slides]')"
    )
    return (
        f'<p class="xt_note">Not made here: {escape(", ".join(missing))} ({escape(why)}). '
        "Open the notebook in JupyterLab, or use the command line, for those files.</p>"
    )


def slides_link(walk: Walk) -> str:
    """A link to the walk so far as a slide deck (see :mod:`xborder_tree.outputs.deck`): the slow
    download (a Graphviz run per step), so the explorer adds it after the others."""

    data = deck(walk.tree, path=walk.path, as_of=walk.as_of)
    mime = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    return _data_link(f"{walk.tree.id}-walk.pptx", mime, data, "Slides (PowerPoint)", "pptx")


def download_links(
    walk: Walk,
    prepared_on: str,
    *,
    theme: str = "screen",
    diagrams: bool = True,
    slides: bool = True,
    timeout: float = 30.0,
) -> str:
    """HTML links: the case summary (Markdown, HTML) and, when ``diagrams`` and Graphviz
    work, the diagram with the path (SVG, PNG, PDF: what this Python can make) in ``theme``
    and, with ``slides``, the walk as slides; then a note naming what cannot be made here."""
    tree = walk.tree
    stem = f"{tree.id}-case"
    links = [
        _data_link(
            f"{stem}.md",
            "text/markdown;charset=utf-8",
            case_markdown(walk, prepared_on).encode("utf-8"),
            "Case summary (Markdown)",
            "md",
        ),
        _data_link(
            f"{stem}.html",
            "text/html;charset=utf-8",
            case_html(walk, prepared_on).encode("utf-8"),
            "Case summary (HTML)",
            "html",
        ),
    ]
    problem = ""
    if diagrams:
        try:
            for fmt in formats_here():
                mime = _MIMES[fmt]
                data = render_bytes(
                    tree,
                    fmt,
                    theme=theme,
                    highlight=Highlight.from_walk(walk),
                    dpi=150 if fmt == "png" else None,
                    timeout=timeout,
                    as_of=walk.as_of,
                )
                links.append(
                    _data_link(
                        f"{tree.id}-{theme}.{fmt}",
                        mime,
                        data,
                        f"Diagram ({fmt.upper()}, {theme})",
                        fmt,
                    )
                )
            if slides and slides_here():
                links.append(slides_link(walk))
        except GraphvizError as exc:
            problem = f'<p class="xt_error_text">Diagram files are not available: {escape(exc)}</p>'
        problem = problem or not_made_here(slides)
    return "<p>" + "".join(links) + "</p>" + problem
