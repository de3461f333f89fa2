import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { chartPoint, signIn } from "./helpers";

test("kepala opens the talent matrix, chooses a box and sees why its people are there", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "kepala");
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Talenta" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manajemen talenta (9-box)" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const grid = page.getByRole("table", { name: /Jumlah pegawai per kotak talenta/ });
  await expect(grid.getByRole("link")).toHaveCount(9);
  // The fullest box: its people with both axes' inputs.
  const counts = await grid.locator(".box-count").allTextContents();
  const numbers = await grid.locator(".box-number").allTextContents();
  const fullest = counts.map(Number).reduce((best, c, i, all) => (c > all[best] ? i : best), 0);
  expect(Number(counts[fullest])).toBeGreaterThan(0);
  await grid.getByRole("link", { name: new RegExp(numbers[fullest]) }).click();
  const heading = numbers[fullest].replace("Kotak", "Pegawai di kotak");
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  const people = page.locator("section", { has: page.getByRole("heading", { name: heading }) }).getByRole("row");
  await expect(people).toHaveCount(Math.min(Number(counts[fullest]), 200) + 1);
  await expect(people.nth(1)).toContainText("%");
  await expect(grid.locator("a[aria-current='true']")).toHaveCount(1);
  // Who cannot be placed yet is listed with what is missing.
  await expect(page.getByRole("heading", { name: /Belum dapat dipetakan/ })).toBeVisible();
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
  // A person's profile shows the same box and why.
  await people.nth(1).getByRole("link").first().click();
  const talent = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Talenta" }) });
  await expect(talent).toContainText(numbers[fullest]);
  await expect(talent).toContainText("JPM");
  // The chart: clicking its middle cell lists box 5 (Sesuai ekspektasi × Menengah).
  await page.goto("/talent");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const chart = page.locator("figure", { has: page.locator("#nine-box-chart") });
  await expect(chart.locator("canvas")).toBeVisible();
  // Where ECharts draws the middle cell (potential Menengah = 1, performance Sesuai = 1).
  const [x, y] = await chartPoint(chart.locator(".chart"), [1, 1]);
  await chart.locator(".chart").click({ position: { x, y } });
  await expect(page).toHaveURL(/box=5/);
  await expect(page.getByRole("heading", { level: 2, name: "Pegawai di kotak 5" })).toBeVisible();
  // Narrowed to one position type: fewer people, and the boxes keep the filter.
  const everyone = Number((await page.getByRole("heading", { level: 2, name: /^\d+ pegawai$/ }).textContent())!.match(/\d+/)![0]);
  await page.getByLabel("Jenis jabatan").selectOption("pelaksana");
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await expect(page).toHaveURL(/kind=pelaksana/);
  await expect(grid.getByRole("link").first()).toHaveAttribute("href", /kind=pelaksana/);
  const narrowed = Number((await page.getByRole("heading", { level: 2, name: /^\d+ pegawai$/ }).textContent())!.match(/\d+/)![0]);
  expect(narrowed).toBeLessThan(everyone);
});

test("kepala calibrates a unit: moves one person with a written reason and closes the session", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "kepala");
  await page.goto("/talent");
  await page.getByRole("link", { name: "Sesi kalibrasi talenta" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sesi kalibrasi talenta" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  // A unit below the agency, the newest closed year.
  await page.getByLabel("Unit").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Buka sesi" }).click();
  await expect(page).toHaveURL(/\/talent\/calibrations\/[0-9a-f]+$/);
  await expect(page.getByRole("heading", { level: 2, name: "Sebaran sebelum dan sesudah kalibrasi" })).toBeVisible();
  await expect(page.locator("#calibration-chart canvas")).toBeVisible();
  const people = page.getByRole("table", { name: "Pegawai dalam sesi" });
  const row = people.getByRole("row").nth(1);
  const name = (await row.getByRole("link").first().textContent())!.trim();
  const original = (await row.locator("td").nth(3).textContent())!.trim();
  await row.locator("summary").click();
  const target = row.getByLabel("Pindahkan ke kotak");
  const to = await target.locator("option").first().getAttribute("value");
  await target.selectOption(to!);
  const reason = "Memimpin tim lintas bidang dan melampaui target utama";
  await row.getByLabel("Alasan tertulis").fill(reason);
  await row.locator("button[type=submit]").click();
  // The move is listed with its reason, the person has both boxes, and the distribution shows it.
  const moves = page.getByRole("table", { name: "Perpindahan" });
  await expect(moves).toContainText(reason);
  await expect(moves).toContainText(name);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const moved = people.getByRole("row", { name: new RegExp(escaped) });
  await expect(moved.locator("td").nth(3)).toHaveText(original);
  await expect(moved.locator("td").nth(4)).toHaveText(`Kotak ${to}`);
  const distribution = page.getByRole("table", { name: /sebelum dan sesudah kalibrasi/ });
  await expect(distribution.getByRole("row", { name: new RegExp(`^Kotak ${to} `) })).toContainText("+1");
  await expect(distribution.getByRole("row", { name: new RegExp(`^${original} `) })).toContainText("-1");
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
  // Closing fixes the boxes: the session is final and the matrix lists the person in their calibrated box.
  await page.getByRole("button", { name: "Tutup sesi dan tetapkan kotak" }).click();
  await expect(page.getByText("Sesi ditutup; kotak hasil kalibrasi ditetapkan.")).toBeVisible();
  await expect(page.locator("summary")).toHaveCount(0);
  await page.goto(`/talent?box=${to}`);
  await expect(page.getByRole("row", { name: new RegExp(escaped) })).toContainText(`Dikalibrasi dari ${original.toLowerCase()}`);
});

// The matrix is drawn by the server; HR's settings form in it posts in the background: a refused value is said in
// the form and what was typed stays, a saved one draws the matrix again with the new version, on the same address.
test("HR saves the talent settings without leaving the page, and a refused value stays in the form", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "admin");
  await page.goto("/talent");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const save = page.getByRole("button", { name: "Simpan pengaturan talenta" });
  const settings = page.locator("form", { has: save });
  const version = settings.locator("xpath=preceding-sibling::p[1]");
  const before = Number((await version.textContent())!.replace(/\D/g, ""));
  const high = page.getByLabel("JPM minimal untuk potensi Tinggi");
  const original = await high.inputValue();
  await high.fill("tinggi sekali");
  await save.click();
  await expect(settings.getByRole("alert")).toBeVisible();
  await expect(high).toHaveValue("tinggi sekali");
  await high.fill(original);
  await save.click();
  await expect(version).toHaveText(`Versi ${before + 1}`);
  await expect(page.locator("form .form-ok")).toHaveText("Pengaturan talenta tersimpan sebagai versi baru.");
  await expect(page.getByRole("status").filter({ hasText: "Pengaturan talenta tersimpan" })).toBeAttached();
  await expect(page).toHaveURL(/\/talent$/);
  await expect(page.getByLabel("JPM minimal untuk potensi Tinggi")).toHaveValue(original);
});
