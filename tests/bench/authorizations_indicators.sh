#!/usr/bin/env bash
# Issue 13 benchmark (not part of `make test`): the AUT-9 indicators of one provider-year over 1,000,000
# authorizations — GET /api/v1/indicators/effective-delivery and /timeliness?year=<this year> through the gateway
# (target p99 < 50 ms). The hardest reading of "a provider-year over 1,000,000": every one of the 1,000,000
# authorizations is the demo provider's (900000001, its two branches) and of this year, across the 4 scopes, the
# 12 service groups and the 12 months (332 month-count rows), 80 % used after 0-8 days. Any answer other
# than 200 is printed once per wrk thread with its body. Rows are written straight into the service's
# schema with sqlite3; authorization_month_counts is then built from them with the same sums the service keeps
# in its transactions (decision_store.cpp). The same aggregation straight over the 1,000,000 rows is timed with
# sqlite3 for comparison (what the month counts save). Load average is printed with every figure.
# Usage: tests/bench/authorizations_indicators.sh [bin_dir] [seconds] [connections] [rows]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
duration=${2:-20}
connections=${3:-8}
rows=${4:-1000000}
bench_dir=${BENCH_DIR:-/tmp/portal-authorizations-indicators-bench}
command -v wrk >/dev/null || { echo "wrk is not installed (WITH_BENCH=1 bash deploy/install-deps.sh)" >&2; exit 1; }
mkdir -p "$bench_dir"

source "$repo_root/tests/bench/portal_processes.sh"
db=$PORTAL_DATA_DIR/authorizations.db
year=$(TZ=America/Bogota date +%Y)
have=$(sqlite3 "$db" "SELECT count(*) FROM authorizations WHERE request_id < 0" 2>/dev/null || echo 0)
if [ "$have" -lt "$rows" ]; then
  rm -rf "$PORTAL_DATA_DIR" && mkdir -p "$PORTAL_DATA_DIR"
  start auth "$PORTAL_AUTH_URL"
  start authorizations "$PORTAL_AUTHORIZATIONS_URL"  # creates the schema (and the demo rows)
  kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true; unset 'pids[1]'
  echo "writing $rows authorizations of provider 900000001, year $year, into $db ..."
  start_s=$(date +%s)
  # Negative request ids keep clear of the demo requests (the sqlite3 shell does not enforce foreign keys).
  sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows),
g(k, code) AS (VALUES (0,'professional_consultation'),(1,'basic_diagnostics'),(2,'specialized_diagnostics'),
  (3,'home_care'),(4,'hospitalization'),(5,'medicines'),(6,'high_cost'),(7,'supplies'),(8,'dentistry'),
  (9,'surgical_procedures'),(10,'non_surgical_procedures'),(11,'therapies'))
INSERT INTO authorizations (number, request_id, provider_nit, habilitation_code, issued_at, issued_year,
  issued_month, issued_date, scope, service_group, used_on, used_recorded_at, used_by)
SELECT 'B-' || i, -i, '900000001', CASE i / 5 % 2 WHEN 0 THEN '080010000101' ELSE '130010000102' END,
  0, $year, 1 + i % 12, printf('%d-%02d-%02d', $year, 1 + i % 12, 1 + i % 20),
  CASE i / 3 % 4 WHEN 0 THEN 'ambulatory' WHEN 1 THEN 'hospital' WHEN 2 THEN 'emergency' ELSE 'home' END,
  (SELECT code FROM g WHERE k = i / 13 % 12),
  CASE WHEN i % 5 <> 0 THEN printf('%d-%02d-%02d', $year, 1 + i % 12, 1 + i % 20 + i % 9) END,
  CASE WHEN i % 5 <> 0 THEN 0 END, CASE WHEN i % 5 <> 0 THEN 'bench' END
FROM n;
INSERT INTO authorization_month_counts (provider_nit, issued_year, issued_month, habilitation_code, scope,
  service_group, directed, used, days_to_use)
SELECT provider_nit, issued_year, issued_month, habilitation_code, scope, service_group, COUNT(*),
  COUNT(used_on), COALESCE(SUM(julianday(used_on) - julianday(issued_date)), 0)
FROM authorizations WHERE request_id < 0
GROUP BY provider_nit, issued_year, issued_month, habilitation_code, scope, service_group
ON CONFLICT (provider_nit, issued_year, issued_month, habilitation_code, scope, service_group) DO UPDATE SET
  directed = directed + excluded.directed, used = used + excluded.used,
  days_to_use = days_to_use + excluded.days_to_use;
COMMIT;
ANALYZE;
SQL
  echo "  done in $(( $(date +%s) - start_s )) s; authorizations: $(sqlite3 "$db" 'SELECT count(*) FROM authorizations'), month-count rows: $(sqlite3 "$db" 'SELECT count(*) FROM authorization_month_counts')"
else
  start auth "$PORTAL_AUTH_URL"
fi
start affiliates "$PORTAL_AFFILIATES_URL"
start authorizations "$PORTAL_AUTHORIZATIONS_URL"
gw=http://127.0.0.1:$PORTAL_GATEWAY_PORT
start gateway "$gw"
token=$(curl -fsS "$gw/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
echo "the same aggregation straight over the rows (sqlite3 .timer, no month counts), for comparison:"
sqlite3 "$db" <<SQL
.timer on
SELECT count(*), count(used_on) FROM (SELECT issued_month, used_on FROM authorizations
  WHERE provider_nit = '900000001' AND issued_year = $year);
SQL
script=$bench_dir/indicators.lua
cat >"$script" <<'LUA'
local seen = {}
response = function(status, headers, body)
  if status ~= 200 and not seen[status] then
    seen[status] = true
    io.write("status " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n")
  end
end
LUA
for path in "/api/v1/indicators/effective-delivery?year=$year" \
            "/api/v1/indicators/timeliness?year=$year" \
            "/api/v1/indicators/effective-delivery?year=$year&scope=ambulatory,hospital&service_group=therapies,surgical_procedures&branch=080010000101"; do
  curl -fsS "$gw$path" -H "Authorization: Bearer $token" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); m=d["months"]; print("sample:", len(m), "months; month 1:", json.dumps(m[0])[:160])'
  for c in 1 "$connections"; do
    echo "load average before: $(cat /proc/loadavg)"
    echo "wrk GET $path, $c connection(s), ${duration}s, through the gateway"
    wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"${duration}s" --latency -s "$script" -H "Authorization: Bearer $token" \
      -H "Connection: keep-alive" "$gw$path" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx|^status"
    echo "load average after: $(cat /proc/loadavg)"
  done
done
