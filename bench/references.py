"""The two reference apps the explorer is measured against, and how a notebook finds its tree.

- :class:`NaiveExplorer`: the obvious design. Every click re-runs Graphviz on the whole tree
  with the path highlighted and sends the whole SVG to the browser.
- :class:`Floor`: one button that updates one label. Nothing can answer a click faster on
  the Jupyter stack (kernel round trip plus one widget update), so it sets the floor.

Both mark their elements with the same classes as the benchmark's explorer adapter, so the
browser harness drives all three alike: ``xbt-answer`` (answer buttons, ``title`` = the
answer's value), ``xbt-back``, ``xbt-diagram`` (the element whose change is the answer).
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

import ipywidgets as widgets

from xborder_tree import DecisionTree, Walk, load_tree
from xborder_tree.drawing.export import render_bytes
from xborder_tree.drawing.render import Highlight

__all__ = ["TREES_ENV", "Floor", "NaiveExplorer", "tree_from_query"]

TREES_ENV = "XBT_BENCH_TREES"
"""Environment variable naming the folder of generated trees (set for the Voila server)."""


def tree_from_query(default_size: str = "30") -> DecisionTree:
    """The synthetic tree named by the page's ``?size=`` (Voila passes ``QUERY_STRING``)."""
    query = urllib.parse.parse_qs(os.environ.get("QUERY_STRING", ""))
    size = query.get("size", [default_size])[0]
    if not size.isdigit():
        raise ValueError(f"size must be a number of nodes, not {size!r}")
    folder = Path(os.environ.get(TREES_ENV, "bench/_work/trees"))
    return load_tree(folder / f"synthetic-{size}.json")


class NaiveExplorer:
    """Answer buttons, a back button and the diagram, redrawn by Graphviz on every click."""

    def __init__(self, tree: DecisionTree) -> None:
        self.tree = tree
        self.walk = Walk(tree)
        self.answers = widgets.HBox()
        self.back_button = widgets.Button(description="Back")
        self.back_button.add_class("xbt-back")
        self.back_button.on_click(lambda _button: self._move(self.walk.back))
        self.diagram = widgets.HTML()
        self.diagram.add_class("xbt-diagram")
        self.widget = widgets.VBox([self.answers, self.back_button, self.diagram])
        self._refresh()

    def _move(self, step: object) -> None:
        if callable(step):
            step()
        self._refresh()

    def _answer(self, value: str) -> None:
        self.walk.answer(value)
        self._refresh()

    def _refresh(self) -> None:
        highlight = Highlight.from_walk(self.walk)
        self.diagram.value = render_bytes(self.tree, "svg", highlight=highlight).decode("utf-8")
        buttons = []
        for answer in self.walk.answers():
            button = widgets.Button(description=answer.label, tooltip=answer.value)
            button.add_class("xbt-answer")
            button.on_click(lambda _button, value=answer.value: self._answer(value))
            buttons.append(button)
        self.answers.children = buttons


class Floor:
    """One button, one label: the cheapest possible answer to a click."""

    def __init__(self) -> None:
        self.count = 0
        self.button = widgets.Button(description="Click", tooltip="floor")
        self.button.add_class("xbt-answer")
        self.button.add_class("xbt-back")
        self.label = widgets.Label(value="Clicked 0 times")
        self.label.add_class("xbt-diagram")
        self.button.on_click(self._clicked)
        self.widget = widgets.VBox([self.button, self.label])

    def _clicked(self, _button: widgets.Button) -> None:
        self.count += 1
        self.label.value = f"Clicked {self.count} times"
