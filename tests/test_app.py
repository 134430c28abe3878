"""The app page (notebooks/app.ipynb): ``?tree=`` picks the tree, an unknown name gets the
list of trees; the Tree menu and the every-tree panel leave the format example out."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, TREES
from xborder_tree import load_tree
from xborder_tree.jupyter.app import DEFAULT_TREE, app_page
from xborder_tree.jupyter.widgets import Explorer
from xborder_tree.loading.catalog import menu_paths, tree_paths

pytestmark = pytest.mark.exe  # the explorer lays its diagram out with Graphviz


def test_unknown_tree_names_it_and_links_every_tree() -> None:
    page = app_page("tree=<no-such-tree>")
    assert not isinstance(page, Explorer)
    assert "There is no tree called &ldquo;&lt;no-such-tree&gt;&rdquo;" in page.value
    for path in menu_paths():
        assert f'href="?tree={path.stem}"' in page.value
        assert html.escape(load_tree(path).title) in page.value
    assert "example-remote-work" not in page.value


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", DEFAULT_TREE),
        ("tree=usmca-work-in-us", "usmca-work-in-us"),
        ("tree=example-remote-work", "example-remote-work"),  # still reachable by its name
    ],
)
def test_known_tree_opens_the_explorer(query: str, expected: str) -> None:
    page = app_page(query)
    assert isinstance(page, Explorer) and page.tree.id == expected
    assert [panel.title for panel in page.panels] == [
        "Quiz",
        "Why not?",
        "This situation in every tree",
    ]


def test_tree_menu_and_every_tree_panel_leave_the_example_out() -> None:
    assert EXAMPLE in tree_paths() and EXAMPLE not in menu_paths()
    page = app_page("")
    assert isinstance(page, Explorer)
    assert [value for _, value in page.picker.options] == [
        str(path.resolve()) for path in menu_paths()
    ]
    page.answer("us")
    page.open_panel("This situation in every tree")  # a closed panel is not computed
    every = page.panels[2].widget.value
    assert html.escape(load_tree(EXAMPLE).title) not in every
    assert html.escape(load_tree(TREES / "usmca-work-in-us.json").title) in every


def test_a_folder_of_examples_only_still_has_a_menu(tmp_path: Path) -> None:
    copy = tmp_path / EXAMPLE.name
    copy.write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    assert menu_paths(tmp_path) == [copy]
    explorer = Explorer(trees_folder=tmp_path)
    assert explorer.tree.id == json.loads(copy.read_text("utf-8"))["id"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tree=example-remote-work&as_of=2025-09-21", "2025-09-21"),
        ("tree=example-remote-work", None),  # today
        ("tree=example-remote-work&as_of=2025-02-30", None),  # not a real date: today
    ],
)
def test_as_of_in_the_address_sets_the_rules_date(query: str, expected: str | None) -> None:
    import datetime as dt

    page = app_page(query)
    assert isinstance(page, Explorer)
    day = expected or dt.date.today().isoformat()
    assert page.as_of.isoformat() == day
    assert page.view.as_of == page.view.data["as_of"] == day  # what the date field shows


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("broken-json", "{", "not valid JSON"),
        ("half-character", None, "half of a character (a lone surrogate)"),
    ],
)
def test_a_tree_that_cannot_be_opened_names_it_its_faults_and_the_others(
    tmp_path: Path, name: str, content: str | None, shown: str
) -> None:
    for path in menu_paths():
        (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    if content is None:
        document = json.loads(EXAMPLE.read_text("utf-8"))
        document["id"] = name
        document["nodes"][0]["help"] = "Citizenship \ud800 first."
        content = json.dumps(document)
    (tmp_path / f"{name}.json").write_text(content, "utf-8")
    page = app_page(f"tree={name}", folder=tmp_path)
    assert not isinstance(page, Explorer)
    assert f"The tree &ldquo;{name}&rdquo; cannot be opened" in page.value
    assert shown in html.unescape(page.value) and f"{name}.json" in page.value
    assert f'href="?tree={name}"' not in page.value
    for path in menu_paths():
        assert f'href="?tree={path.stem}"' in page.value
