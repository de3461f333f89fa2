import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

// Every page loaded directly (as after a reload or the back button) must hydrate: markup the browser's parser
// rearranges (a form inside a paragraph, say) breaks hydration only on a direct load, never in client navigation.
test("every page HR opens hydrates when loaded directly", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  await signIn(page, "admin");
  await page.goto("/org");
  const someone = (await page.locator("tr[data-depth='2']").first().locator("td a").first().getAttribute("href"))!;
  const unit = (await page.locator("tr[data-depth='2']").first().locator("th a").getAttribute("href"))!;
  const pages = [
    "/", "/org", unit, "/employees", someone, `${someone}/edit`, "/employees/new", "/feedback", "/rounds",
    "/competencies", "/competencies/new", "/reports/me", "/plan", "/trainings", "/trainings/new",
    "/trainings/needs", "/account/password", "/skp", "/skp/periods", "/skp/objections", "/skp/me/print", "/talent",
    "/programmes", "/programmes/person/me", "/programmes/cohorts",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("html[data-hydrated]"), `${path} hydrates`).toHaveCount(1);
  }
  expect(errors).toEqual([]);
});
