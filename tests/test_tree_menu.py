"""The explorer's Tree menu lists every tree of trees/, the new ones included, and opens each."""

from __future__ import annotations

from xborder_tree.catalog import load_all, tree_paths, trees_dir
from xborder_tree.widgets import Explorer


def test_every_tree_file_is_in_the_tree_menu() -> None:
    explorer = Explorer()
    menu = {value: label for label, value in explorer.picker.options}
    for tree in load_all().values():
        assert menu[str((trees_dir() / f"{tree.id}.json").resolve())] == tree.title
    assert len(menu) == len(tree_paths())


def test_the_menu_opens_the_tree_for_work_from_canada_or_mexico() -> None:
    explorer = Explorer()
    target = str((trees_dir() / "work-for-us-from-canada-or-mexico.json").resolve())
    explorer.picker.value = target
    assert explorer.walk.tree.id == "work-for-us-from-canada-or-mexico"
    assert explorer.walk.current == "residence"
