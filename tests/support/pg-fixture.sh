#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the test suite.
#   pg-fixture.sh start STATE_FILE   initdb in a temporary folder, start on a free loopback port,
#                                    write INSTANT_TEST_PG_URL=postgresql://instant@127.0.0.1:PORT to STATE_FILE
#   pg-fixture.sh stop STATE_FILE    stop the server and delete its folder
set -euo pipefail

cmd=${1:?start or stop}
state=${2:?state file}

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
        pg_config --bindir
        return
    fi
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$d" && -x "$d/initdb" ]]; then echo "$d"; return; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
    echo "pg-fixture: PostgreSQL server binaries (initdb, pg_ctl) not found; install the postgresql package" >&2
    exit 1
}

# PostgreSQL refuses to run as root: run it as the postgres user then.
as_server_user() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_is_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$cmd" in
start)
    bindir=$(find_bindir)
    if [[ -f "$state" ]]; then "$0" stop "$state" || true; fi
    dir=$(mktemp -d /tmp/instant-pg.XXXXXX)
    chmod 700 "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    as_server_user "$bindir/initdb" -D "$dir/data" -U instant --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 30000))
        if port_is_free "$port"; then break; fi
    done
    # fsync off: the tests check logic, not the disk; the benchmarks ask for INSTANT_PG_FSYNC=on.
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=${INSTANT_PG_FSYNC:-off} -c max_connections=200" start >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    printf 'INSTANT_TEST_PG_URL=postgresql://instant@127.0.0.1:%s\nINSTANT_TEST_PG_DIR=%s\nINSTANT_TEST_PG_BIN=%s\n' \
        "$port" "$dir" "$bindir" >"$state"
    echo "pg-fixture: PostgreSQL on 127.0.0.1:$port ($dir)"
    ;;
stop)
    [[ -f "$state" ]] || exit 0
    # shellcheck disable=SC1090
    source "$state"
    as_server_user "$INSTANT_TEST_PG_BIN/pg_ctl" -D "$INSTANT_TEST_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$INSTANT_TEST_PG_DIR" "$state"
    echo "pg-fixture: stopped"
    ;;
*)
    echo "usage: $0 start|stop STATE_FILE" >&2
    exit 2
    ;;
esac
