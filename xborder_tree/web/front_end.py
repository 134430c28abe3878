"""The explorer's front end as one graph of ES modules (``static/*.js``), for the Jupyter
widget and the static page alike.

Each module imports the others by relative name (``import { h } from "./dom.js";``), so Node
runs and tests them as they are. A widget's script and a page's inline script are single
texts, where relative imports cannot resolve; :func:`linked_script` therefore ships every
module's text with a small linker that turns each module into a ``blob:`` URL, in dependency
order, with its imports pointing at the URLs of the modules it imports. No module is
concatenated into another.

>>> order = module_order("site.js")
>>> order[-1], order.index("paths.js") < order.index("explorer.js")
('site.js', True)
>>> module_order("nothing.js")
Traceback (most recent call last):
...
xborder_tree.model.errors.XborderError: front end: no module 'nothing.js' in ...
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from ..model.errors import XborderError

__all__ = ["STATIC", "linked_script", "module_order", "module_sources"]

STATIC = Path(__file__).resolve().parent / "static"
"""The front end's files: the ES modules (``*.js``) and ``explorer.css``."""

_IMPORT = re.compile(r'\b(?:from|import)\s*"(?P<spec>[^"]*)"')
_RELATIVE = re.compile(r"\./(?P<name>[a-z][a-z0-9_-]*\.js)")

# Turns each module into a blob: URL, its imports rewritten to the URLs of the modules before
# it in ORDER (the order guarantees they exist). Same pattern as _IMPORT above.
_LINKER = """
const XT_URLS = new Map();
for (const name of XT_ORDER) {
  const code = XT_SOURCES[name].replace(/\\b(from|import)(\\s*)"\\.\\/([a-z][a-z0-9_-]*\\.js)"/g,
    (all, word, space, dep) => `${word}${space}"${XT_URLS.get(dep)}"`);
  XT_URLS.set(name, URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
}
"""

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@cache
def module_sources(folder: Path = STATIC) -> dict[str, str]:
    """Every module's text by file name."""
    return {path.name: path.read_text("utf-8") for path in sorted(folder.glob("*.js"))}


def module_order(entry: str, folder: Path = STATIC) -> list[str]:
    """The modules ``entry`` needs, each after the modules it imports, ``entry`` last; an
    import that is not ``"./<name>.js"`` of a module in ``folder``, or a cycle, is an error."""
    sources = module_sources(folder)
    order: list[str] = []
    visiting: list[str] = []

    def visit(name: str, by: str) -> None:
        if name in order:
            return
        if name in visiting:
            cycle = " -> ".join([*visiting[visiting.index(name) :], name])
            raise XborderError(f"front end: modules import each other in a cycle: {cycle}")
        if name not in sources:
            raise XborderError(f"front end: no module {name!r} in {folder} (imported by {by})")
        visiting.append(name)
        for match in _IMPORT.finditer(sources[name]):
            relative = _RELATIVE.fullmatch(match["spec"])
            if relative is None:
                raise XborderError(
                    f"front end: {name} imports {match['spec']!r}; import only the front "
                    'end\'s own modules, as "./<name>.js"'
                )
            visit(relative["name"], name)
        visiting.pop()
        order.append(name)

    visit(entry, "the page")
    return order


def _json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def linked_script(entry: str, *, widget: bool = False, folder: Path = STATIC) -> str:
    """One script that loads ``entry`` and the modules it imports. With ``widget``, the script
    is the anywidget module (``export default { render }``, ``render`` taken from ``entry``);
    otherwise importing ``entry`` is all it does (a page's ``<script type="module">``). The
    module texts are JSON with ``<``, ``>`` and ``&`` escaped, so the script can be inlined.

    >>> script = linked_script("explorer.js", widget=True)
    >>> "export default" in script and "</script" not in script.lower()
    True
    """
    order = module_order(entry, folder)
    sources = module_sources(folder)
    head = (
        f"const XT_SOURCES = {_json({name: sources[name] for name in order})};\n"
        f"const XT_ORDER = {_json(order)};\n{_LINKER}"
    )
    if widget:
        return head + (
            f"const XT_ENTRY = import(XT_URLS.get({_json(entry)}));\n"
            "export default { async render(context) {\n"
            "  const entry = await XT_ENTRY;\n  return entry.render(context);\n} };\n"
        )
    return head + f"import(XT_URLS.get({_json(entry)}));\n"
