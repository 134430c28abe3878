"""Untrusted tree text as safe Graphviz text: wrapped labels and tooltips, never HTML-like.

Control and bidi-override characters are removed, backslashes escaped (no ``\\N``-style
escapes) and ``&`` written as ``&amp;``: Graphviz draws the text exactly as written.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import cast

import graphviz

__all__ = ["plain_label", "tooltip"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain_label(text: str, width: int, indent: str = "") -> str:
    """Untrusted text as a safe DOT label: wrapped, control and bidi-override characters
    removed, backslashes escaped, never HTML-like; ``indent`` (plain text) starts each line.

    >>> plain_label('"]; a -> b [', 40)
    '"]; a -> b ['
    >>> plain_label(r"\\N <b>", 40)
    '\\\\\\\\N <b>'
    """
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    return cast(str, graphviz.nohtml("\\n".join(indent + _dot_text(line) for line in lines)))


def tooltip(text: str) -> str:
    """Untrusted text as a safe one-line DOT tooltip, at most 300 characters."""
    text = _CONTROL.sub("", " ".join(text.split()))
    if len(text) > 300:
        text = text[:297] + "..."
    return cast(str, graphviz.nohtml(_dot_text(text)))


def _dot_text(text: str) -> str:
    """Backslashes escaped (no ``\\N``-style escapes) and ``&`` written as ``&amp;``, since
    Graphviz decodes entities: the text is drawn as written."""
    return text.replace("\\", "\\\\").replace("&", "&amp;")
