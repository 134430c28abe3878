"""One wording per grey area: an outcome whose pathway says the official sources do not settle
a question carries that grey area's sentence (``GREY_AREAS`` in the vocabulary) among its
caveats, word for word, so every tree that reaches it says the same thing.

>>> doc = {"nodes": [{"id": "b1", "kind": "outcome", "pathways": ["us-b1-paid-from-us"],
...                   "caveats": ["Ask first."]}]}
>>> print(grey_area_faults(doc, "t.json")[0].message[:60])
the grey area 'us-b1-paid-from-us' is not worded as everywhe
"""

from __future__ import annotations

from typing import Any

from ..model.errors import Fault
from ..model.vocabulary import GREY_AREAS

__all__ = ["grey_area_faults"]


def _texts(items: Any) -> list[str]:
    return [
        item if isinstance(item, str) else str(item.get("text", ""))
        for item in items or []
        if isinstance(item, (str, dict))
    ]


def grey_area_faults(data: Any, name: str) -> list[Fault]:
    """A fault for each outcome with a grey-area pathway whose caveats lack its sentence."""
    faults = []
    nodes = data.get("nodes") if isinstance(data, dict) else None
    for index, node in enumerate(nodes if isinstance(nodes, list) else []):
        if not isinstance(node, dict) or node.get("kind") != "outcome":
            continue
        for code in node.get("pathways") or []:
            if code in GREY_AREAS and GREY_AREAS[code] not in _texts(node.get("caveats")):
                faults.append(
                    Fault(
                        name,
                        f"/nodes/{index}/caveats",
                        node.get("id"),
                        f"the grey area {code!r} is not worded as everywhere else",
                        f"add the caveat GREY_AREAS[{code!r}] of xborder_tree/model/vocabulary.py "
                        "word for word (and remove other wordings of it)",
                    )
                )
    return faults
