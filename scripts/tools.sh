#!/usr/bin/env bash
# Installs, idempotently and pinned, every tool the build needs on a fresh Debian machine; with --browser also
# Chromium (Debian) and the Playwright packages (npm) for the end-to-end journeys. Tools live under
# $KINERJA_CACHE/tools (default ~/.cache/kinerja/tools) so repeated runs on one machine skip them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
TOOLS="$KINERJA_CACHE/tools"
mkdir -p "$TOOLS/bin"
CARGO_LEPTOS_VERSION=0.3.11
WASM_SPLIT_VERSION=0.2.4 # the splitter inside cargo-leptos (step 2)
BINARYEN_VERSION=132.0.0
SCHEMATHESIS_VERSION=4.32.5
ECHARTS_VERSION=5.5.1 # as scripts/assets.sh
ESBUILD_VERSION=0.28.2
log() { printf '[tools] %s\n' "$*" >&2; }

# 1. The Rust toolchain pinned by rust-toolchain.toml (RUSTUP_AUTO_INSTALL=0 here: install it explicitly).
command -v rustup >/dev/null || { log "rustup is missing (apt-get install rustup, or see rustup.rs)"; exit 1; }
rustup toolchain install >/dev/null 2>&1 || rustup toolchain install

# 2. cargo-leptos, without any GitHub downloads (no_downloads turns a missing tool into a clear error), from its
#    published source and lock file with one change: the wasm splitter (`--split`, every page its own part of the
#    wasm) at 0.2.4, since the 0.2.3 that 0.3.11 locks cannot split what wasm-bindgen 0.2.128 and later emit, with
#    scripts/wasm-split-merge.patch applied: it merges chunks of shared code while that saves bytes
#    (WASM_SPLIT_FILE_COST, scripts/env.sh), so that a page loads tens of files, not hundreds.
PATCH_SUM=$(sha256sum scripts/wasm-split-merge.patch | cut -c1-16)
CARGO_LEPTOS_BUILD="cargo-leptos $CARGO_LEPTOS_VERSION, wasm_split_cli_support $WASM_SPLIT_VERSION + $PATCH_SUM"
if ! "$TOOLS/bin/cargo-leptos" --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION" \
  || ! grep -qsxF "$CARGO_LEPTOS_BUILD" "$TOOLS/cargo-leptos.build"; then
  log "installing $CARGO_LEPTOS_BUILD (about 10 minutes the first time)"
  src="$KINERJA_CACHE/tool-build/cargo-leptos-src"
  rm -rf "$src" && mkdir -p "$src/fetch/src"
  # cargo downloads the published crates for a throwaway package that depends on them.
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ncargo-leptos = "=%s"\nwasm_split_cli_support = "=%s"\n' \
    "$CARGO_LEPTOS_VERSION" "$WASM_SPLIT_VERSION" > "$src/fetch/Cargo.toml"
  touch "$src/fetch/src/lib.rs"
  cargo fetch --quiet --manifest-path "$src/fetch/Cargo.toml"
  for crate in "cargo-leptos-$CARGO_LEPTOS_VERSION" "wasm_split_cli_support-$WASM_SPLIT_VERSION"; do
    tar -xzf "$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$crate.crate" | head -n 1)" -C "$src"
  done
  patch --quiet -p1 -d "$src/wasm_split_cli_support-$WASM_SPLIT_VERSION" < scripts/wasm-split-merge.patch
  printf '\n[patch.crates-io]\nwasm_split_cli_support = { path = "../wasm_split_cli_support-%s" }\n' "$WASM_SPLIT_VERSION" \
    >> "$src/cargo-leptos-$CARGO_LEPTOS_VERSION/Cargo.toml"
  # Built outside the repository: with the repository's toolchain (the default one may be older than the newer
  # dependencies need); 0.2.4 needs a newer rayon than cargo-leptos locks.
  toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
  (cd "$src/cargo-leptos-$CARGO_LEPTOS_VERSION" \
    && export RUSTUP_TOOLCHAIN="$toolchain" \
    && cargo update --quiet -p rayon \
    && cargo update --quiet -p wasm_split_cli_support \
    && CARGO_TARGET_DIR="$KINERJA_CACHE/tool-build" \
      cargo install --locked --path . --features no_downloads --root "$TOOLS")
  echo "$CARGO_LEPTOS_BUILD" > "$TOOLS/cargo-leptos.build"
