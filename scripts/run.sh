#!/usr/bin/env bash
# make run: install what is missing, migrate the database, load demo data into an empty one, serve.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ "${1:-}" = "--no-bootstrap" ] || bash "$HERE/bootstrap.sh"   # run_prod.sh has run it
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
# say where the app is only once it answers (the build takes a while on the first start)
reflex run --env prod &
APP_PID=$!
trap 'kill -TERM "$APP_PID" 2>/dev/null; wait "$APP_PID"' INT TERM
python - "$PORT" "$APP_PID" <<'PY' || true
import os, sys, time, httpx
port, pid = sys.argv[1], int(sys.argv[2])
while True:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)  # the app stopped: its own output says why
    try:
        if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
            break
    except httpx.HTTPError:
        pass
    time.sleep(0.5)
print(f"visitapp: http://localhost:{port}  (demo logins in README.md)", flush=True)
PY
wait "$APP_PID"
