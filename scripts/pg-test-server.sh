#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster on 127.0.0.1 for tests and prints its URL.
# Usage: scripts/pg-test-server.sh start|stop   (data under ${PRM_PG_DIR:-/tmp/prm-pg})
set -euo pipefail
dir="${PRM_PG_DIR:-/tmp/prm-pg}"
port="${PRM_PG_PORT:-54329}"
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$pgbin" ] || pgbin="$(dirname "$(command -v postgres)")"
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = "0" ] && chown postgres "$dir"
      as_pg "$pgbin/initdb" -D "$dir" -U prm --auth=trust >/dev/null
    fi
    if ! as_pg "$pgbin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$pgbin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp" start >/dev/null
    fi
    echo "postgres://prm@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$pgbin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
