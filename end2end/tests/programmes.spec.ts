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
  // Two eligible candidates side by side: every fact and every condition in one table.
  const eligible = page.locator("section", { has: page.getByRole("heading", { level: 2, name: /^Memenuhi syarat/ }) });
  const first = (await eligible.getByRole("row").nth(1).getByRole("link").first().textContent())!.trim();
  await eligible.getByRole("checkbox").nth(0).check();
  await eligible.getByRole("checkbox").nth(1).check();
  await page.getByRole("button", { name: "Bandingkan yang dipilih (2–3)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Perbandingan kandidat" })).toBeVisible();
  const compared = page.getByRole("table", { name: /Perbandingan kandidat — PKA/ });
  await expect(compared.getByRole("columnheader")).toHaveCount(2);
  await expect(compared.getByRole("columnheader").first()).toHaveText(first);
  await expect(compared.getByRole("row", { name: /^Kesimpulan/ })).toContainText("Memenuhi syarat");
  await page.goBack();
  // One of the nearly eligible: every programme explained, condition by condition; no penalty details for a trainer.
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

test("pelatih forms a PKA cohort and nominates two eligible candidates; a nominee's supervisor confirms one", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "pelatih");
  await page.goto("/programmes/cohorts");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Bentuk angkatan baru" }) });
  await form.getByLabel("Pelatihan").selectOption("pka");
  const name = `PKA Angkatan ${Date.now() % 100000}`;
  await form.getByLabel("Nama angkatan").fill(name);
  await form.getByLabel("Mulai").fill("2027-03-01");
  await form.getByLabel("Selesai").fill("2027-06-30");
  await form.getByLabel("Kapasitas").fill("30");
  await form.getByRole("button", { name: "Bentuk angkatan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `PKA — ${name}` })).toBeVisible();
  // Nominate the two best-ranked eligible candidates.
  await page.goto("/programmes?programme=pka");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const eligible = page.locator("section", { has: page.getByRole("heading", { level: 2, name: /^Memenuhi syarat/ }) });
  const nominees: string[] = [];
  for (let i = 0; i < 2; i++) {
    const row = eligible.getByRole("row").filter({ has: page.getByRole("button", { name: "Nominasikan" }) }).first();
    const href = (await row.getByRole("link").first().getAttribute("href"))!;
    nominees.push(href.split("/").pop()!);
    await row.getByLabel("Ke angkatan").selectOption({ label: name });
    await row.getByRole("button", { name: "Nominasikan" }).click();
    await expect(eligible.getByRole("row").filter({ has: page.locator(`a[href="${href}"]`) })).toContainText(`Sudah dinominasikan: ${name}`);
  }
  // The first nominee's direct supervisor (HR reads who it is) signs in with their NIP and confirms.
  const hr = await (await browser.newContext()).newPage();
  await signIn(hr, "admin");
  await hr.goto(`/employees/${nominees[0]}`);
  const chain = hr.locator("section", { has: hr.getByRole("heading", { level: 2, name: "Rantai atasan" }) });
  const supervisor = (await chain.getByRole("link").first().getAttribute("href"))!.split("/").pop()!;
  const boss = await (await browser.newContext()).newPage();
  await signIn(boss, supervisor);
  await boss.goto("/programmes/cohorts");
  await boss.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const awaiting = boss.locator("section", { has: boss.getByRole("heading", { name: "Nominasi menunggu keputusan Anda" }) });
  const mine = awaiting.getByRole("row").filter({ has: boss.locator(`a[href="/programmes/person/${nominees[0]}"]`) });
  await mine.getByRole("button", { name: "Setujui" }).click();
  await expect(awaiting.locator(`a[href="/programmes/person/${nominees[0]}"]`)).toHaveCount(0);
  // The trainer sees it moved on to HR, and the other still with its supervisor.
  await page.goto("/programmes/cohorts");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("row").filter({ has: page.locator(`a[href="/programmes/person/${nominees[0]}"]`) }))
    .toContainText("Disetujui atasan — menunggu BKPSDM");
  await expect(page.getByRole("row").filter({ has: page.locator(`a[href="/programmes/person/${nominees[1]}"]`) }))
    .toContainText("Dinominasikan — menunggu atasan");
});
