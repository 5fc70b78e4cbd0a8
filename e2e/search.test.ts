// Search everything in Chromium: Ctrl+K opens the palette, typing finds the demo's drone alert,
// the keyboard picks it and it opens; the palette and the glossary drawer pass axe-core.
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { type Started, startBulwark } from "./start.ts";

const COORDINATOR = "tomas.varga@ncipa.meridia.example";
const ALERT = "Night-time drone overflights at 161 kV substations";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let bulwark: Started;
let browser: Browser;
beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown }[] }[];
}

/** Critical and serious axe-core violations inside `selector` (rule and elements). */
async function violations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (within) => {
    const { axe } = globalThis as unknown as { axe: { run(context: unknown): Promise<AxeResult> } };
    const result = await axe.run({ include: [within] });
    return result.violations
      .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
      .map((violation) => `${violation.id} ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  }, selector);
}

describe("search everything in the browser", () => {
  it("opens with Ctrl+K, finds the drone alert, and Enter opens it", async () => {
    // axe-core is injected as a script: the test context lets it past the app's CSP.
    const page = await signInAs(browser, bulwark.url, COORDINATOR, { bypassCSP: true });
    await page.keyboard.press("Control+K");
    const box = page.getByRole("combobox", { name: /Search assets/ });
    await box.waitFor();
    expect(await box.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await box.fill("night-time drone");
    const first = page.getByRole("option", { selected: true });
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toContain(ALERT);
    expect(await box.getAttribute("aria-activedescendant")).toBe(await first.getAttribute("id"));
    expect(await violations(page, "[role=dialog]")).toEqual([]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/sharing\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: ALERT }).waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);

    // Where a page names a standard, the word opens its explanation in the glossary.
    await page.goto(`${bulwark.url}/sharing`);
    await page.getByRole("button", { name: "TLP", exact: true }).click();
    await page.getByTestId("glossary-tlp").getByText("TLP (Traffic Light Protocol)").waitFor();
    await page.getByTestId("glossary-amberStrict").getByText("TLP:AMBER+STRICT").waitFor();
    expect(await violations(page, "[role=dialog]")).toEqual([]);
    await page.keyboard.press("Escape");
  });
});
