#!/usr/bin/env bash
# Issue 4 benchmark (not part of `make test`): GET /api/v1/urgencies filtered by provider and date range
# through the gateway on a 1,000,000-row notifications table (target p99 < 10 ms). The rows are written
# straight into the service's own schema with sqlite3 (50 providers, the demo provider among them, over
# the last 365 Bogotá days); the service and its indexes are the real ones (urgencies_store_test shows the
# plans with EXPLAIN QUERY PLAN). A provider admin's token: the provider filter is the token's.
# Usage: tests/bench/urgencies_list.sh [bin_dir] [seconds] [connections] [rows]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
duration=${2:-20}
connections=${3:-64}
rows=${4:-1000000}
bench_dir=${BENCH_DIR:-/tmp/portal-urgencies-list-bench}
command -v wrk >/dev/null || { echo "wrk is not installed (WITH_BENCH=1 bash deploy/install-deps.sh)" >&2; exit 1; }
mkdir -p "$bench_dir"

source "$repo_root/tests/bench/portal_processes.sh"
db=$PORTAL_DATA_DIR/urgencies.db
have=$(sqlite3 "$db" 'SELECT count(*) FROM notifications' 2>/dev/null || echo 0)
if [ "$have" -lt "$rows" ]; then
  rm -rf "$PORTAL_DATA_DIR" && mkdir -p "$PORTAL_DATA_DIR"
  start auth "$PORTAL_AUTH_URL"
  start urgencies "$PORTAL_URGENCIES_URL"  # creates the schema (and the demo rows)
  kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true; unset 'pids[1]'
  now_ms=$(($(date +%s) * 1000))
  echo "writing $rows notifications into $db ..."
  start_s=$(date +%s)
  sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
INSERT INTO notifications (provider_nit, habilitation_code, provider_name, attention_number, notified_day, notified_at,
  affiliate_id, document_type, document_number, child_number, first_name, second_name, first_surname, second_surname,
  birth_date, sex, regime, affiliation_status, data_quality, department_code, municipality_code, address, phone,
  attention_origin, triage, is_referred, admitted_at, consultation_reason, destination, principal_diagnosis,
  related_diagnoses, warnings, created_by)
SELECT printf('9%08d', 1 + i % 50), printf('08001%05d', 1 + i % 50), 'Prestador ' || (i % 50),
  'B' || i, date(($now_ms - i * 31536) / 1000 - 5 * 3600, 'unixepoch'), $now_ms - i * 31536,
  i % 1000, 'CC', printf('%010d', 2000000000 + i % 200000), NULL, 'José', '', 'Pérez', 'Gómez',
  '1980-01-01', CASE i % 2 WHEN 0 THEN 'F' ELSE 'M' END, 'subsidized', 'active', 'ok', '08', '08001', '', '',
  'general_illness', 1 + i % 5, 0, $now_ms - i * 31536 - 3600000, 'Dolor abdominal', 'observation',
  CASE i % 3 WHEN 0 THEN 'R104' WHEN 1 THEN 'A90X' ELSE 'J069' END, '[]', '[]', 'user:bench'
FROM n;
COMMIT;
ANALYZE;
SQL
  echo "  done in $(( $(date +%s) - start_s )) s; rows: $(sqlite3 "$db" 'SELECT count(*) FROM notifications')"
else
  start auth "$PORTAL_AUTH_URL"
fi
start affiliates "$PORTAL_AFFILIATES_URL"
start urgencies "$PORTAL_URGENCIES_URL"
gw=http://127.0.0.1:$PORTAL_GATEWAY_PORT
start gateway "$gw"
token=$(curl -fsS "$gw/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
from=$(TZ=America/Bogota date -d '-7 days' +%F)
to=$(TZ=America/Bogota date +%F)
path="/api/v1/urgencies?date_from=$from&date_to=$to&per_page=20"
curl -fsS "$gw$path" -H "Authorization: Bearer $token" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print("sample: total", d["total"], "items", len(d["items"]))'
script=$bench_dir/list.lua
cat >"$script" <<LUA
local pages = {1, 2, 3, 5, 8}
local k = 0
request = function()
  k = k + 1
  return wrk.format("GET", "$path&page=" .. pages[(k % 5) + 1], {["Authorization"] = "Bearer $token", ["Connection"] = "keep-alive"})
end
LUA
echo "wrk GET provider 900000001, $from..$to (Bogotá), $connections connections, ${duration}s, through the gateway"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$script" "$gw"
echo "the same with 8 connections (latency without queueing):"
wrk -t2 -c8 -d"$((duration / 2))s" --latency -s "$script" "$gw"
