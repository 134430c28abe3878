"""``xborder-tree site`` publishes only what ``validate`` accepts, keeps the mode of a page it
replaces, and keeps one index of every explorer page in a folder that several builds share."""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import load_tree
from xborder_tree.cli.main import main
from xborder_tree.model.errors import TreeError
from xborder_tree.web.site import build_site
from xborder_tree.web.site_index import entry_of_page

from .conftest import EXAMPLE

pytestmark = pytest.mark.exe

LOOKALIKE = "https://laws-justice-gc.ca.example.com/eng/acts/i-2.5/"


def _site(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["site", *argv, "--as-of", "2026-11-23"], out)
    return code, out.getvalue(), err.getvalue()


def _lookalike(tmp_path: Path) -> Path:
    """The example tree with an "official" citation on a host that only looks official."""
    document = json.loads(EXAMPLE.read_text("utf-8"))
    document["nodes"][2]["citations"][0]["url"] = LOOKALIKE
    document["id"] = "lookalike"
    path = tmp_path / "lookalike.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def test_site_refuses_a_tree_that_validate_refuses(tmp_path: Path) -> None:
    tree_file = _lookalike(tmp_path)
    validated = io.StringIO()
    assert main(["validate", str(tree_file)], validated) == 1
    out_dir = tmp_path / "site"
    code, out, err = _site(str(EXAMPLE), str(tree_file), "-o", str(out_dir))
    assert code == 1 and out == ""
    assert f"{tree_file} /nodes/2/citations/0/url (node 'canadian_citizen')" in err
    assert "is not a government domain" in err and "Fix:" in err
    assert "Traceback" not in err
    assert not out_dir.exists(), "nothing is published when one tree is refused"


def test_build_site_refuses_it_too(tmp_path: Path) -> None:
    with pytest.raises(TreeError, match="not a government domain"):
        build_site([load_tree(_lookalike(tmp_path))], tmp_path / "site")
    assert not (tmp_path / "site").exists()


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_replaced_page_keeps_its_mode_and_a_new_one_is_readable(tmp_path: Path) -> None:
    page, index = tmp_path / "example-remote-work.html", tmp_path / "index.html"
    with _umask(0o077):
        assert _site(str(EXAMPLE), "-o", str(tmp_path))[0] == 0
    assert _mode(page) == _mode(index) == 0o644, "a web server must be able to read new pages"
    page.chmod(0o640)
    index.chmod(0o604)
    assert _site(str(EXAMPLE), "-o", str(tmp_path))[0] == 0
    assert (_mode(page), _mode(index)) == (0o640, 0o604)


def _listed(folder: Path) -> list[str]:
    text = (folder / "index.html").read_text("utf-8")
    return [part.split('.html"')[0] for part in text.split('<a href="')[1:]]


def test_builds_sharing_a_folder_give_one_index_of_every_page(tmp_path: Path) -> None:
    assert _site(str(EXAMPLE), "-o", str(tmp_path))[0] == 0
    assert _site("work-in-mexico", "-o", str(tmp_path))[0] == 0
    assert _listed(tmp_path) == ["example-remote-work", "work-in-mexico"]
    assert _site(str(EXAMPLE), "-o", str(tmp_path))[0] == 0  # a rebuild lists it once
    assert _listed(tmp_path) == ["example-remote-work", "work-in-mexico"]
    index = (tmp_path / "index.html").read_text("utf-8")
    mexico = load_tree("trees/work-in-mexico.json")
    assert f"({len(mexico.questions)} questions, {len(mexico.outcomes)} outcomes)" in index


def _page_with_entry(entry: dict[str, Any]) -> str:
    return f'<script type="application/json" id="xt-entry">{json.dumps(entry)}</script>'


def test_the_index_lists_only_explorer_pages_named_by_their_id(tmp_path: Path) -> None:
    good = {
        "id": "other-tree",
        "title": "<b>Other</b>",
        "summary": "S",
        "first": "Q?",
        "questions": 1,
        "outcomes": 2,
    }
    (tmp_path / "notes.html").write_text("<p>not an explorer page</p>", "utf-8")
    (tmp_path / "renamed.html").write_text(_page_with_entry(good), "utf-8")
    (tmp_path / "broken.html").write_text(
        _page_with_entry({**good, "id": "broken", "questions": "1"}), "utf-8"
    )
    (tmp_path / "other-tree.html").write_text(_page_with_entry(good), "utf-8")
    assert _site(str(EXAMPLE), "-o", str(tmp_path))[0] == 0
    assert _listed(tmp_path) == ["example-remote-work", "other-tree"]
    index = (tmp_path / "index.html").read_text("utf-8")
    assert "&lt;b&gt;Other&lt;/b&gt;" in index and "<b>Other" not in index
    assert entry_of_page("<script>", "x") is None


def test_a_folder_that_cannot_be_written_is_named_before_any_layout(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("a file, not a folder", "utf-8")
    code, out, err = _site(str(EXAMPLE), "-o", str(taken))
    assert code == 2 and out == ""
    assert f"cannot write the site into {taken}: it is a file, not a folder" in err
    assert taken.read_text("utf-8") == "a file, not a folder"
