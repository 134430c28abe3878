"""The explorer's Tree menu lists every tree of trees/ (format examples aside), the new ones
included, and opens each."""

from __future__ import annotations

from xborder_tree import load_tree
from xborder_tree.jupyter.widgets import Explorer
from xborder_tree.loading.catalog import menu_paths, trees_dir


def test_every_tree_file_is_in_the_tree_menu() -> None:
    menu = {value: label for label, value in Explorer().picker.options}
    offered = menu_paths()
    assert {str(path.resolve()) for path in offered} == set(menu)
    for path in offered:
        assert menu[str(path.resolve())] == load_tree(path).title
    assert {"work-for-us-from-canada-or-mexico", "work-in-mexico"} <= {p.stem for p in offered}


def test_the_menu_opens_the_tree_for_work_from_canada_or_mexico() -> None:
    explorer = Explorer()
    explorer.picker.value = str((trees_dir() / "work-for-us-from-canada-or-mexico.json").resolve())
    assert explorer.walk.tree.id == "work-for-us-from-canada-or-mexico"
    assert explorer.walk.current == "residence"
