#!/usr/bin/env bash
# Issue 12 benchmark (not part of `make test`): POST /api/v1/authorization-requests through the gateway, wrk
# with 64 connections (target >= 1,000 requests/s, durable: SQLite synchronous=FULL with group commit), then
# 8 connections for the latency of auto-approved requests (target p99 < 10 ms; PAS allows 15 s). Valid bodies:
# unique request numbers, five active demo affiliates (warm affiliate cache), one POS laboratory code each.
# The default rule set holds a code repeated for an affiliate within 30 days, which a load test does on
# purpose; so the run activates a copy of the default set without that rule (uploaded by the demo EPS admin)
# and every answer is an auto-approval. The script counts the answers that were not approved.
# Usage: tests/bench/authorizations_create.sh [bin_dir] [seconds] [connections]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
duration=${2:-20}
connections=${3:-64}
bench_dir=${BENCH_DIR:-/tmp/portal-authorizations-bench}
command -v wrk >/dev/null || { echo "wrk is not installed (WITH_BENCH=1 bash deploy/install-deps.sh)" >&2; exit 1; }
rm -rf "$bench_dir" && mkdir -p "$bench_dir"

source "$repo_root/tests/bench/portal_processes.sh"
start auth "$PORTAL_AUTH_URL"
start affiliates "$PORTAL_AFFILIATES_URL"
start authorizations "$PORTAL_AUTHORIZATIONS_URL"
gw=http://127.0.0.1:$PORTAL_GATEWAY_PORT
start gateway "$gw"
token=$(login '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}')
admin=$(login '{"user_type":"employee","username":"sysadmin","password":"Demo.2026"}')
version=$(upload_rules_without_repeat "$admin")
curl -fsS -o /dev/null "$gw/api/v1/authorization-rules/$version/activation" -X POST -H "Authorization: Bearer $admin"
echo "rule set version $version active (default minus pend_repeated_30_days)"

run_id=$(date +%s | tail -c 5)
write_lua() {  # <file> <number prefix>
  cat >"$1" <<LUA
local counter = 0
local threads = 0
local documents = {"1000000001", "1000000007", "1000000008", "1000000004", "1000000005"}
local codes = {"902045", "903841", "901107", "901235", "870001"}
setup = function(thread) threads = threads + 1; thread:set("tid", threads) end
init = function(args) tid = tid or 0 end
request = function()
  counter = counter + 1
  local number = "$2" .. tid .. "X" .. counter
  local doc = documents[(counter % 5) + 1]
  local code = codes[(math.floor(counter / 5) % 5) + 1]
  local body = '{"request_number":"' .. number .. '","affiliate":{"document_type":"' ..
    (doc == "1000000004" and "TI" or (doc == "1000000005" and "RC" or "CC")) .. '","document_number":"' .. doc .. '"},' ..
    '"attention_origin":"general_illness","service_type":"elective","priority":"non_priority",' ..
    '"patient_location":"outpatient","service":"general_medicine","diagnoses":{"principal":"D509"},' ..
    '"clinical_justification":"Control de anemia","procedures":[{"cups_code":"' .. code .. '","quantity":1}],' ..
    '"requester":{"name":"Ana Ruiz","position":"Medica general","phone":"6053850000"}}'
  return wrk.format("POST", "/api/v1/authorization-requests", {["Authorization"] = "Bearer $token",
    ["Content-Type"] = "application/json", ["Connection"] = "keep-alive"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; non-2xx %d\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status))
end
LUA
}
write_lua "$bench_dir/create64.lua" "P$run_id"
write_lua "$bench_dir/create8.lua" "Q$run_id"
echo "load average before: $(cat /proc/loadavg)"
echo "wrk POST: $connections connections, ${duration}s, through the gateway (synchronous=FULL, group commit)"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$bench_dir/create64.lua" "$gw"
echo "wrk POST: 8 connections, $((duration / 2))s (latency of auto-approved requests)"
wrk -t2 -c8 -d"$((duration / 2))s" --latency -s "$bench_dir/create8.lua" "$gw"
echo "load average after: $(cat /proc/loadavg)"
db=$PORTAL_DATA_DIR/authorizations.db
echo "rows stored: $(sqlite3 "$db" 'SELECT count(*) FROM authorization_requests') ; not approved by the benchmark rule set: $(sqlite3 "$db" "SELECT count(*) FROM authorization_requests WHERE created_by <> 'demo-seed' AND status <> 'approved'")"
