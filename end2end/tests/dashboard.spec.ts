import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { chartPoint, signIn } from "./helpers";

test("kepala reads the agency curve, drills into a unit from the heatmap, then a box, then a person, and goes back", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "kepala");
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Dasbor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dasbor pimpinan" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  // The agency's curve: every predikat of the period, the whole and each unit.
  const curve = page.getByRole("table", { name: "Predikat per unit (jumlah dan persentase)" });
  await expect(curve.getByRole("row", { name: /Seluruhnya/ })).toBeVisible();
  await expect(curve.getByRole("columnheader", { name: "Sangat Baik" })).toBeVisible();
  await page.locator("#curve-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("#curve-chart canvas")).toBeVisible();
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
  // The heatmap: clicking the first unit's first cell moves the whole dashboard to that unit.
  const heatmap = page.getByRole("table", { name: /Peta kompetensi/ });
  const firstUnit = (await heatmap.getByRole("row").nth(2).getByRole("link").textContent())!.trim();
  const chart = page.locator("#heatmap-chart");
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator("canvas")).toBeVisible();
  const [x, y] = await chartPoint(chart, [0, 0]);
  await chart.click({ position: { x, y } });
  await expect(page).toHaveURL(/\/dashboard\?unit=/);
  await expect(page.getByRole("navigation", { name: "Posisi dalam organisasi" })).toContainText(firstUnit);
  const unitUrl = page.url();
  // A box of the 9-box lists its people on the talent page, for this unit.
  const grid = page.getByRole("table", { name: /Jumlah pegawai per kotak talenta/ });
  const rows = grid.getByRole("row");
  let chosen = "";
  for (let i = 1; i <= 9; i++) {
    const count = Number((await rows.nth(i).locator("td").textContent())!.trim());
    if (count > 0) {
      chosen = (await rows.nth(i).getByRole("link").textContent())!.trim();
      break;
    }
  }
  expect(chosen).not.toBe("");
  await grid.getByRole("link", { name: chosen, exact: true }).click();
  await expect(page).toHaveURL(/\/talent\?unit=.*&box=\d/);
  await expect(page.getByRole("heading", { level: 2, name: chosen.replace("Kotak", "Pegawai di kotak") })).toBeVisible();
  // A person of the box: their profile.
  const person = page.locator("section", { has: page.getByRole("heading", { name: /Pegawai di kotak/ }) })
    .getByRole("row").nth(1).getByRole("link").first();
  const name = (await person.textContent())!.trim();
  await person.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // Back to the box, back to the unit's dashboard.
  await page.goBack();
  await expect(page).toHaveURL(/box=\d/);
  await page.goBack();
  await expect(page).toHaveURL(unitUrl);
  await expect(page.getByRole("navigation", { name: "Posisi dalam organisasi" })).toContainText(firstUnit);
  // A panel's table as CSV, for the same unit.
  const download = page.waitForEvent("download");
  await page.locator("#jpm").getByRole("link", { name: "Unduh tabel (CSV)" }).click();
  expect((await download).suggestedFilename()).toMatch(/^dashboard-jpm-.*\.csv$/);
});

test("atasan sees only their own part of the organisation, on a phone too", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(page, "kepala");
  await page.goto("/dashboard");
  const everything = await page.locator('select[name="unit"]').locator("option").count();
  const agencyPeople = await page.locator("#headcount .stat-value").textContent();
  const page2 = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(page2, "atasan");
  await page2.goto("/dashboard");
  await expect(page2.getByRole("heading", { level: 1, name: "Dasbor pimpinan" })).toBeVisible();
  const theirs = await page2.locator('select[name="unit"]').locator("option").count();
  expect(theirs).toBeLessThan(everything);
  // The unit search narrows the list to the units whose name contains what is typed (forms.js: no wasm needed).
  const names = await page.locator('select[name="unit"] option:not([value=""])').allTextContents();
  const word = names[names.length - 1].trim().split(/\s+/).pop()!;
  await page.getByRole("searchbox", { name: "Cari unit" }).fill(word);
  const shown = await page.locator('select[name="unit"] option:not([value=""]):not([hidden])').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThanOrEqual(names.length);
  for (const name of shown) expect(name.toLowerCase()).toContain(word.toLowerCase());
  await page.getByRole("searchbox", { name: "Cari unit" }).fill("");
  expect(await page.locator('select[name="unit"] option[hidden]').count()).toBe(0);
  expect(Number(await page2.locator("#headcount .stat-value").textContent())).toBeLessThan(Number(agencyPeople));
  // Nothing wider than the phone.
  const overflow = await page2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // A unit outside their subtree, typed into the address: refused.
  const outside = await page.locator('select[name="unit"]').locator("option").nth(1).getAttribute("value");
  const ownUnits = await page2.locator('select[name="unit"]').locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  if (!ownUnits.includes(outside!)) {
    const res = await page2.goto(`/dashboard?unit=${outside}`);
    expect(res!.status()).toBe(403);
  }
});
