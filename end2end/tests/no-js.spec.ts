import { test, expect } from "@playwright/test";
import { PASSWORD } from "./helpers";

test("sign-in works with JavaScript disabled", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("NIP atau nama pengguna").fill("pegawai");
  await page.getByLabel("Kata sandi").fill("salah-sekali");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("alert")).toContainText("kata sandi salah");

  await page.getByLabel("NIP atau nama pengguna").fill("pegawai");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Selamat datang/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Profil saya" })).toBeVisible();
});

test("HR moves an employee with JavaScript disabled", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("NIP atau nama pengguna").fill("admin");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.goto("/org");
  const headHref = (await page.locator("tr[data-depth='2']").nth(2).locator("td a").first().getAttribute("href"))!;
  const headNip = headHref.split("/").pop()!;
  await page.locator("tr[data-depth='3']").first().locator("th a").click();
  await page.locator("table tbody tr").last().locator("th a").click();
  await page.getByLabel("NIP atasan baru").fill(headNip);
  await page.getByRole("button", { name: "Pindahkan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Pegawai berhasil dipindahkan." })).toBeVisible();
  await expect(page.locator("ol.chain li").first().getByRole("link")).toHaveAttribute("href", headHref);

  // A refused move explains itself.
  await page.getByLabel("NIP atasan baru").fill("123");
  await page.getByRole("button", { name: "Pindahkan" }).click();
  await expect(page.getByRole("alert")).toContainText("tidak ditemukan");

  // A reset link comes back to the profile, shown once, and not in the address.
  const profile = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Buat tautan atur ulang kata sandi" }).click();
  await expect(page).toHaveURL(new RegExp(`${profile}$`));
  await expect(page.getByRole("status").filter({ hasText: "Tautan atur ulang" }).locator("code")).toHaveText(
    /^\/account\/setup\/[0-9a-f]{64}$/,
  );
  await page.reload();
  await expect(page.locator("code.link-to-copy")).toHaveCount(0);
});

test("the dashboard reads and drills down with JavaScript disabled", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("NIP atau nama pengguna").fill("kepala");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.goto("/dashboard");
  const curve = page.getByRole("table", { name: "Predikat per unit (jumlah dan persentase)" });
  await expect(curve.getByRole("row", { name: /Seluruhnya/ })).toBeVisible();
  // Choosing a unit with the form (a plain GET) and following a unit's link both move the dashboard.
  const unit = page.locator('select[name="unit"]');
  const second = await unit.locator("option").nth(2).getAttribute("value");
  await unit.selectOption(second!);
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await expect(page).toHaveURL(new RegExp(`unit=${second}`));
  await expect(page.getByRole("table", { name: /Peta kompetensi/ })).toBeVisible();
});

test("HR imports a staff list with JavaScript disabled", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("NIP atau nama pengguna").fill("admin");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  const me = (await page.getByRole("link", { name: "Profil saya" }).getAttribute("href"))!.split("/").pop()!;
  await page.goto("/hr/import");
  const csv = "NIP,Nama,Golongan,Jabatan,Jenis Jabatan,Kode Unit,Unit Kerja,Kode Unit Induk,NIP Atasan\n" +
    `199404042022031002,Bayu Nugroho,II/c,Pengadministrasi Perkantoran,Pelaksana,tim-arsip,Tim Arsip,bkpsdm,${me}\n`;
  await page.getByLabel("Berkas XLSX atau CSV").setInputFiles({ name: "arsip.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Periksa berkas (uji coba)" }).click();
  // Without JavaScript the page refreshes itself until the dry run is ready.
  await expect(page.getByRole("heading", { level: 2, name: "Ringkasan uji coba" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2 199404042022031002 Bayu Nugroho/ })).toBeVisible();
  await page.getByRole("button", { name: "Terapkan impor" }).click();
  await expect(page.getByText(/Diterapkan pada .* UTC; 1 akun baru dibuat\./)).toBeVisible();
});

test("HR issues and revokes an API token with JavaScript disabled", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("NIP atau nama pengguna").fill("admin");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Selamat datang/ })).toBeVisible();
  await page.goto("/hr/api");
  // A token without a scope is refused with the reason; nothing is issued.
  await page.getByLabel("Nama (sistem atau keperluan)").fill("Gudang data");
  await page.getByLabel(/Membaca unit dan pegawai/).uncheck();
  await page.getByRole("button", { name: "Terbitkan token" }).click();
  await expect(page.getByRole("alert")).toContainText("Pilih paling sedikit satu cakupan.");
  await page.getByLabel("Nama (sistem atau keperluan)").fill("Gudang data");
  await page.getByRole("button", { name: "Terbitkan token" }).click();
  await expect(page.getByLabel("Token")).toHaveValue(/^knj_[0-9a-f]{64}$/);
  await page.getByRole("link", { name: "Akses API untuk sistem lain" }).click();
  const row = page.getByRole("row", { name: /^Gudang data/ });
  await row.getByLabel("Alasan pencabutan").fill("Tidak dipakai lagi");
  await row.getByRole("button", { name: "Cabut" }).click();
  await expect(page.getByText(/^Token dicabut/)).toBeVisible();
  await expect(page.getByRole("row", { name: /^Gudang data/ })).toContainText("Dicabut");
});
