#!/usr/bin/env bash
# AFF-4 benchmark (not part of `make test`): loads a 1,000,000-row roster CSV with
# `portal-affiliates import` (the same job code path as POST /api/v1/affiliates/imports) into a fresh
# database and reports the time and rows/s. Target: under 60 s on the 2-core machine (issue 3).
# Usage: tests/bench/affiliates_import.sh [bin_dir] [rows]     (bin_dir default build/bin)
# Leaves the loaded database in $BENCH_DIR (default /tmp/portal-affiliates-bench) for affiliates_lookup.sh.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin_dir=$(cd "${1:-$repo_root/build/bin}" && pwd)
rows=${2:-1000000}
bench_dir=${BENCH_DIR:-/tmp/portal-affiliates-bench}
mkdir -p "$bench_dir"
csv=$bench_dir/roster-$rows.csv
if [ ! -s "$csv" ]; then
  echo "generating $rows rows into $csv"
  python3 "$repo_root/tests/bench/affiliates_roster.py" "$csv" "$rows"
fi
rm -rf "$bench_dir/data"
mkdir -p "$bench_dir/data"
echo "importing $(($(wc -l <"$csv") - 1)) lines ($(du -h "$csv" | cut -f1)) ..."
start=$(date +%s.%N)
PORTAL_DATA_DIR=$bench_dir/data PORTAL_LOG_LEVEL=warn "$bin_dir/portal-affiliates" import "$csv"
end=$(date +%s.%N)
seconds=$(echo "$end - $start" | bc)
echo "import: ${seconds} s, $(echo "$rows / $seconds" | bc) rows/s (database: $bench_dir/data/affiliates.db, $(du -h "$bench_dir/data/affiliates.db" | cut -f1))"
