#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for tests/CI and print its DSN on stdout.
#
#   DSN=$(scripts/start_postgres.sh [DIR])    # DIR defaults to a new mktemp dir
#   scripts/start_postgres.sh --stop DIR       # stop it again (and remove DIR)
#
# initdb refuses to run as root, so when we are root the cluster is created and run as the
# `postgres` system user (created with useradd if missing) via `su`. Authentication is
# `trust` and the server listens on 127.0.0.1 on a free port only: never use this for data
# you care about. Exit 3 when PostgreSQL binaries are absent (callers skip on that).
set -euo pipefail

find_bin() {
    local name=$1
    if command -v "$name" >/dev/null 2>&1 && [ "$name" != initdb ]; then command -v "$name"; return; fi
    for dir in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
        if [ -x "$dir/$name" ]; then echo "$dir/$name"; return; fi
    done
    command -v "$name" 2>/dev/null || return 1
}

as_pg() {  # run a command as the postgres user when we are root, else as ourselves
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

INITDB=$(find_bin initdb) || { echo "start_postgres: initdb not found" >&2; exit 3; }
PG_CTL=$(dirname "$INITDB")/pg_ctl
[ -x "$PG_CTL" ] || PG_CTL=$(find_bin pg_ctl) || { echo "start_postgres: pg_ctl not found" >&2; exit 3; }

if [ "${1:-}" = "--stop" ]; then
    dir=${2:?usage: start_postgres.sh --stop DIR}
    as_pg "'$PG_CTL' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    exit 0
fi

dir=${1:-$(mktemp -d /tmp/sitrep-pg.XXXXXX)}
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /bin/sh postgres
    chown postgres "$dir"
fi
chmod 700 "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "'$INITDB' -D '$dir/data' -A trust -U postgres -E UTF8 --no-locale" >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
as_pg "'$PG_CTL' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
    -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
echo "start_postgres: stop with: $0 --stop $dir" >&2
echo "postgresql://postgres@127.0.0.1:$port/postgres"
