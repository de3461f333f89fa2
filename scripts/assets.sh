#!/usr/bin/env bash
# Builds Kinerja's ECharts (app/echarts/entry.js: only the chart types, components and renderer the app draws with)
# into public/vendor/, named by the ECharts version and the entry's hash (app/src/charts/view.rs names the same file;
# a test keeps the two in step). ECharts and esbuild come from npm, pinned, installed by scripts/tools.sh. The file's
# first line asks the browser to compile all of it while it downloads (V8's compile hint, Chrome 136 and later): a
# page draws its first chart with most of ECharts, and compiled on first use each function would hold up the phone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
ECHARTS_VERSION=5.5.1 # the version charming 0.6 ships and expects
hash=$(sha256sum app/echarts/entry.js | cut -c1-8)
dest="public/vendor/echarts-$ECHARTS_VERSION-$hash.js"
[ -s "$dest" ] && exit 0
build="$KINERJA_CACHE/tools/echarts"
if [ ! -x "$build/node_modules/.bin/esbuild" ] || [ ! -d "$build/node_modules/echarts" ]; then
  echo "ECharts and esbuild are missing: run bash scripts/tools.sh" >&2
  exit 1
fi
if ! grep -q "\"version\": \"$ECHARTS_VERSION\"" "$build/node_modules/echarts/package.json"; then
  echo "the installed ECharts is not $ECHARTS_VERSION: run bash scripts/tools.sh" >&2
  exit 1
fi
cp app/echarts/entry.js "$build/entry.js"
mkdir -p public/vendor
rm -f public/vendor/echarts*.js
"$build/node_modules/.bin/esbuild" "$build/entry.js" --bundle --minify --format=iife --target=es2019 \
  --legal-comments=none --log-level=warning \
  --banner:js="//# allFunctionsCalledOnLoad
/*! Apache ECharts $ECHARTS_VERSION (Apache License 2.0), only the parts Kinerja draws with */" \
  --outfile="$dest.tmp"
mv "$dest.tmp" "$dest"
echo "ECharts for Kinerja: $dest, $(wc -c < "$dest") bytes, $(gzip -9c "$dest" | wc -c) gzip"
