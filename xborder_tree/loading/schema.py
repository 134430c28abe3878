"""Read a tree file and check it against the JSON Schema and the graph rules.

Every fault is collected in one pass and raised together as a :class:`TreeError`;
each names the file, the JSON location, the node and the fix.

>>> from xborder_tree.loading.schema import check_tree_data
>>> faults = check_tree_data({"id": "t"}, "t.json")
>>> print(faults[0])
t.json /: missing required field 'title'. Fix: add the field 'title'.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema

from ..model.errors import Fault, TreeError, json_pointer, quoted
from .graph_rules import GraphCheck
from .text_rules import text_faults

__all__ = [
    "MAX_FILE_BYTES",
    "check_tree_data",
    "document_faults",
    "read_json",
    "schema",
    "schema_faults",
]

MAX_FILE_BYTES = 5_000_000
"""Largest tree file accepted (bytes). Real trees are tens of kilobytes."""
MAX_INT_DIGITS = 100
"""Longest integer accepted in a tree file (digits); no field of a tree needs a number."""


@functools.cache
def schema(name: str = "tree") -> dict[str, Any]:
    """The JSON Schema shipped in the package (``tree`` or ``scenarios``)."""
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.cache
def _fast_check(name: str) -> Any:
    """A compiled validator: answers "valid or not" fast; the slow one explains faults."""
    return fastjsonschema.compile(schema(name))


_DOLLAR = re.compile(r"(?<!\\)\$")


def _end_anchored(pattern: str) -> str:
    """``pattern`` with ``$`` meaning end of text, as in JSON Schema (ECMA-262) and
    fastjsonschema; Python's ``$`` also matches before a final newline."""
    return _DOLLAR.sub(r"\\Z", pattern)


