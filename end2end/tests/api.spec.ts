import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

async function accessible(page: Page) {
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
}

test("admin issues an API token, a system reads with it, and the token is revoked", async ({ browser, request }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "admin");
  await page.goto("/hr/import");
  await page.getByRole("link", { name: "Akses API untuk sistem lain" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Akses API untuk sistem lain" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await accessible(page);
  await page.getByLabel("Nama (sistem atau keperluan)").fill("Sinkron SIASN");
  await page.getByLabel(/Membaca status SKP dan predikat/).check();
  await page.getByLabel("Berlaku (hari)").fill("30");
  await page.getByRole("button", { name: "Terbitkan token" }).click();
  // The secret, shown this once.
  await expect(page.getByText(/Token diterbitkan\. Salin sekarang/)).toBeVisible();
  const secret = await page.getByLabel("Token").inputValue();
  expect(secret).toMatch(/^knj_[0-9a-f]{64}$/);
  await accessible(page);

  // A system reads with it; a scope it lacks is refused.
  const units = await request.get("/api/v1/units", { headers: { Authorization: `Bearer ${secret}` } });
  expect(units.status()).toBe(200);
  expect((await units.json()).items.length).toBeGreaterThan(0);
  const results = await request.get("/api/v1/employees/199001012015011001/results", {
    headers: { Authorization: `Bearer ${secret}`, "Accept-Language": "en" },
  });
  expect(results.status()).toBe(403);
  expect((await results.json()).message).toBe("This token's scopes do not cover this request.");

  // The list shows the token and its calls; revoking it needs a reason and stops it at once.
  await page.getByRole("link", { name: "Akses API untuk sistem lain" }).click();
  const row = page.getByRole("row", { name: /^Sinkron SIASN/ });
  await expect(row).toContainText("org:read, skp:read");
  await expect(row).toContainText("Berlaku");
  await expect(page.getByRole("row", { name: /GET \/api\/v1\/units 200/ })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await row.getByLabel("Alasan pencabutan").fill("Uji coba selesai");
  await row.getByRole("button", { name: "Cabut" }).click();
  await expect(page.getByRole("row", { name: /^Sinkron SIASN/ })).toContainText("Dicabut");
  const after = await request.get("/api/v1/units", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error).toBe("token_revoked");

  // The documentation is a page anyone can read.
  await page.goto("/api/v1/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Dokumentasi API Kinerja" })).toBeVisible();
  await expect(page.getByRole("link", { name: "GET /api/v1/employees/{nip}", exact: true })).toBeVisible();
  await accessible(page);
});
