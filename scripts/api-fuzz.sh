#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis against a running server (the end-to-end
# server: `bash scripts/api-fuzz.sh http://127.0.0.1:3100`). Signs in as the demo HR account, issues a token with
# every scope through HR's form, and runs every schemathesis check — no 5xx, only documented status codes, content
# types and headers, bodies that match their schemas, schema-invalid input refused, no answer without the token —
# but `positive_data_acceptance`: an 18-digit NIP whose embedded birth date does not exist matches the schema's
# pattern and is still refused with a 400 that says why (the schema cannot express dates inside a NIP).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
base="${1:?usage: api-fuzz.sh BASE_URL [schemathesis options]}"
shift
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
curl -fsS -c "$jar" -o /dev/null --data-urlencode identifier=admin --data-urlencode password=kinerja-demo \
  -H 'Accept: application/json' "$base/api/auth/login"
token=$(curl -fsS -b "$jar" --data 'name=schemathesis&days=1&org_read=1&skp_read=1&results_read=1&org_write=1' \
  "$base/hr/api/issue" | sed -n 's/.*id="secret"[^>]*value="\(knj_[0-9a-f]*\)".*/\1/p')
[ -n "$token" ] || { echo "could not issue an API token"; exit 1; }
# Run from a scratch directory: schemathesis keeps a cache in the working directory.
work=$(mktemp -d)
trap 'rm -f "$jar"; rm -rf "$work"' EXIT
cd "$work"
"$KINERJA_CACHE/tools/schemathesis/bin/schemathesis" run "$base/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all --exclude-checks positive_data_acceptance \
  --max-examples "${KINERJA_FUZZ_EXAMPLES:-60}" --seed 1 --workers 2 --generation-database none --no-color "$@"
