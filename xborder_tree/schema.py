"""Read a tree file and check it against the JSON Schema and the graph rules.

Every fault is collected in one pass and raised together as a :class:`TreeError`;
each names the file, the JSON location, the node and the fix.

>>> from xborder_tree.schema import check_tree_data
>>> faults = check_tree_data({"id": "t"}, "t.json")
>>> print(faults[0])
t.json /: missing required field 'title'. Fix: add the field 'title'.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema
import networkx as nx

from .dates import checked_window, dated_rule_faults, overlap
from .errors import Fault, TreeError
from .vocabulary import FACT_VALUES, PATHWAYS

__all__ = [
    "MAX_FILE_BYTES",
    "check_tree_data",
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
        if validator.is_type(instance, "string") and not re.search(
            _end_anchored(patrn), instance
        ):
            yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    checker = jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {"pattern": pattern}
    )
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
                    f"the key {exc.key!r} appears twice in one JSON object",
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


def _pointer(parts: Iterable[Any]) -> str:
    return "".join(f"/{part}" for part in parts)


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
    where = f"field {field!r}" if isinstance(field, str) else "value"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field {missing!r}", f"add the field {missing!r}"
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = (
            sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        )
        return (
            f"unknown field{'s' if len(extra) != 1 else ''} {', '.join(map(repr, extra))}",
            f"remove or rename it (allowed: {', '.join(allowed)})",
        )
    if kind == "type" and set(error.schema.get("properties", {})) == {"text", "from", "until"}:
        return (
            f"{where} must be a text or a dated item, not {_json_type(error.instance)}",
            'write a string, or {"text": ..., "from": "YYYY-MM-DD", "until": "YYYY-MM-DD"}',
        )
    if kind == "type":
        return (
            f"{where} must be of type {value}, not {_json_type(error.instance)}",
            f"write a JSON {value}",
        )
    if kind in ("enum", "const"):
        choices = value if kind == "enum" else [value]
        return (
            f"{where} is {error.instance!r}, which is not allowed",
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


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_faults(data: Any, name: str, schema_name: str = "tree") -> list[Fault]:
    """Every JSON Schema violation, located and explained, in document order."""
    try:
        _fast_check(schema_name)(data)
        return []
    except fastjsonschema.JsonSchemaException as exc:
        fast_error = exc
    faults = []
    for error in _explaining_validator(schema_name).iter_errors(data):
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


# --------------------------------------------------------------------------- graph rules


def check_tree_data(data: Any, name: str) -> list[Fault]:
    """Every fault in a parsed tree document: schema first, then the graph rules.

    Graph rules run on the well-formed nodes and edges even when others are malformed,
    so one pass reports everything.
    """
    faults = schema_faults(data, name)
    if isinstance(data, dict):
        faults.extend(_GraphCheck(data, name).faults())
    return faults


class _GraphCheck:
    """The graph rules, over the parts of a document that have the right shape."""

    def __init__(self, data: dict[str, Any], name: str) -> None:
        self.data = data
        self.name = name
        self.out: list[Fault] = []
        raw_nodes = data.get("nodes")
        raw_edges = data.get("edges")
        self.nodes: dict[str, tuple[int, dict[str, Any]]] = {}
        for index, node in _items(raw_nodes):
            node_id = node.get("id")
            if not isinstance(node_id, str):
                continue
            if node_id in self.nodes:
                first = self.nodes[node_id][0]
                self.fault(
                    f"/nodes/{index}/id",
                    node_id,
                    f"duplicate node id (first used at /nodes/{first})",
                    "give every node its own id",
                )
                continue
            self.nodes[node_id] = (index, node)
        self.edges = [
            (index, edge)
            for index, edge in _items(raw_edges)
            if isinstance(edge.get("source"), str) and isinstance(edge.get("target"), str)
        ]

    def fault(self, location: str, node: str | None, message: str, fix: str | None) -> None:
        self.out.append(Fault(self.name, location, node, message, fix))

    def kind(self, node_id: str) -> Any:
        return self.nodes[node_id][1].get("kind")

    def faults(self) -> list[Fault]:
        graph = self._build_graph()
        self._check_answers(graph)
        acyclic = self._check_cycles(graph)
        root = self._check_root(graph)
        if root is not None and acyclic:
            self._check_reachable(graph, root)
            self._check_repeated_facts(graph, root)
        self._check_vocabulary()
        self._check_citations()
        self.out.extend(dated_rule_faults(self.data, self.name, self.nodes, self.edges))
        return self.out

    def _build_graph(self) -> nx.DiGraph:
        graph = nx.DiGraph()
        graph.add_nodes_from(self.nodes)
        for index, edge in self.edges:
            source, target = edge["source"], edge["target"]
            for end, key in ((source, "source"), (target, "target")):
                if end not in self.nodes:
                    close = difflib.get_close_matches(end, list(self.nodes), n=1)
                    hint = f"did you mean {close[0]!r}?" if close else "add that node or fix the id"
                    self.fault(
                        f"/edges/{index}/{key}",
                        source,
                        f"answer points to unknown node {end!r}",
                        hint,
                    )
            if source not in self.nodes or target not in self.nodes:
                continue
            if self.kind(source) == "outcome":
                self.fault(
                    f"/edges/{index}",
                    source,
                    "an outcome has an answer leading out of it; outcomes end a path",
                    "make the source a question, or remove this answer",
                )
            span = checked_window(edge)
            if graph.has_edge(source, target):
                self._shared_target(index, edge, span, graph.edges[source, target]["spans"])
                continue
            graph.add_edge(source, target, index=index, spans=[(index, span)])
        return graph

    def _shared_target(
        self, index: int, edge: dict[str, Any], span: Any, earlier: list[tuple[int, Any]]
    ) -> None:
        """Two answers of a question may lead to one node only on days that do not overlap
        (a rule that changes the answer's wording or value on a date)."""
        source, target = edge["source"], edge["target"]
        if span is None or any(other is None for _, other in earlier):
            return  # a date that is not real: reported by the dated-rule checks
        clash = next((first for first, other in earlier if overlap(span, other)), None)
        if clash is None:
            earlier.append((index, span))
        elif span == (None, None) and all(other == span for _, other in earlier):
            self.fault(
                f"/edges/{index}",
                source,
                f"duplicate edge: another answer (/edges/{clash}) already leads to {target!r}",
                "two answers that lead to the same place need no question: merge them, "
                "or send each to its own node",
            )
        else:
            self.fault(
                f"/edges/{index}",
                source,
                f"two answers lead to {target!r} on the same dates (also /edges/{clash})",
                "give them windows that do not overlap, or merge them",
            )

    def _check_answers(self, graph: nx.DiGraph) -> None:
        for node_id, (index, node) in self.nodes.items():
            count = graph.out_degree(node_id)
            if node.get("kind") == "question" and count < 2:
                if count == 0:
                    self.fault(
                        f"/nodes/{index}",
                        node_id,
                        "a leaf that is not an outcome: this question has no answers",
                        "add at least two answers, or make it an outcome",
                    )
                else:
                    self.fault(
                        f"/nodes/{index}",
                        node_id,
                        "a question with only one answer",
                        "add a second answer, or remove the question",
                    )

    def _check_cycles(self, graph: nx.DiGraph) -> bool:
        acyclic = True
        for component in nx.strongly_connected_components(graph):
            node = min(component, key=lambda n: self.nodes[n][0])
            if len(component) > 1 or graph.has_edge(node, node):
                acyclic = False
                cycle = " -> ".join(edge[0] for edge in nx.find_cycle(graph, node)) + f" -> {node}"
                self.fault(
                    f"/nodes/{self.nodes[node][0]}",
                    node,
                    f"cycle: {cycle}",
                    "a decision tree only moves forward: point one of these answers elsewhere",
                )
        return acyclic

    def _check_root(self, graph: nx.DiGraph) -> str | None:
        if not self.nodes:
            return None
        roots = [node for node in self.nodes if graph.in_degree(node) == 0]
        if not roots:
            self.fault(
                "/nodes",
                None,
                "no root: every node has an answer leading to it",
                "the first question must have no answer leading to it",
            )
            return None
        if len(roots) > 1:
            self.fault(
                "/nodes",
                None,
                f"several roots: {_listing(roots)} have no answer leading to them",
                "connect them from a question, or remove the ones not used",
            )
            return None
        return roots[0]

    def _check_reachable(self, graph: nx.DiGraph, root: str) -> None:
        reachable = nx.descendants(graph, root) | {root}
        for node_id, (index, _node) in self.nodes.items():
            if node_id not in reachable:
                self.fault(
                    f"/nodes/{index}",
                    node_id,
                    "unreachable from the root",
                    "add an answer leading to it, or remove it",
                )

    def _check_repeated_facts(self, graph: nx.DiGraph, root: str) -> None:
        asked_before: dict[str, frozenset[str]] = {root: frozenset()}
        for node_id in nx.topological_sort(graph):
            asked = asked_before.get(node_id, frozenset())
            fact = self.nodes[node_id][1].get("fact")
            if self.kind(node_id) == "question" and isinstance(fact, str):
                if fact in asked:
                    self.fault(
                        f"/nodes/{self.nodes[node_id][0]}/fact",
                        node_id,
                        f"the fact {fact!r} is already asked earlier on a path to this question",
                        "ask each fact once per path; branch on the earlier answer instead",
                    )
                asked = asked | {fact}
            for child in graph.successors(node_id):
                asked_before[child] = asked_before.get(child, frozenset()) | asked

    def _check_vocabulary(self) -> None:
        declared = self.data.get("facts") if isinstance(self.data.get("facts"), dict) else {}
        for key in declared:
            if key in FACT_VALUES:
                self.fault(
                    f"/facts/{key}",
                    None,
                    f"fact {key!r} is in the shared vocabulary and cannot be redefined",
                    "remove it from 'facts', or choose a new key",
                )
        known_pathways = dict(PATHWAYS)
        own = self.data.get("pathways") if isinstance(self.data.get("pathways"), dict) else {}
        for code in own:
            if code in PATHWAYS:
                self.fault(
                    f"/pathways/{code}",
                    None,
                    f"pathway {code!r} is in the shared vocabulary and cannot be redefined",
                    "remove it from 'pathways', or choose a new code",
                )
            known_pathways.setdefault(code, "")
        facts: dict[str, str] = {}
        for node_id, (index, node) in self.nodes.items():
            fact = node.get("fact")
            if node.get("kind") == "question" and isinstance(fact, str):
                facts[node_id] = fact
                listed = fact in FACT_VALUES or (
                    fact in declared and isinstance(declared[fact], dict)
                )
                if not listed:
                    self.fault(
                        f"/nodes/{index}/fact",
                        node_id,
                        f"fact {fact!r} is not in the shared vocabulary",
                        f"use a listed key ({', '.join(sorted(FACT_VALUES))}) "
                        "or declare it under 'facts' with its values",
                    )
            if node.get("kind") == "outcome" and isinstance(node.get("pathways"), list):
                for position, code in enumerate(node["pathways"]):
                    if isinstance(code, str) and code not in known_pathways:
                        self.fault(
                            f"/nodes/{index}/pathways/{position}",
                            node_id,
                            f"unknown pathway code {code!r}",
                            "use a code from the shared vocabulary or declare it under 'pathways'",
                        )
        for index, edge in self.edges:
            fact = facts.get(edge["source"])
            value = edge.get("value")
            if fact is None or not isinstance(value, str):
                continue
            allowed = FACT_VALUES.get(fact)
            if allowed is None and isinstance(declared.get(fact), dict):
                listed = declared[fact].get("values")
                if not isinstance(listed, list):  # already reported by the schema
                    continue
                allowed = tuple(v for v in listed if isinstance(v, str))
            if allowed is not None and value not in allowed:
                self.fault(
                    f"/edges/{index}/value",
                    edge["source"],
                    f"{value!r} is not a value of fact {fact!r}",
                    f"use one of {', '.join(map(repr, allowed))}",
                )

    def _check_citations(self) -> None:
        for node_id, (index, node) in self.nodes.items():
            citations = node.get("citations")
            if node.get("kind") != "outcome" or not isinstance(citations, list) or not citations:
                continue
            if not any(isinstance(c, dict) and c.get("official") is True for c in citations):
                self.fault(
                    f"/nodes/{index}/citations",
                    node_id,
                    "no official citation: every outcome must cite a government page, "
                    "statute, regulation or treaty",
                    'add a citation with "official": true',
                )


def _listing(names: list[str], limit: int = 10) -> str:
    shown = ", ".join(map(repr, names[:limit]))
    return shown + (f" and {len(names) - limit:,} more" if len(names) > limit else "")


def _items(raw: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                yield index, item
