"""The stylesheet that draws a path on the whole map, shared by the static site and the
Jupyter explorer: the path's copies in the overlay layer, in the theme's accent colour.

>>> diagram_css("screen").startswith(".xt_overlay .xt_on path")
True
"""

from __future__ import annotations

from ..drawing.render import THEMES

__all__ = ["diagram_css"]


def diagram_css(theme: str = "screen") -> str:
    """The stylesheet that draws the path's copies on the whole map in ``theme``'s accent.

    >>> "stroke-width: 2.88px" in diagram_css("screen")
    True
    """
    style = THEMES[theme]
    width = round(style.penwidth * 2.4, 2)
    on = ".xt_overlay .xt_on"
    return (
        f"{on} path, {on} polygon, {on} polyline {{ stroke: {style.highlight}; "
        f"stroke-width: {width}px; }}\n"
        f".xt_overlay .xt_edge.xt_on polygon {{ fill: {style.highlight}; }}\n"
        f".xt_overlay .xt_edge.xt_on text {{ fill: {style.highlight}; stroke: #fff; "
        "stroke-width: 3px; paint-order: stroke; }\n"
        f".xt_overlay .xt_question.xt_current path {{ fill: {style.current_fill}; }}\n"
        f".xt_overlay .xt_current path, .xt_overlay .xt_current polygon "
        f"{{ stroke-width: {round(width * 1.4, 2)}px; }}\n"
    )
