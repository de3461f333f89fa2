#!/usr/bin/env bash
# The README's test command: installs what is missing, builds once (dev profile, one target directory), then runs
# formatting and lint checks, unit/property/service/integration tests and the Playwright journeys in Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
step "tools" bash scripts/tools.sh --browser
step "assets" bash scripts/assets.sh
step "format" cargo fmt --all --check
# --split as in the release build: every page is a lazily loaded part of the wasm (lazy code does not link
# without it, and the journeys check that a page loads its own part).
step "build: server, wasm, css" cargo leptos build --split
# Two test binaries link SurrealDB (backend's service tests and the black-box tests/api); domain and i18n are pure,
# and the app's own tests (chart builders) run without its `ssr` feature so they do not link the backend.
step "unit, service and integration tests" bash -c \
  "set -o pipefail; { cargo test --workspace --exclude frontend --exclude app --exclude server --lib --tests \
     && cargo test -p app --lib; } 2>&1 | tee '$logs/cargo.log'"
# The black-box suite once more against a real SurrealDB server over ws:// (root credentials, a database per test;
# tests/api/helpers.rs starts `surreal` from the tools folder). The tests of the embedded files and the cluster tests,
# which start their own server in the run above, are left out.
step "black-box tests on a SurrealDB server (ws://)" bash -c \
  "set -o pipefail; KINERJA_TEST_DB=ws cargo test --workspace --exclude frontend --exclude app --exclude server --test api \
     -- --skip persistence:: --skip cluster:: \
     2>&1 | tee '$logs/remote.log'"
step "lint" cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
step "lint (browser)" cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
step "end-to-end journeys" bash -c "set -o pipefail; bash scripts/e2e.sh 2>&1 | tee '$logs/e2e.log'"
rust=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' "$logs/cargo.log" | awk '{s += $1} END {print s + 0}')
e2e=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/e2e.log" | sed -n 's/^ *\([0-9]*\) passed.*/\1/p' | tail -n 1)
remote=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' "$logs/remote.log" | awk '{s += $1} END {print s + 0}')
echo "rust tests: $rust passed; the same black-box tests on a SurrealDB server: $remote passed; end-to-end journeys: ${e2e:-0} passed"
echo "total: $((rust + remote + ${e2e:-0})) passed, 0 failed"
