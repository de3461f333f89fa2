import { expect, Page } from "@playwright/test";

export const PASSWORD = "kinerja-demo";

/** Signs in through the real form and waits for the home page. */
export async function signIn(page: Page, user: string) {
  await page.goto("/login");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("NIP atau nama pengguna").fill(user);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Selamat datang/ })).toBeVisible();
}
