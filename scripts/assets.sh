#!/usr/bin/env bash
# Copies ECharts (shipped inside the charming crate, the version charming expects) into public/vendor/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dest=public/vendor/echarts.min.js
[ -s "$dest" ] && exit 0
cargo fetch --quiet
src=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/charming-0.6.0/src/asset/echarts-5.5.1.min.js 2>/dev/null | head -n 1)
if [ -z "$src" ]; then
  echo "echarts-5.5.1.min.js not found in the charming crate sources" >&2
  exit 1
fi
mkdir -p public/vendor
cp "$src" "$dest"
