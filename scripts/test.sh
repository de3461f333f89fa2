#!/usr/bin/env bash
# The README's test command: installs what is missing, builds once (dev profile, one target directory), then runs
# formatting and lint checks, unit/service/integration tests and the Playwright journeys in Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
step "tools" bash scripts/tools.sh --browser
step "assets" bash scripts/assets.sh
step "format" cargo fmt --all --check
step "build: server, wasm, css" cargo leptos build
step "unit, service and integration tests" cargo test --workspace --exclude frontend
step "lint" cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
step "lint (browser)" cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
step "end-to-end journeys" bash scripts/e2e.sh
echo "all checks passed"
