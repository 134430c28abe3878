#!/usr/bin/env bash
# Set up (if needed) and open the training notebooks in JupyterLab at http://localhost:$PORT/lab
#   PORT=8890 bash scripts/lab.sh   # another port (default 8888); extra arguments go to jupyter lab
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
args=(--ServerApp.root_dir=notebooks --ServerApp.ip=127.0.0.1 --ServerApp.port="$port"
  --ServerApp.port_retries=0)
if [[ "$(id -u)" == 0 ]]; then
  args+=(--allow-root)
fi
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && "$(uname -s)" != Darwin ]]; then
  args+=(--no-browser)
fi
echo "Starting JupyterLab on the notebooks at http://localhost:$port/lab (Ctrl+C stops it)"
exec .venv/bin/jupyter lab "${args[@]}" "$@"
