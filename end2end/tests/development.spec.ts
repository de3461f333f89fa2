import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

test("pegawai reads the report, tries a what-if, plans a training; atasan approves; pegawai marks it done", async ({
  page,
  browser,
}) => {
  await signIn(page, "pegawai");
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Laporan saya" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Laporan kompetensi: / })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  // Last year's round (the journey that closes this half-year's round may run first).
  const rounds = page.getByLabel("Putaran");
  await rounds.selectOption("demo-closed");
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await expect(page).toHaveURL(/round=demo-closed/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

  // The gap chart is drawn, and the numbers are in a table too.
  await page.locator("#gap-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("#gap-chart canvas")).toBeVisible();
  await page.locator("#radar-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("#radar-chart canvas")).toBeVisible();
  await expect(page.getByRole("table", { name: "Nilai per kompetensi dan kelompok penilai" })).toBeVisible();
  const jpm = (await page.locator("#jpm-measured").innerText()).trim();
  expect(jpm).toMatch(/%$/);
  await page.getByText("Cara menghitung").first().click();
  await expect(page.getByText(/JPM = Σ level tercapai/)).toBeVisible();
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).exclude("canvas").analyze();
  expect(a11y.violations.map((v) => v.id)).toEqual([]);

  // What-if: raise every competency to 5; JPM and recommendations change at once, without a request.
  const result = page.locator(".whatif-result");
  const before = await result.innerText();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const selects = page.locator(".whatif-row select");
  const n = await selects.count();
  expect(n).toBeGreaterThanOrEqual(9);
  for (let i = 0; i < n; i++) {
    await selects.nth(i).selectOption("5");
  }
  await expect(result).not.toHaveText(before);
  await expect(result).toContainText("perubahan");
  await expect(page.getByText("Tidak ada pelatihan di katalog yang menutup kesenjangan ini.")).toBeVisible();
  expect(requests.filter((u) => u.includes("/api/"))).toEqual([]);
  await page.getByRole("button", { name: "Kembalikan ke hasil" }).click();
  await expect(result).toHaveText(before);

  // Nothing to close against a Pelaksana standard (level 1): aim at an Administrator position instead.
  await page.getByLabel("Sasaran pengembangan").selectOption("administrator");
  await expect(result).toContainText("JPM");
  // Add the top recommendation to the plan.
  const first = page.locator("li.rec").first();
  await expect(first).toBeVisible();
  const title = (await first.locator("strong").first().innerText()).trim();
  await first.getByRole("button", { name: /Tambahkan ke rencana/ }).click();
  await expect(first.getByText("Sudah dalam rencana")).toBeVisible();

  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Rencana pengembangan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rencana pengembangan individu (IDP)" })).toBeVisible();
  const item = page.locator("li.plan-item", { hasText: title });
  await expect(item.getByText("Menunggu persetujuan")).toBeVisible();

  // The supervisor approves it.
  const boss = await browser.newPage();
  await signIn(boss, "atasan");
  // The home page tells the supervisor that something waits for them.
  await boss
    .getByRole("status")
    .filter({ hasText: "menunggu persetujuan" })
    .getByRole("link", { name: "Rencana pengembangan" })
    .click();
  await expect(boss.getByRole("heading", { level: 1, name: "Rencana pengembangan individu (IDP)" })).toBeVisible();
  await boss.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await boss.getByRole("region", { name: "Menunggu persetujuan Anda" }).getByRole("link").first().click();
  await expect(boss.getByRole("heading", { level: 1, name: /^Rencana pengembangan individu \(IDP\): / })).toBeVisible();
  await boss.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const bossItem = boss.locator("li.plan-item", { hasText: title });
  await bossItem.getByLabel("Komentar atasan").fill("Setuju, ikut angkatan berikutnya.");
  await bossItem.getByRole("button", { name: "Setujui" }).click();
  await expect(boss.locator("li.plan-item", { hasText: title }).getByText("Disetujui")).toBeVisible();
  await boss.close();

  // The employee sees the approval and marks the training done with evidence.
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const mine = page.locator("li.plan-item", { hasText: title });
  await expect(mine.getByText("Disetujui")).toBeVisible();
  await expect(mine.getByText("Setuju, ikut angkatan berikutnya.")).toBeVisible();
  await mine.getByLabel("Status").selectOption("done");
  await mine.getByLabel("Bukti/catatan hasil").fill("Sertifikat kelulusan terunggah di SIASN.");
  await mine.getByRole("button", { name: "Simpan" }).click();
  await expect(page.locator("li.plan-item", { hasText: title }).locator(".badge.plan-done")).toBeVisible();
  await expect(page.locator("#plan-progress")).toHaveAttribute("value", "100");
});

test("HR sees the training-needs analysis with a plan within a budget, and the catalog", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/trainings/needs?budget=150000000&budget_unit=rupiah");
  await expect(page.getByRole("heading", { level: 1, name: "Analisis kebutuhan pelatihan" })).toBeVisible();
  await expect(page.locator("#plan-summary")).toContainText("Terpakai");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.locator("#needs-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("#needs-chart canvas")).toBeVisible();
  await page.goto("/trainings");
  await expect(page.getByRole("cell", { name: /PKN II/ }).or(page.getByText(/PKN II/).first())).toBeVisible();
});
