import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

test("admin moves an employee and the org chart changes", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/org");
  const chart = page.locator("#org-chart");
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator("canvas")).toHaveCount(1);
  const before = (await chart.getAttribute("aria-label"))!;

  // Find two units at depth 2 with their totals.
  const rows = page.locator("tr[data-depth='2']");
  const first = rows.nth(0);
  const second = rows.nth(1);
  const firstTotal = Number(await first.locator("td.total").textContent());
  const secondTotal = Number(await second.locator("td.total").textContent());
  const secondUnitName = (await second.locator("th a").textContent())!.trim();

  // Pick a staff member of the first unit's tree: open the first unit, then a sub-unit with members.
  await first.locator("th a").click();
  await expect(page.getByRole("heading", { name: "Anggota unit" })).toBeVisible();
  const subLink = page.locator("ul.unit-list a").first();
  await subLink.click();
  const member = page.locator("table tbody tr").last().locator("th a");
  const memberName = (await member.textContent())!.trim();
  await member.click();
  await expect(page.getByRole("heading", { level: 1, name: memberName })).toBeVisible();

  // The new supervisor: the head of the second unit (from the org page).
  await page.goto("/org");
  const headLink = page.locator("tr[data-depth='2']").nth(1).locator("td a").first();
  const headHref = (await headLink.getAttribute("href"))!;
  const headNip = headHref.split("/").pop()!;

  await page.goBack();
  await expect(page.getByRole("heading", { name: "Pindahkan unit atau atasan" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("NIP atasan baru").fill(headNip);
  await page.getByLabel("Alasan perubahan").fill("Rotasi uji end-to-end");
  await page.getByRole("button", { name: "Pindahkan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Pegawai berhasil dipindahkan." })).toBeVisible();
  await expect(page.locator("ol.chain li").first()).toContainText((await headName(page, headNip)));

  // The org chart and the table show the new head counts.
  await page.goto("/org");
  const rowsAfter = page.locator("tr[data-depth='2']");
  await expect(rowsAfter.nth(0).locator("td.total")).toHaveText(String(firstTotal - 1));
  await expect(rowsAfter.nth(1).locator("td.total")).toHaveText(String(secondTotal + 1));
  const after = (await page.locator("#org-chart").getAttribute("aria-label"))!;
  expect(after).not.toEqual(before);
  expect(after).toContain(`${secondUnitName} ${secondTotal + 1}`);
  await page.locator("#org-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("#org-chart canvas")).toHaveCount(1);
});

async function headName(page: import("@playwright/test").Page, nip: string): Promise<string> {
  const res = await page.request.post("/api/org/employee", { form: { nip }, headers: { Accept: "application/json" } });
  const body = await res.json();
  return body.summary.name as string;
}
