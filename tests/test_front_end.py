"""The front end's module graph: each module imports the others by relative name, and the
widget and the page load the same graph through one linker. The pure functions' own unit
tests run under Node's test runner (``node --test tests/js``, from ``scripts/test.sh``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xborder_tree.model.errors import XborderError
from xborder_tree.web.front_end import STATIC, linked_script, module_order, module_sources


def _folder(tmp_path: Path, modules: dict[str, str]) -> Path:
    for name, text in modules.items():
        (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


def test_widget_and_page_share_the_explorer_modules() -> None:
    page = module_order("site.js")
    widget = module_order("explorer.js")
    assert set(widget) < set(page)
    assert {"side.js", "focus.js", "map.js", "toolbar.js", "paths.js"} <= set(widget)
    for name in widget:  # every module the widget loads is loaded from the same text
        assert module_sources()[name] == (STATIC / name).read_text("utf-8")


def test_a_cycle_or_a_foreign_import_is_refused(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    cycle = _folder(tmp_path / "c", {
        "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
        "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
    })
    with pytest.raises(XborderError, match=r"cycle: a\.js -> b\.js -> a\.js"):
        module_order("a.js", cycle)
    (tmp_path / "f").mkdir()
    foreign = _folder(tmp_path / "f", {"a.js": 'import x from "https://cdn.example/x.js";\n'})
    with pytest.raises(XborderError, match=re.escape("a.js imports 'https://cdn.example/x.js'")):
        module_order("a.js", foreign)


def test_the_linked_script_can_be_inlined_and_names_every_module() -> None:
    script = linked_script("site.js")
    assert "</script" not in script.lower() and "<" not in script
    for name in module_order("site.js"):
        assert f'"{name}"' in script
