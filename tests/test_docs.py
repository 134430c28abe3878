"""The format documentation covers every field of the published schema."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.conftest import ROOT
from xborder_tree.schema import schema

DOC = (ROOT / "docs" / "tree-format.md").read_text("utf-8")


def _fields(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        found |= set(node.get("properties", {}))
        for value in node.values():
            found |= _fields(value)
    elif isinstance(node, list):
        for value in node:
            found |= _fields(value)
    return found


def test_every_schema_field_is_documented_in_a_table() -> None:
    documented = set(re.findall(r"^\| `([$\w]+)` \|", DOC, flags=re.MULTILINE))
    missing = _fields(schema("tree")) - documented
    assert missing == set()


def test_documented_examples_are_valid_json() -> None:
    blocks = re.findall(r"```json\n(.*?)```", DOC, flags=re.DOTALL)
    assert len(blocks) >= 5
    for block in blocks:
        json.loads(block)
