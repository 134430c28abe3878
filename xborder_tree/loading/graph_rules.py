"""The graph rules of a tree document, checked after its JSON Schema: one root, no cycles,
answers that lead somewhere, reachable nodes, outcomes at the leaves with an official
citation, facts asked once on a path, the shared vocabulary, the scope (in the vocabulary,
and every answer inside it), one position per legal question, and dated windows.

Every rule runs on the well-formed nodes and edges, so one pass reports every fault.

>>> faults = GraphCheck({"nodes": [{"id": "a", "kind": "question"}], "edges": []}, "t.json")
>>> print(faults.faults()[0].message)
a leaf that is not an outcome: this question has no answers
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

import networkx as nx

from ..model.errors import Fault
from ..model.vocabulary import FACT_VALUES, PATHWAY_ANSWERS, PATHWAYS
from .date_rules import checked_window, dated_rule_faults, overlap

__all__ = ["GraphCheck"]


class GraphCheck:
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
            self._check_inside_scope(graph, root)
        self._check_vocabulary()
        self._check_scope_vocabulary()
        self._check_positions()
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

    def _fact_values(self, fact: str) -> tuple[str, ...] | None:
        """The values a fact may take: listed in the vocabulary or declared by the tree."""
        if fact in FACT_VALUES:
            return FACT_VALUES[fact]
        declared = self.data.get("facts")
        entry = declared.get(fact) if isinstance(declared, dict) else None
        if isinstance(entry, dict) and isinstance(entry.get("values"), list):
            return tuple(v for v in entry["values"] if isinstance(v, str))
        return None

    def _scope(self) -> list[tuple[int, dict[str, Any]]]:
        return [
            (index, alt)
            for index, alt in _items(self.data.get("scope"))
            if all(isinstance(values, list) for values in alt.values())
        ]

    def _check_scope_vocabulary(self) -> None:
        """Every fact key of the scope is known, with values it can take."""
        for index, alt in self._scope():
            for key, values in alt.items():
                allowed = self._fact_values(key)
                if allowed is None:
                    self.fault(
                        f"/scope/{index}/{key}",
                        None,
                        f"scope fact {key!r} is not in the shared vocabulary",
                        f"use a listed key ({', '.join(sorted(FACT_VALUES))}) "
                        "or declare it under 'facts'",
                    )
                    continue
                for position, value in enumerate(values):
                    if isinstance(value, str) and value not in allowed:
                        self.fault(
                            f"/scope/{index}/{key}/{position}",
                            None,
                            f"scope value {value!r} is not a value of fact {key!r}",
                            f"use one of {', '.join(map(repr, allowed))}",
                        )

    def _check_inside_scope(self, graph: nx.DiGraph, root: str) -> None:
        """Every answer keeps the path inside the scope: a situation the tree does not
        answer is sent elsewhere by the scope, never down a path."""
        scope = self._scope()
        if not scope or not isinstance(self.data.get("scope"), list):
            return
        everyone = frozenset(range(len(scope)))
        alive_at: dict[str, set[frozenset[int]]] = {root: {everyone}}
        reported: set[int] = set()
        for node_id in nx.topological_sort(graph):
            fact = self.nodes[node_id][1].get("fact")
            if not isinstance(fact, str):
                continue  # a malformed question: reported by the schema
            for alive in alive_at.get(node_id, ()):
                for child in graph.successors(node_id):
                    for index, _span in graph.edges[node_id, child]["spans"]:
                        value = self.edge_value(index)
                        if not isinstance(value, str):
                            continue  # a malformed answer: reported by the schema
                        kept = frozenset(
                            i
                            for i in alive
                            if fact not in scope[i][1] or value in scope[i][1][fact]
                        )
                        listed = self._fact_values(fact)
                        if listed is not None and value not in listed:
                            kept = alive  # a value of no fact: reported by the vocabulary check
                        if kept:
                            alive_at.setdefault(child, set()).add(kept)
                        elif index not in reported:
                            reported.add(index)
                            self.fault(
                                f"/edges/{index}",
                                node_id,
                                f"this answer ({fact}={value}) leads outside the tree's scope: "
                                "no alternative of 'scope' covers the path to it",
                                "add the value to the scope, or remove the answer (facts "
                                "outside the scope get the result 'not this tree's question')",
                            )

    def edge_value(self, index: int) -> Any:
        raw = self.data.get("edges")
        return raw[index].get("value") if isinstance(raw, list) else None

    def _check_positions(self) -> None:
        """An outcome answers each legal question once: its pathways may not give two
        positions on one question (the consistency check compares them across trees)."""
        answers = dict(PATHWAY_ANSWERS)
        own_field = self.data.get("pathways")
        own: dict[str, Any] = own_field if isinstance(own_field, dict) else {}
        for code, entry in own.items():
            if isinstance(entry, dict) and code not in answers:
                answers[code] = (str(entry.get("question")), str(entry.get("position")))
        for node_id, (index, node) in self.nodes.items():
            codes = node.get("pathways")
            if node.get("kind") != "outcome" or not isinstance(codes, list):
                continue
            given: dict[str, dict[str, str]] = {}
            for code in codes:
                if isinstance(code, str) and code in answers:
                    question, position = answers[code]
                    given.setdefault(question, {})[position] = code
            unsettled = [p["unsettled"] for p in given.values() if "unsettled" in p]
            if unsettled and node.get("verdict") != "uncertain":
                self.fault(
                    f"/nodes/{index}/verdict",
                    node_id,
                    f"the pathway {unsettled[0]!r} says the official sources do not settle "
                    "the question, but the verdict is not 'uncertain'",
                    "give the verdict 'uncertain' (a grey area is uncertain in every tree)",
                )
            for question, positions in given.items():
                if len(positions) > 1:
                    listing = ", ".join(f"{code} ({pos})" for pos, code in positions.items())
                    self.fault(
                        f"/nodes/{index}/pathways",
                        node_id,
                        f"the pathways give two answers to the legal question {question!r}: "
                        f"{listing}",
                        "keep the pathways of one position, or split the outcome",
                    )

    def _check_vocabulary(self) -> None:
        declared_field = self.data.get("facts")
        declared: dict[str, Any] = declared_field if isinstance(declared_field, dict) else {}
        for key in declared:
            if key in FACT_VALUES:
                self.fault(
                    f"/facts/{key}",
                    None,
                    f"fact {key!r} is in the shared vocabulary and cannot be redefined",
                    "remove it from 'facts', or choose a new key",
                )
        known_pathways = dict(PATHWAYS)
        own_field = self.data.get("pathways")
        own: dict[str, Any] = own_field if isinstance(own_field, dict) else {}
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
