"""The three apps the benchmark drives, each from Python (a :class:`Clicker`) and in the
browser (an :class:`AppPage`): the explorer, the naive explorer and the floor.

The explorer is the app's (``training_explorer``, panels closed), in its focus view or its
whole-map view. In the browser its answer buttons carry the class ``xt_answer_<value>`` and
the back button ``xt_back``; from Python a click is what the page sends: the new path, in one
widget message (``explorer.view``).
"""

from __future__ import annotations

from xborder_tree import DecisionTree

from .browser import AppPage
from .kernel import Clicker
from .references import Floor, NaiveExplorer

__all__ = ["PAGES", "explorer_clicker", "floor_clicker", "naive_clicker", "page"]


def explorer_clicker(tree: DecisionTree, view: str = "focus") -> Clicker:
    """The app's explorer, clicked as the page does: it sends the new path."""
    from xborder_tree.jupyter.training_widgets import training_explorer  # loads ipywidgets

    explorer = training_explorer(tree, view=view)

    def send(path: list[str]) -> None:
        state = {"path": path}
        explorer.view._handle_msg(
            {
                "content": {"data": {"method": "update", "state": state, "buffer_paths": []}},
                "buffers": [],
            }
        )

    def answer(value: str) -> None:
        current = explorer.view.path
        target = next(a.target for a in tree.answers(current[-1]) if a.value == value)
        send([*current, target])

    return Clicker(explorer, answer, lambda: send(explorer.view.path[:-1]))


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
        query="size={size}&view=focus",
        answer="button.xt_answer_{value}",
        back="button.xt_back",
        target=".xt_diagram_view",
        ready=".xt_diagram_view .xt_focus",
    ),
    "explorer_map": AppPage(
        notebook="explorer.ipynb",
        query="size={size}&view=map",
        answer="button.xt_answer_{value}",
        back="button.xt_back",
        target=".xt_diagram_view",
        ready=".xt_diagram_view svg.xt_map_svg",
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
