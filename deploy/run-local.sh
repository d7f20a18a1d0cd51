#!/usr/bin/env bash
# `make run` (OPS-1): the portal on this machine with demo data. Starts portal-auth, the other built
# services, then portal-gateway, each once the previous answers /readyz; prints the gateway URL and the
# demo logins, and runs until Ctrl-C (or SIGTERM), which stops them all. Data (SQLite files, signing
# keys, .eml mail) and logs stay under var/ at the repository root, so a second run keeps the same
# users and keys.
#
# Usage: bash deploy/run-local.sh <bin_dir>      (Makefile: bash deploy/run-local.sh build/bin)
# Ports and host come from PORTAL_HOST, PORTAL_<SERVICE>_PORT, PORTAL_GATEWAY_PORT like the services'.
#
# PORTAL_DB=postgresql (issue 8): the same system on PostgreSQL instead of SQLite. A local server is set up
# and started here (deploy/postgres.sh, data in var/postgres, port PORTAL_POSTGRES_PORT, default 5433),
# with one database per service (portal_auth, ...); each service gets PORTAL_<SERVICE>_DATABASE_URL unless
# it is already set. Ctrl-C stops the server too; its data stays for the next run.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin_dir=${1:-$repo_root/build/bin}
if [ ! -x "$bin_dir/portal-auth" ] || [ ! -x "$bin_dir/portal-gateway" ]; then
  echo "run-local: portal-auth and portal-gateway not found in '$bin_dir' (build first: make run)" >&2
  exit 1
fi
bin_dir=$(cd "$bin_dir" && pwd)

# The services behind the gateway, in start order: name, port variable, default port, URL variable the
# gateway (and other services) read. auth comes first: everyone else fetches its JWKS. A service whose
# binary has not been built (a later issue's) is skipped; auth is required.
backends=(
  "auth PORTAL_AUTH_PORT 8081 PORTAL_AUTH_URL"
  "affiliates PORTAL_AFFILIATES_PORT 8082 PORTAL_AFFILIATES_URL"
  "urgencies PORTAL_URGENCIES_PORT 8083 PORTAL_URGENCIES_URL"
  "events PORTAL_EVENTS_PORT 8088 PORTAL_EVENTS_URL"
  "authorizations PORTAL_AUTHORIZATIONS_PORT 8084 PORTAL_AUTHORIZATIONS_URL"
  "referrals PORTAL_REFERRALS_PORT 8085 PORTAL_REFERRALS_URL"
  "finance PORTAL_FINANCE_PORT 8087 PORTAL_FINANCE_URL"
  "inconsistencies PORTAL_INCONSISTENCIES_PORT 8086 PORTAL_INCONSISTENCIES_URL"
)

export PORTAL_DEMO=true
export PORTAL_DEMO_ACTIVITY=true  # auth: demo contact cases and survey answers (docs/support.md)
# Issue 17: portal-inconsistencies corrects the registry as its own OAuth2 client (auth's demo seed has it).
export PORTAL_INCONSISTENCIES_CLIENT_SECRET=${PORTAL_INCONSISTENCIES_CLIENT_SECRET:-demo-inconsistencies-secret-2026}
export PORTAL_DATA_DIR=${PORTAL_DATA_DIR:-$repo_root/var}
export PORTAL_HOST=${PORTAL_HOST:-127.0.0.1}
export PORTAL_GATEWAY_PORT=${PORTAL_GATEWAY_PORT:-8080}
export PORTAL_SOURCE_DIR=$repo_root
export PORTAL_OPENAPI_FILE=${PORTAL_OPENAPI_FILE:-$repo_root/api/openapi.yaml}
started=()  # "name port"
for entry in "${backends[@]}"; do
  read -r name port_var default_port url_var <<<"$entry"
  [ "$name" != auth ] && [ ! -x "$bin_dir/portal-$name" ] && continue
  export "$port_var=${!port_var:-$default_port}"
  export "$url_var=${!url_var:-http://$PORTAL_HOST:${!port_var}}"
  started+=("$name ${!port_var}")
done
started+=("gateway $PORTAL_GATEWAY_PORT")
log_dir=$PORTAL_DATA_DIR/log
mkdir -p "$log_dir"

