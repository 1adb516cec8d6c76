#!/usr/bin/env bash
# Starts the machine's PostgreSQL (Debian cluster) and makes sure the test role exists.
# Prints the URL the tests use. Idempotent.
set -euo pipefail
# Everything but the final URL goes to stderr: pg_ctlcluster prints notes such as "Removed stale pid
# file." on stdout, and the caller reads stdout as the URL.
exec 3>&1 1>&2
VER="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
[ -n "$VER" ] || { echo "postgresql is not installed (run scripts/bootstrap.sh)" >&2; exit 1; }
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$VER main$"; then
  pg_createcluster "$VER" main >/dev/null 3>&-
fi
if ! pg_lsclusters -h | awk -v v="$VER" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$VER" main start 3>&-   # the server must not keep our stdout open
fi
PORT="$(pg_lsclusters -h | awk -v v="$VER" '$1==v && $2=="main" {print $3}')"
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi; }
for _ in $(seq 1 50); do as_pg "psql -p $PORT -tAc 'select 1'" >/dev/null 2>&1 && break; sleep 0.2; done
as_pg "psql -p $PORT -v ON_ERROR_STOP=1 -tAc \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'visitapp') THEN
    CREATE ROLE visitapp LOGIN CREATEDB PASSWORD 'visitapp';
  END IF; END \\\$\\\$;\"" >/dev/null
if ! as_pg "psql -p $PORT -tAc \"select 1 from pg_database where datname='visitapp'\"" | grep -q 1; then
  as_pg "createdb -p $PORT -O visitapp visitapp"
fi
echo "postgresql+psycopg://visitapp:visitapp@127.0.0.1:$PORT/visitapp" >&3
