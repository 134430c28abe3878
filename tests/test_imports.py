"""Importing the package starts nothing heavy: no ipywidgets, no graphviz."""

from __future__ import annotations

import json
import subprocess
import sys


def test_import_does_not_load_jupyter_or_graphviz() -> None:
    code = (
        "import json, sys, xborder_tree, xborder_tree.cli.main; "
        "print(json.dumps(sorted(m for m in sys.modules)))"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )
    heavy = [
        m
        for m in loaded
        if m.split(".")[0] in ("ipywidgets", "graphviz", "IPython", "anywidget", "traitlets")
    ]
    assert heavy == []
