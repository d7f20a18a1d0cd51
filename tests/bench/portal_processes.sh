# Sourced by the urgencies benchmarks: the environment of a local portal on ports 1808x (rate limits
# lifted: the benchmarks measure the services, not the limiter) and `start <service> <url>`, which runs
# build/bin's portal-<service> with its log in $bench_dir and waits for /readyz. Needs $bin_dir, $bench_dir.
export PORTAL_DATA_DIR=$bench_dir/data PORTAL_DEMO=true PORTAL_LOG_LEVEL=warn PORTAL_HOST=127.0.0.1
export PORTAL_AUTH_PORT=${PORTAL_AUTH_PORT:-18081} PORTAL_AFFILIATES_PORT=${PORTAL_AFFILIATES_PORT:-18082}
export PORTAL_URGENCIES_PORT=${PORTAL_URGENCIES_PORT:-18083} PORTAL_GATEWAY_PORT=${PORTAL_GATEWAY_PORT:-18080}
export PORTAL_AUTH_URL=http://127.0.0.1:$PORTAL_AUTH_PORT PORTAL_AFFILIATES_URL=http://127.0.0.1:$PORTAL_AFFILIATES_PORT
export PORTAL_URGENCIES_URL=http://127.0.0.1:$PORTAL_URGENCIES_PORT
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
