#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the store tests and record its URL.
#
# Installs Debian's postgresql package when the server binaries are missing
# (root only), creates a fresh cluster in build/pg (port 55432, 127.0.0.1,
# trust auth, owned by the postgres user since root cannot run the server),
# creates the database "sayso_test" and appends
#   SAYSO_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:55432/sayso_test
# to $SAYSO_SERVICES_ENV (default build/services.env).  Idempotent: a server already answering is reused.
# Usage: bash scripts/services/postgres.sh [stop]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PGDIR="$ROOT/build/pg"
PORT="${SAYSO_PG_PORT:-55432}"
DB=sayso_test
URL="postgresql://postgres@127.0.0.1:$PORT/$DB"
ENVFILE="${SAYSO_SERVICES_ENV:-$ROOT/build/services.env}"

find_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
    return 1
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "postgres.sh: PostgreSQL is not installed and installing it needs root (apt-get install postgresql);" \
             "the PostgreSQL store tests will skip" >&2
        [ "${CI:-}" = true ] && exit 1
        exit 0
    fi
    echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
    BIN="$(find_bin)"
fi

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

if [ "${1:-}" = stop ]; then
    [ -f "$PGDIR/data/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$PGDIR/data" -m fast stop || true
    exit 0
fi

mkdir -p "$PGDIR" "$ROOT/build"
if [ "$(id -u)" = 0 ]; then
    chown postgres "$PGDIR"
    # The postgres user must be able to reach build/pg through the checkout's folders.
    d="$PGDIR"
    while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
fi

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
        as_pg "$BIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $PORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
fi

for _ in $(seq 1 30); do
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
    sleep 1
done
if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
    "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE $DB"
fi

touch "$ENVFILE"
grep -v '^SAYSO_TEST_POSTGRES_URL=' "$ENVFILE" > "$ENVFILE.tmp" || true
echo "SAYSO_TEST_POSTGRES_URL=$URL" >> "$ENVFILE.tmp"
mv "$ENVFILE.tmp" "$ENVFILE"
echo "postgres.sh: PostgreSQL ready at $URL" >&2
