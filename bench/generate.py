"""Deterministic generator of valid synthetic decision trees for the benchmark.

A synthetic tree looks like a real one to the loader, the renderer and the explorer:

- exactly ``size`` nodes (questions plus outcomes); the root is a question;
- every question has 2 to 4 answers (like ``trees/work-in-canada-from-us.json``, whose
  questions have 2 to 4 answers, one 7);
- depth grows with size: at most ``depth_limit(size)`` answers from the root to an outcome
  (5 for 30 nodes, 9 for 300, 12 for 2,000; the real tree's longest path has 9);
- a few outcomes are shared by several questions (the real tree is a DAG, not a strict
  tree: a quarter of its nodes have more than one answer leading to them);
- every question asks a fact of the shared vocabulary (``xborder_tree.model.vocabulary``) or one of
  eight synthetic keys declared in the tree's ``facts`` object, never the same fact twice on
  one path, and every answer's value is a value of that fact;
- every outcome has a verdict, a listed pathway and an official citation.

The same ``(size, seed)`` always gives the same document.

>>> doc = synthetic_tree(30, seed=1)
>>> len(doc["nodes"])
30
>>> from xborder_tree import tree_graph
>>> len(tree_graph(doc))
30
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

from xborder_tree.model.vocabulary import FACT_VALUES, PATHWAY_ANSWERS, PATHWAYS, VERDICTS

__all__ = ["SIZES", "depth_limit", "synthetic_tree", "write_trees"]

SIZES = (30, 300, 2000)
"""The tree sizes the benchmark measures (nodes)."""

REVIEWED = "2026-11-21"

_SYNTHETIC_FACTS: dict[str, tuple[str, ...]] = {
    f"synthetic_factor_{letter}": tuple(f"level_{n}" for n in range(1, 5)) for letter in "abcdefgh"
}

_CITATION = {
    "title": "Immigration and Refugee Protection Act, s. 30(1)",
    "publisher": "Justice Laws Website (Government of Canada)",
    "url": "https://laws.justice.gc.ca/eng/acts/i-2.5/section-30.html",
    "official": True,
}

_SHARED_FRACTION = 0.03
"""Share of nodes that are outcomes reachable from several questions."""
_SHARED_LINK_CHANCE = 0.08
"""Chance that an answer leads to a shared outcome rather than a new node."""


def depth_limit(size: int) -> int:
    """Most answers on one path for a tree of ``size`` nodes: about 1.6 ln(size), 4 to 12."""
    return max(4, min(12, round(1.6 * math.log(size))))


def _words(key: str) -> str:
    return key.replace("_", " ")


def _question(node_id: str, fact: str, serial: int) -> dict[str, Any]:
    return {
        "id": node_id,
        "kind": "question",
        "text": f"Question {serial}: which {_words(fact)} applies to you?",
        "short": f"{_words(fact).capitalize()}? ({serial})"[:60],
        "help": f"Synthetic help text for question {serial}. It defines the term "
        f"'{_words(fact)}' as a real tree would, in a sentence or two.",
        "fact": fact,
    }


def _outcome(node_id: str, serial: int, rng: random.Random) -> dict[str, Any]:
    verdict = rng.choice(sorted(VERDICTS))
    # a grey-area pathway goes only with the verdict 'uncertain' (a rule of graph_rules)
    settled = [code for code in sorted(PATHWAYS) if PATHWAY_ANSWERS[code][1] != "unsettled"]
    pathway = rng.choice(sorted(PATHWAYS) if verdict == "uncertain" else settled)
    return {
        "id": node_id,
        "kind": "outcome",
        "title": f"Outcome {serial}: {VERDICTS[verdict].split(':')[0].lower()} ({pathway})",
        "short": f"Outcome {serial}",
        "summary": f"Synthetic outcome {serial}: a plain-language answer of about the length "
        "a real outcome gives, naming the pathway and what it means for the person.",
        "verdict": verdict,
        "pathways": [pathway],
        "next_steps": [f"Synthetic next step for outcome {serial}."],
        "documents": ["Passport"],
        "caveats": ["Synthetic tree generated for benchmarks; not legal information."],
        "citations": [dict(_CITATION)],
        "last_reviewed": REVIEWED,
    }


class _Builder:
    """Grows one tree by turning open leaves into questions until ``size`` nodes exist."""

    def __init__(self, size: int, seed: int) -> None:
        if size < 3:
            raise ValueError(f"size must be at least 3, not {size}")
        self.size = size
        self.rng = random.Random(seed)
        self.max_depth = depth_limit(size)
        self.facts = {**FACT_VALUES, **_SYNTHETIC_FACTS}
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, str]] = []
        self.children: dict[str, list[str]] = {}
        self.asked: dict[str, frozenset[str]] = {}  # facts asked above and at a question
        self.depth: dict[str, int] = {}
        self.shared = [f"shared_outcome_{n}" for n in range(max(2, round(size * _SHARED_FRACTION)))]
        self.serial = 0

    def build(self) -> dict[str, Any]:
        root = self._new_id("q")
        open_leaves: list[tuple[str, frozenset[str], int]] = [(root, frozenset(), 0)]
        created = 1 + len(self.shared)
        questions: list[str] = []
        while created < self.size:
            expandable = [leaf for leaf in open_leaves if leaf[2] < self.max_depth]
            if not expandable:
                raise RuntimeError(f"cannot fit {self.size} nodes within depth {self.max_depth}")
            # Prefer deeper leaves a little, so paths reach the depths real trees reach.
            weights = [1 + leaf[2] for leaf in expandable]
            leaf = self.rng.choices(expandable, weights)[0]
            open_leaves.remove(leaf)
            node_id, above, depth = leaf
            new_children = self._expand(node_id, above, depth, self.size - created)
            questions.append(node_id)
            created += len(new_children)
            asked = self.asked[node_id]
            open_leaves.extend((child, asked, depth + 1) for child in new_children)
        for node_id, _above, depth in open_leaves:
            self.depth[node_id] = depth
            self.nodes.append(_outcome(node_id, self._serial(), self.rng))
        for node_id in self.shared:
            self.nodes.append(_outcome(node_id, self._serial(), self.rng))
        self._link_unused_shared(questions)
        return self._document()

    def _new_id(self, kind: str) -> str:
        self.serial += 1
        return f"{kind}_{self.serial}"

    def _serial(self) -> int:
        self.serial += 1
        return self.serial

    def _expand(self, node_id: str, above: frozenset[str], depth: int, budget: int) -> list[str]:
        """Make ``node_id`` a question; return the ids of the new nodes its answers lead to."""
        wanted = self.rng.choice((2, 2, 3, 3, 4))
        choices = [f for f in self.facts if f not in above and len(self.facts[f]) >= 2]
        roomy = [f for f in choices if len(self.facts[f]) >= wanted]
        fact = self.rng.choice(roomy or choices)
        count = min(wanted, len(self.facts[fact]))
        values = self.rng.sample(self.facts[fact], count)
        self.nodes.append(_question(node_id, fact, int(node_id.split("_")[1])))
        self.asked[node_id] = above | {fact}
        self.depth[node_id] = depth
        new: list[str] = []
        shared_pool = self.rng.sample(self.shared, len(self.shared))
        for index, value in enumerate(values):
            must_share = len(new) >= budget
            if shared_pool and (must_share or self.rng.random() < _SHARED_LINK_CHANCE):
                target = shared_pool.pop()
            elif must_share:
                break
            else:
                target = self._new_id("n")
                new.append(target)
            self._edge(node_id, target, value, index)
        return new

    def _edge(self, source: str, target: str, value: str, index: int) -> None:
        label = value.replace("_", " ")
        edge = {"source": source, "target": target, "label": label, "value": value}
        if index == 0:
            edge["note"] = f"Synthetic note on why answering {value!r} leads on."
        self.edges.append(edge)
        self.children.setdefault(source, []).append(target)

    def _link_unused_shared(self, questions: list[str]) -> None:
        used = {edge["target"] for edge in self.edges}
        fact_of = {n["id"]: n["fact"] for n in self.nodes if n["kind"] == "question"}
        for outcome in self.shared:
            if outcome in used:
                continue
            for question in self.rng.sample(questions, len(questions)):
                taken = {e["value"] for e in self.edges if e["source"] == question}
                spare = [v for v in self.facts[fact_of[question]] if v not in taken]
                if spare and len(taken) < 4 and outcome not in self.children[question]:
                    self._edge(question, outcome, spare[0], len(taken))
                    break
            else:
                raise RuntimeError(f"no question can lead to {outcome!r}")

    def _document(self) -> dict[str, Any]:
        used = {n["fact"] for n in self.nodes if n["kind"] == "question"}
        declared = {
            key: {
                "description": f"Synthetic fact {_words(key)!r}, declared for benchmarks.",
                "values": list(values),
            }
            for key, values in _SYNTHETIC_FACTS.items()
            if key in used
        }
        # Put the root first, as real files do.
        self.nodes.sort(key=lambda node: node["id"] != "q_1")
        document: dict[str, Any] = {
            "id": f"synthetic-{self.size}",
            "title": f"Synthetic benchmark tree of {self.size} nodes",
            "version": "1.0.0",
            "last_reviewed": REVIEWED,
            "summary": "Generated by bench/generate.py for performance measurement only. "
            "It follows every rule of the tree format but carries no legal information.",
            "sources": [dict(_CITATION)],
            "nodes": self.nodes,
            "edges": self.edges,
        }
        if declared:
            document["facts"] = declared
        return document


def synthetic_tree(size: int, seed: int = 0) -> dict[str, Any]:
    """A valid tree document of exactly ``size`` nodes, the same for the same seed."""
    return _Builder(size, seed).build()


def write_trees(folder: str | Path, sizes: tuple[int, ...] = SIZES, seed: int = 0) -> list[Path]:
    """Write ``synthetic-<size>.json`` for each size into ``folder``; return the paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for size in sizes:
        path = target / f"synthetic-{size}.json"
        path.write_text(json.dumps(synthetic_tree(size, seed), indent=1), "utf-8")
        paths.append(path)
    return paths
