#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the release server and wasm bundle, then serves
# http://127.0.0.1:3000 from the embedded database in ./data/ (a demo agency is seeded on first start).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
step "tools" bash scripts/tools.sh
step "assets" bash scripts/assets.sh
# File names carry the hash of their content (browsers keep them for a year) and every static file gets its brotli
# and gzip copy beside it (the server sends those; nothing is compressed per request).
step "build (release)" env LEPTOS_HASH_FILES=true cargo leptos build --release --precompress
export LEPTOS_SITE_ROOT=target/site
exec "$CARGO_TARGET_DIR/release/kinerja" serve --demo "$@"
