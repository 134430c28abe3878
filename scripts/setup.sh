#!/usr/bin/env bash
# Set up a fresh machine for xborder-tree: system packages (Graphviz; with --browser, the test
# tools Chromium, Node.js with npm, and LibreOffice Impress with poppler-utils, which open the
# slide decks as a presentation program does) through apt where we may, else a clear message;
# Python dependencies into ./.venv; with --browser, axe-core (the accessibility check the browser
# tests run) from the npm registry into .venv/npm; with --hub, configurable-http-proxy
# (JupyterHub's proxy, from npm) into ./.hub-tools.
# Usage: bash scripts/setup.sh [--browser] [--hub]
set -euo pipefail
cd "$(dirname "$0")/.."

browser=0 hub=0
for option in "$@"; do
  case $option in
    --browser) browser=1 ;;
    --hub) hub=1 ;;
    *) echo "setup: unknown option '$option' (use --browser, --hub)" >&2; exit 2 ;;
  esac
done
want=()
command -v dot >/dev/null 2>&1 || want+=(graphviz)
if ((browser)); then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
  command -v node >/dev/null 2>&1 || want+=(nodejs)
  command -v npm >/dev/null 2>&1 || want+=(npm)
  command -v soffice >/dev/null 2>&1 || want+=(libreoffice-impress)
  command -v pdftoppm >/dev/null 2>&1 || want+=(poppler-utils)
fi
if ((hub)) && ! ((browser)) && ! command -v npm >/dev/null 2>&1; then
  want+=(nodejs npm)
fi
if ((${#want[@]})); then
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    echo "setup: installing ${want[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "setup: installing ${want[*]} with sudo apt-get"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
  else
    echo "setup: please install ${want[*]} first, then run this again:" >&2
    echo "  Debian/Ubuntu: sudo apt-get install ${want[*]}" >&2
    echo "  macOS: brew install graphviz poppler; brew install --cask libreoffice   (and Chromium for the browser tests)" >&2
    exit 1
  fi
fi

python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup: no Python interpreter '$python' found; set PYTHON to a Python 3.11 or newer" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is needed (found: $("$python" --version 2>&1)); set PYTHON=..." >&2
  exit 1
fi
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
stamp=.venv/.xborder-installed
wanted=$(cat pyproject.toml | sha256sum | cut -c1-16)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$wanted" ]]; then
  echo "setup: installing Python dependencies into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
  echo "$wanted" > "$stamp"
fi
# The notebooks' kernel ("python3") must be this venv's Python, with an absolute path, for
# Voila and nbval: install the kernelspec into the venv unless it already points here.
kernel=.venv/share/jupyter/kernels/python3/kernel.json
if [[ -x .venv/bin/jupyter ]] && ! grep -q "$PWD/.venv/bin/python" "$kernel" 2>/dev/null; then
  .venv/bin/python -m ipykernel install --sys-prefix >/dev/null
fi
# JupyterHub's proxy (tests/test_hub.py and deploy/jupyterhub/ look in .hub-tools first).
if ((hub)) && [[ ! -x .hub-tools/node_modules/.bin/configurable-http-proxy ]]; then
  echo "setup: installing configurable-http-proxy from npm into .hub-tools"
  npm install --silent --no-audit --no-fund --prefix .hub-tools configurable-http-proxy@5 >/dev/null
fi
# The accessibility checker the browser tests inject into pages (pinned; not committed).
axe_version=4.11.0
if ((browser)) && ! grep -qs "\"version\": \"$axe_version\"" \
  .venv/npm/node_modules/axe-core/package.json; then
  echo "setup: installing axe-core $axe_version from the npm registry into .venv/npm"
  npm install --silent --no-save --no-audit --no-fund --prefix .venv/npm "axe-core@$axe_version"
fi
