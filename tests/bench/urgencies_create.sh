#!/usr/bin/env bash
# Issue 4 benchmark (not part of `make test`): POST /api/v1/urgencies through the gateway with valid
# bodies (unique attention numbers, four demo affiliates, so the affiliate cache is warm), wrk with 64
# connections. Every 201 is durable: SQLite runs with synchronous=FULL and urgencies group-commits
# concurrent notifications into one transaction. Then GET /api/v1/urgencies (today's list, first page)
# on the same data. Reports wrk's throughput and latency percentiles and how many rows were stored.
# Usage: tests/bench/urgencies_create.sh [bin_dir] [seconds] [connections]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
duration=${2:-20}
connections=${3:-64}
bench_dir=${BENCH_DIR:-/tmp/portal-urgencies-bench}
command -v wrk >/dev/null || { echo "wrk is not installed (WITH_BENCH=1 bash deploy/install-deps.sh)" >&2; exit 1; }
rm -rf "$bench_dir" && mkdir -p "$bench_dir"

source "$repo_root/tests/bench/portal_processes.sh"
start auth "$PORTAL_AUTH_URL"
start affiliates "$PORTAL_AFFILIATES_URL"
start urgencies "$PORTAL_URGENCIES_URL"
gw=http://127.0.0.1:$PORTAL_GATEWAY_PORT
start gateway "$gw"
token=$(curl -fsS "$gw/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
admitted=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
run_id=$(date +%s | tail -c 5)
script=$bench_dir/create.lua
write_create_lua "$script" "B$run_id" "$token" "$admitted"
echo "one POST first (must be 201):"
curl -sS -o /dev/null -w '  HTTP %{http_code} in %{time_total}s\n' "$gw/api/v1/urgencies" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d "{\"attention_number\":\"W$run_id\",\"affiliate\":{\"document_type\":\"CC\",\"document_number\":\"1000000002\"},\"attention_origin\":\"general_illness\",\"triage\":3,\"referral\":{\"is_referred\":false},\"admitted_at\":\"$admitted\",\"consultation_reason\":\"x\",\"destination\":\"observation\",\"diagnoses\":{\"principal\":\"R104\",\"related\":[]}}"
echo "wrk POST: $connections connections, ${duration}s, through the gateway (synchronous=FULL)"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$script" "$gw"
rows=$(sqlite3 "$PORTAL_DATA_DIR/urgencies.db" 'SELECT count(*) FROM notifications' 2>/dev/null || echo '?')
echo "rows stored: $rows ; journal_mode: $(sqlite3 "$PORTAL_DATA_DIR/urgencies.db" 'PRAGMA journal_mode' 2>/dev/null)"
list=$bench_dir/list.lua
cat >"$list" <<LUA
request = function()
  return wrk.format("GET", "/api/v1/urgencies?per_page=20", {["Authorization"] = "Bearer $token", ["Connection"] = "keep-alive"})
end
LUA
echo "wrk GET today's list (first page of $rows rows): $connections connections, $((duration / 2))s"
wrk -t2 -c"$connections" -d"$((duration / 2))s" --latency -s "$list" "$gw"
