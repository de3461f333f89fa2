#!/usr/bin/env bash
# Starts the built server on a fresh embedded database with a small demo agency and runs the Playwright journeys.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
port="${KINERJA_E2E_PORT:-3100}"
data=$(mktemp -d)
KINERJA_DEMO_EMPLOYEES=300 KINERJA_LOG=warn LEPTOS_SITE_ROOT=target/site \
  "$CARGO_TARGET_DIR/debug/kinerja" serve --demo --addr "127.0.0.1:$port" --db "surrealkv://$data/db" > "$data/server.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$data/server.log"; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "server did not start"; cat "$data/server.log"; exit 1; }
cd end2end
KINERJA_E2E_URL="http://127.0.0.1:$port" npx --no-install playwright test || { tail -50 "$data/server.log"; exit 1; }
cd ..
# The JSON API, fuzzed from its OpenAPI document against the same server.
bash scripts/api-fuzz.sh "http://127.0.0.1:$port" > "$data/fuzz.log" 2>&1 || { cat "$data/fuzz.log"; tail -50 "$data/server.log"; exit 1; }
echo "API fuzz (schemathesis): $(sed -n 's/^ *\([0-9]*\) generated, .*/\1/p' "$data/fuzz.log" | tail -n 1) requests, every check passed"
