"""Graphviz in the browser: when Python runs under Pyodide (``sys.platform == "emscripten"``,
the JupyterLite site of ``xborder-tree lite``) there is no ``dot`` program to start, so the
layout goes through Graphviz compiled to WebAssembly (``@viz-js/viz``), which the site
carries as the ``xborder_graphviz_wasm`` wheel and which runs synchronously in the kernel's
own worker. It draws SVG only: PNG and PDF need Graphviz's cairo renderer, which that build
does not have, so asking for them here gives a :class:`GraphvizError` that says so.

Nothing here runs outside the browser:

>>> IN_BROWSER
False
>>> formats_here()
('svg', 'png', 'pdf')
"""

from __future__ import annotations

import sys
from typing import Any

from ..model.errors import GraphvizError

__all__ = ["BROWSER_FORMATS", "IN_BROWSER", "browser_layout", "formats_here"]

IN_BROWSER = sys.platform == "emscripten"
"""True when this Python is Pyodide in a browser page."""

BROWSER_FORMATS = ("svg",)
"""What Graphviz's WebAssembly build can write."""

_ALL_FORMATS = ("svg", "png", "pdf")
_viz: Any = None


def formats_here() -> tuple[str, ...]:
    """The diagram formats this Python can make: all three, or SVG alone in the browser."""
    return BROWSER_FORMATS if IN_BROWSER else _ALL_FORMATS


def browser_layout(source: str, fmt: str = "svg") -> bytes:
    """Lay out DOT ``source`` with the page's Graphviz WebAssembly build and return ``fmt``
    (SVG only) as bytes, as ``dot -Tsvg`` would."""
    if fmt not in BROWSER_FORMATS:
        raise GraphvizError(
            f"{fmt.upper()} files cannot be made in the browser: the Graphviz built for it "
            "draws SVG only. Use the SVG here, or make the "
            f"{fmt.upper()} in JupyterLab or with the command line where Graphviz is installed"
        )
    viz = _instance()
    from pyodide.ffi import JsException, to_js

    try:
        options = to_js({"format": fmt, "engine": "dot"}, dict_converter=_js_object)
        text = viz.renderString(source, options)
    except JsException as exc:
        raise GraphvizError(f"Graphviz failed to draw the diagram: {exc.message}") from None
    return str(text).encode("utf-8")


def _js_object(pairs: Any) -> Any:
    import js

    return js.Object.fromEntries(pairs)


def _instance() -> Any:
    """The Graphviz instance, made on first use from the wheel's script (about 0.1 s)."""
    global _viz
    if _viz is None:
        from importlib.resources import files

        from pyodide.code import run_js

        try:
            script = files("xborder_graphviz_wasm").joinpath("viz.js").read_text("utf-8")
        except ModuleNotFoundError:
            raise GraphvizError(
                "Graphviz for the browser (the xborder_graphviz_wasm package) is not loaded: "
                "build the site with 'xborder-tree lite', which puts it in"
            ) from None
        _viz = run_js(script)
    return _viz
