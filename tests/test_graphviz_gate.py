"""What needs Graphviz fails, not skips, when ``dot`` is missing; ``--skip-exe`` (or
``XBORDER_SKIP_EXE=1``) is the explicit opt-out. Each case runs pytest in a subprocess whose
``PATH`` holds only this venv's scripts, so ``dot`` cannot be found."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SAMPLE = """
import pytest

from xborder_tree import load_tree
from xborder_tree.drawing.export import render_bytes


@pytest.mark.exe
def test_needs_dot():
    render_bytes(load_tree("trees/example-remote-work.json"), "svg")


def test_needs_nothing():
    assert True
"""


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    sample = tmp_path / "test_sample.py"
    sample.write_text(SAMPLE)
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    bare = {k: v for k, v in os.environ.items() if k != "XBORDER_SKIP_EXE"}
    bare["PATH"] = str(Path(sys.executable).parent)
    bare["PYTHONPATH"] = str(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(ROOT),
            "-o",
            "addopts=--strict-markers",
            str(sample),
            *args,
        ],
        cwd=ROOT,
        env={**bare, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, result.stdout


@pytest.fixture(autouse=True)
def _venv_without_dot() -> None:
    if (Path(sys.executable).parent / "dot").exists():  # pragma: no cover
        pytest.fail("this venv's bin/ holds a 'dot': the check cannot hide Graphviz")


def test_missing_dot_fails_what_needs_it(tmp_path: Path) -> None:
    code, out = _run(tmp_path)
    assert code == 1
    assert "1 passed, 1 error" in out  # fails in set-up, before it runs
    assert "Graphviz 'dot' is not installed" in out and "--skip-exe" in out


def test_skip_exe_skips_it(tmp_path: Path) -> None:
    code, out = _run(tmp_path, "--skip-exe")
    assert code == 0 and "1 passed, 1 skipped" in out


def test_the_environment_variable_skips_it(tmp_path: Path) -> None:
    code, out = _run(tmp_path, env={"XBORDER_SKIP_EXE": "1"})
    assert code == 0 and "1 passed, 1 skipped" in out


def test_a_docstring_example_running_dot_fails_unless_skipped(tmp_path: Path) -> None:
    bare = {k: v for k, v in os.environ.items() if k != "XBORDER_SKIP_EXE"}
    bare["PATH"] = str(Path(sys.executable).parent)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "xborder_tree/web/site.py",
    ]
    failed = subprocess.run(
        command, cwd=ROOT, env=bare, capture_output=True, text=True, timeout=300
    ).stdout
    assert "1 failed" in failed and "GraphvizNotFound" in failed
    skipped = subprocess.run(
        [*command, "--skip-exe"], cwd=ROOT, env=bare, capture_output=True, text=True, timeout=300
    ).stdout
    assert "1 skipped" in skipped and "failed" not in skipped