@functools.cache
def _explaining_validator(name: str) -> Any:
    import jsonschema  # imported only when a file is invalid: it is slow to import

    def pattern(validator: Any, patrn: str, instance: Any, _schema: Any) -> Any:
        if validator.is_type(instance, "string") and not re.search(_end_anchored(patrn), instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    checker = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": pattern})
    return checker(schema(name))


def read_json(path: str | Path) -> Any:
    """Read a JSON document, turning every way a file can be unreadable into a ``TreeError``.

    Never writes to the file. A UTF-8 byte-order mark is accepted.
    """
    name = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise TreeError([Fault(name, "", None, "file not found", "check the path")]) from None
    except IsADirectoryError:
        raise TreeError(
            [Fault(name, "", None, "is a directory, not a tree file", "give a .json file")]
        ) from None
    except OSError as exc:
        raise TreeError([Fault(name, "", None, f"cannot be read ({exc.strerror})", None)]) from None
    return parse_json(raw, name)


def parse_json(raw: bytes, name: str) -> Any:
    """Parse bytes as strict JSON (no NaN, no duplicate keys) or raise ``TreeError``."""
    if len(raw) > MAX_FILE_BYTES:
        raise TreeError(
            [
                Fault(
                    name,
                    "",
                    None,
                    f"file is larger than the {MAX_FILE_BYTES:,}-byte limit",
                    "split the tree into smaller trees",
                )
            ]
        )
    if not raw.strip():
        raise TreeError([Fault(name, "", None, "file is empty", "write a JSON tree object")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TreeError(
            [
                Fault(
                    name,
                    f"byte {exc.start}",
                    None,
                    "file is not valid UTF-8 text",
                    "save the file with UTF-8 encoding",
                )
            ]
        ) from None
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
        )
    except json.JSONDecodeError as exc:
        raise TreeError(
            [
                Fault(
                    name,
                    f"line {exc.lineno} column {exc.colno}",
                    None,
                    f"not valid JSON: {exc.msg}",
                    "correct the JSON syntax there (a missing comma, quote or bracket is usual)",
                )
            ]
        ) from None
    except _DuplicateKey as exc:
        raise TreeError(
            [
                Fault(
                    name,
                    "",
                    None,
                    f"the key {_short(exc.key)} appears twice in one JSON object",
                    "keep one of them",
                )
            ]
        ) from None
    except ValueError as exc:  # NaN / Infinity
        raise TreeError(
            [Fault(name, "", None, str(exc), "use a plain number or a string")]
        ) from None
    except RecursionError:
        raise TreeError(
            [Fault(name, "", None, "JSON is nested too deeply", "flatten the document")]
        ) from None


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _bounded_int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(
            f"a number with {len(token.lstrip('-')):,} digits is not allowed in a tree file "
            f"(at most {MAX_INT_DIGITS})"
        )
    return int(token)


def _no_constant(token: str) -> float:
    raise ValueError(f"{token} is not allowed in a tree file")


# --------------------------------------------------------------------------- schema


_pointer = json_pointer


def _node_at(data: Any, parts: list[Any]) -> str | None:
    """The node id a JSON location belongs to, where one can be named."""
    if len(parts) >= 2 and parts[0] in ("nodes", "edges") and isinstance(data, dict):
        items = data.get(parts[0])
        if isinstance(items, list) and isinstance(parts[1], int) and parts[1] < len(items):
            item = items[parts[1]]
            if isinstance(item, dict):
                key = "id" if parts[0] == "nodes" else "source"
                value = item.get(key)
                if isinstance(value, str):
                    return value
    return None


def _describe(error: Any) -> tuple[str, str | None]:
    """A message a person can act on, and the fix, for one schema error."""
    kind = error.validator
    value = error.validator_value
    field = error.path[-1] if error.path else None
    where = f"field {_short(field)}" if isinstance(field, str) else "value"
    if "propertyNames" in error.schema_path:
        where = "a key"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field {missing!r}", f"add the field {missing!r}"
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = (
            sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        )
        shown = ", ".join(_short(key) for key in extra[:5])
        if len(extra) > 5:
            shown += f" and {len(extra) - 5:,} more"
        return (
            f"unknown field{'s' if len(extra) != 1 else ''} {shown}",
            f"remove or rename it (allowed: {', '.join(allowed)})",
        )
    if kind == "type" and set(error.schema.get("properties", {})) == {"text", "from", "until"}:
        return (
            f"{where} must be a text or a dated item, not {_json_type(error.instance)}",
            'write a string, or {"text": ..., "from": "YYYY-MM-DD", "until": "YYYY-MM-DD"}',
        )
    if kind == "type" and len(error.path) == 2 and error.path[0] == "pathways":
        return (
            f"pathway {field!r} must be declared as an object, not {_json_type(error.instance)}",
            'write {"meaning": "...", "question": "us_work", "position": "needed"} '
            "(questions and positions: docs/vocabulary.md)",
        )
    if kind == "type":
        return (
            f"{where} must be of type {value}, not {_json_type(error.instance)}",
            f"write a JSON {value}",
        )
    if kind in ("enum", "const"):
        choices = value if kind == "enum" else [value]
        return (
            f"{where} is {_short(error.instance)}, which is not allowed",
            f"use one of {', '.join(map(repr, choices))}",
        )
    if kind == "pattern":
        return f"{where} {_short(error.instance)} has the wrong form", _pattern_hint(error)
    if kind in ("minLength", "maxLength", "minItems", "maxItems"):
        unit = "character" if kind.endswith("Length") else "item"
        unit += "" if len(error.instance) == 1 else "s"
        bound = "at least" if kind.startswith("min") else "at most"
        return (
            f"{where} has {len(error.instance):,} {unit}; it must have {bound} {value:,}",
            {
                "maxLength": "shorten the text",
                "maxItems": "remove items; split a very large tree into smaller trees",
                "minLength": "write some text",
                "minItems": "add items",
            }[kind]
            + f" ({kind} {value})",
        )
    if kind == "uniqueItems":
        return f"{where} has repeated items", "remove the repeats"
    if kind == "propertyNames":
        return (
            f"key {_short(error.instance)} has the wrong form",
            "use snake_case or kebab-case keys",
        )
    return f"{where}: {_short(error.message, 200)}", None


def _json_type(value: Any) -> str:
    """The JSON name of a parsed value's type."""
    names = {type(None): "null", bool: "boolean", int: "integer", float: "number"}
    names |= {str: "string", list: "array", dict: "object"}
    return names.get(type(value), type(value).__name__)


def _pattern_hint(error: Any) -> str:
    hints = {
        "nodeId": "use snake_case: lowercase letters, digits and single underscores, "
        "e.g. 'work_location'",
        "factKey": "use snake_case, e.g. 'work_location'",
        "factValue": "use lowercase letters, digits and single underscores, e.g. 'in_canada'",
        "slug": "use kebab-case, e.g. 'work-in-canada-from-us'",
        "pathwayCode": "use 'ca-', 'us-', 'mx-' or 'tax-' then kebab-case, e.g. 'ca-lmia'",
        "date": "write the date as YYYY-MM-DD",
    }
    refs = [str(part) for part in error.schema_path]
    for key, hint in hints.items():
        if key in refs or error.schema.get("pattern") == schema()["$defs"][key].get("pattern"):
            return hint
    if list(error.path) == ["version"]:
        return "write a version of three numbers, e.g. '1.0.0'"
    if "url" in list(error.path):
        return "give an absolute http:// or https:// address"
    if error.schema.get("pattern") == "\\S":
        return "write some text (not only spaces)"
    return f"match the pattern {error.schema.get('pattern')}"


_short = quoted


def schema_faults(data: Any, name: str, schema_name: str = "tree") -> list[Fault]:
    """Every JSON Schema violation, located and explained, in document order."""
    try:
        _fast_check(schema_name)(data)
        return []
    except fastjsonschema.JsonSchemaException as exc:
        fast_error = exc
    try:
        explaining = _explaining_validator(schema_name)
    except ImportError:  # no jsonschema (Python in the browser): the first fault, located
        return [_first_fault(fast_error, data, name)]
    faults = []
    for error in explaining.iter_errors(data):
        parts = list(error.absolute_path)
        message, fix = _describe(error)
        faults.append(
            (parts, Fault(name, _pointer(parts) or "/", _node_at(data, parts), message, fix))
        )
    faults = list({fault: (parts, fault) for parts, fault in faults}.values())  # drop repeats
    faults.sort(key=lambda item: [str(p).zfill(8) if isinstance(p, int) else p for p in item[0]])
    if not faults:  # the two validators disagree: never let such a document through
        faults.append(([], Fault(name, "/", None, _short(str(fast_error), 200), None)))
    return [fault for _, fault in faults]


def document_faults(data: Any, name: str, schema_name: str = "tree") -> list[Fault]:
    """The schema's faults, then every text no output can carry (:mod:`.text_rules`) at the
    places the schema found well formed."""
    faults = schema_faults(data, name, schema_name)
    seen = frozenset(fault.location for fault in faults)
    return faults + text_faults(data, name, lambda parts: _node_at(data, parts), skip=seen)


def _first_fault(error: fastjsonschema.JsonSchemaException, data: Any, name: str) -> Fault:
    """The fault fastjsonschema stopped at, located, for where jsonschema (which lists and
    explains every fault) cannot be installed, as in Python in the browser (Pyodide)."""
    path = getattr(error, "path", None) or []
    parts: list[Any] = [int(p) if str(p).isdigit() else p for p in path[1:]]
    field = str(getattr(error, "name", "") or "")
    message = str(getattr(error, "message", error))
    message = message.removeprefix(field).strip() or message
    return Fault(
        name,
        _pointer(parts) or "/",
        _node_at(data, parts),
        message,
        "correct it there; this Python has no jsonschema package (it cannot be installed in "
        "the browser), so only the first schema fault is shown: 'xborder-tree validate' "
        "where jsonschema is installed lists and explains them all",
    )


# --------------------------------------------------------------------------- graph rules


def check_tree_data(data: Any, name: str) -> list[Fault]:
    """Every fault in a parsed tree document: schema first, then the graph rules.

    Graph rules run on the well-formed nodes and edges even when others are malformed,
    so one pass reports everything.
    """
    faults = document_faults(data, name)
    if isinstance(data, dict):
        faults.extend(GraphCheck(data, name).faults())
    return faults
