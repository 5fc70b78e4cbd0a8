// Chromium for the web benches (Debian's, nothing downloaded) and the moment a page is usable, as
// bench/web-load.ts decides it: its heading shown, no loader or skeleton left in <main>, and on map
// pages the demo's assets drawn by MapLibre.
import { type Browser, chromium, type Page } from "playwright-core";

/** The demo's assets: a map page is usable once it draws them all. */
export const DEMO_ASSETS = 2003;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.BULWARK_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
    ],
  });
}

/** Waits until `page` is usable; the page's clock then (ms since its navigation started). */
export async function usable(page: Page, map: boolean, timeout = 90_000): Promise<number> {
  const main = page.locator("main").or(page.locator("body").filter({ hasNot: page.locator("main") }));
  const heading = main.locator("h1, h2").first();
  const busy = main.locator(".mantine-Loader-root, .mantine-Skeleton-root, [aria-busy='true']").first();
  const drawn = page.locator("[data-testid='asset-map'][data-bounds]").first();
  for (;;) {
    await heading.waitFor({ state: "visible", timeout });
    await busy.waitFor({ state: "detached", timeout });
    if (map) {
      await drawn.waitFor({ state: "attached", timeout });
      while (Number((await drawn.getAttribute("data-features")) ?? -1) < DEMO_ASSETS)
        await page.waitForTimeout(10);
    }
    if ((await heading.isVisible()) && (await busy.count()) === 0) break;
  }
  return page.evaluate(() => performance.now());
}
