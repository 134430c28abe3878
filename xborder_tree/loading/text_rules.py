"""What every output can carry: the text rules of tree, scenario and quiz files, checked
after their JSON Schema.

A file that passes them can be written as UTF-8 (no lone surrogate), as XML (slides, SVG:
no NUL, no control character, no U+FFFE/U+FFFF), shown as a clickable link that reads as
what it opens (no invisible or direction-changing character in a URL), and looked up by id
in the pages' JavaScript (no id named like a built-in property of every object, such as
``constructor``).

>>> [f.message for f in text_faults({"help": "a\\x00b"}, "t.json")]
['text holds the control character U+0000 (NULL) at character 2, which slides, SVG and \
terminals cannot carry']
>>> print(text_faults({"nodes": [{"id": "constructor"}]}, "t.json")[0])
t.json /nodes/0/id: the id 'constructor' is the name of a property \
every JavaScript object has, so the pages cannot look it up. Fix: choose another id, e.g. \
'constructor_rule'.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from ..model.errors import Fault, json_pointer

__all__ = ["PROBLEMS", "RESERVED_NAMES", "text_faults", "unusable_character"]

RESERVED_NAMES = frozenset(
    {
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
    }
)
"""The properties every JavaScript object has (``Object.prototype``): an id with one of these
names would be found in a plain object before it is put there."""

_ID_FIELDS = frozenset({"id", "fact", "value", "node", "scenario", "tree"})
"""Fields whose value is an id (of a node, fact, fact value, scenario or tree)."""
_ALLOWED_CONTROLS = frozenset("\t\n\r")
"""Control characters XML and every output accept: tab and line breaks."""


def unusable_character(text: str, url: bool = False) -> tuple[int, str, str] | None:
    """The first character no output can carry: ``(index, code point, kind)``, the kind one
    of :data:`PROBLEMS`; in a ``url`` also any invisible or direction-changing character.

    >>> unusable_character("fine text")
    >>> unusable_character("https://gc.ca/\u202etxt.exe", url=True)
    (14, 'U+202E (RIGHT-TO-LEFT OVERRIDE)', 'invisible')
    """
    for index, char in enumerate(text):
        point = ord(char)
        if 0xD800 <= point <= 0xDFFF:
            return index, f"U+{point:04X}", "surrogate"
        category = unicodedata.category(char)
        if category == "Cc" and char not in _ALLOWED_CONTROLS:
            return index, _named(char), "control"
        if point in (0xFFFE, 0xFFFF):
            return index, f"U+{point:04X}", "noncharacter"
        if url and (category in ("Cf", "Zs", "Zl", "Zp") or char in _ALLOWED_CONTROLS):
            return index, _named(char), "invisible"
    return None


PROBLEMS = {
    "surrogate": (
        "holds {char} at character {at}: half of a character (a lone surrogate), which "
        "cannot be written as UTF-8",
        "remove it, or write the whole character (both halves of the pair)",
    ),
    "control": (
        "holds the control character {char} at character {at}, which slides, SVG and "
        "terminals cannot carry",
        "remove it (use a plain space or a line break instead)",
    ),
    "noncharacter": (
        "holds {char} at character {at}, a code point that is not a character, which slides "
        "and SVG cannot carry",
        "remove it",
    ),
    "invisible": (
        "holds {char} at character {at}, an invisible or direction-changing character: the "
        "link would not read as the address it opens",
        "type the address again by hand, with only its visible characters",
    ),
}
"""What is wrong with each kind of unusable character, and the fix."""


def _named(char: str) -> str:
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
}


def _strings(
    value: Any, parts: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    """``(location, text, is_key)`` of every string of a JSON document, keys included."""
    if isinstance(value, str):
        yield parts, value, False
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield (*parts, key), key, True
            yield from _strings(item, (*parts, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*parts, index))


def _is_id(parts: tuple[Any, ...], is_key: bool) -> bool:
    """Whether the string at ``parts`` names something the pages look up by id."""
    if is_key:
        return parts[-2:-1] in (("facts",), ("pathways",)) or parts[-3:-2] == ("scope",)
    last = parts[-1] if parts else None
    if last in _ID_FIELDS or parts[-2:-1] == ("facts",):  # a scenario's or persona's facts
        return True
    return isinstance(last, int) and (
        parts[-2:-1] in (("values",), ("pathways",)) or parts[-4:-3] == ("scope",)
    )


def text_faults(
    data: Any,
    name: str,
    node_of: Callable[[list[Any]], str | None] | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[Fault]:
    """Every string no output can carry, and every id named like a JavaScript built-in,
    located (``node_of`` names the node a location belongs to); locations in ``skip``
    (already reported) are left out."""
    faults: list[Fault] = []
    for parts, text, is_key in _strings(data):
        pointer = json_pointer(parts) or "/"
        if pointer in skip:
            continue
        node = node_of(list(parts)) if node_of else None
        is_url = not is_key and parts[-1:] == ("url",)
        bad = unusable_character(text, url=is_url)
        if bad is not None:
            index, char, kind = bad
            message, fix = PROBLEMS[kind]
            what = "key" if is_key else "address" if is_url else "text"
            if is_url and kind != "surrogate":
                fix = PROBLEMS["invisible"][1]
            message = f"{what} " + message.format(char=char, at=index + 1)
            faults.append(Fault(name, pointer, node, message, fix))
        elif text in RESERVED_NAMES and _is_id(parts, is_key):
            faults.append(
                Fault(
                    name,
                    pointer,
                    node,
                    f"the id {text!r} is the name of a property every JavaScript object has, "
                    "so the pages cannot look it up",
                    f"choose another id, e.g. {text.strip('_') + '_rule'!r}",
                )
            )
    return faults
