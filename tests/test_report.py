"""Case summaries keep the misconception marking the app shows: a "Misconception" label, the
claim struck through, then the correction with its source (never run into one sentence)."""

from __future__ import annotations

import html
import itertools
import re

import mistune
import pytest

from tests.conftest import TREES
from xborder_tree import Walk, load_tree
from xborder_tree.loading.catalog import tree_paths
from xborder_tree.outputs.report import case_html, case_markdown


def _walks_to_misconceptions() -> list[Walk]:
    """For each tree of trees/, a walk to its first outcome that corrects misconceptions."""
    walks = []
    for path in tree_paths(TREES):
        tree = load_tree(path)
        for route in tree.paths():
            if tree.node(route[-1]).get("misconceptions"):
                walk = Walk(tree)
                for source, target in itertools.pairwise(route):
                    walk.answer(next(a.value for a in tree.answers(source) if a.target == target))
                walks.append(walk)
                break
    assert walks, "no outcome in trees/ corrects a misconception"
    return walks


def _plain(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("walk", _walks_to_misconceptions(), ids=lambda w: w.tree.id)
def test_markdown_marks_each_misconception(walk: Walk) -> None:
    text = case_markdown(walk, prepared_on="2026-11-23")
    rendered = str(mistune.create_markdown(plugins=["strikethrough"])(text))
    for item in walk.tree.node(walk.current)["misconceptions"]:
        claim = re.escape(mistune.escape(_plain(item["claim"])))
        correction = re.escape(mistune.escape(_plain(item["correction"])))
        marked = (
            rf"<strong>Misconception:</strong> <del>{claim}</del><br />\s*"
            rf"<strong>Correction:</strong> {correction} <a href"
        )
        assert re.search(marked, rendered), rendered
        assert f"{_plain(item['claim'])}: " not in text.replace("\\", "")  # no "claim: fix"


@pytest.mark.parametrize("walk", _walks_to_misconceptions(), ids=lambda w: w.tree.id)
def test_html_marks_each_misconception(walk: Walk) -> None:
    page = case_html(walk, prepared_on="2026-11-23")
    for item in walk.tree.node(walk.current)["misconceptions"]:
        claim = html.escape(item["claim"], quote=True)
        correction = html.escape(item["correction"], quote=True)
        assert (
            f"<li><strong>Misconception:</strong> <s>{claim}</s><br>"
            f"<strong>Correction:</strong> {correction} <a href"
        ) in page
