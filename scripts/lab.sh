#!/usr/bin/env bash
# Set up (if needed) and open the training notebooks in JupyterLab at http://localhost:$PORT/lab
#   PORT=8890 bash scripts/lab.sh   # another port (default 8888); extra arguments go to jupyter lab
#   NOTEBOOK=1 bash scripts/lab.sh  # Jupyter Notebook 7 instead, at http://localhost:$PORT/tree
# The server serves the whole repository (so the notebooks' links to docs/ open) and opens on
# notebooks/.
# JupyterLab refuses to run as root (as in many containers) unless given --allow-root: this
# script adds it when run as root. The page opens in the default browser when there is a
# desktop session; otherwise open the printed address (it carries the login token).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port=${PORT:-8888}
if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  echo "lab: PORT must be a port number from 1 to 65535, not '$port'" >&2
  exit 2
fi
app=lab
open_at=/lab/tree/notebooks
opens=(--LabApp.default_url="$open_at")
if [[ -n "${NOTEBOOK:-}" ]]; then
  app=notebook
  open_at=/tree/notebooks
  opens=(--JupyterNotebookApp.default_url="$open_at")
fi
args=(--ServerApp.root_dir=. --ServerApp.ip=127.0.0.1 --ServerApp.port="$port"
  --ServerApp.port_retries=0 "${opens[@]}")
if [[ "$(id -u)" == 0 ]]; then
  args+=(--allow-root)
fi
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && "$(uname -s)" != Darwin ]]; then
  args+=(--no-browser)
fi
echo "Starting Jupyter ($app) on the notebooks at http://localhost:$port$open_at (Ctrl+C stops it)"
exec .venv/bin/jupyter "$app" "${args[@]}" "$@"
