"""Docstring examples: pytest runs every one in the package and the README
(``--doctest-modules --doctest-glob=README.md`` in ``pyproject.toml``, paths in
``scripts/test.sh``), so no list of modules is kept by hand. These tests keep that promise:
every module shows an example, and the examples are collected."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "xborder_tree"
# The command's modules are shown by the README's command-line examples (tests/test_docs.py).
NO_EXAMPLE = {"cli/main.py", "cli/trees.py", "cli/training.py", "cli/checks.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


def test_every_module_shows_an_example() -> None:
    missing = []
    for path in _modules():
        name = path.relative_to(PACKAGE).as_posix()
        docstrings = [
            ast.get_docstring(node) or ""
            for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        ]
        if name not in NO_EXAMPLE and not any(">>>" in text for text in docstrings):
            missing.append(name)
    assert missing == []


def test_pytest_collects_the_examples_of_the_package_and_the_readme() -> None:
    listed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "xborder_tree",
            "README.md",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    collected = {line.split("::")[0] for line in listed.splitlines() if "::" in line}
    with_examples = {
        path.relative_to(ROOT).as_posix() for path in _modules() if ">>>" in path.read_text("utf-8")
    }
    assert with_examples - collected == set()
    assert "README.md" in collected


def test_a_failing_example_fails_the_run(tmp_path: Path) -> None:
    module = tmp_path / "wrong_example.py"
    module.write_text(
        textwrap.dedent('''
        """>>> 1 + 1
        3
        """
    ''')
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pyproject.toml"),
            str(module),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout
    assert "1 failed" in result.stdout
