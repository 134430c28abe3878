"""A diagram for a notebook: the SVG where it can be drawn, and words where it cannot.

JupyterLab draws no SVG output in a notebook opened before its cells run (it is not trusted
yet); ``IPython.display.SVG`` then shows ``<IPython.core.display.SVG object>``. A ``Figure``
carries the same picture as an image in HTML (with the description as its text alternative
and caption) and the description as plain text.

>>> figure = Figure('<svg xmlns="http://www.w3.org/2000/svg"/>', "The path of Ana")
>>> sorted(figure._repr_mimebundle_())
['image/svg+xml', 'text/html', 'text/plain']
>>> figure._repr_mimebundle_()["text/plain"]
'Diagram: The path of Ana'
"""

from __future__ import annotations

import base64
import html
from typing import Any

__all__ = ["Figure"]


class Figure:
    """``svg`` (text or bytes) described in words by ``description``."""

    def __init__(self, svg: str | bytes, description: str) -> None:
        self.svg = svg.decode("utf-8") if isinstance(svg, bytes) else svg
        self.description = description

    def __repr__(self) -> str:
        return f"Diagram: {self.description}"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, str]:
        data = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        words = html.escape(self.description, quote=True)
        return {
            "image/svg+xml": self.svg,
            "text/html": (
                f'<figure><img alt="{words}" src="data:image/svg+xml;base64,{data}">'
                f"<figcaption>{words}</figcaption></figure>"
            ),
            "text/plain": repr(self),
        }
