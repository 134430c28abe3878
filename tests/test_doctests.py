"""The examples in the README and in the core modules' docstrings run as written."""

from __future__ import annotations

import doctest
import importlib
import os

import pytest

from tests.conftest import ROOT

CORE = ["errors", "vocabulary", "schema", "tree", "walk", "render", "export", "report",
        "scenarios", "catalog", "focus", "render_focus", "slides", "compare_focus",
        "wording", "app", "everytree", "factaudit", "labels", "graph_rules", "cli_args",
        "quiz", "quiz_sets", "front_end"]


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("name", CORE)
def test_module_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"xborder_tree.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_readme_examples() -> None:
    result = doctest.testfile(os.fspath(ROOT / "README.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8 and result.failed == 0
