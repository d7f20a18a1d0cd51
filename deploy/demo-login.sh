#!/usr/bin/env bash
# Issue 2 "Done when": a demo login through the gateway returns a token whose RS256 signature verifies
# against the gateway's /.well-known/jwks.json. Uses only curl, coreutils and the openssl command line
# (no jq): the JWK's n and e are put into a PKCS#1 RSAPublicKey by hand and openssl checks the signature.
#
# Usage: bash deploy/demo-login.sh [gateway_url]    (default http://127.0.0.1:8080, `make run` running)
set -euo pipefail

gateway=${1:-http://${PORTAL_HOST:-127.0.0.1}:${PORTAL_GATEWAY_PORT:-8080}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

b64url_decode() {  # stdin base64url (no padding) -> stdout bytes
  local s
  s=$(tr -- '-_' '+/')
  case $((${#s} % 4)) in 2) s+="==" ;; 3) s+="=" ;; esac
  printf '%s' "$s" | base64 -d
}
hex_of() { od -An -v -tx1 | tr -d ' \n'; }
bytes_of_hex() { local h=$1 out=""; while [ -n "$h" ]; do out+="\\x${h:0:2}"; h=${h:2}; done; printf '%b' "$out"; }
der_len() {  # hex length of a hex string of $1 bytes, DER definite form
  local n=$1
  if [ "$n" -lt 128 ]; then printf '%02x' "$n"
  elif [ "$n" -lt 256 ]; then printf '81%02x' "$n"
  else printf '82%04x' "$n"; fi
}
der_integer() {  # hex big-endian magnitude -> DER INTEGER hex
  local h=$1
  [ $((16#${h:0:2})) -ge 128 ] && h="00$h"
  printf '02%s%s' "$(der_len $((${#h} / 2)))" "$h"
}
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

echo "POST $gateway/api/v1/auth/login (provider 900000001 / admin)"
login=$(curl -fsS "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"}')
token=$(printf '%s' "$login" | json_field access_token)
[ -n "$token" ] || { echo "no access_token in: $login" >&2; exit 1; }
IFS=. read -r h64 p64 s64 <<<"$token"
header=$(printf '%s' "$h64" | b64url_decode)
kid=$(printf '%s' "$header" | json_field kid)
alg=$(printf '%s' "$header" | json_field alg)
echo "token header: $header"
echo "token claims: $(printf '%s' "$p64" | b64url_decode)"
[ "$alg" = RS256 ] || { echo "unexpected alg '$alg'" >&2; exit 1; }

echo "GET $gateway/.well-known/jwks.json"
jwk=$(curl -fsS "$gateway/.well-known/jwks.json" | tr '{}' '\n\n' | grep "\"kid\":\"$kid\"" || true)
[ -n "$jwk" ] || { echo "kid $kid is not in the gateway's JWKS" >&2; exit 1; }
n_hex=$(printf '%s' "$jwk" | json_field n | b64url_decode | hex_of)
e_hex=$(printf '%s' "$jwk" | json_field e | b64url_decode | hex_of)
body=$(der_integer "$n_hex")$(der_integer "$e_hex")
bytes_of_hex "30$(der_len $((${#body} / 2)))$body" >"$work/key.der"
openssl rsa -RSAPublicKey_in -inform DER -in "$work/key.der" -pubout -out "$work/key.pem" 2>/dev/null
printf '%s' "$s64" | b64url_decode >"$work/sig.bin"
printf '%s.%s' "$h64" "$p64" >"$work/input"
if openssl dgst -sha256 -verify "$work/key.pem" -signature "$work/sig.bin" "$work/input" >/dev/null; then
  echo "OK: the token's RS256 signature verifies against key $kid of $gateway/.well-known/jwks.json"
else
  echo "FAIL: the signature does not verify against the gateway's JWKS" >&2
  exit 1
fi
curl -fsS "$gateway/api/v1/me" -H "Authorization: Bearer $token" >/dev/null && echo "OK: GET /api/v1/me with it answers 200"
