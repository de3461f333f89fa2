import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

async function openMyPlan(page: Page) {
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Rencana Kerja (SKP)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Sasaran Kinerja Pegawai \(SKP\)/ })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

async function addRow(page: Page, text: string, supports: string | null, indicator: string, kind: string, value: string, unit = "") {
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Tambah hasil kerja" }) });
  await form.getByLabel("Jenis", { exact: true }).selectOption("utama");
  await form.getByLabel("Rencana hasil kerja").fill(text);
  if (supports) {
    await form.getByLabel("Hasil kerja atasan yang didukung").selectOption({ label: supports });
  }
  await form.getByLabel("Aspek").selectOption("kuantitas");
  await form.getByLabel("Indikator kinerja individu").fill(indicator);
  await form.getByLabel("Jenis target").selectOption(kind);
  await form.getByLabel("Nilai target").fill(value);
  await form.getByLabel("Satuan").fill(unit);
  await form.getByRole("button", { name: "Tambah hasil kerja" }).click();
  await expect(page.getByRole("cell", { name: text })).toBeVisible();
}

test("pegawai drafts a plan linked to atasan's result and submits; atasan returns it; pegawai fixes it; atasan approves", async ({
  page,
  browser,
}) => {
  // The supervisor writes a result first (the employee could also draft before).
  const boss = await browser.newPage();
  await signIn(boss, "atasan");
  await openMyPlan(boss);
  const bossResult = "Tersedianya data kepegawaian yang mutakhir";
  await addRow(boss, bossResult, null, "Persentase data pegawai yang mutakhir", "percent", "95");

  await signIn(page, "pegawai");
  await openMyPlan(page);
  const mine = "Terverifikasinya usulan perubahan data pegawai";
  await addRow(page, mine, bossResult, "Jumlah usulan yang diverifikasi", "number", "120", "usulan");
  await expect(page.getByRole("row", { name: new RegExp(mine) }).getByText(bossResult)).toBeVisible();
  // A wrong target is refused with a message and nothing is lost.
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Tambah hasil kerja" }) });
  await form.getByLabel("Rencana hasil kerja").fill("Baris dengan target salah");
  await form.getByLabel("Indikator kinerja individu").fill("Persentase");
  await form.getByLabel("Jenis target").selectOption("percent");
  await form.getByLabel("Nilai target").fill("150");
  await form.getByRole("button", { name: "Tambah hasil kerja" }).click();
  await expect(form.getByRole("alert")).toContainText("Target tidak valid");
  await expect(page.getByRole("cell", { name: "Baris dengan target salah" })).toHaveCount(0);
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => v.id)).toEqual([]);
  await page.getByRole("button", { name: "Ajukan ke atasan" }).click();
  await expect(page.locator(".versions")).toContainText("Diajukan");

  // The supervisor finds it in the team list and returns it with a comment.
  await boss.reload();
  await boss.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const team = boss.locator("section", { has: boss.getByRole("heading", { name: "Rencana kerja tim saya" }) });
  const item = team.getByRole("listitem").filter({ hasText: "Diajukan" }).first();
  await item.getByRole("link").click();
  await boss.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(boss.getByRole("cell", { name: mine })).toBeVisible();
  await boss.getByLabel("Catatan untuk pegawai").fill("Tambahkan indikator waktu.");
  await boss.getByRole("button", { name: "Kembalikan dengan catatan" }).click();
  await expect(boss.locator(".versions")).toContainText("Dikembalikan");

  // The employee sees why, adds an indicator and submits again; the supervisor approves.
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByText("Tambahkan indikator waktu.")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(mine) });
  await row.locator("summary", { hasText: "Tambah indikator" }).click();
  await row.getByLabel("Aspek").selectOption("waktu");
  await row.getByLabel("Indikator kinerja individu").fill("Verifikasi selesai tepat waktu");
  await row.getByLabel("Jenis target").selectOption("percent");
  await row.getByLabel("Nilai target").fill("100");
  await row.getByRole("button", { name: "Tambah indikator" }).click();
  await expect(row.getByText("Verifikasi selesai tepat waktu")).toBeVisible();
  await page.getByRole("button", { name: "Ajukan ke atasan" }).click();
  await expect(page.locator(".versions")).toContainText("Diajukan");

  await boss.reload();
  await boss.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await boss.getByRole("button", { name: "Tetapkan" }).click();
  await expect(boss.locator(".versions")).toContainText("Ditetapkan");
  await page.reload();
  await expect(page.locator(".versions")).toContainText("berlaku");
  // The supervisor's results cascade shows who carries the result.
  await openMyPlan(boss);
  const cascade = boss.locator("section", { has: boss.getByRole("heading", { name: "Matriks peran hasil" }) });
  await expect(cascade.getByRole("row", { name: new RegExp(bossResult) })).toContainText(mine);
});

