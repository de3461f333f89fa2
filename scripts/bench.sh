#!/usr/bin/env bash
# Builds the release binary and prints the benchmark figures (pass `--sizes 10000` etc. to narrow it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
bash scripts/tools.sh
cargo build --release -p server --bin kinerja
"$CARGO_TARGET_DIR/release/kinerja" bench "$@"
