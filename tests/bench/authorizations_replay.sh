#!/usr/bin/env bash
# Issue 13 benchmark (not part of `make test`): POST /api/v1/authorization-rules/{version}/replay over 100,000
# stored requests (target: under 5 s, with its throughput), through the gateway. Rows are written straight into
# the service's schema with sqlite3: two lines each (the POS laboratory 902045 and the consultation 890201),
# 5,000 affiliates over the last 365 Bogotá days (one laboratory every 18 days each, so the default set holds
# all but the first under its 30-day repeat rule), and every line looks up its history. The candidate is
# the default set without its 30-day repeat rule (uploaded by the demo EPS admin, never activated): repeated
# laboratories flip from pend to approve. While the replay runs, a provider files one request every 50 ms
# through the gateway; their latencies show that the replay (a reader, SQLite WAL) does not block writes.
# Usage: tests/bench/authorizations_replay.sh [bin_dir] [rows]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
rows=${2:-100000}
bench_dir=${BENCH_DIR:-/tmp/portal-authorizations-replay-bench}
rm -rf "$bench_dir" && mkdir -p "$bench_dir"

source "$repo_root/tests/bench/portal_processes.sh"
db=$PORTAL_DATA_DIR/authorizations.db
mkdir -p "$PORTAL_DATA_DIR"
start auth "$PORTAL_AUTH_URL"
start authorizations "$PORTAL_AUTHORIZATIONS_URL"  # creates the schema (and the demo rows)
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true; unset 'pids[1]'
now_ms=$(($(date +%s) * 1000))
echo "writing $rows authorization requests (2 lines each) into $db ..."
start_s=$(date +%s)
sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
INSERT INTO authorization_requests (id, provider_nit, habilitation_code, provider_name, request_number, request_year,
  created_at, created_by, affiliate_id, document_type, document_number, child_number, first_name, second_name,
  first_surname, second_surname, birth_date, sex, regime, affiliation_status, municipality_code, address, phone,
  attention_origin, service_type, priority, patient_location, service, bed_number, service_group,
  principal_diagnosis, related_diagnoses, clinical_justification, requester_name, requester_position,
  requester_phone, requester_mobile, status, status_reason, authorization_number, rule_set_version, evaluation,
  due_at, warnings)
SELECT 1000000 + i, printf('9%08d', 1 + i % 50), printf('08001%05d', 1 + i % 50), 'Prestador ' || (i % 50),
  'R' || i, CAST(strftime('%Y', ($now_ms - ($rows - i) * 315360) / 1000 - 5 * 3600, 'unixepoch') AS INTEGER),
  $now_ms - ($rows - i) * 315360, 'user:bench', 500000 + i % 5000, 'CC', printf('%010d', 2000000000 + i % 5000),
  NULL, 'José', '', 'Pérez', 'Gómez', '1980-01-01', CASE i % 2 WHEN 0 THEN 'F' ELSE 'M' END, 'subsidized',
  'active', '08001', '', '', 'general_illness', 'elective', 'non_priority', 'outpatient', 'general_medicine',
  NULL, NULL, 'D509', '[]', 'Benchmark', 'Ana Ruiz', 'Médica', '6050000000', NULL, 'pending',
  'no_rule: 890201', NULL, 1, '[]', NULL, '[]'
FROM n;
INSERT INTO request_lines (request_id, position, line_type, code, classification, quantity, purpose, modality,
  approved, affiliate_id, created_at)
SELECT id, 0, 'procedure', '902045', 'general', 1, NULL, NULL, CASE WHEN id <= 1005000 THEN 1 ELSE 0 END,
  affiliate_id, created_at
FROM authorization_requests WHERE id > 1000000;
INSERT INTO request_lines (request_id, position, line_type, code, classification, quantity, purpose, modality,
  approved, affiliate_id, created_at)
SELECT id, 1, 'procedure', '890201', 'general', 1, NULL, NULL, 0, affiliate_id, created_at
FROM authorization_requests WHERE id > 1000000;
COMMIT;
ANALYZE;
SQL
echo "  done in $(( $(date +%s) - start_s )) s; requests: $(sqlite3 "$db" 'SELECT count(*) FROM authorization_requests'), lines: $(sqlite3 "$db" 'SELECT count(*) FROM request_lines')"
start affiliates "$PORTAL_AFFILIATES_URL"
start authorizations "$PORTAL_AUTHORIZATIONS_URL"
gw=http://127.0.0.1:$PORTAL_GATEWAY_PORT
start gateway "$gw"
provider=$(login '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}')
admin=$(login '{"user_type":"employee","username":"sysadmin","password":"Demo.2026"}')
version=$(upload_rules_without_repeat "$admin")
from=$(TZ=America/Bogota date -d '-365 days' +%F)
to=$(TZ=America/Bogota date +%F)

# Writes during the replay: one request every 50 ms until the replay answers.
writer() {
  local n=0 round=$1
  while [ ! -e "$bench_dir/replay.done" ]; do
    n=$((n + 1))
    curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' "$gw/api/v1/authorization-requests" \
      -H "Authorization: Bearer $provider" -H 'Content-Type: application/json' \
      -d '{"request_number":"W'"$round"'x'"$n"'","affiliate":{"document_type":"CC","document_number":"1000000001"},
        "attention_origin":"general_illness","service_type":"elective","priority":"non_priority",
        "patient_location":"outpatient","service":"general_medicine","diagnoses":{"principal":"D509","related":[]},
        "clinical_justification":"Control","procedures":[{"cups_code":"890201","quantity":1}],
        "requester":{"name":"Ana Ruiz","position":"Médica","phone":"6053850000"}}' >>"$bench_dir/writes.txt"
    sleep 0.05
  done
}
echo "load average before: $(cat /proc/loadavg)"
for round in 1 2 3; do
  rm -f "$bench_dir/replay.done" "$bench_dir/writes.txt"
  writer "$round" & writer_pid=$!
  sleep 0.3
  curl -fsS -o "$bench_dir/replay.json" -w '%{time_total}\n' "$gw/api/v1/authorization-rules/$version/replay" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"from\":\"$from\",\"to\":\"$to\",\"samples\":3}" >"$bench_dir/replay.time"
  touch "$bench_dir/replay.done"; wait "$writer_pid"
  python3 - "$bench_dir" "$round" <<'PY'
import json, sys
d, r = sys.argv[1], sys.argv[2]
rep = json.load(open(d + "/replay.json"))
total = float(open(d + "/replay.time").read())
writes = [l.split() for l in open(d + "/writes.txt") if l.strip()]
lat = sorted(float(t) * 1000 for _, t in writes)
ok = sum(1 for c, _ in writes if c == "201")
print(f"round {r}: {rep['requests']} requests, {rep['lines']} lines in {rep['elapsed_ms']} ms in the service "
      f"({rep['requests'] / max(rep['elapsed_ms'], 1) * 1000:,.0f} requests/s), {total * 1000:.0f} ms through the gateway; "
      f"pend->approve {rep['changes']['pend_to_approve']['lines']} lines, approve->pend "
      f"{rep['changes']['approve_to_pend']['lines']}, drift {rep['baseline_drift_lines']}")
if lat:
    print(f"  writes during the replay: {len(lat)} POSTs, {ok} answered 201; latency max {lat[-1]:.1f} ms, "
          f"median {lat[len(lat) // 2]:.1f} ms")
PY
done
echo "load average after: $(cat /proc/loadavg)"