test("the running period: pegawai records a realisation with evidence; atasan rates it and sees why the predikat", async ({
  page,
  browser,
}) => {
  // The whole cycle with four people: longer than one page's journey.
  test.setTimeout(180_000);
  // The demo's year follows the calendar: HR finds the quarters that ended closed and the running one open.
  const hr = await browser.newPage();
  await signIn(hr, "admin");
  await hr.goto("/skp/periods");
  await hr.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(hr.getByRole("button", { name: "Susun periode" })).toHaveCount(0);
  const running = hr.getByRole("row").filter({ hasText: "Dibuka" });
  await expect(running).toHaveCount(1);
  const period = (await running.getByRole("rowheader").textContent())!.trim();
  expect(period).toMatch(/^Triwulan I{1,3}V?$/);
  // HR, for the head, rates the whole agency Baik for the quarter: the curve guideline applies to every rating in it.
  await hr.getByRole("combobox", { name: "Unit", exact: true }).selectOption({ index: 0 });
  await hr.getByRole("combobox", { name: "Periode", exact: true }).selectOption({ label: period });
  await hr.getByRole("combobox", { name: "Predikat organisasi", exact: true }).selectOption("baik");
  await hr.getByRole("button", { name: "Tetapkan predikat organisasi" }).click();
  const orgTable = hr.locator("section", { has: hr.getByRole("heading", { name: "Predikat organisasi" }) });
  await expect(orgTable.getByRole("row").filter({ hasText: period }).first()).toContainText("Baik");

  // The employee (whose plan the first journey approved) records what was achieved, with a link to the evidence.
  await signIn(page, "pegawai");
  await openMyPlan(page);
  await page.getByRole("link", { name: period, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Evaluasi kinerja: ${period} `) })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByRole("textbox", { name: "Realisasi", exact: true }).fill("118 usulan diverifikasi");
  await page.getByLabel("Bukti dukung (tautan)").fill("https://drive.example.go.id/bukti/triwulan");
  await page.getByRole("button", { name: "Simpan realisasi" }).click();
  await expect(page.getByRole("cell", { name: /118 usulan diverifikasi/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Buka bukti dukung" })).toHaveAttribute("href", /^https:\/\/drive\.example/);
  // Evidence as a file too: a scan is accepted; a page posing as an image is refused with the reason.
  const fileInput = page.getByLabel("Berkas bukti (PDF, PNG atau JPEG, paling besar 2 MB)");
  await fileInput.setInputFiles({ name: "foto.png", mimeType: "image/png", buffer: Buffer.from("<html></html>") });
  await page.getByRole("button", { name: "Unggah berkas" }).click();
  await expect(page.getByRole("alert")).toContainText("Hanya berkas PDF, PNG atau JPEG");
  const scan = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n");
  await fileInput.setInputFiles({ name: "daftar-usulan.pdf", mimeType: "application/pdf", buffer: scan });
  await page.getByRole("button", { name: "Unggah berkas" }).click();
  await expect(page.getByRole("link", { name: "daftar-usulan.pdf" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => v.id)).toEqual([]);

  // The supervisor opens it from the team list and rates results above and behaviour meeting expectations.
  const boss = await browser.newPage();
  await signIn(boss, "atasan");
  await openMyPlan(boss);
  const team = boss.locator("section", { has: boss.getByRole("heading", { name: "Rencana kerja tim saya" }) });
  await team.getByRole("listitem").filter({ hasText: "Ditetapkan" }).first().getByRole("link").click();
  // Continuous feedback during the period: a dated note on the plan, which the employee answers later.
  await boss.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await boss.getByLabel("Tentang").selectOption({ index: 1 });
  await boss.getByRole("textbox", { name: "Umpan balik", exact: true }).fill("Verifikasi minggu ini cepat; pertahankan.");
  await boss.getByRole("button", { name: "Kirim umpan balik" }).click();
  await expect(boss.locator("li.note")).toContainText("Verifikasi minggu ini cepat; pertahankan.");
  await boss.getByRole("link", { name: period, exact: true }).click();
  await boss.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(boss.getByRole("cell", { name: /118 usulan diverifikasi/ })).toBeVisible();
  // The supervisor downloads the file the rating is based on.
  const href = await boss.getByRole("link", { name: "daftar-usulan.pdf" }).getAttribute("href");
  const download = await boss.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect((await download.body()).equals(scan)).toBe(true);
  await boss.getByRole("group", { name: "Hasil kerja", exact: true }).getByRole("radio", { name: "Di Atas Ekspektasi" }).check();
  await boss.getByRole("group", { name: "Perilaku kerja", exact: true }).getByRole("radio", { name: "Sesuai Ekspektasi" }).check();
  await boss.getByLabel("Umpan balik").fill("Verifikasi lengkap dan tepat waktu; bukti dukung jelas.");
  // The unit's distribution against the guideline is shown while rating (a chart and a table).
  await expect(boss.getByRole("heading", { name: /Distribusi predikat di/ })).toBeVisible();
  await boss.getByLabel("Alasan jika penilaian berada di luar pedoman kurva").fill("Baru satu pegawai yang dinilai.");
  await boss.getByRole("button", { name: "Simpan penilaian" }).click();
  await expect(boss.locator(".predikat-line")).toContainText("Baik");
  // Outside the guideline the rating stands, with the warning and the reason on record.
  await expect(boss.getByRole("note")).toContainText("di luar pedoman kurva");
  await expect(boss.getByRole("note")).toContainText("Baru satu pegawai yang dinilai.");
  await boss.locator("summary", { hasText: "Mengapa predikat ini" }).click();
  await expect(boss.locator("table.matrix td.current")).toContainText("Baik");

  // The supervisor records the performance dialogue with an agreed follow-up.
  await boss.getByLabel("Tanggal dialog").fill(new Date().toISOString().slice(0, 10));
  await boss.getByLabel("Yang dibahas").fill("Capaian triwulan ini, bukti dukung, dan umpan balik.");
  await boss.getByLabel("Tindak lanjut yang disepakati (satu per baris)").fill("Ikut pelatihan pengelolaan data SIASN");
  await boss.getByRole("button", { name: "Simpan dialog kinerja" }).click();
  await expect(boss.getByText("Menunggu konfirmasi pegawai.")).toBeVisible();

  // The employee sees the predikat and can no longer change the realisation; they acknowledge the dialogue and
  // turn the follow-up into a development-plan activity.
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.locator(".predikat-line")).toContainText("Baik");
  await expect(page.getByRole("button", { name: "Simpan realisasi" })).toHaveCount(0);
  await page.getByRole("button", { name: "Konfirmasi dialog ini" }).click();
  await expect(page.getByText(/Dikonfirmasi pegawai pada/)).toBeVisible();
  await page.getByRole("button", { name: "Jadikan kegiatan rencana pengembangan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ditambahkan ke rencana pengembangan Anda." })).toBeVisible();
  const evaluation = page.url();
  await page.goto("/plan");
  await expect(page.getByText("Ikut pelatihan pengelolaan data SIASN")).toBeVisible();

  // The employee objects to the rating with reasons and evidence; the rater can no longer change it.
  await page.goto(evaluation);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("Alasan keberatan").fill("Capaian 118 dari 120 usulan melampaui target triwulan; bukti terlampir.");
  await page.locator("#objection-link").fill("https://drive.example.go.id/bukti/keberatan");
  await page.getByRole("button", { name: "Ajukan keberatan" }).click();
  await expect(page.getByText("Menunggu keputusan").first()).toBeVisible();
  await boss.reload();
  await expect(boss.getByRole("button", { name: "Simpan penilaian" })).toHaveCount(0);

  // The supervisor's supervisor finds it among the objections to decide and upholds it with a changed rating.
  const above = await (await browser.newContext()).newPage();
  await signIn(above, "pimpinan");
  await above.goto("/skp/objections");
  await above.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const pending = above.getByRole("row").filter({ hasText: "Perlu Anda putuskan" });
  await pending.getByRole("link").click();
  await above.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(above.getByText("Capaian 118 dari 120 usulan")).toBeVisible();
  await above.getByRole("radio", { name: "Terima keberatan dan ubah penilaian" }).check();
  const decision = above.locator("section", { has: above.getByRole("heading", { name: "Keberatan", exact: true }) });
  await decision.getByRole("group", { name: "Perilaku kerja", exact: true }).getByRole("radio", { name: "Di Atas Ekspektasi" }).check();
  await above.getByLabel("Alasan keputusan").fill("Bukti dukung menunjukkan perilaku di atas ekspektasi.");
  await above.getByRole("button", { name: "Simpan keputusan" }).click();
  await expect(above.locator(".predikat-line")).toContainText("Sangat Baik");
  await expect(above.locator(".predikat-line")).toContainText("Diubah melalui keberatan");
  const a11yDecided = await new AxeBuilder({ page: above }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11yDecided.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);

  // The employee sees the decision and the whole trail.
  await page.reload();
  await expect(page.locator(".predikat-line")).toContainText("Sangat Baik");
  await expect(page.getByText("Bukti dukung menunjukkan perilaku di atas ekspektasi.")).toBeVisible();
  // The evaluation document to print and sign, with the decided predikat.
  await page.getByRole("link", { name: "Cetak dokumen evaluasi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "EVALUASI KINERJA PEGAWAI" })).toBeVisible();
  await expect(page.locator("article.document")).toContainText("Sangat Baik");
  await expect(page.locator(".signature-row")).toContainText("Pejabat penilai kinerja");

  // The employee answers the supervisor's note on the plan.
  await openMyPlan(page);
  const note = page.locator("li.note").filter({ hasText: "Verifikasi minggu ini cepat" });
  await note.getByLabel("Balasan").fill("Terima kasih, Pak.");
  await note.getByRole("button", { name: "Kirim balasan" }).click();
  await expect(page.locator("ol.replies")).toContainText("Terima kasih, Pak.");
});
