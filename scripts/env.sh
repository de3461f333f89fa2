# Sourced by the scripts: where tools and build outputs live.
KINERJA_CACHE="${KINERJA_CACHE:-$HOME/.cache/kinerja}"
export KINERJA_CACHE
export PATH="$KINERJA_CACHE/tools/bin:$HOME/.cargo/bin:$PATH"
# One target directory for tests, the dev build and end-to-end runs, kept outside the clone so that repeated runs
# on the same machine reuse it. Override with CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$KINERJA_CACHE/target}"
step() {
  local name="$1"; shift
  local t0=$SECONDS
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  "$@"
  printf '\033[1m<== %s (%ss)\033[0m\n' "$name" "$((SECONDS - t0))"
}
# cargo-leptos sets this while compiling; setting it for every cargo call keeps plain `cargo test` and
# `cargo leptos build` on the same compiled artifacts (leptos reads it at compile time to name the wasm file).
export LEPTOS_OUTPUT_NAME=kinerja
# What one more file costs a page, in bytes of code, for the wasm splitter (`--split`; patched by
# scripts/wasm-split-merge.patch): chunks of code shared by a few pages are merged while that saves more such bytes
# than it adds. A chunk file alone costs about 340 B gzip of sections and imports; 2000 B of code gzip to about 700.
export WASM_SPLIT_FILE_COST=2000
