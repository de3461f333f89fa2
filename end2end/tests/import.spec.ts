import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

async function accessible(page: Page) {
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
}

test("admin checks a staff list with an error, fixes it, applies it and downloads the set-up link", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "admin");
  // The new person reports to admin, in a new team under the agency.
  const me = (await page.getByRole("link", { name: "Profil saya" }).getAttribute("href"))!.split("/").pop()!;
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Impor data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Impor data organisasi" })).toBeVisible();
  await expect(page.getByRole("row", { name: /NIP Atasan/ })).toBeVisible();
  await accessible(page);
  const header = "NIP;Nama;Golongan;Jabatan;Jenis Jabatan;Kode Unit;Unit Kerja;Kode Unit Induk;NIP Atasan\n";
  const row = (rank: string) =>
    `199303032021032001;Maya Putri, S.Stat.;${rank};Statistisi Ahli Pertama;Fungsional;tim-uji;Tim Uji Coba;bkpsdm;${me}\n`;
  // A wrong rank: the dry run names the row and the column, and offers nothing to apply.
  await page.getByLabel("Berkas XLSX atau CSV").setInputFiles({
    name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(header + row("III/z")),
  });
  await page.getByRole("button", { name: "Periksa berkas (uji coba)" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Kesalahan per baris" })).toBeVisible({ timeout: 15000 });
  await expect(page.getByRole("row", { name: /^2 Golongan Golongan tidak dikenal/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Terapkan impor" })).toHaveCount(0);
  // The fixed file: the preview lists the new team and the new person; applying writes them.
  await page.getByRole("link", { name: "Semua impor" }).click();
  await page.getByLabel("Berkas XLSX atau CSV").setInputFiles({
    name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(header + row("III/a")),
  });
  await page.getByRole("button", { name: "Periksa berkas (uji coba)" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Ringkasan uji coba" })).toBeVisible({ timeout: 15000 });
  await expect(page.getByRole("row", { name: /^tim-uji Tim Uji Coba/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2 199303032021032001 Maya Putri/ })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await accessible(page);
  await page.getByRole("button", { name: "Terapkan impor" }).click();
  await expect(page.getByText(/Diterapkan pada .* UTC; 1 akun baru dibuat\./)).toBeVisible({ timeout: 15000 });
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Unduh tautan penyiapan akun (CSV)" }).click();
  expect((await download).suggestedFilename()).toMatch(/^tautan-akun-.*\.csv$/);
  // The new person is in the organisation.
  await page.goto("/employees/199303032021032001");
  await expect(page.getByRole("heading", { level: 1, name: "Maya Putri, S.Stat." })).toBeVisible();
});
