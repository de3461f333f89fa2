import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

// At most this many wasm files for one page (core, its part, shared chunks): the merged chunks keep it in the tens.
const FILES_PER_PAGE = 80;

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

// The application comes in parts (`cargo leptos build --split`, a part per page): a page loads the core, its own
// part and the chunks it shares with other pages (preloaded by the server), never another page's part, and a link
// to another page fetches that page's part when it is followed. The splitter's chunks are merged
// (scripts/wasm-split-merge.patch): unmerged, the 360° inbox alone loaded over 200 files.
test("a page loads its own part of the application, another page's part comes when it is opened", async ({ page, browser }) => {
  await signIn(page, "pegawai");
  // A context of its own, signed in, with an empty cache: only what /feedback needs is fetched.
  page = await (await browser.newContext({ storageState: await page.context().storageState() })).newPage();
  const wasm: string[] = [];
  page.on("request", (r) => {
    if (/\/pkg\/.*\.wasm$/.test(r.url())) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto("/feedback");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  const first = new Set(wasm);
  const parts = [...first].filter((w) => w.includes("/split_")).map((w) => w.replace(/^.*\/split_/, ""));
  expect(parts.length, parts.join(", ")).toBeGreaterThan(0);
  expect(parts.every((p) => p.startsWith("feedback_inbox_page")), parts.join(", ")).toBe(true);
  expect(first.size, `files: ${[...first].join(", ")}`).toBeLessThan(FILES_PER_PAGE);
  // The server sent the page's preloads inert, and they were started once the page had been painted
  // (public/forms.js): none is left inert, and the core came by its preload.
  await expect(page.locator('link[rel="kinerja-after-paint"]')).toHaveCount(0);
  const preloaded = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === "link")
      .map((e) => new URL(e.name).pathname),
  );
  expect(preloaded.some((p) => /^\/pkg\/kinerja[^/]*\.wasm$/.test(p)), preloaded.join(", ")).toBe(true);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Rencana Kerja (SKP)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Sasaran Kinerja Pegawai \(SKP\)/ })).toBeVisible();
  const later = wasm.filter((w) => !first.has(w));
  expect(later.some((w) => w.includes("/split_skp_page")), later.join(", ")).toBe(true);
  // The router fetched it: the page was not loaded anew.
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

// A page loaded directly has no waterfall: its HTML preloads the page's own part (once), however many times the
// server has rendered that page before. (Leptos writes these preloads only when the thread finishing a response
// carries its reactive owner: a process once preloaded /reports/me's part on one request and not on the next.)
test("every page's HTML preloads its own part, on every request", async ({ page }) => {
  await signIn(page, "pegawai");
  const pages: [string, string][] = [
    ["/", "home_page"], ["/feedback", "feedback_inbox_page"], ["/skp", "skp_page"], ["/reports/me", "report_page"],
    ["/plan", "plan_page"], ["/trainings", "trainings_page"],
  ];
  for (let round = 0; round < 4; round++) {
    for (const [path, part] of pages) {
      const html = await (await page.request.get(path)).text();
      const own = html.match(new RegExp(`<link[^>]*href="/pkg/split_${part}_[0-9]+[^"]*\\.wasm"`, "g")) ?? [];
      const title = html.match(/<title>([^<]*)<\/title>/)?.[1];
      expect(own.length, `${path} ("${title}"), request ${round + 1}: ${own.join(" ")}`).toBe(1);
      const loader = (html.match(/<link[^>]*>/g) ?? []).filter(
        (l) => l.includes('data-rel="modulepreload"') && l.includes('href="/pkg/__wasm_split.'),
      );
      expect(loader.length, `${path}: the parts' loader, once`).toBe(1);
    }
  }
});

// ECharts (our own build, about 190 KB gzip) is loaded only where a chart is drawn: a page without a chart never
// fetches it, a page with one fetches it once, also when reached by a client-side navigation from a page without;
// its name follows its content, so browsers may keep it for a year.
test("ECharts loads only on pages that draw a chart", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("echarts")) fetched.push(r.url());
  });
  await signIn(page, "pegawai");
  await page.goto("/feedback");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.goto("/skp");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  expect(fetched).toEqual([]);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Laporan saya" }).click();
  await page.locator(".chart").first().scrollIntoViewIfNeeded();
  await expect(page.locator(".chart canvas").first()).toBeVisible();
  const script = fetched.find((u) => /\/vendor\/echarts-[0-9.]+-[0-9a-f]{8}\.js$/.test(u));
  expect(script, fetched.join(", ")).toBeTruthy();
  const res = await page.request.get(script!);
  expect(res.headers()["cache-control"]).toContain("immutable");
  await page.goto("/reports/me");
  await page.locator(".chart").first().scrollIntoViewIfNeeded();
  await expect(page.locator(".chart canvas").first()).toBeVisible();
});

// A chart is drawn when it comes near the screen: a phone opening the dashboard does not spend its first seconds
// drawing the charts further down (their tables are there all along); scrolling to one draws it.
test("charts further down a page are drawn when they come near the screen", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
  await signIn(page, "kepala");
  await page.goto("/dashboard");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await expect(page.locator(".chart canvas").first()).toBeVisible();
  const last = page.locator(".chart").last();
  expect((await last.boundingBox())!.y, "the last chart is more than two screens down").toBeGreaterThan(2 * 800);
  await expect(last.locator("canvas")).toHaveCount(0);
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator("canvas")).toHaveCount(1);
});

// The print buttons of the report and the dashboard work under the Content-Security-Policy, which refuses inline
// handlers (forms.js handles them, so they need no wasm): every "how it was computed" panel is opened, then the
// page printed.
test("the report's print button opens the explanations and prints", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().includes("Content Security Policy")) refused.push(m.text());
  });
  await signIn(page, "pegawai");
  await page.goto("/reports/me");
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  const panels = page.locator("details.how");
  expect(await panels.count()).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Cetak / PDF" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  expect(await page.locator("details.how:not([open])").count()).toBe(0);
  expect(refused).toEqual([]);
});

// The report's what-if is drawn by the server and turns live only when the reader gets to it: opening the report
// on a phone fetches none of its code; scrolling to it does. What the reader chose in the drawn what-if while its
// code was on the way is kept, and the focus stays where it was.
test("the what-if loads its code when the reader gets to it and keeps what was chosen meanwhile", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/pkg\/split_live_what_if[^/]*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await signIn(page, "pegawai");
  await page.goto("/reports/me");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.waitForLoadState("networkidle");
  expect(fetched.filter((p) => p.includes("split_live_what_if")), "not fetched before the reader gets there").toEqual([]);
  const result = page.locator(".whatif-result");
  const before = await result.innerText();
  const level = page.locator("#whatif-0");
  await level.scrollIntoViewIfNeeded();
  await level.selectOption("5");
  await level.focus();
  await expect.poll(() => fetched.some((p) => p.includes("split_live_what_if"))).toBe(true);
  release();
  await expect(result).toContainText("perubahan");
  expect(await result.innerText()).not.toBe(before);
  await expect(level).toHaveValue("5");
  await expect(level).toBeFocused();
  await page.getByRole("button", { name: "Kembalikan ke hasil" }).click();
  await expect(result).toHaveText(before);
});
