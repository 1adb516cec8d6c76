#!/usr/bin/env bash
# Starts a Redis server of the project's own on loopback (data in .run/redis), unless one already
# answers there. Prints the URL Reflex and the app use. Idempotent.
#   REDIS_PORT (default 6390): not Redis's usual 6379, so a machine's own Redis is left alone
set -euo pipefail
exec 3>&1 1>&2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${REDIS_PORT:-6390}"
command -v redis-server >/dev/null || { echo "redis-server is not installed (run scripts/bootstrap.sh)"; exit 1; }
DIR="$ROOT/.run/redis"
mkdir -p "$DIR"
if ! redis-cli -p "$PORT" ping 2>/dev/null | grep -q PONG; then
  # no persistence: Reflex keeps only sessions' page state there, and a restart loses nothing a user saved
  redis-server --port "$PORT" --bind 127.0.0.1 --daemonize yes --dir "$DIR" \
    --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --save "" --appendonly no 3>&-
  for _ in $(seq 1 50); do redis-cli -p "$PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  redis-cli -p "$PORT" ping | grep -q PONG || { echo "redis did not start; see $DIR/redis.log"; exit 1; }
fi
echo "redis://127.0.0.1:$PORT/0" >&3
