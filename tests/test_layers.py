"""The package's floor plan is enforced: ``lint-imports`` (contracts in ``pyproject.toml``)
passes on the package as it is, and fails when an upward import, a Jupyter import outside
``xborder_tree.jupyter`` or an import cycle is planted in a copy of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "xborder_tree",
        tmp_path / "xborder_tree",
        ignore=shutil.ignore_patterns("__pycache__", "static"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _plant(folder: Path, module: str, line: str) -> None:
    path = folder / "xborder_tree" / module
    path.write_text(path.read_text("utf-8") + f"\n{line}\n", "utf-8")


def test_the_package_keeps_its_layers() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken", "named"),
    [
        # the model reaching up into drawing
        ("model/walk.py", "from ..drawing import render", "Layers", "xborder_tree.model.walk"),
        # the static site loading the anywidget view
        ("web/site.py", "from ..jupyter import diagram", "Layers", "xborder_tree.web.site"),
        # loading reaching up into the command line, inside a function
        (
            "loading/catalog.py",
            "def _f() -> None:\n    from ..cli import main",
            "Layers",
            "xborder_tree.loading.catalog",
        ),
        # Jupyter outside the Jupyter layer
        (
            "outputs/report.py",
            "import ipywidgets",
            "Only the Jupyter explorer loads Jupyter",
            "xborder_tree.outputs.report",
        ),
        # a cycle inside one folder: deck imports deck_slides, which would import deck
        (
            "outputs/deck_slides.py",
            "from . import deck",
            "No import cycles",
            ".deck_slides -> .deck",
        ),
    ],
)
def test_a_planted_import_breaks_the_check(
    tmp_path: Path, module: str, line: str, broken: str, named: str
) -> None:
    folder = _copy(tmp_path)
    _plant(folder, module, line)
    result = _lint(folder)
    assert result.returncode != 0
    assert f"{broken}" in result.stdout
    assert "BROKEN" in result.stdout
    # the planted import is the one named: the check read the copy, not the installed package
    assert named in result.stdout