fi

# 3. wasm-bindgen-cli, exactly the wasm-bindgen version in Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! "$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | grep -q "$WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION (about 5 minutes the first time)"
  # --locked fails here: one locked dependency version is missing from the registry.
  CARGO_TARGET_DIR="$KINERJA_CACHE/tool-build" cargo install wasm-bindgen-cli --version "$WB_VERSION" --root "$TOOLS"
fi

# 4. wasm-opt for release builds, from npm's binaryen (Debian's is too old for current rustc output).
if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
  log "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm"
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" >/dev/null)
fi
ln -sf "$TOOLS/node_modules/.bin/wasm-opt" "$TOOLS/bin/wasm-opt"

# 4b. ECharts and esbuild from npm, for Kinerja's own ECharts build (scripts/assets.sh).
if ! grep -qs "\"version\": \"$ECHARTS_VERSION\"" "$TOOLS/echarts/node_modules/echarts/package.json" \
  || ! "$TOOLS/echarts/node_modules/.bin/esbuild" --version 2>/dev/null | grep -qx "$ESBUILD_VERSION"; then
  log "installing echarts $ECHARTS_VERSION and esbuild $ESBUILD_VERSION from npm"
  mkdir -p "$TOOLS/echarts"
  (cd "$TOOLS/echarts" && [ -f package.json ] || echo '{"private": true}' > package.json)
  (cd "$TOOLS/echarts" && npm install --no-audit --no-fund --silent --save-exact \
    "echarts@$ECHARTS_VERSION" "esbuild@$ESBUILD_VERSION" >/dev/null)
fi

# 5. A SurrealDB server (`surreal`, exactly the SDK's version, only its in-memory and SurrealKV engines) for the tests
#    of the remote path (ws://) and `kinerja bench --db ws://…`: server/surreal, built unoptimised (about 4 minutes
#    the first time; the tests run the embedded database unoptimised too).
SURREAL_VERSION=$(awk '/^name = "surrealdb"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! "$TOOLS/bin/surreal" version 2>/dev/null | grep -q "$SURREAL_VERSION"; then
  log "building the SurrealDB $SURREAL_VERSION server for the remote-path tests (about 4 minutes the first time)"
  (cd server/surreal && CARGO_TARGET_DIR="$KINERJA_CACHE/tool-build/surreal" cargo build --locked --quiet)
  cp "$KINERJA_CACHE/tool-build/surreal/debug/surreal" "$TOOLS/bin/surreal"
fi

if [ "${1:-}" = "--browser" ]; then
  # 6. Chromium from Debian (Playwright's own browser download cannot work here).
  # (curl is used to wait for the test server.)
  if [ ! -x /usr/bin/chromium ] || ! command -v curl >/dev/null; then
    log "installing Chromium and curl from Debian"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium curl >/dev/null
  fi
  # 7. Playwright and axe-core from npm, pinned by end2end/package-lock.json.
  if [ ! -d end2end/node_modules/@playwright/test ]; then
    log "installing Playwright packages"
    (cd end2end && npm ci --no-audit --no-fund --silent)
  fi
fi

if [ "${1:-}" = "--browser" ]; then
  # 8. schemathesis from PyPI (fuzzes the JSON API from its OpenAPI document), in its own virtual environment.
  if ! "$TOOLS/schemathesis/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    log "installing schemathesis $SCHEMATHESIS_VERSION from PyPI"
    python3 -m venv "$TOOLS/schemathesis"
    "$TOOLS/schemathesis/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
fi
