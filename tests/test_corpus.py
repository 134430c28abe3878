"""The malformed-file corpus: every file in ``tests/corpus`` fails to load with exactly the
faults listed for it in ``tests/corpus/expected.json``, as a ``TreeError`` and nothing else.
Then the documented size limits, each at and just past its bound."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import load_tree
from xborder_tree.loading.document import tree_graph
from xborder_tree.loading.schema import MAX_FILE_BYTES
from xborder_tree.model.errors import MAX_SHOWN_FAULTS, TreeError

from .conftest import EXAMPLE

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, list[str]] = json.loads((CORPUS / "expected.json").read_text("utf-8"))
FILES = sorted(p.name for p in CORPUS.iterdir() if p.name != "expected.json")


def test_corpus_is_large_and_fully_described() -> None:
    assert len(FILES) >= 50
    assert sorted(EXPECTED) == FILES


@pytest.mark.parametrize("name", FILES)
def test_corpus_file_raises_exactly_its_expected_faults(name: str) -> None:
    path = CORPUS / name
    before = path.read_bytes()
    with pytest.raises(TreeError) as caught:
        load_tree(path)
    faults = caught.value.faults
    shown = [str(dataclasses.replace(f, file="FILE")).removeprefix("FILE").lstrip() for f in faults]
    assert shown == EXPECTED[name]
    for fault in faults:
        assert fault.file == str(path)
        assert fault.message and fault.fix, fault
    if not name.endswith((".bin", ".txt")) and faults[0].location.startswith("/"):
        assert all(f.location.startswith("/") for f in faults)
    message = str(caught.value)
    assert message.startswith(f"{len(faults)} fault")
    assert all(ch == "\n" or ch.isprintable() for ch in message), "control character in message"
    assert path.read_bytes() == before, "loading must never write to the file"


def test_a_byte_order_mark_before_a_valid_tree_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert load_tree(path).root == "citizenship"


# ------------------------------------------------------------------ documented limits


def _document() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text("utf-8"))


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    text = EXAMPLE.read_bytes()
    path.write_bytes(text + b" " * (MAX_FILE_BYTES - len(text)))
    assert load_tree(path).id == "example-remote-work"  # exactly at the limit: fine
    path.write_bytes(text + b" " * (MAX_FILE_BYTES + 1 - len(text)))
    with pytest.raises(
        TreeError,
        match=r"huge\.json: file is larger than the 5,000,000-byte limit\. "
        r"Fix: split the tree into smaller trees\.",
    ):
        load_tree(path)


def _with_extra_nodes(count: int) -> dict[str, Any]:
    """The example tree with ``count`` extra (unconnected) outcomes."""
    document = _document()
    template = document["nodes"][4]
    document["nodes"] += [dict(copy.deepcopy(template), id=f"extra_{i}") for i in range(count)]
    return document


def test_node_count_limit() -> None:
    with pytest.raises(TreeError) as caught:
        tree_graph(_with_extra_nodes(4996), "big.json")  # 5,001 nodes
    first = str(caught.value.faults[0])
    assert first == (
        "big.json /nodes: field 'nodes' has 5,001 items; it must have at most 5,000. "
        "Fix: remove items; split a very large tree into smaller trees (maxItems 5000)."
    )
    assert "'extra_8' and 4,987 more have no answer" in str(caught.value.faults[1])
    assert len(str(caught.value)) < 2_000, "a huge tree must not give a huge message"


def test_a_tree_error_message_lists_at_most_a_hundred_faults() -> None:
    document = _document()
    document["nodes"] += [{"id": f"bad_{i}", "kind": "riddle"} for i in range(150)]
    with pytest.raises(TreeError) as caught:
        tree_graph(document, "many.json")
    count = len(caught.value.faults)
    assert count > MAX_SHOWN_FAULTS
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{count} faults found:"
    assert lines[-1] == f"  ... and {count - MAX_SHOWN_FAULTS:,} more"
    assert len(lines) == MAX_SHOWN_FAULTS + 2


def test_node_count_at_the_limit_is_not_a_size_fault() -> None:
    with pytest.raises(TreeError) as caught:  # 5,000 nodes: only graph faults (extra roots)
        tree_graph(_with_extra_nodes(4995), "big.json")
    assert not any("maxItems" in (f.fix or "") for f in caught.value.faults)


def test_edge_count_limit() -> None:
    document = _document()
    edge = document["edges"][0]
    document["edges"] += [dict(edge, label=f"answer {i}") for i in range(20_001 - 4)]
    with pytest.raises(TreeError) as caught:
        tree_graph(document, "big.json")
    assert str(caught.value.faults[0]) == (
        "big.json /edges: field 'edges' has 20,001 items; it must have at most 20,000. "
        "Fix: remove items; split a very large tree into smaller trees (maxItems 20000)."
    )


@pytest.mark.parametrize(("length", "ok"), [(4000, True), (4001, False)])
def test_text_length_limit(length: int, ok: bool) -> None:
    document = _document()
    document["nodes"][0]["help"] = "h" * length
    if ok:
        assert tree_graph(document).node("citizenship")["help"] == "h" * length
        return
    with pytest.raises(TreeError) as caught:
        tree_graph(document, "long.json")
    assert [str(f) for f in caught.value.faults] == [
        "long.json /nodes/0/help (node 'citizenship'): field 'help' has 4,001 characters; "
        "it must have at most 4,000. Fix: shorten the text (maxLength 4000)."
    ]
