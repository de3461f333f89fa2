import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

// On a slow phone the form is there before the application: an answer ticked and a comment typed before the page has
// hydrated are kept by hydration and saved as a draft once it has (CPU slowed down four times, the wasm held back
// until the person has answered).
test("what a rater does before the page wakes up is kept and saved", async ({ page }) => {
  await signIn(page, "pegawai");
  await page.goto("/feedback");
  const peer = page.locator("li.inbox-item.state-pending", { hasText: "Rekan kerja" }).last();
  const form = (await peer.getByRole("link").getAttribute("href"))!;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8,
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/pkg\/.*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(form, { waitUntil: "domcontentloaded" });
  await expect(page.getByRole("heading", { level: 1, name: /^Menilai: / })).toBeVisible();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  const answer = page.locator('input[type="radio"][value="2"]').nth(1);
  await answer.check();
  const comment = page.getByLabel(/Komentar/).first();
  await comment.fill("Diketik sebelum halaman siap.");
  release();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 45_000 });
  await expect(answer).toBeChecked();
  await expect(comment).toHaveValue("Diketik sebelum halaman siap.");
  await expect(page.getByRole("status").filter({ hasText: "draf tersimpan" })).toBeVisible({ timeout: 30_000 });
  await page.unroute(/\/pkg\/.*\.wasm$/);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.locator('input[type="radio"][value="2"]').nth(1)).toBeChecked();
  await expect(page.getByLabel(/Komentar/).first()).toHaveValue("Diketik sebelum halaman siap.");
});

test("pegawai fills the self-assessment and a peer assessment, HR closes the round", async ({ page, browser }) => {
  await signIn(page, "pegawai");
  // The home page says how many assessments are waiting.
  await expect(page.getByRole("status").filter({ hasText: "Anda masih perlu mengisi" })).toBeVisible();
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Umpan balik 360°" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Umpan balik 360°" })).toBeVisible();

  // The self-assessment comes first. Answers are saved as a draft as you go: a reload keeps them.
  const selfItem = page.locator("li.inbox-item", { hasText: "Diri sendiri" }).first();
  await selfItem.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Penilaian diri" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const fours = page.locator('input[type="radio"][value="4"]');
  const items = await fours.count();
  expect(items).toBeGreaterThanOrEqual(18);
  const fives = page.locator('input[type="radio"][value="5"]');
  await fives.nth(0).check();
  await fives.nth(1).check();
  await expect(page.getByRole("status").filter({ hasText: "draf tersimpan" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.locator('input[type="radio"][value="5"]').nth(1)).toBeChecked();

  // Submitting with gaps says what is missing; then answer everything and submit.
  await page.getByRole("button", { name: "Kirim penilaian" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Jawab semua butir" })).toBeVisible();
  for (let i = 0; i < items; i++) {
    await page.locator('input[type="radio"][value="4"]').nth(i).check();
  }
  await page.getByLabel(/Komentar/).first().fill("Saya ingin lebih sering memimpin rapat tim.");
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => v.id)).toEqual([]);
  await page.getByRole("button", { name: "Kirim penilaian" }).click();
  await expect(page.getByText("Penilaian terkirim. Terima kasih!")).toBeVisible();

  // A peer assessment, with one behaviour marked as not observed.
  const peerItem = page.locator("li.inbox-item:is(.state-pending, .state-draft)", { hasText: "Rekan kerja" }).first();
  await peerItem.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /^Menilai: / })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const threes = page.locator('input[type="radio"][value="3"]');
  const n = await threes.count();
  for (let i = 0; i < n; i++) {
    await threes.nth(i).check();
  }
  await page.locator('input[type="radio"][value="9"]').first().check();
  await page.getByRole("button", { name: "Kirim penilaian" }).click();
  await expect(page.getByText("Penilaian terkirim. Terima kasih!")).toBeVisible();
  await expect(page.locator("li.inbox-item.state-submitted")).toHaveCount(2);

  // HR follows the round and closes it.
  const hr = await browser.newPage();
  await signIn(hr, "admin");
  await hr.goto("/rounds");
  await hr.getByRole("link", { name: /Semester/ }).click();
  await expect(hr.getByRole("heading", { name: "Penyelesaian per unit" })).toBeVisible();
  await hr.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await hr.locator("#progress-chart").scrollIntoViewIfNeeded();
  await expect(hr.locator("#progress-chart canvas, #progress-chart svg").first()).toBeAttached();
  await hr.getByRole("button", { name: "Tutup putaran dan hitung hasil" }).click();
  await expect(hr.locator(".badge.status-closed").first()).toBeVisible();

  // The employee now has the result of that round.
  await page.goto("/feedback");
  await page.getByRole("link", { name: /Semester/ }).click();
  await expect(page.getByRole("heading", { name: "Nilai per kompetensi dan kelompok penilai" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Penilai yang menjawab" })).toBeVisible();
});
