import { expect, Locator, Page } from "@playwright/test";

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

/** Where ECharts draws the data item `value` of the first series of the chart `chart` (its `.chart` element), once
 * it has been drawn: charts are drawn one at a time, a frame after their option is set, so a canvas may be there a
 * moment before its data. */
export async function chartPoint(chart: Locator, value: number[]): Promise<[number, number]> {
  let point: number[] | undefined;
  await expect
    .poll(async () => {
      point = await chart.evaluate((el, v) => {
        try {
          return (window as any).echarts?.getInstanceByDom(el)?.convertToPixel({ seriesIndex: 0 }, v);
        } catch {
          return undefined;
        }
      }, value);
      return Array.isArray(point) && point.length === 2 && point.every(Number.isFinite);
    })
    .toBe(true);
  return [point![0], point![1]];
}
