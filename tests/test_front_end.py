"""The front end's module graph: each module imports the others by relative name, and the
widget and the page load the same graph through one linker. The pure functions' own unit
tests run under Node's test runner (``node --test tests/js``, from ``scripts/test.sh``)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from xborder_tree import DecisionTree, Walk, load_tree
from xborder_tree.loading.catalog import tree_paths
from xborder_tree.model.errors import XborderError
from xborder_tree.training.scenarios import load_scenarios, scenario_path
from xborder_tree.web.explorer_data import explorer_data, periods
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
    cycle = _folder(
        tmp_path / "c",
        {
            "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
            "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
        },
    )
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


def test_the_front_end_follows_every_persona_as_python_does(tmp_path: Path) -> None:
    """paths.js against Walk, on every scenario persona of every tree: the path the persona's
    facts lead to, the check of Python's path, and the same person on another date (the
    persona's date and the day after the tree's last dated change, as Walk.on_date does)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: install Node.js 20 or later (scripts/setup.sh --browser)")
    datasets: dict[str, Any] = {}
    cases = []
    today = dt.date.today()

    def dataset(tree: DecisionTree, day: dt.date) -> str:
        key = f"{tree.id}@{day.isoformat()}"
        if key not in datasets:
            datasets[key] = {
                "explorer": explorer_data(tree, as_of=day),
                "facts": {q: tree.node(q)["fact"] for q in tree.questions},
            }
        return key

    for tree_file in tree_paths():
        tree = load_tree(tree_file)
        starts = [start for start in periods(tree) if start is not None]
        other = starts[-1] if starts else dt.date(2020, 7, 1)
        for persona in load_scenarios(scenario_path(tree_file), tree.id):
            day = persona.as_of or today
            walk = Walk.from_facts(tree, persona.facts, day)
            cases.append(
                {
                    "tree": tree.id,
                    "persona": persona.id,
                    "data": dataset(tree, day),
                    "other_data": dataset(tree, other),
                    "stated": persona.facts,
                    "python_path": walk.path,
                    "python_moved": walk.on_date(other).path,
                }
            )
    assert len(cases) >= 30
    fixture = tmp_path / "cases.json"
    fixture.write_text(json.dumps({"datasets": datasets, "cases": cases}), "utf-8")
    done = subprocess.run(
        [node, str(ROOT / "tests/js/follow_paths.mjs"), str(fixture)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for case, result in zip(cases, results, strict=True):
        where = f"{case['tree']} / {case['persona']}"
        assert result["path"] == case["python_path"], where
        assert result["broken"] is None and result["steps"] == len(case["python_path"]) - 1, where
        assert result["moved"] == case["python_moved"], where
