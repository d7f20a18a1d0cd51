#!/usr/bin/env bash
# Issue 12 benchmark (not part of `make test`): the pending list by light — GET /api/v1/authorization-requests
# ?traffic_light=red&sort=due_at over the last 365 days — through the gateway on a 1,000,000-row table
# (target p99 < 10 ms). Rows are written straight into the service's schema with sqlite3 (50 providers over
# the last 365 Bogotá days, 5 % pending, locations in turn, due_at as the service sets it); the service and its
# indexes are the real ones (authorization_store_test shows the plan with EXPLAIN). An EPS agent's token: every
# provider's requests. Then the pending gauge's scrape (four index range counts) on the same table.
# Usage: tests/bench/authorizations_list.sh [bin_dir] [seconds] [connections] [rows]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
duration=${2:-20}
connections=${3:-64}
rows=${4:-1000000}
bench_dir=${BENCH_DIR:-/tmp/portal-authorizations-list-bench}
command -v wrk >/dev/null || { echo "wrk is not installed (WITH_BENCH=1 bash deploy/install-deps.sh)" >&2; exit 1; }
mkdir -p "$bench_dir"

source "$repo_root/tests/bench/portal_processes.sh"
db=$PORTAL_DATA_DIR/authorizations.db
have=$(sqlite3 "$db" 'SELECT count(*) FROM authorization_requests' 2>/dev/null || echo 0)
if [ "$have" -lt "$rows" ]; then
  rm -rf "$PORTAL_DATA_DIR" && mkdir -p "$PORTAL_DATA_DIR"
  start auth "$PORTAL_AUTH_URL"
  start authorizations "$PORTAL_AUTHORIZATIONS_URL"  # creates the schema (and the demo rows)
  kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true; unset 'pids[1]'
  now_ms=$(($(date +%s) * 1000))
  echo "writing $rows authorization requests into $db ..."
  start_s=$(date +%s)
  sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
INSERT INTO authorization_requests (provider_nit, habilitation_code, provider_name, request_number, request_year,
  created_at, created_by, affiliate_id, document_type, document_number, child_number, first_name, second_name,
  first_surname, second_surname, birth_date, sex, regime, affiliation_status, municipality_code, address, phone,
  attention_origin, service_type, priority, patient_location, service, bed_number, service_group,
  principal_diagnosis, related_diagnoses, clinical_justification, requester_name, requester_position,
  requester_phone, requester_mobile, status, status_reason, authorization_number, rule_set_version, evaluation,
  due_at, warnings)
SELECT printf('9%08d', 1 + i % 50), printf('08001%05d', 1 + i % 50), 'Prestador ' || (i % 50),
  'B' || i, CAST(strftime('%Y', ($now_ms - i * 31536) / 1000 - 5 * 3600, 'unixepoch') AS INTEGER),
  $now_ms - i * 31536, 'user:bench', i % 100000, 'CC', printf('%010d', 2000000000 + i % 200000), NULL,
  'José', '', 'Pérez', 'Gómez', '1980-01-01', CASE i % 2 WHEN 0 THEN 'F' ELSE 'M' END, 'subsidized', 'active',
  '08001', '', '', 'general_illness',
  CASE i % 3 WHEN 2 THEN 'elective' ELSE 'post_emergency' END, CASE i % 3 WHEN 2 THEN 'non_priority' END,
  CASE i % 3 WHEN 0 THEN 'emergency' WHEN 1 THEN 'hospitalization' ELSE 'outpatient' END,
  CASE i % 3 WHEN 0 THEN 'emergency_general' WHEN 1 THEN 'general_adult_ward' ELSE 'general_medicine' END,
  CASE i % 3 WHEN 1 THEN '101' END, NULL, 'D509', '[]', 'Benchmark', 'Ana Ruiz', 'Médica', '6050000000', NULL,
  CASE WHEN i % 20 = 0 THEN 'pending' ELSE 'approved' END,
  CASE WHEN i % 20 = 0 THEN 'pend_surgical: 470101' END, NULL, 1, '[]',
  CASE i % 3 WHEN 0 THEN $now_ms - i * 31536 + 7200000 WHEN 1 THEN $now_ms - i * 31536 + 21600000 END, '[]'
FROM n;
COMMIT;
ANALYZE;
SQL
  echo "  done in $(( $(date +%s) - start_s )) s; rows: $(sqlite3 "$db" 'SELECT count(*) FROM authorization_requests'), pending: $(sqlite3 "$db" "SELECT count(*) FROM authorization_requests WHERE status = 'pending'")"
else
  start auth "$PORTAL_AUTH_URL"
fi
start affiliates "$PORTAL_AFFILIATES_URL"
start authorizations "$PORTAL_AUTHORIZATIONS_URL"
gw=http://127.0.0.1:$PORTAL_GATEWAY_PORT
start gateway "$gw"
token=$(curl -fsS "$gw/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"user_type":"employee","username":"agent","password":"Demo.2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
from=$(TZ=America/Bogota date -d '-365 days' +%F)
to=$(TZ=America/Bogota date +%F)
path="/api/v1/authorization-requests?traffic_light=red&sort=due_at&date_from=$from&date_to=$to&per_page=20"
curl -fsS "$gw$path" -H "Authorization: Bearer $token" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print("sample: total", d["total"], "items", len(d["items"]))'
echo "plan: $(sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT id FROM authorization_requests WHERE +created_at >= 0 AND +created_at < 9e15 AND status = 'pending' AND patient_location = 'hospitalization' AND due_at <= $(($(date +%s) * 1000)) ORDER BY due_at, created_at, id LIMIT 20" | tr '\n' ' ')"
script=$bench_dir/list.lua
cat >"$script" <<LUA
local pages = {1, 2, 3, 5, 8}
local k = 0
request = function()
  k = k + 1
  return wrk.format("GET", "$path&page=" .. pages[(k % 5) + 1], {["Authorization"] = "Bearer $token", ["Connection"] = "keep-alive"})
end
LUA
echo "load average before: $(cat /proc/loadavg)"
echo "wrk GET red pending by due_at, last 365 days, $connections connections, ${duration}s, through the gateway"
wrk -t"$(( connections < 2 ? connections : 2 ))" -c"$connections" -d"${duration}s" --latency -s "$script" "$gw"
echo "the same with 8 connections (latency without queueing):"
wrk -t2 -c8 -d"$((duration / 2))s" --latency -s "$script" "$gw"
echo "the pending gauge's scrape (/metrics of portal-authorizations, four index range counts), 10 times:"
for _ in $(seq 10); do curl -sS -o /dev/null -w '%{time_total} ' "$PORTAL_AUTHORIZATIONS_URL/metrics"; done; echo
echo "load average after: $(cat /proc/loadavg)"
