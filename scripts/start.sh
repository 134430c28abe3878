#!/usr/bin/env bash
# Set up (if needed) and start the explorer app (Voila) at http://localhost:$PORT/, or the
# terminal walk when the explorer notebook is absent.
#   PORT=8870 bash scripts/start.sh   # another port (default 8866)
# A training room (docs/training-room.md): POOL_SIZE kernels kept warm (default 8), at most
# ROOM_SIZE visitors at once (default 40; the next one gets a "room is full" page), a page
# left idle IDLE_MINUTES (default 20) gets its kernel released, and STATIC_EXPLORER_URL
# (default: a copy this server builds and serves) is where full and lost pages point.
#   POOL_SIZE=25 ROOM_SIZE=30 bash scripts/start.sh
# HOST=0.0.0.0 lets other machines (a class network) reach it; the default is this machine only.
# The page opens in the default browser when there is a desktop session. Stop the app with
# Ctrl+C (or SIGTERM): Voila then shuts its kernels down.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port=${PORT:-8866}
if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  echo "start: PORT must be a port number from 1 to 65535, not '$port'" >&2
  exit 2
fi
host=${HOST:-127.0.0.1}
if ! [[ $host =~ ^[0-9a-fA-F.:]+$ ]]; then
  echo "start: HOST must be an IP address to listen on (127.0.0.1, 0.0.0.0), not '$host'" >&2
  exit 2
fi
room=()
for setting in POOL_SIZE:pool_size:0 ROOM_SIZE:room_size:1 IDLE_MINUTES:idle_timeout:0; do
  IFS=: read -r name trait least <<<"$setting"
  value=${!name:-}
  [[ -z $value ]] && continue
  if ! [[ $value =~ ^[0-9]+$ ]] || ((value < least)); then
    echo "start: $name must be a whole number of at least $least, not '$value'" >&2
    exit 2
  fi
  [[ $name == IDLE_MINUTES ]] && value=$((value * 60))  # 0: an open page keeps its kernel
  room+=("--TrainingRoom.$trait=$value")
done
if [[ -n ${STATIC_EXPLORER_URL:-} ]]; then
  room+=("--TrainingRoom.static_explorer_url=$STATIC_EXPLORER_URL")
fi
if [[ ! -f notebooks/app.ipynb ]]; then
  exec .venv/bin/xborder-tree walk work-in-canada-from-us
fi
if ! .venv/bin/python -c "import socket, sys; socket.create_server(('127.0.0.1', int(sys.argv[1])))" \
  "$port" 2>/dev/null; then
  echo "start: port $port is in use (is the app already running?); choose another one:" >&2
  echo "  PORT=$((port + 4)) bash scripts/start.sh" >&2
  exit 1
fi
browser=(--no-browser)
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" || "$(uname -s)" == Darwin ]]; then
  browser=()
fi
echo "Starting the explorer at http://localhost:$port/ (Ctrl+C stops it)"
exec .venv/bin/python -m xborder_tree.jupyter.room notebooks/app.ipynb --port="$port" "${browser[@]}" \
  --Voila.ip="$host" --Voila.port_retries=0 "${room[@]}" \
  --VoilaConfiguration.file_allowlist='.*\.(svg|png|pdf|md|html)'
