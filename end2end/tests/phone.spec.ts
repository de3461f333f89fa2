import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

// On a phone the first screen shows the page, not the navigation: the menu folds behind a toggle that works with
// a tap and with the keyboard, and opens the same links.
test("on a phone the navigation folds into a menu and the page comes first", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true })).newPage();
  await signIn(page, "pegawai");
  const nav = page.getByRole("navigation", { name: "Navigasi utama" });
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toBeVisible();
  await expect(nav).toBeHidden();
  expect((await heading.boundingBox())!.y).toBeLessThan(200);
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
  // A tap opens it; its links lead where they do on a desktop.
  await page.locator("label.menu-button").tap();
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: "Laporan saya" }).tap();
  await expect(page).toHaveURL(/\/reports\/me$/);
  await expect(page.getByRole("navigation", { name: "Navigasi utama" })).toBeHidden();
  // The keyboard: the toggle is the first stop after the brand, and Space opens it.
  await page.locator("a.brand").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("checkbox", { name: "Menu" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByRole("navigation", { name: "Navigasi utama" })).toBeVisible();
  // Nothing wider than the phone, menu open or not.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

test("on a desktop the navigation is always there and no menu toggle shows", async ({ page }) => {
  await signIn(page, "pegawai");
  await expect(page.getByRole("navigation", { name: "Navigasi utama" })).toBeVisible();
  await expect(page.locator("label.menu-button")).toBeHidden();
});
