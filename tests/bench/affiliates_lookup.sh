#!/usr/bin/env bash
# AFF-2 benchmark (not part of `make test`): lookup by document through the gateway on a 1-million-
# affiliate database (made by affiliates_import.sh), with wrk: 64 connections, 30 s, random documents
# among the loaded ones, a provider admin's token. Reports wrk's throughput and latency percentiles.
# Needs the gateway to route /api/v1/affiliates to PORTAL_AFFILIATES_URL.
# Usage: tests/bench/affiliates_lookup.sh [bin_dir] [seconds] [connections]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
duration=${2:-30}
connections=${3:-64}
bench_dir=${BENCH_DIR:-/tmp/portal-affiliates-bench}
[ -s "$bench_dir/data/affiliates.db" ] || { echo "run tests/bench/affiliates_import.sh first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

export PORTAL_DATA_DIR=$bench_dir/data PORTAL_DEMO=true PORTAL_LOG_LEVEL=warn PORTAL_HOST=127.0.0.1
export PORTAL_AUTH_PORT=${PORTAL_AUTH_PORT:-18081} PORTAL_AFFILIATES_PORT=${PORTAL_AFFILIATES_PORT:-18082}
export PORTAL_GATEWAY_PORT=${PORTAL_GATEWAY_PORT:-18080}
export PORTAL_AUTH_URL=http://127.0.0.1:$PORTAL_AUTH_PORT PORTAL_AFFILIATES_URL=http://127.0.0.1:$PORTAL_AFFILIATES_PORT
# The benchmark measures the lookup, not the rate limiter.
export PORTAL_RATE_ADDRESS_BURST=10000000 PORTAL_RATE_ADDRESS_PER_SECOND=10000000
export PORTAL_RATE_ACCOUNT_BURST=10000000 PORTAL_RATE_ACCOUNT_PER_SECOND=10000000
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
"$bin_dir/portal-auth" >"$bench_dir/auth.log" 2>&1 & pids+=($!)
"$bin_dir/portal-affiliates" >"$bench_dir/affiliates.log" 2>&1 & pids+=($!)
"$bin_dir/portal-gateway" >"$bench_dir/gateway.log" 2>&1 & pids+=($!)
gw=http://127.0.0.1:$PORTAL_GATEWAY_PORT
for url in "http://127.0.0.1:$PORTAL_AUTH_PORT" "http://127.0.0.1:$PORTAL_AFFILIATES_PORT" "$gw"; do
  for _ in $(seq 300); do curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && break; sleep 0.1; done
done
token=$(curl -fsS "$gw/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
curl -fsS -o /dev/null -w 'sample lookup: HTTP %{http_code}\n' \
  "$gw/api/v1/affiliates?document_type=CC&document_number=3000000100" -H "Authorization: Bearer $token" || true
script=$bench_dir/lookup.lua
cat >"$script" <<LUA
math.randomseed(42)
request = function()
  local n = 3000000000 + math.random(0, 979000)
  return wrk.format("GET", "/api/v1/affiliates?document_type=CC&document_number=" .. n, {
    ["Authorization"] = "Bearer $token", ["Connection"] = "keep-alive"})
end
LUA
echo "wrk: $connections connections, ${duration}s, through the gateway"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$script" "$gw"
echo "direct to the service (no gateway):"
wrk -t2 -c"$connections" -d"$((duration / 2))s" --latency -s "$script" "http://127.0.0.1:$PORTAL_AFFILIATES_PORT"
