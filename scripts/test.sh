#!/usr/bin/env bash
# Set up (if needed) and run every test: lint, the front end's unit tests (Node), unit and CLI
# tests, notebooks (nbval), scenario files, and the real-browser test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
.venv/bin/ruff check .
.venv/bin/lint-imports  # the floor plan (pyproject.toml): layers, Jupyter only in jupyter/, no cycles
# The front end's pure functions: Node's own test runner (Node 20 or later).
node --test tests/js/
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
  .venv/bin/python -m pytest "${nbval[@]}" tests notebooks
fi
