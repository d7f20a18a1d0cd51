#!/usr/bin/env bash
# PostgreSQL servers the project starts itself, from Debian's postgresql package (issue 8):
#
#   postgres.sh test-start <state-dir>   a throwaway server for the tests: initdb into a new temporary
#                                        directory, a free loopback port, database portal_test, its URL
#                                        written to <state-dir>/url (ctest fixture postgres_server)
#   postgres.sh test-stop <state-dir>    stop it and remove its directory (also after failed tests)
#   postgres.sh local-start <data-dir> <port> <db>...   `PORTAL_DB=postgresql make run`: a durable server
#                                        kept in <data-dir> across runs, with the named databases
#   postgres.sh local-stop <data-dir>
#
# initdb and postgres refuse to run as root: as root they run as the postgres system user (created by
# the Debian package), else as the current user. Connections are trusted on loopback only.
set -euo pipefail
cmd=${1:?test-start, test-stop, local-start or local-stop}
dir=${2:?directory}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "postgres.sh: PostgreSQL server binaries not found (Debian package postgresql)" >&2; exit 1; }

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# init_cluster <data> : a new cluster owned by the server user, superuser "portal", UTF-8.
init_cluster() {
  local data=$1
  mkdir -p "$data"
  [ "$(id -u)" -eq 0 ] && chown postgres "$data"
  as_server_user "$bin/initdb" -D "$data/pgdata" -U portal --auth=trust -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 ||
    { cat "$data/initdb.log" >&2; exit 1; }
}

# start_server <data> <port> <extra -c settings>
start_server() {
  local data=$1 port=$2 settings=$3
  as_server_user "$bin/pg_ctl" -D "$data/pgdata" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data $settings" start >/dev/null ||
    { tail -n 20 "$data/server.log" >&2; exit 1; }
}

stop_server() {
  local data=$1
  [ -d "$data/pgdata" ] && as_server_user "$bin/pg_ctl" -D "$data/pgdata" -m "${2:-fast}" -w stop >/dev/null 2>&1 || true
}

case "$cmd" in
  test-stop | test-start)
    mkdir -p "$dir"
    if [ -f "$dir/datadir" ]; then  # also what a killed run left behind
      stop_server "$(cat "$dir/datadir")" immediate
      rm -rf "$(cat "$dir/datadir")" "$dir/datadir" "$dir/url"
    fi
    [ "$cmd" = test-stop ] && exit 0
    data=$(mktemp -d /tmp/portal-pg.XXXXXX)
    echo "$data" >"$dir/datadir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    init_cluster "$data"
    # fsync off: a test server is thrown away; nothing on it must survive a power cut (the benchmark and
    # `PORTAL_DB=postgresql make run` keep the durable defaults). Many test processes connect at once.
    start_server "$data" "$port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=400 -c shared_buffers=64MB"
    as_server_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U portal portal_test
    echo "postgresql://portal@127.0.0.1:$port/portal_test" >"$dir/url"
    echo "PostgreSQL test server: $(cat "$dir/url") (data $data)"
    ;;
  local-start)
    port=${3:?port}
    shift 3
    [ -d "$dir/pgdata" ] || init_cluster "$dir"
    if ! as_server_user "$bin/pg_ctl" -D "$dir/pgdata" status >/dev/null 2>&1; then
      # Durable: fsync and synchronous_commit on (the defaults, named so nobody turns them off here).
      start_server "$dir" "$port" "-c fsync=on -c synchronous_commit=on -c max_connections=200 ${PORTAL_POSTGRES_SETTINGS:-}"
    fi
    for db in "$@"; do
      as_server_user "$bin/psql" -h 127.0.0.1 -p "$port" -U portal -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
        as_server_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U portal "$db"
    done
    ;;
  local-stop) stop_server "$dir" ;;
  *) echo "usage: $0 test-start|test-stop <state-dir> | local-start <data-dir> <port> <db>... | local-stop <data-dir>" >&2; exit 2 ;;
esac
