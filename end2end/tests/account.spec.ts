import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./helpers";

// HR creates an account and gets a one-time link (never a password); the new employee chooses a password through
// it, signs in with the NIP, and later changes the password.
test("a new account is set up through its one-time link and its owner changes the password", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/org");
  const unitLink = page.locator("tr[data-depth='2'] th a").first();
  await unitLink.click();
  await expect(page.getByRole("heading", { name: "Anggota unit" })).toBeVisible();
  const someone = await page.locator("a[href^='/employees/']").filter({ hasText: /\S/ }).first().getAttribute("href");
  const supervisorNip = someone!.split("/").pop()!;

  await page.goto("/employees/new");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const nip = "199807212024031003";
  await page.locator("#nip").fill(nip);
  await page.locator("#name").fill("Dewi Lestari");
  await page.locator("#rank").selectOption("III/a");
  await page.locator("#position_kind").selectOption("pelaksana");
  await page.locator("#position_name").fill("Pengadministrasi Umum");
  await page.locator("#supervisor_nip").fill(supervisorNip);
  await page.getByRole("button", { name: "Simpan" }).click();
  const link = (await page.locator("code.link-to-copy").textContent())!.trim();
  expect(link).toMatch(/^\/account\/setup\/[0-9a-f]{64}$/);

  // The employee, signed out in their own browser.
  const own = await browser.newContext();
  const me = await own.newPage();
  await me.goto(link);
  await me.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(me.getByText("Dewi Lestari")).toBeVisible();
  const a11y = await new AxeBuilder({ page: me }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(a11y.violations.map((v) => v.id)).toEqual([]);
  await me.getByLabel("Kata sandi baru", { exact: true }).fill("password123");
  await me.getByLabel("Ulangi kata sandi baru").fill("password123");
  await me.getByRole("button", { name: "Simpan kata sandi" }).click();
  await expect(me.getByRole("alert").filter({ hasText: "umum" })).toBeVisible();
  await me.getByLabel("Kata sandi baru", { exact: true }).fill("Gudeg Jogja enak sekali");
  await me.getByLabel("Ulangi kata sandi baru").fill("Gudeg Jogja enak sekali");
  await me.getByRole("button", { name: "Simpan kata sandi" }).click();
  await expect(me.getByRole("status")).toContainText("Kata sandi telah disimpan");

  await me.goto("/login");
  await me.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await me.getByLabel("NIP atau nama pengguna").fill(nip);
  await me.getByLabel("Kata sandi").fill("Gudeg Jogja enak sekali");
  await me.getByRole("button", { name: "Masuk" }).click();
  await expect(me.getByRole("heading", { level: 1, name: /Selamat datang/ })).toBeVisible();

  await me.getByRole("link", { name: "Ganti kata sandi" }).click();
  await expect(me.getByRole("heading", { level: 1, name: "Ganti kata sandi" })).toBeVisible();
  await me.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await me.getByLabel("Kata sandi saat ini").fill("salah sekali ini");
  await me.getByLabel("Kata sandi baru", { exact: true }).fill("Soto Lamongan pagi hari");
  await me.getByLabel("Ulangi kata sandi baru").fill("Soto Lamongan pagi hari");
  await me.getByRole("button", { name: "Ganti kata sandi" }).click();
  await expect(me.getByRole("alert").filter({ hasText: /salah/ })).toBeVisible();
  await me.getByLabel("Kata sandi saat ini").fill("Gudeg Jogja enak sekali");
  await me.getByLabel("Kata sandi baru", { exact: true }).fill("Soto Lamongan pagi hari");
  await me.getByLabel("Ulangi kata sandi baru").fill("Soto Lamongan pagi hari");
  await me.getByRole("button", { name: "Ganti kata sandi" }).click();
  await expect(me.getByRole("status").filter({ hasText: "Kata sandi telah diganti" })).toBeVisible();
  // Still signed in in this browser.
  await me.goto("/");
  await expect(me.getByRole("heading", { level: 1, name: /Selamat datang/ })).toBeVisible();
  await own.close();
});
