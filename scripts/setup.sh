#!/usr/bin/env bash
# Shared set-up for scripts/demo.sh and scripts/test.sh: a .venv with ThaiKPI installed.
# Idempotent: a second run only checks. Set THAIKPI_PYTHON to choose the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${THAIKPI_PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$python" -m venv .venv
fi
stamp=.venv/.thaikpi-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "== installing ThaiKPI and its pinned dependencies"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
