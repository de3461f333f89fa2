import { defineConfig } from "@playwright/test";

// The server is started by scripts/test.sh (KINERJA_E2E_URL); Chromium comes from Debian.
const chromiumArgs = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.KINERJA_E2E_URL ?? "http://127.0.0.1:3100",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    trace: "off",
    // An action that cannot happen fails with its locator instead of running into the test timeout.
    actionTimeout: 15_000,
  },
  projects: [
    { name: "js", use: { browserName: "chromium", javaScriptEnabled: true }, testIgnore: /no-js/ },
    { name: "no-js", use: { browserName: "chromium", javaScriptEnabled: false }, testMatch: /no-js/ },
  ],
});
