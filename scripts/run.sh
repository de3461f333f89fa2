#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the release server and wasm bundle, then serves
# http://127.0.0.1:3000 from the embedded database in ./data/ (a demo agency is seeded on first start).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
step "tools" bash scripts/tools.sh
step "assets" bash scripts/assets.sh
step "build (release)" env LEPTOS_SITE_ROOT=target/site bash scripts/site.sh
export LEPTOS_SITE_ROOT=target/site
exec "$CARGO_TARGET_DIR/release/kinerja" serve --demo "$@"
