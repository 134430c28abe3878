"""The stylesheet that draws a path on the whole map, shared by the static site and the
Jupyter explorer: the path's copies in the overlay layer, in the theme's accent colour; and
the verdicts' colours on the page, as the map draws them.

>>> diagram_css("screen").startswith(".xt_overlay .xt_on path")
True
"""

from __future__ import annotations

from ..drawing.render import THEMES
from ..model.vocabulary import VERDICTS

__all__ = ["diagram_css", "verdict_css"]

_VERDICT_PARTS = ("xt_badge", "xt_fnode", "xt_next_target", "xt_swatch")


def verdict_css(theme: str = "screen") -> str:
    """The verdicts' colours for the explorer's page (badges, focus view, legend), taken from
    ``theme`` as the whole map draws them: one source for both.

    >>> ".xt_badge.xt_verdict_allowed" in verdict_css() and "#009E73" in verdict_css()
    True
    """
    style = THEMES[theme]
    rules = []
    for verdict in VERDICTS:
        border = style.verdict_border.get(verdict, style.question_border)
        fill = style.verdict_fill.get(verdict, style.question_fill)
        drawn = style.verdict_style.get(verdict, "")
        lines = [f" border-style: {kind};" for kind in ("dashed", "dotted") if kind in drawn]
        line = lines[0] if lines else ""
        rules.append(
            ", ".join(f".{part}.xt_verdict_{verdict}" for part in _VERDICT_PARTS)
            + f" {{ border-color: {border}; background: {fill};{line} }}"
        )
    rules.append(f".xt_swatch_path {{ border-top-color: {style.highlight}; }}")
    rules.append(f".xt_swatch_current {{ background: {style.current_fill}; }}")
    return "\n".join(rules) + "\n"


def diagram_css(theme: str = "screen") -> str:
    """The stylesheet that draws the path's copies on the whole map in ``theme``'s accent,
    then the verdicts' colours (:func:`verdict_css`).

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
    ) + verdict_css(theme)
