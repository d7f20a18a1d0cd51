#!/usr/bin/env bash
# Issue 2 §8: throughput and p99 of an authenticated GET /api/v1/me through portal-gateway versus nginx
# (Debian nginx-light) as a reverse proxy in front of the SAME portal-auth instance, in one run.
# Target: gateway >= 80 % of nginx's requests/s, with p99 no worse than 1.5x nginx's.
# Not part of `make test` (timing on a shared machine is no pass/fail signal); `make bench` runs it.
#
# usage: tests/bench/gateway_vs_nginx.sh <bin_dir>      (bin_dir holds portal-auth and portal-gateway)
# env:   BENCH_DURATION (15s) BENCH_CONNECTIONS (64) BENCH_THREADS (2) BENCH_WARMUP (3s) BENCH_ROUNDS (2)
#        BENCH_KEEP=1 keeps the work directory (logs, wrk output) and prints where it is
#        BENCH_UPSTREAM_URL: benchmark against an already running upstream instead of starting portal-auth
#                            (then BENCH_TOKEN may give the bearer token; no login is attempted without it)
set -euo pipefail

BIN_DIR=${1:?usage: $0 <bin_dir>}
BIN_DIR=$(cd "$BIN_DIR" && pwd)
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-3s}
ROUNDS=${BENCH_ROUNDS:-2}

for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: wrk nginx-light curl python3; see deploy/install-deps.sh)" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/portal-bench-XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "${BENCH_KEEP:-}" ]]; then echo "work directory kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_ready() {  # url name pid
  local i
  for i in $(seq 1 200); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$2 exited during start-up; its log:" >&2; tail -n 30 "$WORK/$2.log" >&2; exit 1; fi
    sleep 0.1
  done
  echo "$2 not ready at $1 after 20 s; its log:" >&2
  tail -n 30 "$WORK/$2.log" >&2
  exit 1
}

GATEWAY_PORT=$(free_port)
NGINX_PORT=$(free_port)

# --- upstream: portal-auth with demo data (or an upstream given by the caller) ---------------------------
if [[ -n "${BENCH_UPSTREAM_URL:-}" ]]; then
  UPSTREAM_URL=$BENCH_UPSTREAM_URL
  UPSTREAM_DESC="given upstream $UPSTREAM_URL"
else
  AUTH_PORT=$(free_port)
  UPSTREAM_URL="http://127.0.0.1:$AUTH_PORT"
  UPSTREAM_DESC="portal-auth (demo data, temp SQLite)"
  mkdir -p "$WORK/data"
  # Demo data; request logs at warn for every process measured (a JSON line per request is not what is
  # being compared). Auth throttles failed logins only; the benchmark logs in once.
  env PORTAL_DEMO=true PORTAL_DATA_DIR="$WORK/data" PORTAL_HOST=127.0.0.1 PORTAL_AUTH_PORT="$AUTH_PORT" \
    PORTAL_LOG_LEVEL=warn "$BIN_DIR/portal-auth" >"$WORK/auth.log" 2>&1 &
  PIDS+=($!)
  AUTH_PID=$!
  wait_ready "$UPSTREAM_URL/readyz" auth "$AUTH_PID"
