// STIX 2.1 downloads in Chromium: an operator exports the feed as filtered (AMBER only), one item
// from its page, and the asset registry; each file is a STIX bundle holding what was asked for.
import { readFileSync } from "node:fs";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { type Started, startBulwark } from "./start.ts";

const OPERATOR = "yuki.tanaka@solanopower.example";
const AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

let bulwark: Started;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  page = await signInAs(browser, bulwark.url, OPERATOR);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

interface Bundle {
  type: string;
  objects?: { type: string; id: string; object_marking_refs?: string[]; [key: string]: unknown }[];
}

async function bundleOf(download: Download): Promise<Bundle> {
  return JSON.parse(readFileSync(await download.path(), "utf8"));
}

const downloadBy = async (testId: string) =>
  (await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]))[0];

describe("STIX 2.1 downloads", () => {
  it("exports the feed as filtered", async () => {
    await page.goto(`${bulwark.url}/sharing?tlp=amber`);
    await page.getByTestId("shared-item-row").first().waitFor();
    const download = await downloadBy("feed-stix");
    expect(download.suggestedFilename()).toMatch(/^bulwark-items-\d{4}-\d{2}-\d{2}\.stix\.json$/);
    const bundle = await bundleOf(download);
    expect(bundle.type).toBe("bundle");
    const items = (bundle.objects ?? []).filter((o) => o.type === "report" || o.type === "incident");
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.object_marking_refs).toEqual([AMBER]);
  });

  it("downloads one item from its page", async () => {
    await page.getByTestId("shared-item-row").first().getByRole("link").first().click();
    await page.getByTestId("tlp-banner").waitFor();
    const download = await downloadBy("item-stix");
    expect(download.suggestedFilename()).toMatch(/\.stix\.json$/);
    const bundle = await bundleOf(download);
    expect((bundle.objects ?? []).filter((o) => o.type === "report" || o.type === "incident")).toHaveLength(
      1,
    );
  });

  it("exports the asset registry", async () => {
    await page.goto(`${bulwark.url}/assets`);
    const download = await downloadBy("registry-stix");
    expect(download.suggestedFilename()).toMatch(/^bulwark-registry-\d{4}-\d{2}-\d{2}\.stix\.json$/);
    const bundle = await bundleOf(download);
    expect((bundle.objects ?? []).some((o) => o.type === "x-bulwark-critical-asset")).toBe(true);
    expect((bundle.objects ?? []).some((o) => o.type === "infrastructure")).toBe(false);
  });
});
