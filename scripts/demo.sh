#!/usr/bin/env bash
# Serves the demo on http://127.0.0.1:8000/ (PORT to change): SQLite in ./data (WAL mode),
# migrations applied, the shipped DITP 2567 scorecard, demo results and log-ins printed.
# Idempotent: run it again and it only checks. DATABASE_URL=postgres://... switches database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
export DJANGO_SETTINGS_MODULE=thaikpi.web.settings
export THAIKPI_ENV=demo
port=${PORT:-8000}

echo "== migrate"
python -m django migrate --noinput -v0
echo "== static files"
python -m django collectstatic --noinput -v0
echo "== demo data"
python -m django thaikpi_demo
echo "== serving on http://127.0.0.1:$port/ (Ctrl-C to stop)"
# The same server configuration as production and bench/web.py (thaikpi/web/gunicorn_conf.py):
# preloaded scorecards, sync workers, 2 per CPU.
exec gunicorn -c python:thaikpi.web.gunicorn_conf thaikpi.web.wsgi --bind "127.0.0.1:$port" \
  --access-logfile - --graceful-timeout 5
