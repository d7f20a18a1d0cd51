#!/usr/bin/env bash
# Issue 14 (extends issue 2 §8): the request path at every hop, in one run, on this machine.
#   - nginx answering a fixed 200: the ceiling any endpoint can approach here;
#   - three authenticated reads, each straight to its service, through nginx as a keep-alive reverse
#     proxy, and through portal-gateway:
#       GET /api/v1/me                                               (portal-auth)
#       GET /api/v1/affiliates?document_type=CC&document_number=...  (portal-affiliates, lookup by document)
#       GET /api/v1/urgencies/{id}                                   (portal-urgencies, a notification's detail)
#   - CPU microseconds per request of every process involved (user + system time over the run / requests).
# Prints one Markdown table with the load average at the start of each run (the machine may be shared:
# compare within one run) and the issue's ratios. Not part of `make test` (timing on a shared machine is no
# pass/fail signal); `make bench` runs it.
#
# usage: tests/bench/gateway_vs_nginx.sh <bin_dir>   (bin_dir holds portal-auth, -affiliates, -urgencies, -gateway)
# env:   BENCH_DURATION (10s) BENCH_CONNECTIONS (64) BENCH_THREADS (2) BENCH_WARMUP (2s)
#        BENCH_LOG_LEVEL (info: access logs on, as in production; warn turns them off)
#        BENCH_ONLY: space-separated subset of reads to run (me lookup detail)
#        BENCH_KEEP=1 keeps the work directory (logs, wrk output) and prints where it is
set -euo pipefail

BIN_DIR=${1:?usage: $0 <bin_dir>}
BIN_DIR=$(cd "$BIN_DIR" && pwd)
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-2s}
LOG_LEVEL=${BENCH_LOG_LEVEL:-info}
READS=${BENCH_ONLY:-me lookup detail}

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
  for i in $(seq 1 300); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$2 exited during start-up; its log:" >&2; tail -n 30 "$WORK/$2.log" >&2; exit 1; fi
    sleep 0.1
  done
  echo "$2 not ready at $1 after 30 s; its log:" >&2
  tail -n 30 "$WORK/$2.log" >&2
  exit 1
}

# --- the services, with demo data ---------------------------------------------------------------------------
AUTH_PORT=$(free_port) AFFILIATES_PORT=$(free_port) URGENCIES_PORT=$(free_port) AUTHORIZATIONS_PORT=$(free_port)
GATEWAY_PORT=$(free_port) NGINX_PORT=$(free_port) NGINX_FIXED_PORT=$(free_port)
mkdir -p "$WORK/data"
export PORTAL_DEMO=true PORTAL_DATA_DIR="$WORK/data" PORTAL_HOST=127.0.0.1 PORTAL_LOG_LEVEL="$LOG_LEVEL"
export PORTAL_AUTH_PORT=$AUTH_PORT PORTAL_AFFILIATES_PORT=$AFFILIATES_PORT PORTAL_URGENCIES_PORT=$URGENCIES_PORT
export PORTAL_AUTHORIZATIONS_PORT=$AUTHORIZATIONS_PORT PORTAL_GATEWAY_PORT=$GATEWAY_PORT
export PORTAL_AUTH_URL=http://127.0.0.1:$AUTH_PORT PORTAL_AFFILIATES_URL=http://127.0.0.1:$AFFILIATES_PORT
export PORTAL_URGENCIES_URL=http://127.0.0.1:$URGENCIES_PORT PORTAL_AUTHORIZATIONS_URL=http://127.0.0.1:$AUTHORIZATIONS_PORT
# wrk is one address and one account sending tens of thousands of requests a second.
export PORTAL_RATE_ADDRESS_BURST=1000000000 PORTAL_RATE_ADDRESS_PER_SECOND=1000000000
export PORTAL_RATE_ACCOUNT_BURST=1000000000 PORTAL_RATE_ACCOUNT_PER_SECOND=1000000000
export PORTAL_RATE_LOGIN_BURST=1000000 PORTAL_RATE_LOGIN_PER_SECOND=1000000

declare -A PID_OF
start() {  # name url
  "$BIN_DIR/portal-$1" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$1]=$!
  wait_ready "$2/readyz" "$1" "$!"
}
start auth "$PORTAL_AUTH_URL"
start affiliates "$PORTAL_AFFILIATES_URL"
start urgencies "$PORTAL_URGENCIES_URL"
start gateway "http://127.0.0.1:$GATEWAY_PORT"

