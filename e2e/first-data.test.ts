// A page opened directly asks for its first data with its code (apps/web/src/app/page-code.ts, the
// pages' prepare… functions), under the query key the page then reads: each of those reads leaves
// once, never again when the page draws (a key that differed would ask twice), and the page shows
// it. Opened in a signed-in browser page, each address loading the app afresh.
// (Whether the read left before the page's first render is bench/web-waterfall.ts's to show.)
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { ACCOUNT, open } from "./routes.ts";
import { type Started, startBulwark } from "./start.ts";

let bulwark: Started;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  page = await signInAs(browser, bulwark.url, ACCOUNT);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

/** Each address and the reads its page prepares (path and query string as the client sends them). */
const PREPARED: [string, string[]][] = [
  [
    "/risk",
    [
      "/api/risk/register?sort=-score&limit=25&offset=0",
      "/api/risk/scenarios",
      "/api/organisations?limit=500",
    ],
  ],
  ["/risk?sort=title&band=high", ["/api/risk/register?band=high&sort=title&limit=25&offset=0"]],
  ["/events", ["/api/events?when=upcoming"]],
  ["/events?when=past", ["/api/events?when=past"]],
  // The sharing feed is left out: it reads its first page again when its live stream opens
  // (live.tsx, to catch what changed in between), prepared or not.
  ["/experts", ["/api/experts?limit=24&offset=0"]],
  [
    "/self-assessment",
    ["/api/self-assessment/frameworks", "/api/self-assessment/runs", "/api/implementation"],
  ],
  ["/compendium", ["/api/compendium/entries?limit=20&offset=0"]],
  ["/compendium?q=drone", ["/api/compendium/entries?limit=20&offset=0&q=drone"]],
  ["/assets", ["/api/assets?limit=25&offset=0", "/api/organisations?limit=500"]],
  ["/organisations", ["/api/organisations?limit=25&offset=0"]],
];

describe("a page opened directly", () => {
  it.each(PREPARED)("%s asks for its first data once", async (address, reads) => {
    const asked: string[] = [];
    const listen = (request: { url: () => string }) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/")) asked.push(`${url.pathname}${url.search}`);
    };
    page.on("request", listen);
    try {
      await open(page, bulwark.url, address, true);
    } finally {
      page.off("request", listen);
    }
    for (const read of reads)
      expect(
        asked.filter((url) => url === read),
        read,
      ).toHaveLength(1);
  });
});
