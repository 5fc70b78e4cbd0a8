// Incidents in Chromium, the path a person walks: the national authority's watch desk has the
// incident list open; a grid operator's duty officer fills in the first notice of a substation
// down, loses the network as they send it, sees that it waits in the browser, and it goes out when
// the network returns; the watch desk sees it appear without a reload, opens it, sees what the
// cascade takes down next and the deadline of the first report, acknowledges it, and downloads the
// incident's report so far, and records the substation restored; a bank outside the audience sees
// none of it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { type Started, startBulwark } from "./start.ts";

const AUTHORITY = "tomas.varga@ncipa.meridia.example";
const AUTHORITY_NAME = "National Critical Infrastructure Protection Authority";
const OPERATOR = "fatima.nasser@meridiagrid.example";
const SUBSTATION = { ref: "XM-EL-SUB-0001", name: "Ulohaven 1 161 kV Substation" };
const TITLE = "Both transformers tripped at Ulohaven 1";
const OUTSIDER = "hugo.lambert@coastalbank.example";
const NOT_FOUND = "This incident does not exist, or you may not see it.";
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

/** Critical and serious axe-core violations in the page's main content (rule and elements). */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: { run(context: unknown): Promise<AxeResult> } };
    const result = await axe.run({ include: ["main"] });
    return result.violations
      .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
      .map((violation) => `${violation.id} ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
}

const live = (page: Page) => page.getByRole("status").getByText("Live", { exact: true }).waitFor();

describe("an incident from the first notice to the watch desk", () => {
  it("is filed offline by the operator, arrives live at the authority, which sees the projection and the deadline, records the restoration, and stays out of a bank's sight", async () => {
    const [desk, officer] = await Promise.all([
      // axe-core is injected as a script: the test contexts let it past the app's CSP.
      signInAs(browser, bulwark.url, AUTHORITY, { bypassCSP: true }),
      signInAs(browser, bulwark.url, OPERATOR, { bypassCSP: true }),
    ]);
    await desk.goto(`${bulwark.url}/incidents`);
    await desk.getByRole("heading", { name: "Incidents", level: 2 }).waitFor();
    await live(desk);
    expect(await desk.getByText(TITLE).count()).toBe(0);
    expect(await violations(desk)).toEqual([]);

    // The officer finds the form from the incident list.
    await officer.goto(`${bulwark.url}/incidents`);
    await officer.getByRole("link", { name: "Report an incident" }).click();
    await officer.getByRole("heading", { name: "Report an incident", level: 2 }).waitFor();
    expect(await violations(officer)).toEqual([]);
    await officer.getByRole("textbox", { name: "Title" }).fill(TITLE);
    await officer
      .getByRole("textbox", { name: "Description" })
      .fill("Protection tripped both transformers; the control room lost the substation.");
    await officer.getByRole("textbox", { name: "Asset", exact: true }).fill("Ulohaven 1 161");
    await officer.getByRole("option", { name: `${SUBSTATION.name} (${SUBSTATION.ref})` }).click();
    // The officer proposes a severity; the authority will set it.
    await officer.getByRole("textbox", { name: "Proposed severity" }).click();
    await officer.getByRole("option", { name: /^Major — / }).click();
    await officer.getByRole("radio", { name: "TLP:AMBER", exact: true }).check();
    await officer.getByRole("textbox", { name: "Organisations that receive it" }).click();
    await officer.getByRole("option", { name: AUTHORITY_NAME }).click();
    await officer.keyboard.press("Escape");

    // No network at the moment of sending: the notice waits in the browser, and the page says so.
    await officer.context().setOffline(true);
    await officer.getByRole("button", { name: "Send the notice" }).click();
    const queued = officer.getByTestId("queued-notices");
    try {
      await queued.getByText("1 notice waits in this browser to be sent.").waitFor({ timeout: 5000 });
    } catch (error) {
      await officer.screenshot({ path: "/tmp/incweb-shot.png", fullPage: true });
      throw error;
    }
    await queued.getByText(/kept in this browser/).waitFor();
    expect(await desk.getByText(TITLE).count()).toBe(0);

    // The network returns: the notice goes out by itself.
    await officer.context().setOffline(false);
    await officer.getByText(`The notice “${TITLE}” was sent.`).waitFor({ timeout: 15_000 });
    await queued.waitFor({ state: "detached" });

    // The watch desk's open list shows it without a reload, and the desk opens it.
    const row = desk.getByTestId("incident-row").filter({ hasText: TITLE });
    await row.waitFor({ timeout: 10_000 });
    await expect(row.getByTestId("incident-state").textContent()).resolves.toBe("Reported");
    await expect(row.getByTestId("incident-severity").textContent()).resolves.toBe("Major (proposed)");
    await expect(row.getByTestId("incident-asset-count").textContent()).resolves.toBe("1");
    await row.getByRole("link", { name: TITLE }).click();
    await desk.getByRole("heading", { name: TITLE, level: 2 }).waitFor();
    await desk
      .getByTestId("incident-asset")
      .filter({ hasText: SUBSTATION.name })
      .getByText("Down", { exact: true })
      .waitFor();

    // What fails next, and when.
    const projection = desk.getByTestId("incident-projection");
    await projection.getByRole("heading", { name: "What fails next" }).waitFor();
    await expect(projection.getByTestId("projection-totals").textContent()).resolves.toMatch(
      /^Within 72 hours — assets failed: \d[\d,]*; people without service: [\d,]+\.$/,
    );
    expect(await projection.getByTestId("projected-failure").count()).toBeGreaterThan(0);
    // The same on the map: the substation down, what it takes down next.
    await projection.getByText("Down (reported)", { exact: true }).waitFor();
    await projection.getByText("Projected to fail within 72 hours", { exact: true }).waitFor();

    // The reports the regime asks for: the next one's deadline, with the time left.
    const obligations = desk.getByTestId("incident-obligations");
    await obligations.getByRole("heading", { name: "Reporting obligations" }).waitFor();
    const next = obligations.locator('[data-testid="obligation"][data-status="pending"]').first();
    await next.waitFor();
    await expect(next.getByTestId("obligation-left").textContent()).resolves.toMatch(
      /^(\d+ days?( \d+ hours?)?|\d+ hours?( \d+ minutes?)?|\d+ minutes?) left$/,
    );
    expect(await violations(desk)).toEqual([]);

    // The authority acknowledges it; the state moves on.
    await desk.getByRole("button", { name: "Move to “Acknowledged”" }).click();
    await desk
      .getByTestId("incident-state-panel")
      .getByTestId("incident-state")
      .getByText("Acknowledged")
      .waitFor();

    // The authority sets the severity the officer proposed higher.
    const severity = desk.getByTestId("incident-severity-panel");
    await severity.getByRole("textbox", { name: "Severity level" }).click();
    await desk.getByRole("option", { name: "Critical", exact: true }).click();
    await severity.getByRole("button", { name: "Set the severity" }).click();
    await severity.getByText("Set by the authority.", { exact: true }).waitFor();
    await expect(severity.getByTestId("incident-severity").textContent()).resolves.toBe("Critical");

    // The incident's report so far, as a PDF the browser downloads.
    const [download] = await Promise.all([
      desk.waitForEvent("download"),
      desk.getByTestId("incident-report").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bulwark-incident-report-.*\.pdf$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString()).toBe("%PDF-");

    // The desk records the substation restored (the form's defaults: the first asset, now).
    const assets = desk.getByTestId("incident-assets");
    await assets.getByRole("button", { name: "Record" }).click();
    await desk
      .getByTestId("incident-asset")
      .filter({ hasText: SUBSTATION.name })
      .getByText("Restored", { exact: true })
      .waitFor();

    // A bank outside the audience sees nothing: not in its list, and not at the incident's address.
    const address = desk.url();
    const bank = await signInAs(browser, bulwark.url, OUTSIDER);
    await bank.goto(`${bulwark.url}/incidents`);
    await bank.getByRole("heading", { name: "Incidents", level: 2 }).waitFor();
    await bank.waitForLoadState("networkidle");
    expect(await bank.getByText(TITLE).count()).toBe(0);
    await bank.goto(address);
    await bank.getByText(NOT_FOUND).waitFor();
    expect(await bank.getByText(TITLE).count()).toBe(0);
    expect(await bank.getByText(SUBSTATION.name).count()).toBe(0);
  });
});