# --- nginx: a fixed 200 on one port, the reverse proxy to the same three services on another --------------
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
  upstream portal_auth { server 127.0.0.1:$AUTH_PORT; keepalive 64; }
  upstream portal_affiliates { server 127.0.0.1:$AFFILIATES_PORT; keepalive 64; }
  upstream portal_urgencies { server 127.0.0.1:$URGENCIES_PORT; keepalive 64; }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header X-Forwarded-For \$remote_addr;
  proxy_set_header X-Request-Id \$request_id;
  server {
    listen 127.0.0.1:$NGINX_FIXED_PORT;
    location / { return 200 '{"status":"ok"}'; }
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /api/v1/affiliates { proxy_pass http://portal_affiliates; }
    location /api/v1/urgencies { proxy_pass http://portal_urgencies; }
    location / { proxy_pass http://portal_auth; }
  }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" >"$WORK/nginx.log" 2>&1 &
PIDS+=($!)
NGINX_PID=$!
for i in $(seq 1 100); do
  curl -sS -o /dev/null "http://127.0.0.1:$NGINX_FIXED_PORT/" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx failed to start:" >&2; cat "$WORK/nginx.log" "$WORK/nginx/logs/error.log" >&2; exit 1; }
  sleep 0.1
done

# --- a token for the demo provider admin, and the reads --------------------------------------------------------
LOGIN=$(curl -sS -X POST "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}')
TOKEN=$(printf '%s' "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || {
  echo "login through the gateway failed: $LOGIN" >&2; exit 1; }
HEADERS=(-H "Connection: keep-alive" -H "Authorization: Bearer $TOKEN")
NOTIFICATION_ID=$(curl -fsS "${HEADERS[@]}" "http://127.0.0.1:$GATEWAY_PORT/api/v1/urgencies" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])') || {
  echo "no demo notification visible to the demo provider admin" >&2; exit 1; }

declare -A PATH_OF SERVICE_OF
PATH_OF[me]="/api/v1/me"
SERVICE_OF[me]=auth
PATH_OF[lookup]="/api/v1/affiliates?document_type=CC&document_number=1000000001"
SERVICE_OF[lookup]=affiliates
PATH_OF[detail]="/api/v1/urgencies/$NOTIFICATION_ID"
SERVICE_OF[detail]=urgencies
declare -A PORT_OF=([auth]=$AUTH_PORT [affiliates]=$AFFILIATES_PORT [urgencies]=$URGENCIES_PORT)

for read in $READS; do
  for port in "${PORT_OF[${SERVICE_OF[$read]}]}" "$NGINX_PORT" "$GATEWAY_PORT"; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' "${HEADERS[@]}" "http://127.0.0.1:$port${PATH_OF[$read]}")
    [[ $code == 200 ]] || { echo "GET ${PATH_OF[$read]} on port $port answered $code, expected 200" >&2; exit 1; }
  done
done

# --- measure -------------------------------------------------------------------------------------------------
cpu_ticks() {  # user + system clock ticks of the given processes (all threads)
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
nginx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }

ROWS="$WORK/rows.tsv"
: >"$ROWS"
# run <label> <url> <proxy: none|nginx|gateway> <service: none|auth|affiliates|urgencies>
run() {
  local label=$1 url=$2 proxy=$3 service=$4 load requests
  local proxy_pids="" service_pid=""
  case $proxy in nginx) proxy_pids=$(nginx_pids) ;; gateway) proxy_pids=${PID_OF[gateway]} ;; esac
  [[ $service != none ]] && service_pid=${PID_OF[$service]}
  # The fixed 200 is nginx itself: its CPU is the "service" column there.
  [[ $proxy == none && $service == none ]] && service_pid=$(nginx_pids)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${HEADERS[@]}" "$url" >/dev/null
  load=$(cut -d' ' -f1 /proc/loadavg)
  local p0 s0 p1 s1
  p0=$(cpu_ticks $proxy_pids)
  s0=$(cpu_ticks $service_pid)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${HEADERS[@]}" "$url" >"$WORK/$label.wrk"
  p1=$(cpu_ticks $proxy_pids)
  s1=$(cpu_ticks $service_pid)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$proxy" "$service" "$load" "$((p1 - p0))" "$((s1 - s0))" \
    "$WORK/$label.wrk" "$(cut -d' ' -f1 /proc/loadavg)" >>"$ROWS"
}

