#!/usr/bin/env bash
# make test: install what is missing, run the static checks, start PostgreSQL, run every test (unit,
# integration on SQLite and PostgreSQL, browser tests in Debian's Chromium). Extra arguments go to pytest.
# Each step fails the run. The checks' settings are in pyproject.toml.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/bootstrap.sh"
source "$HERE/env.sh"
cd "$ROOT"
step() { printf '\033[1m[test]\033[0m %s\n' "$*"; }
step "ruff check";          ruff check .
step "ruff format --check"; ruff format --check .
step "mypy";                mypy          # the paths are [tool.mypy] files; incremental cache in .mypy_cache
step "lint-imports";        lint-imports --no-logo  # the layers' import contracts
step "pytest"
VISITAPP_TEST_PG_URL="$(bash "$HERE/pg.sh" | tail -n 1)"
export VISITAPP_TEST_PG_URL
export VISITAPP_REQUIRE_PG=1   # integration tests fail, not skip, without PostgreSQL
mkdir -p test-artifacts
exec python -m pytest "${@:-tests}"
