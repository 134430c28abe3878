"""``ExplorerView``: the explorer's front end (the modules of ``static/``, see
:mod:`~xborder_tree.web.front_end`, and ``static/explorer.css``) as one
anywidget: the trail, the question and its answers (or the outcome card) and the diagram,
drawn by the browser in one frame from ``data`` (sent once per tree) and ``path``.

A click in the browser sets ``path`` there and sends it: one small message. The kernel may
set ``path`` too (``Explorer.answer``). ``view`` switches the diagram between the focus view
(the path, the other answers as stubs, two answers ahead) and the whole map, laid out by
Graphviz and sent only when first asked for (``map_svg``); the path is then drawn in a small
overlay layer on top of the map. ``mode="diagram"`` shows the diagram alone, read-only.

>>> view = ExplorerView()
>>> view.view, view.depth, view.mode
('focus', 2, 'explorer')
"""

from __future__ import annotations

import anywidget
import traitlets

from ..web.front_end import STATIC, linked_script
from ..web.styles import diagram_css

__all__ = ["ExplorerView"]


class ExplorerView(anywidget.AnyWidget):
    """The explorer's whole visible state in one widget model."""

    _esm = linked_script("explorer.js", widget=True)
    _css = STATIC / "explorer.css"

    data = traitlets.Dict().tag(sync=True)
    """The tree as :func:`~xborder_tree.web.explorer_data.explorer_data` (once per tree)."""
    path = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Node ids from the root to the current node: the only thing a click sends."""
    mode = traitlets.Unicode("explorer").tag(sync=True)
    """``explorer`` (trail, question, answers, diagram) or ``diagram`` (read-only diagram)."""
    view = traitlets.Unicode("focus").tag(sync=True)
    """``focus`` or ``map`` (the whole tree)."""
    depth = traitlets.Int(2).tag(sync=True)
    """How many answers ahead of the current question the focus view shows."""
    theme = traitlets.Unicode("screen").tag(sync=True)
    """Diagram style (see :data:`~xborder_tree.drawing.render.THEMES`)."""
    map_svg = traitlets.Unicode("").tag(sync=True)
    """The whole tree laid out by Graphviz (sent when the whole map is first shown)."""
    map_css = traitlets.Unicode(diagram_css()).tag(sync=True)
    """How the path is drawn on the whole map (see :func:`diagram_css`)."""
    map_notice = traitlets.Unicode("").tag(sync=True)
    """Why the whole map cannot be shown (Graphviz missing or too slow), else empty."""
    zoom = traitlets.Float(0.0).tag(sync=True)
    """Scale of the whole map relative to Graphviz's size; ``0`` fits it to the width (as it
    opens), ``-1`` fits all of it in the view."""
    as_of = traitlets.Unicode("").tag(sync=True)
    """The date (YYYY-MM-DD) the page's "Rules as of" field asks for; the kernel applies it
    (``Explorer.set_as_of``) and sends the tree's data for that date."""
    label = traitlets.Unicode("Decision tree diagram").tag(sync=True)
    """Accessible name of the whole map."""

    def __repr__(self) -> str:
        return f"<ExplorerView {self.data.get('id', '')!r} path={self.path!r} view={self.view!r}>"
