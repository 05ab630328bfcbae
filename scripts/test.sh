#!/usr/bin/env bash
# Sets up everything and runs the whole test suite: lint, types, then pytest on SQLite
# and again on PostgreSQL (DATABASE_URL, default the local server's `test` database).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-packages.sh
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"
ruff check src tests bench
ruff format --check src tests bench
echo "== mypy (strict on the engine)"
mypy

echo "== pytest on SQLite (engine, services, web, browser, reports, API)"
python -m pytest -p no:cacheprovider "$@"

pg_url=${THAIKPI_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || python - "$pg_url" <<'PY'
import sys, psycopg
psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://"), connect_timeout=3).close()
PY
then
  echo "== pytest on PostgreSQL ($pg_url): every test that uses the database"
  dirs=()
  for d in tests/web tests/services tests/api; do [ -d "$d" ] && dirs+=("$d"); done
  DATABASE_URL="$pg_url" python -m pytest -p no:cacheprovider -m "not browser" "${dirs[@]}" "$@"
else
  echo "PostgreSQL is not reachable at $pg_url: start it, or set THAIKPI_TEST_POSTGRES_URL" >&2
  exit 1
fi