database=${PORTAL_DB:-sqlite}
pg_data=""
case "$database" in
  sqlite) ;;
  postgresql)
    pg_port=${PORTAL_POSTGRES_PORT:-5433}
    pg_data=$PORTAL_DATA_DIR/postgres
    # As root the server runs as the postgres user, who must reach the data directory; var/ under a
    # private home directory is out of its reach, so the data then lives under /var/tmp.
    if [ "$(id -u)" -eq 0 ]; then
      mkdir -p "$pg_data" && chown postgres "$pg_data"
      runuser -u postgres -- test -w "$pg_data" 2>/dev/null || pg_data=/var/tmp/portal-postgres-$(echo "$PORTAL_DATA_DIR" | md5sum | cut -c1-8)
    fi
    dbs=()
    for entry in "${started[@]}"; do
      read -r name _ <<<"$entry"
      [ "$name" = gateway ] && continue
      dbs+=("portal_$name")
      url_var=PORTAL_${name^^}_DATABASE_URL
      export "$url_var=${!url_var:-postgresql://portal@127.0.0.1:$pg_port/portal_$name}"
    done
    echo "Starting PostgreSQL on 127.0.0.1:$pg_port (data: $pg_data, log: $pg_data/server.log)"
    bash "$repo_root/deploy/postgres.sh" local-start "$pg_data" "$pg_port" "${dbs[@]}"
    ;;
  *) echo "run-local: PORTAL_DB must be sqlite (default) or postgresql, got '$database'" >&2; exit 1 ;;
esac

gateway_url=http://$PORTAL_HOST:$PORTAL_GATEWAY_PORT

# Something already listening there: say so plainly instead of letting a service die on bind.
port_busy() { (exec 3<>"/dev/tcp/$PORTAL_HOST/$1") 2>/dev/null; }
for entry in "${started[@]}"; do
  read -r name port <<<"$entry"
  if port_busy "$port"; then
    var=PORTAL_${name^^}_PORT
    echo "run-local: port $port ($name) on $PORTAL_HOST is already in use." >&2
    echo "  Stop whatever listens there (ss -ltnp 'sport = :$port'), or choose another: $var=<port> make run" >&2
    exit 1
  fi
done

pids=()
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap - INT TERM
  local pid
  # Gateway first, so no request reaches an auth that is going away.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$pg_data" ] && bash "$repo_root/deploy/postgres.sh" local-stop "$pg_data"
  return 0
}
trap 'echo; echo "Stopping..."; stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

ready() { curl -fsS -o /dev/null --max-time 1 "$1/readyz" 2>/dev/null; }

