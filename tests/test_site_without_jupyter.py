"""``xborder-tree site`` writes the static explorer in a fresh venv holding only the package's
core dependencies (no ``explorer`` extra: no Jupyter, ipywidgets, anywidget, traitlets or
python-pptx), installed from this checkout as a user would install it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_site import blocks

JUPYTER = ("ipywidgets", "anywidget", "traitlets", "IPython", "ipykernel", "jupyterlab", "voila")


@pytest.mark.slow
@pytest.mark.exe
def test_site_builds_in_a_venv_without_jupyter(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
        check=True,
        timeout=900,
    )
    absent = subprocess.run(
        [
            str(python),
            "-c",
            f"import importlib.util as u; print([m for m in {JUPYTER!r} if u.find_spec(m)])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert absent.stdout.strip() == "[]"  # the venv really has no Jupyter

    out = tmp_path / "site"
    done = subprocess.run(
        [
            str(venv / "bin" / "xborder-tree"),
            "site",
            "-o",
            str(out),
            "example-remote-work",
            "--as-of",
            "2026-12-04",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    found = blocks((out / "example-remote-work.html").read_text("utf-8"))
    assert found["xt-data"]["data"]["as_of"] == "2026-12-04"
    assert found["xt-data"]["data"]["id"] == "example-remote-work"
    assert "<svg" in found["xt-map"]  # the whole map, laid out by Graphviz
    assert 'href="example-remote-work.html"' in (out / "index.html").read_text("utf-8")
