import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

test("pelatih opens PKA, sees ranked and nearly eligible candidates with the reasons, and a person's full explanation", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "pelatih");
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Pelatihan kepemimpinan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kandidat pelatihan kepemimpinan" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("Pelatihan").selectOption("pka");
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await expect(page).toHaveURL(/programme=pka/);
  await expect(page.getByText(/Syarat PKA \(versi \d+\)/)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "pegawai dinilai" })).toBeVisible();
  // The nearly eligible are listed with what they lack.
  const nearly = page.locator("section", { has: page.getByRole("heading", { level: 2, name: /Hampir memenuhi syarat/ }) });
  const rows = nearly.getByRole("row");
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(rows.nth(1)).toContainText(/Tidak terpenuhi|Data belum ada/);
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
  // One of them: every programme explained, condition by condition; a trainer does not see penalty details.
  await rows.nth(1).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /Kelayakan pelatihan kepemimpinan — / })).toBeVisible();
  const pka = page.locator("section", { has: page.getByRole("heading", { level: 2, name: /^PKA — / }) });
  await expect(pka.getByRole("heading", { level: 2 })).toContainText("Belum memenuhi syarat");
  await expect(pka).toContainText("Yang kurang");
  await expect(page.getByText("Rincian hukuman disiplin hanya dapat dilihat")).toBeVisible();
});

test("admin records a penalty on a person's page and the screen shows in their eligibility", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "admin");
  await page.goto("/programmes/person/me");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const penalties = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Hukuman disiplin" }) });
  await penalties.getByLabel("Tingkat hukuman").selectOption("moderate");
  await penalties.getByLabel("Jenis hukuman (sesuai keputusan)").fill("Pemotongan tunjangan kinerja 25% selama 6 bulan");
  const lastMonth = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await penalties.getByLabel("Tanggal keputusan").fill(lastMonth);
  await penalties.getByRole("button", { name: "Catat hukuman disiplin" }).click();
  await expect(penalties.getByRole("table")).toContainText("Pemotongan tunjangan kinerja 25% selama 6 bulan");
  const pkp = page.locator("section", { has: page.getByRole("heading", { level: 2, name: /^PKP — / }) });
  await expect(pkp).toContainText(`Sedang (${lastMonth})`);
  // Removing it needs a reason, and lifts the screen.
  await penalties.getByLabel("Alasan penghapusan").fill("Salah catat");
  await penalties.getByRole("button", { name: /Hapus/ }).click();
  await expect(penalties).toContainText("Tidak ada hukuman disiplin yang tercatat.");
});
