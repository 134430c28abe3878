"""Every validation rule, with the message a person reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import TreeError, load_tree, tree_graph
from xborder_tree.loading.schema import check_tree_data

Mutation = Callable[[dict[str, Any]], None]


def _node(data: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in data["nodes"] if n["id"] == node_id)


def _outcome(node_id: str) -> dict[str, Any]:
    return {
        "id": node_id,
        "kind": "outcome",
        "title": "T",
        "summary": "S",
        "verdict": "allowed",
        "pathways": ["ca-citizen-or-pr"],
        "next_steps": [],
        "documents": [],
        "caveats": [],
        "last_reviewed": "2026-11-21",
        "citations": [
            {
                "title": "IRPA",
                "publisher": "Justice Canada",
                "url": "https://laws.justice.gc.ca/",
                "official": True,
            }
        ],
    }


def _set(path: list[Any], value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def _add_edge(**edge: str) -> Mutation:
    return lambda data: data["edges"].append(edge)


def _two_roots(data: dict[str, Any]) -> None:
    data["nodes"].append(_outcome("orphan"))


def _cycle(data: dict[str, Any]) -> None:
    # work_location -> citizenship closes a loop; give the root a new parent question
    data["edges"].append(
        {"source": "work_location", "target": "citizenship", "label": "Again", "value": "in_us"}
    )


def _no_root(data: dict[str, Any]) -> None:
    data["edges"].append(
        {"source": "work_location", "target": "citizenship", "label": "Loop", "value": "in_us"}
    )


def _one_answer(data: dict[str, Any]) -> None:
    data["edges"] = [e for e in data["edges"] if e["value"] != "remote_from_us"]
    data["nodes"] = [n for n in data["nodes"] if n["id"] != "outside_canada"]


def _leaf_question(data: dict[str, Any]) -> None:
    data["nodes"].append(
        {"id": "dead_end", "kind": "question", "text": "Q?", "help": "H", "fact": "goal"}
    )
    data["edges"].append(
        {"source": "work_location", "target": "dead_end", "label": "US", "value": "in_us"}
    )


def _repeat_fact(data: dict[str, Any]) -> None:
    _node(data, "work_location")["fact"] = "citizenship"
    for edge in data["edges"]:
        if edge["source"] == "work_location":
            edge["value"] = {"in_canada": "canada", "remote_from_us": "us"}[edge["value"]]


def _duplicate_node(data: dict[str, Any]) -> None:
    data["nodes"].append(dict(_node(data, "permit_needed")))


def _unofficial_only(data: dict[str, Any]) -> None:
    for citation in _node(data, "permit_needed")["citations"]:
        citation["official"] = False


def _unreachable(data: dict[str, Any]) -> None:
    data["nodes"].append(
        {"id": "island_q", "kind": "question", "text": "Q?", "help": "H", "fact": "goal"}
    )
    data["nodes"].append(_outcome("island_a"))
    data["nodes"].append(_outcome("island_b"))
    data["edges"] += [
        {"source": "island_q", "target": "island_a", "label": "A", "value": "temporary"},
        {"source": "island_q", "target": "island_b", "label": "B", "value": "permanent"},
    ]


CASES: list[tuple[str, Mutation, str]] = [
    ("missing field", _delete(["title"]), r"/: missing required field 'title'. Fix: add"),
    ("unknown field", _set(["colour"], "red"), r"unknown field 'colour'.*allowed: .*edges"),
    ("bad version", _set(["version"], "one"), r"/version: field 'version' .*wrong form"),
    ("bad date", _set(["last_reviewed"], "21/11/2026"), r"YYYY-MM-DD"),
    (
        "wrong type",
        _set(["nodes", 0, "text"], 42),
        r"/nodes/0/text \(node 'citizenship'\): "
        r"field 'text' must be of type string",
    ),
    ("bad verdict", _set(["nodes", 2, "verdict"], "maybe"), r"'maybe'.*use one of 'allowed'"),
    ("bad node id", _set(["nodes", 2, "id"], "Bad-Id"), r"snake_case"),
    ("double underscore id", _set(["nodes", 2, "id"], "a__b"), r"snake_case"),
    ("javascript url", _set(["sources", 0, "url"], "javascript:alert(1)"), r"http"),
    (
        "outcome without citation",
        _set(["nodes", 2, "citations"], []),
        r"/nodes/2/citations \(node 'canadian_citizen'\).*(non-empty|should be non-empty|minItems)",
    ),
    ("no official citation", _unofficial_only, r"no official citation.*\"official\": true"),
    (
        "dangling edge",
        _set(["edges", 2, "target"], "permit_neded"),
        r"/edges/2/target \(node 'work_location'\): answer points to unknown node "
        r"'permit_neded'. Fix: did you mean 'permit_needed'",
    ),
    (
        "duplicate edge",
        _add_edge(source="work_location", target="permit_needed", label="Also", value="in_us"),
        r"duplicate edge.*already leads to 'permit_needed'",
    ),
    (
        "duplicate value",
        _add_edge(
            source="work_location", target="canadian_citizen", label="Again", value="in_canada"
        ),
        r"two answers give the value 'in_canada'",
    ),
    (
        "self loop",
        _add_edge(source="work_location", target="work_location", label="Loop", value="in_us"),
        r"cycle: work_location -> work_location",
    ),
    ("no root", _no_root, r"no root"),
    ("cycle", _cycle, r"cycle: citizenship -> work_location -> citizenship"),
    ("several roots", _two_roots, r"several roots: 'citizenship', 'orphan'"),
    ("unreachable", _unreachable, r"several roots"),
    ("one answer", _one_answer, r"\(node 'work_location'\): a question with only one answer"),
    ("leaf question", _leaf_question, r"a leaf that is not an outcome"),
    (
        "outcome with answer",
        _add_edge(source="permit_needed", target="outside_canada", label="X", value="us"),
        r"an outcome has an answer leading out of it",
    ),
    ("fact asked twice", _repeat_fact, r"the fact 'citizenship' is already asked earlier"),
    (
        "value outside vocabulary",
        _set(["edges", 0, "value"], "quebec"),
        r"/edges/0/value \(node 'citizenship'\): 'quebec' is not a value of fact 'citizenship'. "
        r"Fix: use one of 'us', 'canada', 'mexico', 'other'",
    ),
    (
        "unknown fact key",
        _set(["nodes", 1, "fact"], "shoe_size"),
        r"fact 'shoe_size' is not in the shared vocabulary.*declare it under 'facts'",
    ),
    (
        "unknown pathway",
        _set(["nodes", 2, "pathways"], ["ca-magic"]),
        r"unknown pathway code 'ca-magic'",
    ),
    (
        "redefined fact",
        _set(["facts"], {"citizenship": {"description": "d", "values": ["a", "b"]}}),
        r"fact 'citizenship' is in the shared vocabulary and cannot be redefined",
    ),
    ("duplicate node id", _duplicate_node, r"duplicate node id \(first used at /nodes/3\)"),
]


@pytest.mark.parametrize(("mutate", "pattern"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_reports_a_located_actionable_fault(
    example_data: dict[str, Any], mutate: Mutation, pattern: str
) -> None:
    mutate(example_data)
    with pytest.raises(TreeError, match=pattern) as caught:
        tree_graph(example_data, "bad.json")
    assert isinstance(caught.value, ValueError)
    assert all(fault.file == "bad.json" for fault in caught.value.faults)


def test_unreachable_island_is_reported_when_root_is_unique(example_data: dict[str, Any]) -> None:
    # an island hanging below a cycle has an in-edge, so the root stays unique
    example_data["nodes"].append(
        {"id": "loop_a", "kind": "question", "text": "Q?", "help": "H", "fact": "goal"}
    )
    example_data["nodes"].append(_outcome("loop_end"))
    example_data["edges"] += [
        {"source": "loop_a", "target": "loop_end", "label": "A", "value": "temporary"},
        {"source": "loop_a", "target": "loop_a", "label": "B", "value": "permanent"},
    ]
    faults = check_tree_data(example_data, "bad.json")
    messages = [f.message for f in faults]
    assert any(m.startswith("cycle: loop_a") for m in messages)


def test_every_fault_is_reported_in_one_pass(example_data: dict[str, Any]) -> None:
    example_data["title"] = ""
    example_data["edges"][2]["target"] = "nowhere"
    example_data["edges"][0]["value"] = "quebec"
    faults = check_tree_data(example_data, "bad.json")
    joined = "\n".join(map(str, faults))
    assert "/title" in joined
    assert "unknown node 'nowhere'" in joined
    assert "'quebec' is not a value" in joined


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (b"", r"file is empty"),
        (b'{ "id": ', r"line 1 column \d+: not valid JSON: Expecting value"),
        (b"\xff\xfe\x00{", r"not valid UTF-8"),
        (b'{"id": "a", "id": "b"}', r"the key 'id' appears twice"),
        (b'{"id": NaN}', r"NaN is not allowed"),
        (b"[1, 2]", r"value must be of type object, not array"),
        (b"[" * 100_000 + b"]" * 100_000, r"(nested too deeply|not valid JSON)"),
    ],
    ids=["empty", "truncated", "not utf8", "duplicate key", "nan", "wrong shape", "deep"],
)
def test_unreadable_files_raise_tree_error(tmp_path: Path, content: bytes, pattern: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(TreeError, match=pattern):
        load_tree(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(TreeError, match="file not found"):
        load_tree(tmp_path / "absent.json")
    with pytest.raises(TreeError, match="is a directory"):
        load_tree(tmp_path)


def test_byte_order_mark_is_accepted(tmp_path: Path, example_data: dict[str, Any]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(example_data).encode())
    assert load_tree(path).root == "citizenship"


def test_loading_never_writes_the_file(tmp_path: Path, example_data: dict[str, Any]) -> None:
    path = tmp_path / "tree.json"
    example_data["edges"][0]["value"] = "quebec"
    path.write_text(json.dumps(example_data))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(TreeError):
        load_tree(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_declared_fact_and_pathway_are_accepted(example_data: dict[str, Any]) -> None:
    example_data["facts"] = {"province": {"description": "Province", "values": ["on", "qc"]}}
    example_data["pathways"] = {
        "ca-provincial-licence": {
            "meaning": "Provincial licence needed",
            "question": "ca_work",
            "position": "needed",
        }
    }
    _node(example_data, "work_location")["fact"] = "province"
    for edge in example_data["edges"]:
        if edge["source"] == "work_location":
            edge["value"] = {"in_canada": "on", "remote_from_us": "qc"}[edge["value"]]
    _node(example_data, "permit_needed")["pathways"] = ["ca-provincial-licence"]
    tree = tree_graph(example_data)
    assert tree.resolve({"citizenship": "us", "province": "qc"}).outcome == "outside_canada"


def test_declared_fact_values_are_enforced(example_data: dict[str, Any]) -> None:
    example_data["facts"] = {"province": {"description": "Province", "values": ["on", "qc"]}}
    _node(example_data, "work_location")["fact"] = "province"
    with pytest.raises(TreeError, match=r"'in_canada' is not a value of fact 'province'"):
        tree_graph(example_data)


def test_declared_pathway_questions_and_positions_are_the_vocabularys() -> None:
    from xborder_tree.loading.schema import schema
    from xborder_tree.model.vocabulary import LEGAL_QUESTIONS, POSITIONS, VERDICTS

    declared = schema()["$defs"]["declaredPathway"]["properties"]
    assert declared["question"]["enum"] == list(LEGAL_QUESTIONS)
    assert declared["position"]["enum"] == list(POSITIONS)
    assert schema()["$defs"]["outcome"]["properties"]["verdict"]["enum"] == list(VERDICTS)


def test_scope_faults_are_located(example_data: dict[str, Any]) -> None:
    example_data["scope"] = [
        {"citizenship": ["us", "quebec"], "planet": ["mars"]},
        {"citizenship": ["canada"]},
    ]
    with pytest.raises(TreeError) as raised:
        tree_graph(example_data)
    text = str(raised.value)
    assert "/scope/0/citizenship/1: scope value 'quebec' is not a value of fact" in text
    assert "/scope/0/planet: scope fact 'planet' is not in the shared vocabulary" in text
    example_data["scope"] = [{"citizenship": ["canada"]}]
    with pytest.raises(TreeError) as raised:
        tree_graph(example_data)
    assert "(node 'citizenship'): this answer (citizenship=us) leads outside the tree's scope" in (
        str(raised.value)
    )


def test_an_unsettled_pathway_needs_the_uncertain_verdict(example_data: dict[str, Any]) -> None:
    _node(example_data, "permit_needed")["pathways"] = ["us-b1-paid-from-us"]
    with pytest.raises(TreeError, match=r"says the official sources do not settle the question"):
        tree_graph(example_data)
    _node(example_data, "permit_needed")["pathways"] = ["ca-lmia", "ca-citizen-or-pr"]
    with pytest.raises(TreeError, match=r"two answers to the legal question 'ca_work'"):
        tree_graph(example_data)
