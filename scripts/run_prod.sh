#!/usr/bin/env bash
# make run-prod: the scale-out profile. PostgreSQL and Redis (the machine's own, started here, unless
# VISITAPP_DATABASE_URL / VISITAPP_REDIS_URL name servers of yours), migrations, the demo if the database
# is empty, then the app as VISITAPP_WORKERS (default 2) prod workers behind one port, sharing the
# sessions' page state in Redis and everything else in PostgreSQL, and VISITAPP_TASK_WORKERS (default 2)
# workers of the task queue on that Redis.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/bootstrap.sh"
source "$HERE/env.sh"
cd "$ROOT"
if [ -z "${VISITAPP_DATABASE_URL:-}" ]; then
  VISITAPP_DATABASE_URL="$(bash "$HERE/pg.sh" | tail -n 1)"
fi
if [ -z "${VISITAPP_REDIS_URL:-}" ]; then
  VISITAPP_REDIS_URL="$(bash "$HERE/redis.sh" | tail -n 1)"
fi
export VISITAPP_DATABASE_URL VISITAPP_REDIS_URL
case "$VISITAPP_DATABASE_URL" in
  postgresql*) ;;
  *) echo "run-prod needs PostgreSQL: several workers on one SQLite file would queue on its write lock" >&2; exit 1 ;;
esac
if [ -n "${VISITAPP_NOW:-}" ] && [ "${VISITAPP_CLOCK_MODE:-}" = "offset" ] && [ -z "${VISITAPP_CLOCK_ORIGIN:-}" ]; then
  export VISITAPP_CLOCK_ORIGIN="$(date +%s)"  # every worker and task worker ticks from the same moment
fi
export GRANIAN_WORKERS="${VISITAPP_WORKERS:-2}"
TASK_WORKERS="${VISITAPP_TASK_WORKERS:-2}"
echo "[run-prod] database …@${VISITAPP_DATABASE_URL#*@} · redis $VISITAPP_REDIS_URL · $GRANIAN_WORKERS workers" \
  "· $TASK_WORKERS task workers" >&2
# the task queue's workers (visitapp.core.tasks): planning days run there, never in a web worker; more of
# them can run on other machines with the same settings (python -m visitapp.jobs worker)
TASK_PIDS=()
for _ in $(seq 1 "$TASK_WORKERS"); do
  python -m visitapp.jobs worker &
  TASK_PIDS+=("$!")
done
trap 'kill -TERM "${TASK_PIDS[@]}" 2>/dev/null || true' EXIT
bash "$HERE/run.sh" --no-bootstrap
