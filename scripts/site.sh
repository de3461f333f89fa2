#!/usr/bin/env bash
# Builds the release server and site as `make run` serves them (and `make bench` measures them): file names carry
# the hash of their content (browsers keep them for a year) and every static file gets its brotli and gzip copy
# beside it (the server sends those; nothing is compressed per request). The site goes to $LEPTOS_SITE_ROOT
# (default target/site).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
site="${LEPTOS_SITE_ROOT:-target/site}"
LEPTOS_SITE_ROOT="$site" LEPTOS_HASH_FILES=true cargo leptos build --release --precompress --split
# cargo-leptos writes its gzip copies at a low level: gzip -9 makes the wasm's about a sixth smaller.
find "$site" -type f -name '*.gz' -print0 | while IFS= read -r -d '' gz; do
  gzip -9 -n -c "${gz%.gz}" > "$gz.tmp" && mv "$gz.tmp" "$gz"
done
