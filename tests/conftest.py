"""Shared fixtures: the example tree as data and as a loaded tree. (What needs Graphviz is
ruled in the repository's ``conftest.py``.)"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import DecisionTree, load_tree

ROOT = Path(__file__).resolve().parent.parent
TREES = ROOT / "trees"
EXAMPLE = TREES / "example-remote-work.json"


@pytest.fixture(scope="session")
def example_document() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text("utf-8"))


@pytest.fixture
def example_data(example_document: dict[str, Any]) -> dict[str, Any]:
    """A fresh, mutable copy of the example tree document."""
    return copy.deepcopy(example_document)


@pytest.fixture(scope="session")
def example_tree() -> DecisionTree:
    return load_tree(EXAMPLE)
