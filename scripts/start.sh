#!/usr/bin/env bash
# Set up (if needed) and start the explorer in the browser (Voila), or the terminal walk
# when the explorer notebook is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port=${PORT:-8866}
if [[ -f notebooks/app.ipynb ]]; then
  echo "Opening the explorer at http://localhost:$port/"
  exec .venv/bin/voila notebooks/app.ipynb --port="$port" --no-browser=False \
    --Voila.ip=127.0.0.1 --VoilaConfiguration.file_allowlist="['.*\.(svg|png|pdf|md|html)']"
fi
exec .venv/bin/xborder-tree walk work-in-canada-from-us
