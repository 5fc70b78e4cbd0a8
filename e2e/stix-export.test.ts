// STIX 2.1 downloads in Chromium: an operator exports the feed as filtered (AMBER only), one item
// from its page, and the asset registry; each file is a STIX bundle holding what was asked for.
// An indicator composed with a STIX pattern (a broken one refused as it is typed) shows the
// pattern on its page and downloads as a STIX indicator.
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
  it("composes an indicator with a STIX pattern and downloads it as a STIX indicator", async () => {
    const pattern =
      "[ipv4-addr:value = '203.0.113.9/32'] FOLLOWEDBY [domain-name:value = 'relay.example.com']";
    await page.goto(`${bulwark.url}/sharing/new`);
    await page.getByRole("textbox", { name: "Type" }).click();
    await page.getByRole("option", { name: "Indicator" }).click();
    await page.getByRole("textbox", { name: "Title" }).fill("Relay used against turbine controllers");
    const field = page.getByRole("textbox", { name: "STIX pattern" });
    await field.fill("[ipv4-addr:value = '203.0.113.9/32'");
    await page.getByText("Expected ']' to close the observation expression").waitFor();
    await field.fill(pattern);
    await page.getByText("Expected ']'").waitFor({ state: "detached" });
    await page.getByRole("textbox", { name: "Communities" }).click();
    await page.getByRole("option", { name: "Energy sector – national" }).click();
    await page.keyboard.press("Escape");
    await Promise.all([
      page.waitForURL(/\/sharing\/[0-9a-f-]{36}$/),
      page.getByRole("button", { name: "Send" }).click(),
    ]);
    await expect(page.getByTestId("stix-pattern").textContent()).resolves.toBe(pattern);
    const bundle = await bundleOf(await downloadBy("item-stix"));
    expect((bundle.objects ?? []).filter((o) => o.type === "indicator")).toEqual([
      expect.objectContaining({ pattern, pattern_type: "stix", pattern_version: "2.1" }),
    ]);
  });
});
