#!/usr/bin/env bash
# Set up (if needed) and run every test and gate: lint and format (ruff), the floor plan
# (lint-imports), the front end's unit tests (Node), types (mypy), unit and CLI tests, the
# docstring examples, notebooks (nbval), scenario files, the real-browser tests and the
# JupyterHub recipe (tests/test_hub.py, about 2.5 minutes). Extra arguments go to pytest
# (--skip-exe skips, not fails, what needs Graphviz when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser --hub
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports  # the floor plan (pyproject.toml): layers, Jupyter only in jupyter/, no cycles
# The front end's pure functions: Node's own test runner (Node 20 or later).
node --test tests/js/
.venv/bin/mypy  # strict, over xborder_tree (pyproject.toml)
.venv/bin/xborder-tree validate
.venv/bin/xborder-tree test --require-coverage
# The trees agree: every situation they can ask, through every tree whose scope covers it.
.venv/bin/xborder-tree consistency
# Notebooks run under nbval (cells marked NBVAL_CHECK_OUTPUT compare their saved output) with
# the venv's own kernel; the browser test (marker "browser") starts Voila and Chromium itself.
nbval=(--nbval-lax --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg)
if (($#)); then
  .venv/bin/python -m pytest "${nbval[@]}" "$@"
else
  .venv/bin/python -m pytest "${nbval[@]}" tests notebooks xborder_tree README.md
fi
