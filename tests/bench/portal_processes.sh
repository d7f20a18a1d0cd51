# Sourced by the benchmarks: the environment of a local portal on ports 1808x (rate limits
# lifted: the benchmarks measure the services, not the limiter) and `start <service> <url>`, which runs
# build/bin's portal-<service> with its log in $bench_dir and waits for /readyz. Needs $bin_dir, $bench_dir.
export PORTAL_DATA_DIR=$bench_dir/data PORTAL_DEMO=true PORTAL_LOG_LEVEL=warn PORTAL_HOST=127.0.0.1
export PORTAL_AUTH_PORT=${PORTAL_AUTH_PORT:-18081} PORTAL_AFFILIATES_PORT=${PORTAL_AFFILIATES_PORT:-18082}
export PORTAL_URGENCIES_PORT=${PORTAL_URGENCIES_PORT:-18083} PORTAL_GATEWAY_PORT=${PORTAL_GATEWAY_PORT:-18080}
export PORTAL_AUTH_URL=http://127.0.0.1:$PORTAL_AUTH_PORT PORTAL_AFFILIATES_URL=http://127.0.0.1:$PORTAL_AFFILIATES_PORT
export PORTAL_URGENCIES_URL=http://127.0.0.1:$PORTAL_URGENCIES_PORT
export PORTAL_AUTHORIZATIONS_PORT=${PORTAL_AUTHORIZATIONS_PORT:-18084}
export PORTAL_AUTHORIZATIONS_URL=http://127.0.0.1:$PORTAL_AUTHORIZATIONS_PORT
export PORTAL_RATE_ADDRESS_BURST=10000000 PORTAL_RATE_ADDRESS_PER_SECOND=10000000
export PORTAL_RATE_ACCOUNT_BURST=10000000 PORTAL_RATE_ACCOUNT_PER_SECOND=10000000
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
start() {
  "$bin_dir/portal-$1" >>"$bench_dir/$1.log" 2>&1 & pids+=($!)
  for _ in $(seq 600); do curl -fsS -o /dev/null "$2/readyz" 2>/dev/null && return 0; sleep 0.1; done
  echo "portal-$1 did not start; see $bench_dir/$1.log" >&2; exit 1
}

# write_create_lua <file> <number prefix> <token> <admitted_at>: a wrk script posting valid notifications
# with unique attention numbers (<prefix><thread>x<n>) over four demo affiliates (warm affiliate cache),
# printing latency percentiles and the count of non-2xx answers.
write_create_lua() {
  cat >"$1" <<LUA
local counter = 0
local threads = 0
local documents = {"1000000002", "1000000007", "1000000008", "1000000009"}
setup = function(thread) threads = threads + 1; thread:set("tid", threads) end
init = function(args) tid = tid or 0 end
request = function()
  counter = counter + 1
  local number = "$2" .. tid .. "x" .. counter
  local doc = documents[(counter % 4) + 1]
  local body = '{"attention_number":"' .. number .. '","affiliate":{"document_type":"CC","document_number":"' .. doc ..
    '"},"attention_origin":"general_illness","triage":3,"referral":{"is_referred":false},' ..
    '"admitted_at":"$4","consultation_reason":"Dolor abdominal de 6 horas","destination":"observation",' ..
    '"diagnoses":{"principal":"R104","related":["R11X"]}}'
  return wrk.format("POST", "/api/v1/urgencies", {["Authorization"] = "Bearer $3",
    ["Content-Type"] = "application/json", ["Connection"] = "keep-alive"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; non-2xx %d\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status))
end
LUA
}

# login <json body>: the access token of a demo login through the gateway at $gw.
login() {
  curl -fsS "$gw/api/v1/auth/login" -H 'Content-Type: application/json' -d "$1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# upload_rules_without_repeat <admin token>: uploads the default rule set without its 30-day repeat rule (a
# load test repeats codes on purpose) and prints its version; not activated.
upload_rules_without_repeat() {
  local rules
  rules=$(python3 - "$repo_root/services/authorizations/rules/default_rule_set.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["name"] = "benchmark: default rules without the 30-day repeat rule"
doc["rules"] = [r for r in doc["rules"] if r["id"] != "pend_repeated_30_days"]
print(json.dumps(doc))
PY
)
  curl -fsS "$gw/api/v1/authorization-rules" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "$rules" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'
}
