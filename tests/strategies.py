"""Hypothesis strategies shared by the hardening tests: valid random trees, hostile text,
and random mutations of a tree document."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b onmouseover='alert(1)'>hover</b>",
    "javascript:alert(document.cookie)",
    '"]; a -> b [label="pwned',
    "<<table><tr><td>html-like</td></tr></table>>",
    "<b>bold</b>",
    "\\N \\G \\L \\l \\r \\n \\",
    "&amp; &lt;script&gt; &foo; &#x41; &#0;",
    "]]><!-- --> <![CDATA[x]]>",
    "\u202eevil\u202c \u2066isolate\u2069 \u200f",
    "مرحبا بالعالم עברית",
    "emoji 🇨🇦🇺🇸 👩‍💻 🔥",
    "W" * 300,
    "line\r\nbreak\u2028sep",
    "{{7*7}} ${7*7} %s %n",
    "'; DROP TABLE trees; --",
)

TERMINAL_CONTROLS = "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J"
"""Terminal escapes: refused in tree, scenario and quiz files; a caller of the API may still
pass them (a persona's words), and every output drops them."""
UNCARRIABLE = (
    TERMINAL_CONTROLS,
    "a NUL \x00 byte",
    "half \ud800 of a pair",
    "a noncharacter \ufffe",
    "a backspace \x08 and a delete \x7f",
)
"""Text no output can carry: ``validate`` refuses a file that holds any of these."""

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map(" ".join),
    st.text(
        st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"),
        min_size=1,
        max_size=40,
    ).filter(lambda t: t.strip() != "" and "\ufffe" not in t and "\uffff" not in t),
)
"""Text a tree may hold (it validates) that tries to break an output."""

_CITATION = {
    "title": "Act",
    "publisher": "Government",
    "url": "https://laws.example.gc.ca/act.html",
    "official": True,
}


def _outcome(node_id: str, text: Any) -> dict[str, Any]:
    return {
        "id": node_id,
        "kind": "outcome",
        "title": text(f"Outcome {node_id}"),
        "summary": text("Summary."),
        "verdict": "uncertain",
        "pathways": ["ca-lmia"],
        "next_steps": [text("Step.")],
        "documents": [text("Passport")],
        "caveats": [text("Caveat.")],
        "citations": [dict(_CITATION, title=text("Act"))],
        "last_reviewed": "2026-11-21",
    }


@st.composite
def valid_trees(draw: Any, max_questions: int = 8, hostile: bool = False) -> dict[str, Any]:
    """A random valid tree document: questions with 2-3 answers, each question asking its own
    fact, children new questions or outcomes, some outcomes shared (a DAG, not only a tree)."""

    def text(default: str) -> str:
        return draw(hostile_text) if hostile and draw(st.booleans()) else default

    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    facts: dict[str, Any] = {}
    outcomes: list[str] = []
    pending = ["q0"]
    questions = 0
    while pending:
        qid = pending.pop(0)
        questions += 1
        fact = f"fact_{qid}"
        width = draw(st.integers(2, 3))
        values = [f"v{i}" for i in range(width)]
        facts[fact] = {"description": "A fact.", "values": values}
        nodes.append(
            {
                "id": qid,
                "kind": "question",
                "text": text(f"Question {qid}?"),
                "help": text("Help."),
                "fact": fact,
            }
        )
        targets: list[str] = []
        for value in values:
            room = questions + len(pending) < max_questions
            choice = draw(
                st.sampled_from(
                    ["question", "outcome", "shared"] if room else ["outcome", "shared"]
                )
            )
            free = [o for o in outcomes if o not in targets]
            if choice == "question":
                target = f"q{questions + len(pending)}"
                pending.append(target)
            elif choice == "shared" and free:
                target = draw(st.sampled_from(free))
            else:
                target = f"o{len(outcomes)}"
                outcomes.append(target)
                nodes.append(_outcome(target, text))
            targets.append(target)
            edge = {
                "source": qid,
                "target": target,
                "label": text(f"Answer {value}"),
                "value": value,
            }
            if draw(st.booleans()):
                edge["note"] = text("Why.")
            edges.append(edge)
    return {
        "id": "random-tree",
        "title": text("A random tree"),
        "version": "1.0.0",
        "last_reviewed": "2026-11-21",
        "summary": text("Generated."),
        "sources": [dict(_CITATION)],
        "facts": facts,
        "nodes": nodes,
        "edges": edges,
    }


# ------------------------------------------------------------------ mutations


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.just(10**4000),
    st.builds(lambda: [[[[[[["deep"]]]]]]]),  # builds: a fresh object each time, never shared
    st.builds(dict),
    st.builds(list),
    st.just(""),
    st.just("   "),
    hostile_text,
    st.sampled_from(UNCARRIABLE),
    st.just("constructor"),
    st.just("citizenship"),
    st.just("q0\n"),
)


@st.composite
def mutated(draw: Any, document: dict[str, Any], steps: int = 3) -> Any:
    """``document`` after 1 to ``steps`` random edits: delete or retype a value anywhere,
    duplicate or drop nodes and edges, swap or dangle edge targets, add unknown fields."""
    doc = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, steps))):
        kind = draw(
            st.sampled_from(
                [
                    "delete",
                    "replace",
                    "wrap",
                    "dup_node",
                    "drop_node",
                    "dup_edge",
                    "drop_edge",
                    "swap_targets",
                    "retarget",
                    "unknown_field",
                ]
            )
        )
        nodes = doc.get("nodes") if isinstance(doc, dict) else None
        edges = doc.get("edges") if isinstance(doc, dict) else None
        if kind in ("dup_node", "drop_node") and isinstance(nodes, list) and nodes:
            index = draw(st.integers(0, len(nodes) - 1))
            if kind == "dup_node":
                nodes.append(copy.deepcopy(nodes[index]))
            else:
                del nodes[index]
        elif kind in ("dup_edge", "drop_edge") and isinstance(edges, list) and edges:
            index = draw(st.integers(0, len(edges) - 1))
            if kind == "dup_edge":
                edges.append(copy.deepcopy(edges[index]))
            else:
                del edges[index]
        elif kind == "swap_targets" and isinstance(edges, list) and len(edges) > 1:
            i, j = draw(st.lists(st.integers(0, len(edges) - 1), min_size=2, max_size=2))
            if isinstance(edges[i], dict) and isinstance(edges[j], dict):
                edges[i]["target"], edges[j]["target"] = (
                    edges[j].get("target"),
                    edges[i].get("target"),
                )
        elif kind == "retarget" and isinstance(edges, list) and edges and isinstance(nodes, list):
            edge = draw(st.sampled_from(edges))
            ids = [n.get("id") for n in nodes if isinstance(n, dict)] + ["nowhere"]
            if isinstance(edge, dict):
                edge[draw(st.sampled_from(["source", "target"]))] = draw(st.sampled_from(ids))
        else:
            paths = _paths(doc)[1:]
            if not paths:
                doc = draw(_ODD_VALUES)
                continue
            path = draw(st.sampled_from(paths))
            parent = _parent(doc, path)
            if kind == "delete":
                del parent[path[-1]]
            elif kind == "wrap":
                parent[path[-1]] = [parent[path[-1]]]
            elif kind == "unknown_field" and isinstance(parent, dict):
                parent[draw(hostile_text)] = draw(_ODD_VALUES)
            else:
                parent[path[-1]] = draw(_ODD_VALUES)
    return doc
