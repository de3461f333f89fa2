import { test, expect } from "@playwright/test";
import { PASSWORD } from "./helpers";

test("sign-in works with JavaScript disabled", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("NIP atau nama pengguna").fill("pegawai");
  await page.getByLabel("Kata sandi").fill("salah-sekali");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("alert")).toContainText("kata sandi salah");

  await page.getByLabel("NIP atau nama pengguna").fill("pegawai");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Selamat datang/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Profil saya" })).toBeVisible();
});
