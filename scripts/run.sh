#!/usr/bin/env bash
# make run: install what is missing, migrate the database, load demo data into an empty one, serve.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/bootstrap.sh"
source "$HERE/env.sh"
cd "$ROOT"
python -m visitapp.core.secret   # the installation's own random key (no usable default exists)
python -m visitapp.db
python -m visitapp.demo --if-empty
PORT="${PORT:-3000}"
if [ -n "${VISITAPP_DEV:-}" ]; then
  export VISITAPP_FRONTEND_PORT="$PORT" VISITAPP_BACKEND_PORT="${BACKEND_PORT:-8000}"
  export VISITAPP_API_URL="${VISITAPP_API_URL:-http://localhost:${BACKEND_PORT:-8000}}"
  exec reflex run
fi
# Production mode serves pages, assets and the event socket on one port.
export VISITAPP_FRONTEND_PORT="$PORT" VISITAPP_BACKEND_PORT="$PORT"
export VISITAPP_API_URL="${VISITAPP_API_URL:-http://localhost:$PORT}"
export VISITAPP_DEPLOY_URL="${VISITAPP_DEPLOY_URL:-http://localhost:$PORT}"
echo "visitapp: http://localhost:$PORT  (demo logins in README.md)"
exec reflex run --env prod
