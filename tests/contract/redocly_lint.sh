#!/usr/bin/env bash
# Issue 10: api/openapi.yaml lints clean with Redocly CLI (recommended ruleset + api/redocly.yaml).
#   redocly_lint.sh install <dir>          npm-installs the pinned CLI into <dir> once (a re-run with the
#                                          same version does nothing; npm's cache serves a new build dir)
#   redocly_lint.sh lint <dir> <source>    lints <source>/api/openapi.yaml; fails on any error
# 1.34.20, not 2.x: 2.x needs Node >= 20.19, and Debian 12's nodejs is 18.19.
set -euo pipefail
version=1.34.20
cmd=${1:?install|lint}
dir=${2:?directory of the CLI}
bin="$dir/node_modules/.bin/redocly"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

case "$cmd" in
  install)
    if [ -x "$bin" ] && [ "$(cat "$dir/.installed-version" 2>/dev/null)" = "$version" ]; then
      echo "@redocly/cli $version already installed in $dir"
      exit 0
    fi
    command -v npm >/dev/null || { echo "npm is missing: run deploy/install-deps.sh" >&2; exit 1; }
    mkdir -p "$dir"
    rm -f "$dir/.installed-version"
    npm install --prefix "$dir" --no-audit --no-fund --no-save --prefer-offline --loglevel=error \
      "@redocly/cli@$version"
    [ -x "$bin" ] || { echo "npm did not install $bin" >&2; exit 1; }
    echo "$version" > "$dir/.installed-version"
    echo "@redocly/cli $version installed in $dir"
    ;;
  lint)
    source=${3:?source directory}
    [ -x "$bin" ] || { echo "$bin is missing: the redocly_cli_install test installs it" >&2; exit 1; }
    "$bin" lint --config "$source/api/redocly.yaml" --format=stylish "$source/api/openapi.yaml"
    ;;
  *)
    echo "usage: $0 install <dir> | lint <dir> <source dir>" >&2
    exit 2
    ;;
esac
