#!/usr/bin/env bash
# make test: install what is missing, start PostgreSQL, run every test (unit, integration on SQLite and
# PostgreSQL, browser tests in Debian's Chromium). Extra arguments go to pytest.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/bootstrap.sh"
source "$HERE/env.sh"
cd "$ROOT"
VISITAPP_TEST_PG_URL="$(bash "$HERE/pg.sh" | tail -n 1)"
export VISITAPP_TEST_PG_URL
export VISITAPP_REQUIRE_PG=1   # integration tests fail, not skip, without PostgreSQL
mkdir -p test-artifacts
exec python -m pytest "${@:-tests}"
