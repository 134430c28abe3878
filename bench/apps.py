"""The three apps the benchmark drives, each from Python (a :class:`Clicker`) and in the
browser (an :class:`AppPage`): the explorer, the naive explorer and the floor.

The explorer is ``xborder_tree.widgets.Explorer``, driven through its documented parts:
answer buttons carry the class ``xt_answer_<value>``, the back button ``xt_back``, and the
diagram (``DiagramView``) draws the path inside ``.xt_diagram_view``.
"""

from __future__ import annotations

from xborder_tree import DecisionTree

from .browser import AppPage
from .kernel import Clicker
from .references import Floor, NaiveExplorer

__all__ = ["PAGES", "explorer_clicker", "floor_clicker", "naive_clicker", "page"]


def explorer_clicker(tree: DecisionTree) -> Clicker:
    """The real explorer, clicked through its buttons."""
    from xborder_tree.widgets import Explorer  # imported late: it loads ipywidgets

    explorer = Explorer(tree)

    def answer(value: str) -> None:
        for button in explorer.answer_buttons:
            if f"xt_answer_{value}" in button._dom_classes:
                button.click()
                return
        raise LookupError(f"no answer button for {value!r}")

    return Clicker(explorer, answer, explorer.back_button.click)


def naive_clicker(tree: DecisionTree) -> Clicker:
    """The naive explorer, clicked through its buttons."""
    naive = NaiveExplorer(tree)

    def answer(value: str) -> None:
        next(b for b in naive.answers.children if b.tooltip == value).click()

    return Clicker(naive.widget, answer, naive.back_button.click)


def floor_clicker(_tree: DecisionTree) -> Clicker:
    """The floor: every click is the same button."""
    floor = Floor()
    return Clicker(floor.widget, lambda _value: floor.button.click(), floor.button.click)


PAGES = {
    "explorer": AppPage(
        notebook="explorer.ipynb",
        query="size={size}",
        answer="button.xt_answer_{value}",
        back="button.xt_back",
        target=".xt_diagram_view",
        ready=".xt_diagram_view svg",
    ),
    "naive": AppPage(
        notebook="naive.ipynb",
        query="size={size}",
        answer='button.xbt-answer[title="{value}"]',
        back="button.xbt-back",
        target=".xbt-diagram",
        ready=".xbt-diagram svg",
    ),
    "floor": AppPage(
        notebook="floor.ipynb",
        query="size={size}",
        answer="button.xbt-answer",
        back="button.xbt-back",
        target=".xbt-diagram",
        ready="button.xbt-answer",
    ),
}


def page(name: str, size: int) -> AppPage:
    """The page of app ``name`` showing the tree of ``size`` nodes."""
    template = PAGES[name]
    return AppPage(
        template.notebook,
        template.query.format(size=size),
        template.answer,
        template.back,
        template.target,
        template.ready,
    )
