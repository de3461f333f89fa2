import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

test.describe("pegawai", () => {
  test("signs in, sees own profile and supervisor", async ({ page }) => {
    await signIn(page, "pegawai");
    const card = page.getByRole("region", { name: "Profil saya" });
    await expect(card).toBeVisible();
    const supervisorLink = card.locator("dd").nth(3).getByRole("link");
    const supervisorName = (await supervisorLink.textContent())!.trim();
    expect(supervisorName.length).toBeGreaterThan(3);

    await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Profil saya" }).click();
    await expect(page.getByRole("heading", { name: "Rantai atasan sampai pimpinan" })).toBeVisible();
    const chain = page.locator("ol.chain li");
    await expect(chain.first()).toContainText(supervisorName);
    expect(await chain.count()).toBeGreaterThanOrEqual(3);

    const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(a11y.violations.map((v) => v.id)).toEqual([]);
  });

  test("is refused the HR pages with a clear 403", async ({ page }) => {
    await signIn(page, "pegawai");
    const res = await page.goto("/employees/new");
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Akses ditolak (403)" })).toBeVisible();
  });

  test("switches to English and the choice persists", async ({ page }) => {
    await signIn(page, "pegawai");
    await page.getByRole("link", { name: "Ganti bahasa ke English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
    await page.goto("/org");
    await expect(page.getByRole("heading", { level: 1, name: "Organisation structure" })).toBeVisible();
    // A page the browser renders itself speaks the same language: the texts it installed are the English ones.
    await page.goto("/");
    await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Organisation", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Organisation structure" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Switch language to Bahasa Indonesia" })).toBeVisible();
  });
});
