"""The Binder files: reproduce Binder's install in a fresh virtual environment.

Binder (repo2docker) installs ``apt.txt`` with apt, picks Python from ``runtime.txt``, then
runs ``pip install -r binder/requirements.txt`` from the repository root.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BINDER = ROOT / "binder"
INSTALL_TIMEOUT = 900  # seconds; the pip cache makes it about one minute


def _python_312() -> str:
    """A Python 3.12 interpreter (what runtime.txt pins) when there is one, else ours."""
    for candidate in ("python3.12", "/root/.pyenv/versions/3.12.1/bin/python3.12"):
        found = shutil.which(candidate) or (candidate if Path(candidate).exists() else None)
        if found:
            done = subprocess.run(
                [found, "--version"], capture_output=True, text=True, timeout=30, check=False
            )
            if done.returncode == 0 and done.stdout.startswith("Python 3.12"):
                return found
    return sys.executable


def test_runtime_apt_and_requirements_say_what_binder_needs() -> None:
    assert (BINDER / "runtime.txt").read_text("utf-8").split() == ["python-3.12"]
    assert "graphviz" in (BINDER / "apt.txt").read_text("utf-8").split()
    lines = [
        line.strip()
        for line in (BINDER / "requirements.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert any(re.fullmatch(r"-e \.\[explorer\]", line) for line in lines)
    assert (ROOT / "notebooks" / "app.ipynb").is_file()  # the Voila launch link's target
    assert (ROOT / "notebooks" / "01-tour.ipynb").is_file()  # the Lab launch link's target


@pytest.mark.slow
def test_binder_requirements_install_into_a_fresh_environment(tmp_path: Path) -> None:
    venv = tmp_path / "binder-venv"
    subprocess.run([_python_312(), "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-r",
            "binder/requirements.txt",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    check = (
        "import xborder_tree, voila, ipywidgets, anywidget, xborder_tree.jupyter.widgets; "
        "print(xborder_tree.__file__)"
    )
    done = subprocess.run(
        [str(python), "-c", check],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert Path(done.stdout.strip()).resolve().is_relative_to(ROOT)  # the editable checkout
    assert (venv / "bin" / "voila").exists()
