#!/usr/bin/env bash
# Issue 8 benchmark (not part of `make test`): POST /api/v1/urgencies through the gateway, wrk with 64
# connections, durable writes, in one run on three storage set-ups:
#   1. SQLite (WAL, synchronous=FULL, group commit), one urgencies process;
#   2. PostgreSQL (fsync=on, synchronous_commit=on), one urgencies process;
#   3. the same PostgreSQL, three urgencies replicas behind the gateway (GW-6).
# Prints req/s, latency percentiles and the rows stored for each, plus the PostgreSQL settings used.
# Usage: tests/bench/urgencies_storage.sh [bin_dir] [seconds] [connections]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
duration=${2:-20}
connections=${3:-64}
bench_dir=${BENCH_DIR:-/tmp/portal-storage-bench}
pg_port=${BENCH_POSTGRES_PORT:-15433}
command -v wrk >/dev/null || { echo "wrk is not installed (WITH_BENCH=1 bash deploy/install-deps.sh)" >&2; exit 1; }
rm -rf "$bench_dir" && mkdir -p "$bench_dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$bench_dir"

source "$repo_root/tests/bench/portal_processes.sh"
# 4 write and 2 read connections per replica: on 2 cores, 16 + 4 per replica (the default) measured 20-30 %
# slower (docs/performance.md). PORTAL_POSTGRES_SETTINGS adds server settings (e.g. "-c commit_delay=500").
export PORTAL_URGENCIES_DATABASE_POOL=${PORTAL_URGENCIES_DATABASE_POOL:-4}
export PORTAL_URGENCIES_DATABASE_READERS=${PORTAL_URGENCIES_DATABASE_READERS:-2}
pg_data=$bench_dir/postgres
bash "$repo_root/deploy/postgres.sh" local-start "$pg_data" "$pg_port" postgres
trap 'cleanup; bash "$repo_root/deploy/postgres.sh" local-stop "$pg_data"' EXIT
psql_run() { psql -h 127.0.0.1 -p "$pg_port" -U portal -d postgres -tAc "$1"; }
echo "PostgreSQL $(psql_run 'SHOW server_version'): fsync=$(psql_run 'SHOW fsync'), synchronous_commit=$(psql_run 'SHOW synchronous_commit')," \
  "wal_sync_method=$(psql_run 'SHOW wal_sync_method'), shared_buffers=$(psql_run 'SHOW shared_buffers'), commit_delay=$(psql_run 'SHOW commit_delay');" \
  "per replica $PORTAL_URGENCIES_DATABASE_POOL write and $PORTAL_URGENCIES_DATABASE_READERS read connections"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

start auth "$PORTAL_AUTH_URL"
start affiliates "$PORTAL_AFFILIATES_URL"
gw=http://127.0.0.1:$PORTAL_GATEWAY_PORT
admitted=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)

# run <label> <database url> <replicas>
run() {
  local label=$1 url=$2 replicas=$3 list="" i port
  local run_pids=()
  for ((i = 0; i < replicas; i++)); do
    port=$((18083 + 100 * i))
    PORTAL_URGENCIES_PORT=$port PORTAL_URGENCIES_DATABASE_URL=$url PORTAL_DEMO=false \
      "$bin_dir/portal-urgencies" >>"$bench_dir/urgencies-$label-$i.log" 2>&1 &
    run_pids+=($!)
    for _ in $(seq 600); do curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break; sleep 0.1; done
    list+="${list:+,}http://127.0.0.1:$port"
  done
  PORTAL_URGENCIES_URL=$list "$bin_dir/portal-gateway" >>"$bench_dir/gateway-$label.log" 2>&1 &
  run_pids+=($!)
  for _ in $(seq 600); do curl -fsS -o /dev/null "$gw/readyz" 2>/dev/null && break; sleep 0.1; done
  local token
  token=$(curl -fsS "$gw/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  write_create_lua "$bench_dir/create.lua" "S$label" "$token" "$admitted"
  echo
  echo "== $label: $replicas urgencies process(es), $connections connections, ${duration}s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c"$connections" -d"${duration}s" -s "$bench_dir/create.lua" "$gw" | grep -E "Requests/sec|p50|Non-2xx|Socket errors" || true
  for p in "${run_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${run_pids[@]}"; do wait "$p" 2>/dev/null || true; done
}

run sqlite "sqlite:$bench_dir/urgencies.db" 1
echo "rows stored: $(sqlite3 "$bench_dir/urgencies.db" 'SELECT count(*) FROM notifications')"
psql_run "CREATE DATABASE bench_one" >/dev/null
run pg1 "postgresql://portal@127.0.0.1:$pg_port/bench_one" 1
echo "rows stored: $(psql -h 127.0.0.1 -p "$pg_port" -U portal -d bench_one -tAc 'SELECT count(*) FROM notifications')"
psql_run "CREATE DATABASE bench_three" >/dev/null
run pg3 "postgresql://portal@127.0.0.1:$pg_port/bench_three" 3
echo "rows stored: $(psql -h 127.0.0.1 -p "$pg_port" -U portal -d bench_three -tAc 'SELECT count(*) FROM notifications')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