# wait_ready <name> <pid> <url> <log>
wait_ready() {
  local name=$1 pid=$2 url=$3 log=$4
  for _ in $(seq 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run-local: portal-$name exited during start-up; last lines of $log:" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    ready "$url" && return 0
    sleep 0.1
  done
  echo "run-local: portal-$name is not ready at $url/readyz after 30 s; see $log" >&2
  exit 1
}

for entry in "${started[@]}"; do
  read -r name port <<<"$entry"
  url=http://$PORTAL_HOST:$port
  echo "Starting portal-$name on $url (log: $log_dir/$name.log)"
  "$bin_dir/portal-$name" >>"$log_dir/$name.log" 2>&1 &
  pids+=($!)
  wait_ready "$name" "$!" "$url" "$log_dir/$name.log"
done
services_line=$(printf '%s, ' "${started[@]}" | sed 's/, $//')

cat <<INFO

  EPS provider portal is running (demo data).

  Gateway:  $gateway_url        (OpenAPI: $gateway_url/openapi.yaml, keys: $gateway_url/.well-known/jwks.json)
  API reference in the browser: $gateway_url/docs   ("Authorize" with an access token, then "Try it out")
  Services: $services_line    (name port)
  Data:     $PORTAL_DATA_DIR    (logs in $log_dir, e-mails in $PORTAL_DATA_DIR/mail)
  Database: $database${pg_data:+ (PostgreSQL 127.0.0.1:$pg_port, data $pg_data)}

  Demo logins (password for all: Demo.2026)
    Provider users   NIT 900000001 "IPS Demo Salud S.A.S.":  admin (provider admin), delegate (urgencies, authorizations)
                     NIT 900000002 "Clínica Ejemplo del Caribe":  admin2 (provider admin)
    EPS employees    agent, auditor, finance, sysadmin (admin)
    Integrator       client_id demo-his, client_secret demo-his-secret-2026 (scopes: urgencies authorizations)
                     client_id demo-erp, client_secret demo-erp-secret-2026 (the EPS's ERP: loads payments)
  Demo affiliates (docs/affiliates.md): CC 1000000001 (two newborns "hijo de"), CC 1000000002 (suspended),
    CC 1000000003 (inconsistent), RC 1000000006 (document type warning), CC 999999999 (not an affiliate)
    curl -s '$gateway_url/api/v1/affiliates?document_type=CC&document_number=1000000001' -H "Authorization: Bearer <access_token>"
  Emergency notifications (docs/urgencies.md): today's and past days' for NIT 900000001, and one on each
  side of 1 April 2026 (numbers 0331: Res. 3047 Anexo 2; 0401: Res. 2335 report; docs/regulation.md)
    curl -s $gateway_url/api/v1/urgencies -H "Authorization: Bearer <access_token>"
    curl -s $gateway_url/api/v1/urgencies -H "Authorization: Bearer <access_token>" -H 'Content-Type: application/json' \\
      -d '{"attention_number":"2001","affiliate":{"document_type":"CC","document_number":"1000000002"},
           "care_cause":"38","admission_route":"01","triage":3,"referral":{"is_referred":false},
           "admitted_at":"<RFC 3339, within the last 24 h>","consultation_reason":"Dolor abdominal",
           "condition_destination":"03","diagnoses":{"principal":"R104","related":[]}}'
    curl -s -o informe.pdf $gateway_url/api/v1/urgencies/<id>/report.pdf -H "Authorization: Bearer <access_token>"
  Authorization requests (docs/authorizations.md, rules in docs/rules.md): today's for NIT 900000001 in every
  light (DEMO-0001 approved, DEMO-0002 yellow, DEMO-0003 red, DEMO-0004 white); provider users see pending
  ones by default (?status=approved for the others)
    curl -s '$gateway_url/api/v1/authorization-requests?sort=light' -H "Authorization: Bearer <access_token>"
    curl -s $gateway_url/api/v1/authorization-requests -H "Authorization: Bearer <access_token>" -H 'Content-Type: application/json' \\
      -d '{"request_number":"1001","affiliate":{"document_type":"CC","document_number":"1000000001"},
           "attention_origin":"general_illness","service_type":"elective","priority":"non_priority",
           "patient_location":"outpatient","service":"general_medicine","diagnoses":{"principal":"D509"},
           "clinical_justification":"Control de anemia","procedures":[{"cups_code":"902045","quantity":1}],
           "requester":{"name":"Ana Ruiz","position":"Médica general","phone":"6053850000"}}'
      (approved at once; with "procedures":[{"cups_code":"470101","quantity":1}] it is held for the auditor)
    curl -s -o anexo3.pdf $gateway_url/api/v1/authorization-requests/<id>/annex3.pdf -H "Authorization: Bearer <access_token>"
  Decision notices (docs/events.md): a decision e-mails the provider (.eml under $PORTAL_DATA_DIR/mail/authorizations)
  and publishes an event: live as Server-Sent Events, and signed webhooks for integrators
    curl -N http://$PORTAL_HOST:${PORTAL_EVENTS_PORT:-8088}/api/v1/events -H "Authorization: Bearer <access_token>"
      (straight to portal-events: the gateway streams it once its streaming front lands)
    curl -s $gateway_url/api/v1/webhooks -H "Authorization: Bearer <access_token>" -H 'Content-Type: application/json' \
      -d '{"url":"https://his.example.co/hooks/eps","event_types":["authorization_request.decided"]}'

  Referrals (docs/referrals.md): open, in process, closed on arrival, cancelled, and a newborn's open one,
  from NIT 900000001 to 900000002; as the agent, register one for CC 1000000001 and run it to closure
    curl -s '$gateway_url/api/v1/referrals?status=active' -H "Authorization: Bearer <access_token>"
    curl -s $gateway_url/api/v1/referrals -H "Authorization: Bearer <access_token>" -H 'Content-Type: application/json' \\
      -d '{"affiliate":{"document_type":"CC","document_number":"1000000001"},"referral_type":"emergency",
           "origin":{"nit":"900000001","habilitation_code":"080010000101"},
           "destination":{"nit":"900000002","habilitation_code":"080010000201"},"origin_service":"emergency_obstetric",
           "triage":2,"diagnoses":{"principal":"O800"},"requested_service":"obstetric_ward","pos":true,
           "ambulance_type":"not_applicable","treating_professional":"Dra. Carolina Ruiz"}'
    curl -s $gateway_url/api/v1/referrals/<id>/steps -H "Authorization: Bearer <access_token>" -H 'If-Match: <ETag>' \\
      -H 'Content-Type: application/json' -d '{"kind":"step","step":"patient_accepted"}'
      (then {"kind":"closure","closure_reason":"arrival_confirmed","arrival_condition":"stable"})

  Payments (docs/finance.md): a year of vouchers for NIT 900000001 and 900000002 in every payment form
    curl -s '$gateway_url/api/v1/payments?from=2017-01-01&to=2030-12-31' -H "Authorization: Bearer <access_token>"
    curl -s '$gateway_url/api/v1/payments/<id>/invoices' -H "Authorization: Bearer <access_token>"
    curl -s -OJ '$gateway_url/api/v1/payments/<id>/invoices.xlsx?layout=zonaser' -H "Authorization: Bearer <access_token>"
      (layout=sos for the 19 SOS columns; invoices.csv?separator=%3B for Excel's ';'; payments.xlsx?from=&to= a period)

  Portfolio requests (FIN-4, docs/finance.md): invoices FE1..FE60 of each demo provider at the EPS, in every state
    curl -s -OJ $gateway_url/api/v1/portfolio-requests/template.xlsx -H "Authorization: Bearer <access_token>"
    curl -s $gateway_url/api/v1/portfolio-requests -H "Authorization: Bearer <access_token>" \
      -H 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' --data-binary @filled.xlsx
    curl -s -OJ $gateway_url/api/v1/portfolio-requests/<id>/result.xlsx -H "Authorization: Bearer <access_token>"

  Glosas (FIN-5/FIN-6, docs/finance.md): conciliation 2053 (Res. 2284 codes) and 1017 (legacy Res. 3047) of NIT 900000001
    curl -s '$gateway_url/api/v1/glosas?from=2024-01-01&to=2030-12-31' -H "Authorization: Bearer <access_token>"
    curl -s -OJ $gateway_url/api/v1/glosas/conciliations/2053.xlsx -H "Authorization: Bearer <access_token>"
      (fill AL Valor_aceptado_IPS, AM Valor_sustentado_IPS, AO Observaciones_IPS_respuesta_a_glosa, then)
    curl -s $gateway_url/api/v1/glosa-responses -H "Authorization: Bearer <access_token>" \
      -H 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' --data-binary @answered.xlsx
    curl -s -OJ $gateway_url/api/v1/glosa-responses/<id>/result.xlsx -H "Authorization: Bearer <access_token>"

  Inconsistency reports (docs/inconsistencies.md): four for NIT 900000001 in several states; file one with an ID
  scan (multipart: a "report" JSON part and one gif/jpg/png/pdf/zip file), then the auditor processes it
    curl -s '$gateway_url/api/v1/inconsistency-reports?date_from=2026-01-01&date_to=2030-12-31' -H "Authorization: Bearer <access_token>"
    curl -s $gateway_url/api/v1/inconsistency-reports -H "Authorization: Bearer <access_token>" \
      -F 'report={"affiliate":{"document_type":"CC","document_number":"1098000111"},"document_data":{"first_surname":"Peñaranda",
           "first_name":"Sofía","document_type":"CC","document_number":"1098000111","birth_date":"1994-08-21"},
           "contact":{"municipality_code":"08001","address":"Calle 1 # 2-3"},
           "reporter":{"document_number":"1001001001","name":"María Gómez","phone":"6053601000","position":"Coordinadora"}};type=application/json' \
      -F 'attachment=@cedula.pdf'
    curl -s $gateway_url/api/v1/inconsistency-reports/<id>/processing -H "Authorization: Bearer <auditor token>" \
      -H 'Content-Type: application/json' -d '{"status":"processed_pre_affiliated","affiliate":{"sex":"F","regime":"subsidized"}}'
    curl -s '$gateway_url/api/v1/affiliates?document_type=CC&document_number=1098000111' -H "Authorization: Bearer <access_token>"
    curl -s -o informe.pdf $gateway_url/api/v1/inconsistency-reports/<id>/report.pdf -H "Authorization: Bearer <access_token>"

  Log in:
    curl -s $gateway_url/api/v1/auth/login -H 'Content-Type: application/json' \\
      -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}'
    curl -s $gateway_url/api/v1/auth/login -H 'Content-Type: application/json' \\
      -d '{"user_type":"employee","username":"sysadmin","password":"Demo.2026"}'
    curl -s $gateway_url/api/v1/auth/token -d 'grant_type=client_credentials&client_id=demo-his&client_secret=demo-his-secret-2026'
  Then:  curl -s $gateway_url/api/v1/me -H "Authorization: Bearer <access_token>"
  Check a login's signature against the JWKS:  bash deploy/demo-login.sh $gateway_url

  Ctrl-C stops every service.
INFO

# Runs until a signal, or until a service dies (then the others are stopped too).
set +e
wait -n "${pids[@]}"
status=$?
set -e
if [ "$stopping" = 0 ]; then
  echo "run-local: a service stopped unexpectedly (exit $status); see $log_dir/*.log. Stopping the others." >&2
  stop_all
  exit 1
fi
