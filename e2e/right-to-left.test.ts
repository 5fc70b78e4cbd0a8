// Arabic in Chromium: the page reads right to left, not only its letters. The sidebar stands on the
// right, "back" arrows point right, an English name inside an Arabic sentence is isolated so its
// punctuation stays put, and chart labels stay inside their charts.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { type Started, startBulwark } from "./start.ts";

let bulwark: Started;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  page = await signInAs(browser, bulwark.url, "admin@bulwark.example");
  await page.evaluate("window.localStorage.setItem('bulwark.language', 'ar')");
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

describe("the web app in Arabic", () => {
  it("lays the shell out right to left, the navigation on the right", async () => {
    await page.goto(bulwark.url);
    await page.getByRole("heading", { name: /مرحبًا/ }).waitFor();
    expect(await page.evaluate("document.documentElement.dir")).toBe("rtl");
    const navigation = await page.getByRole("navigation", { name: "التنقل الرئيسي" }).boundingBox();
    const viewport = page.viewportSize();
    expect(navigation && viewport && navigation.x > viewport.width / 2).toBe(true);
  });

  it("isolates an English name inside an Arabic sentence", async () => {
    const welcome = await page.getByRole("heading", { name: /مرحبًا/ }).textContent();
    // FSI … PDI: "Platform Administrator" keeps left-to-right order without pulling the comma along.
    expect(welcome).toBe("مرحبًا، \u2068Platform Administrator\u2069");
  });

  it("turns the back arrow to point right", async () => {
    await page.goto(`${bulwark.url}/assets`);
    await page.locator('a[href^="/assets/"]').first().click();
    const back = page.getByRole("link", { name: "العودة إلى السجل" });
    await back.waitFor();
    const transform = await page.evaluate(
      "getComputedStyle(document.querySelector('a[href=\"/assets\"] svg.tabler-icon-arrow-left')).transform",
    );
    expect(transform).toBe("matrix(-1, 0, 0, 1, 0, 0)");
  });

  it("keeps every label of the risk trend chart inside the chart", async () => {
    await page.goto(`${bulwark.url}/risk`);
    const chart = page.getByRole("img", { name: "الاتجاه" });
    await chart.waitFor();
    const frame = await chart.boundingBox();
    const labels = await chart.locator("text").all();
    // Score ticks and the first and last dates: laid out right to left, they spilled past the edges.
    expect(labels.length).toBeGreaterThanOrEqual(4);
    for (const label of labels) {
      const box = await label.boundingBox();
      expect(frame && box && box.x >= frame.x && box.x + box.width <= frame.x + frame.width).toBe(true);
    }
  });
});
