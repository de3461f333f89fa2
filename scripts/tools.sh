#!/usr/bin/env bash
# Installs (idempotently, pinned) every tool the build and the tests need on a fresh Debian machine.
# Tools live under $KINERJA_CACHE (default ~/.cache/kinerja) so that repeated runs on one machine are fast.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
CACHE="${KINERJA_CACHE:-$HOME/.cache/kinerja}"
TOOLS="$CACHE/tools"
mkdir -p "$TOOLS/bin"
CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132.0.0
log() { printf '\033[1m[tools]\033[0m %s\n' "$*" >&2; }

# 1. Rust toolchain pinned by rust-toolchain.toml (RUSTUP_AUTO_INSTALL=0 here: install explicitly).
if ! command -v rustup >/dev/null 2>&1; then
  log "rustup is missing: install it from Debian (apt-get install rustup) or rustup.rs"; exit 1
fi
rustup toolchain install >/dev/null 2>&1 || rustup toolchain install

# 2. cargo-leptos, without any GitHub downloads.
if ! "$TOOLS/bin/cargo-leptos" --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 10 minutes cold)"
  cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION" --features no_downloads --root "$TOOLS"
fi

# 3. wasm-bindgen-cli matching Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! "$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | grep -q "$WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION (about 5 minutes cold)"
  # --locked fails here: a locked dependency version is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --root "$TOOLS"
fi

# 4. wasm-opt (release builds only) from npm binaryen.
if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
  log "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm"
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" >/dev/null)
fi
ln -sf "$TOOLS/node_modules/.bin/wasm-opt" "$TOOLS/bin/wasm-opt"
