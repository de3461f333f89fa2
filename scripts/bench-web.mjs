// Summarises Lighthouse reports (scripts/bench-web.sh): one line per page and form factor with the scores, the
// paint and blocking figures, the bytes sent (as sent, compressed) for wasm, JavaScript and in all, and the number
// of requests; with --site DIR also the wasm a page loaded as gzip -9 (the site's `.gz` copies), the measure of the
// first-load target (≤ 300 KB gzip), and in how many files it came.
// Usage: node scripts/bench-web.mjs [--site DIR] REPORT.json...
import { existsSync, readFileSync, statSync } from "node:fs";

const kb = (n) => `${Math.round(n / 1024)} KiB`;
const ms = (n) => (n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
const args = process.argv.slice(2);
const site = args[0] === "--site" ? args.splice(0, 2)[1] : null;
const gzipped = (url) => {
  const gz = `${site}${new URL(url).pathname}.gz`;
  return existsSync(gz) ? statSync(gz).size : NaN;
};
const rows = [];
for (const file of args) {
  const r = JSON.parse(readFileSync(file, "utf8"));
  const audit = (id) => r.audits[id]?.numericValue ?? NaN;
  const requests = r.audits["network-requests"]?.details?.items ?? [];
  const sent = (pick) => requests.filter(pick).reduce((sum, q) => sum + (q.transferSize ?? 0), 0);
  const path = new URL(r.finalDisplayedUrl ?? r.requestedUrl).pathname;
  rows.push({
    page: path.replace(/^\/feedback\/.+/, "/feedback/:key"),
    device: r.configSettings.formFactor,
    performance: Math.round((r.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((r.categories.accessibility?.score ?? 0) * 100),
    fcp: ms(audit("first-contentful-paint")),
    lcp: ms(audit("largest-contentful-paint")),
    tbt: ms(audit("total-blocking-time")),
    cls: audit("cumulative-layout-shift").toFixed(3),
    wasm: kb(sent((q) => q.url.endsWith(".wasm"))),
    ...(site && {
      "wasm gzip": kb(requests.filter((q) => q.url.endsWith(".wasm")).reduce((s, q) => s + gzipped(q.url), 0)),
      "wasm files": requests.filter((q) => q.url.endsWith(".wasm")).length,
    }),
    js: kb(sent((q) => q.resourceType === "Script")),
    total: kb(sent(() => true)),
    requests: requests.length,
  });
}
const columns = [
  "page", "device", "performance", "accessibility", "fcp", "lcp", "tbt", "cls", "wasm",
  ...(site ? ["wasm gzip", "wasm files"] : []), "js", "total", "requests",
];
const width = Object.fromEntries(columns.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c]).length))]));
console.log(columns.map((c) => c.padEnd(width[c])).join("  "));
for (const r of rows) console.log(columns.map((c) => String(r[c]).padEnd(width[c])).join("  "));
