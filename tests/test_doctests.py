"""The examples in the README and in the core modules' docstrings run as written."""

from __future__ import annotations

import doctest
import importlib
import os

import pytest

from tests.conftest import ROOT

CORE = [
    "model.errors",
    "model.vocabulary",
    "loading.schema",
    "model.tree",
    "model.walk",
    "drawing.render",
    "drawing.export",
    "outputs.report",
    "training.scenarios",
    "loading.catalog",
    "drawing.focus",
    "drawing.render_focus",
    "drawing.slides",
    "drawing.compare_focus",
    "drawing.render_parts",
    "outputs.deck_layout",
    "outputs.deck_slides",
    "model.wording",
    "jupyter.app",
    "training.everytree",
    "checks.factaudit",
    "drawing.labels",
    "loading.graph_rules",
    "cli.args",
    "training.quiz",
    "training.quiz_sets",
    "loading.document",
    "loading.date_rules",
    "outputs.deck_walk",
    "web.styles",
    "web.front_end",
]


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
