#!/usr/bin/env bash
# Set up (if needed) and run every test: lint, unit and CLI tests, notebooks (nbval),
# scenario files, and the real-browser test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
.venv/bin/ruff check .
.venv/bin/xborder-tree validate
.venv/bin/xborder-tree test --require-coverage
.venv/bin/python -m pytest "$@"