fi
UPSTREAM_HOSTPORT=${UPSTREAM_URL#http://}
UPSTREAM_HOSTPORT=${UPSTREAM_HOSTPORT%%/*}

# --- portal-gateway -----------------------------------------------------------------------------------------
# Rate limits raised: wrk is one address and one account sending tens of thousands of requests a second.
env PORTAL_HOST=127.0.0.1 PORTAL_GATEWAY_PORT="$GATEWAY_PORT" PORTAL_AUTH_URL="$UPSTREAM_URL" \
  PORTAL_LOG_LEVEL=warn \
  PORTAL_RATE_ADDRESS_BURST=1000000000 PORTAL_RATE_ADDRESS_PER_SECOND=1000000000 \
  PORTAL_RATE_ACCOUNT_BURST=1000000000 PORTAL_RATE_ACCOUNT_PER_SECOND=1000000000 \
  PORTAL_RATE_LOGIN_BURST=1000000 PORTAL_RATE_LOGIN_PER_SECOND=1000000 \
  "$BIN_DIR/portal-gateway" >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
GATEWAY_PID=$!
wait_ready "http://127.0.0.1:$GATEWAY_PORT/readyz" gateway "${PIDS[-1]}"

# --- nginx as the reference reverse proxy -------------------------------------------------------------------
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
NGINX_USER=""
[[ $(id -u) -eq 0 ]] && NGINX_USER="user root;"
cat >"$WORK/nginx/nginx.conf" <<EOF
$NGINX_USER
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  upstream portal_auth {
    server $UPSTREAM_HOSTPORT;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://portal_auth;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Request-Id \$request_id;
    }
  }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" >"$WORK/nginx.log" 2>&1 &
PIDS+=($!)
NGINX_PID=$!
for i in $(seq 1 100); do
  curl -sS -o /dev/null "http://127.0.0.1:$NGINX_PORT/healthz" 2>/dev/null && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "nginx failed to start:" >&2; cat "$WORK/nginx.log" "$WORK/nginx/logs/error.log" >&2; exit 1; }
  sleep 0.1
done

# --- a token for the demo provider admin --------------------------------------------------------------------
if [[ -n "${BENCH_TOKEN:-}" ]]; then
  TOKEN=$BENCH_TOKEN
else
  LOGIN=$(curl -sS -X POST "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}')
  TOKEN=$(printf '%s' "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || {
    echo "login through the gateway failed: $LOGIN" >&2; exit 1; }
fi
HEADERS=(-H "Connection: keep-alive" -H "Authorization: Bearer $TOKEN")

for url in "http://127.0.0.1:$GATEWAY_PORT" "http://127.0.0.1:$NGINX_PORT"; do
  code=$(curl -sS -o /dev/null -w '%{http_code}' "${HEADERS[@]}" "$url/api/v1/me")
  [[ $code == 200 ]] || { echo "GET /api/v1/me via $url answered $code, expected 200" >&2; exit 1; }
done

# --- measure -----------------------------------------------------------------------------------------------
# wrk's latency figures → milliseconds.
to_ms() {
  python3 -c 'import re,sys
m=re.match(r"([0-9.]+)(us|ms|s|m)$", sys.argv[1])
v,u=float(m.group(1)),m.group(2)
print("%.2f" % (v/1000 if u=="us" else v if u=="ms" else v*1000 if u=="s" else v*60000))' "$1"
}

# CPU time (user + system, all threads) of processes, in clock ticks.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
TICKS_PER_SECOND=$(getconf CLK_TCK)

run_wrk() {  # name url proxy_pids...
  local name=$1 url=$2
  shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${HEADERS[@]}" "$url/api/v1/me" >/dev/null
  local proxy0 upstream0 proxy1 upstream1 requests
  proxy0=$(cpu_ticks "$@")
  upstream0=$(cpu_ticks ${AUTH_PID:-})
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${HEADERS[@]}" "$url/api/v1/me" >"$WORK/$name.wrk"
  proxy1=$(cpu_ticks "$@")
  upstream1=$(cpu_ticks ${AUTH_PID:-})
  requests=$(awk '/requests in/ {print $1}' "$WORK/$name.wrk")
  # Microseconds of CPU per request: what each proxy itself costs, and what the upstream costs behind it.
  eval "${name}_PROXY_CPU=$(( (proxy1 - proxy0) * 1000000 / TICKS_PER_SECOND / (requests > 0 ? requests : 1) ))"
  if [[ -n "${AUTH_PID:-}" ]]; then
    eval "${name}_UPSTREAM_CPU=$(( (upstream1 - upstream0) * 1000000 / TICKS_PER_SECOND / (requests > 0 ? requests : 1) ))"
  else
    eval "${name}_UPSTREAM_CPU=n/a"
  fi
  set -- "$name" "$url"
  local rps p99 p50 non2xx errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$1.wrk")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' "$WORK/$1.wrk")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' "$WORK/$1.wrk")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/$1.wrk")
  errors=$(awk '/Socket errors:/ {sub(/.*Socket errors: /, ""); print}' "$WORK/$1.wrk")
  eval "${1}_RPS=$rps ${1}_P50=$p50 ${1}_P99=$p99 ${1}_NON2XX=${non2xx:-0}"
  eval "${1}_ERRORS=\"${errors:-none}\""
  if [[ ${non2xx:-0} != 0 ]]; then
    local now
    now=$(curl -sS -o /dev/null -w '%{http_code}' "${HEADERS[@]}" "$2/api/v1/me" || true)
    echo "WARNING: $1 run had $non2xx non-2xx answers (GET /api/v1/me now answers $now): figures not comparable" >&2
    [[ -n "${AUTH_PID:-}" ]] && ! kill -0 "$AUTH_PID" 2>/dev/null && echo "portal-auth has exited; tail of its log:" >&2 && tail -n 20 "$WORK/auth.log" >&2
  fi
}

echo "benchmarking: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, GET /api/v1/me with a bearer token (warm-up $WARMUP each), $ROUNDS alternating rounds" >&2
run_wrk direct "$UPSTREAM_URL"
direct_PROXY_CPU="–"
ROWS=""
NUMBERS=""
for round in $(seq 1 "$ROUNDS"); do
  # nginx and the gateway alternate, so that load from elsewhere on the machine hits both alike.
  run_wrk "nginx_$round" "http://127.0.0.1:$NGINX_PORT" "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true)
  run_wrk "gateway_$round" "http://127.0.0.1:$GATEWAY_PORT" "$GATEWAY_PID"
  for name in nginx gateway; do
    v="${name}_${round}"
    label="wrk → nginx → upstream"
    [[ $name == gateway ]] && label="wrk → portal-gateway → upstream"
    r="${v}_RPS" p50="${v}_P50" p99="${v}_P99" pc="${v}_PROXY_CPU" uc="${v}_UPSTREAM_CPU" n="${v}_NON2XX" e="${v}_ERRORS"
    ROWS+="| $round | $label | ${!r} | ${!p50} | ${!p99} | ${!pc} | ${!uc} | ${!n} | ${!e} |"$'\n'
    NUMBERS+=" $name ${!r} ${!p99} ${!n}"
  done
done

# Per path: mean requests/s and mean p99 over the rounds without failed answers (a run with non-2xx
# answers measured something else, e.g. an upstream that died); the ratios are of those means.
read -r nginx_RPS nginx_P99 gateway_RPS gateway_P99 RPS_RATIO P99_RATIO RPS_OK P99_OK < <(python3 -c 'import sys
a=sys.argv[1:]; data={"nginx":[], "gateway":[]}
for i in range(0, len(a), 4):
  if int(a[i+3]) == 0: data[a[i]].append((float(a[i+1]), float(a[i+2])))
if not data["nginx"] or not data["gateway"]:
  print("n/a n/a n/a n/a n/a n/a no-clean-round no-clean-round"); sys.exit()
m=lambda xs: sum(xs)/len(xs)
nr=m([x[0] for x in data["nginx"]]); np_=m([x[1] for x in data["nginx"]])
gr=m([x[0] for x in data["gateway"]]); gp=m([x[1] for x in data["gateway"]])
r=gr/nr; p=gp/np_
print("%.0f %.2f %.0f %.2f %.2f %.2f %s %s" % (nr, np_, gr, gp, r, p, "met" if r>=0.80 else "MISSED", "met" if p<=1.5 else "MISSED"))' $NUMBERS)

NGINX_VERSION=$(nginx -v 2>&1 | sed 's/.*nginx\///')
cat <<EOF

### Gateway vs nginx (issue 2 §8) — $(date -u +%Y-%m-%dT%H:%MZ)

Machine: $(nproc) cores, $(uname -sr); load generator, proxies and upstream share the machine.
Request: \`GET /api/v1/me\` with a bearer token (demo \`admin\`), \`Connection: keep-alive\`;
\`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` after a $WARMUP warm-up per run; $ROUNDS rounds alternating
nginx and the gateway. Upstream: $UPSTREAM_DESC. nginx $NGINX_VERSION: \`proxy_pass\` to an upstream
block with \`keepalive 64\`, \`proxy_http_version 1.1\`, \`proxy_set_header Connection ""\`, \`access_log off\`,
\`worker_processes auto\`. portal-gateway: verifies the JWT (cached), rate limits, proxies over its
keep-alive pool; log level warn. CPU columns: user + system time of the proxy's / the upstream's
processes during the run divided by the requests served.

| round | path | requests/s | p50 (ms) | p99 (ms) | proxy CPU µs/req | upstream CPU µs/req | non-2xx | socket errors |
|---:|---|---:|---:|---:|---:|---:|---:|---|
| – | wrk → upstream directly (reference) | $direct_RPS | $direct_P50 | $direct_P99 | $direct_PROXY_CPU | $direct_UPSTREAM_CPU | $direct_NON2XX | $direct_ERRORS |
${ROWS}
- mean over the rounds without non-2xx answers: nginx $nginx_RPS req/s (p99 $nginx_P99 ms), gateway $gateway_RPS req/s (p99 $gateway_P99 ms)
- throughput gateway / nginx: **$RPS_RATIO** (target ≥ 0.80: $RPS_OK)
- p99 gateway / nginx: **$P99_RATIO** (target ≤ 1.5: $P99_OK)
- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews single runs)
EOF