echo "benchmarking: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each), log level $LOG_LEVEL" >&2
run "fixed" "http://127.0.0.1:$NGINX_FIXED_PORT/" none none
for read in $READS; do
  service=${SERVICE_OF[$read]}
  run "$read-direct" "http://127.0.0.1:${PORT_OF[$service]}${PATH_OF[$read]}" none "$service"
  run "$read-nginx" "http://127.0.0.1:$NGINX_PORT${PATH_OF[$read]}" nginx "$service"
  run "$read-gateway" "http://127.0.0.1:$GATEWAY_PORT${PATH_OF[$read]}" gateway "$service"
done

NGINX_VERSION=$(nginx -v 2>&1 | sed 's/.*nginx\///')
cat <<EOF

### Request path (issue 14) — $(date -u +%Y-%m-%dT%H:%MZ)

Machine: $(nproc) cores, $(uname -sr); wrk, nginx, the gateway and the services share it. Binaries:
\`$BIN_DIR\`. \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` after a $WARMUP warm-up per run, bearer token of the
demo provider admin, \`Connection: keep-alive\`. Log level \`$LOG_LEVEL\` for every portal process. nginx
$NGINX_VERSION: \`worker_processes auto\`, \`access_log off\`, upstreams with \`keepalive 64\`. CPU columns: user +
system time of the process(es) during the run divided by the requests answered. Load: 1-minute load
average at the start / end of the run.
EOF
python3 - "$ROWS" "$(getconf CLK_TCK)" <<'PY'
import re, sys
rows_file, hz = sys.argv[1], int(sys.argv[2])
def ms(text):
    m = re.match(r"([0-9.]+)(us|ms|s|m)$", text)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v if u == "ms" else v * 1000 if u == "s" else v * 60000
names = {"fixed": "nginx fixed 200 (ceiling)", "me": "GET /api/v1/me (auth)",
         "lookup": "affiliate lookup by document (affiliates)", "detail": "urgencies detail (urgencies)"}
paths = {"direct": "straight to the service", "nginx": "nginx → service", "gateway": "portal-gateway → service"}
results = {}
print()
print("| read | path | requests/s | p50 ms | p99 ms | proxy CPU µs/req | service CPU µs/req | non-2xx | load start / end |")
print("|---|---|---:|---:|---:|---:|---:|---:|---|")
for line in open(rows_file):
    label, proxy, service, load0, pticks, sticks, wrk_file, load1 = line.rstrip("\n").split("\t")
    text = open(wrk_file).read()
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1)) or 1
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    non2xx = int(non2xx.group(1)) if non2xx else 0
    pcpu = int(pticks) * 1e6 / hz / requests if proxy != "none" else None
    scpu = int(sticks) * 1e6 / hz / requests
    read, _, path = label.partition("-")
    results[label] = (rps, p99, pcpu, scpu, non2xx)
    print("| %s | %s | %s | %.2f | %.2f | %s | %.0f | %d | %s / %s |" % (
        names[read], paths.get(path, "nginx itself"), f"{rps:,.0f}", p50, p99,
        "–" if pcpu is None else "%.0f" % pcpu, scpu, non2xx, load0, load1))
print()
fixed = results.get("fixed")
for read in ("me", "lookup", "detail"):
    d, n, g = (results.get(f"{read}-{p}") for p in ("direct", "nginx", "gateway"))
    if not (d and n and g):
        continue
    print(f"- {names[read]}: straight {d[0]:,.0f}/s with {d[3]:.0f} µs service CPU (targets ≥ 15,000/s, ≤ 80 µs); "
          f"gateway ÷ nginx throughput **{g[0] / n[0]:.2f}** (target ≥ 1.0), p99 **{g[1] / n[1]:.2f}** (≤ 1.0), "
          f"proxy CPU **{g[2] / n[2]:.2f}×** nginx's (≤ 1.5); through the gateway = "
          f"**{100 * g[0] / fixed[0]:.1f} %** of nginx's fixed 200 (≥ 15 %)")
PY
