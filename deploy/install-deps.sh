#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs (OPS-1). Idempotent: does nothing when all are present.
# Runs as root (CI, fresh machine) or through sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libpistache-dev libcpp-httplib-dev libsqlite3-dev libsqlitecpp-dev sqlite3 rapidjson-dev
  catch2 prometheus-cpp-dev libssl-dev libsodium-dev libcurl4-openssl-dev
  libpwquality-dev cracklib-runtime libyaml-cpp-dev openssl procps curl python3-aiosmtpd
  libpodofo-dev qpdf poppler-utils
  libpqxx-dev postgresql ccache
  python3-jsonschema python3-yaml prometheus
  python3-flasgger chromium
  libxlsxwriter-dev python3-openpyxl
  libboost-dev
  libzip-dev libpugixml-dev clang libclang-rt-14-dev
  zlib1g-dev
)
# Issue 19: libzip and pugixml under the XLSX reader (libs/documents); clang and its runtime build the
# reader's libFuzzer target (tests/fuzz).
# Issue 17: zlib checks PNG CRCs and inflates the entries of zip attachments (services/inconsistencies).
# Issue 14 item 4: Boost.Asio (header-only, Boost 1.74) under the gateway's streaming front.
# Issue 18: libxlsxwriter writes the payment spreadsheets (FIN-3); python3-openpyxl reads them back in the
# tests as an independent reader.
# Issue 20: python3-flasgger ships the static files of Swagger UI 3.28 that the gateway serves at /docs (read
# from /usr/lib/python3/dist-packages/flasgger/ui3/static, PORTAL_SWAGGER_UI_DIR); chromium (headless) loads
# that page in the end-to-end suite.
# Issue 10: python3-jsonschema validates every e2e response against api/openapi.yaml (tests/support);
# prometheus brings promtool, which checks every /metrics; npm installs the pinned Redocly CLI that lints
# the contract (tests/contract/redocly_lint.sh). A Node.js from elsewhere (e.g. NodeSource, which bundles
# npm and conflicts with Debian's npm package) is used as it is.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [ "${WITH_BENCH:-0}" = 1 ]; then packages+=(wrk nginx-light); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
