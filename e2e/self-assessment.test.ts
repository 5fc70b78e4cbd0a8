// A self-assessment in Chromium: a coordinator of Meridia's crisis centre starts a run of the
// resolution 2341 framework, answers questions in two sections (each saves as it goes), submits it,
// and reads the section scores and the recommended entries on the results page, checked against
// what the API computes for the same run; then downloads the PDF report through its button and
// reads its text back with a PDF text extractor.
import { readFileSync } from "node:fs";
import { type Client, createClient } from "@bulwark/contracts";
import { PDFParse } from "pdf-parse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const COORDINATOR = "meilin.zhou@crisis.interior.meridia.example";

let bulwark: Started;
let browser: Browser;
let api: Client;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  api = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await api.call("login", { body: { email: COORDINATOR, password: DEMO_PASSWORD } });
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

const signIn = (email: string): Promise<Page> =>
  signInAs(browser, bulwark.url, email, { viewport: { width: 1300, height: 1000 } });

/** A question's card on the run page. */
const card = (page: Page, questionId: string) => page.locator(`[data-question="${questionId}"]`);
const saved = (page: Page, questionId: string) =>
  card(page, questionId).locator('[data-save-state="saved"]').waitFor();

describe("self-assessment in the browser", () => {
  it("starts a run, answers, submits and shows section scores with recommended entries", async () => {
    const page = await signIn(COORDINATOR);
    await page.getByRole("link", { name: "Self-assessment", exact: true }).click();
    await page
      .getByRole("button", { name: /Start a self-assessment: Protecting critical infrastructure/ })
      .click();
    await page.waitForURL(/\/self-assessment\/runs\/[0-9a-f-]+$/);
    const runId = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    // National strategy and governance: a maturity level and a yes.
    await card(page, "strategy-document").getByRole("radio", { name: /^3 – / }).check();
    await saved(page, "strategy-document");
    await card(page, "strategy-lead").getByText("Yes", { exact: true }).click();
    await saved(page, "strategy-lead");

    // Risk assessment: a maturity level and a figure against its target.
    await page
      .getByRole("navigation", { name: "Sections" })
      .getByText("Risk assessment and management")
      .click();
    await card(page, "risk-national").getByRole("radio", { name: /^2 – / }).check();
    await saved(page, "risk-national");
    await card(page, "risk-operators").getByRole("textbox", { name: "Answer" }).fill("50");
    await saved(page, "risk-operators");

    // Submit, consenting to the anonymised comparison.
    await page.getByRole("button", { name: "Submit" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("checkbox").check();
    await dialog.getByRole("button", { name: "Submit" }).click();
    await page.getByText(/read-only/).waitFor();

    // What the API computes for this run is what the results page shows.
    const expected = await api.call("getRunResults", { params: { id: runId } });
    expect(expected.run.state).toBe("submitted");
    const strategy = expected.sections.find((section) => section.sectionId === "strategy");
    const risk = expected.sections.find((section) => section.sectionId === "risk");
    // strategy: (0.6 x 5 + 1 x 3) / 8; risk: (0.4 x 5 + 0.5 x 3) / 8
    expect(strategy?.score).toBeCloseTo(0.75);
    expect(risk?.score).toBeCloseTo(0.4375);

    await page.getByRole("link", { name: "Results" }).click();
    await page.waitForURL(/\/results$/);
    await expect.poll(() => page.locator('[data-section="strategy"]').textContent()).toContain("75%");
    expect(await page.locator('[data-section="risk"]').textContent()).toContain("44%");
    expect(await page.locator('[data-section="legal"]').textContent()).toContain("Not answered");
    expect(await page.getByRole("img", { name: "Radar chart of the scores by section" }).count()).toBe(1);

    // The largest gap and its recommended entries, as the API lists them.
    const first = expected.gaps[0];
    if (!first) throw new Error("a gap was expected");
    const gap = page.locator(`[data-gap="${first.questionId}"]`);
    await gap.waitFor();
    expect(first.entries.length).toBeGreaterThan(0);
    for (const entry of first.entries) await gap.getByRole("link", { name: entry.title }).waitFor();

    // The report holds the same scores and the annex of answers.
    await page.getByRole("link", { name: "Report", exact: true }).click();
    await page.getByText("Annex: answers").waitFor();
    const report = await page.locator("article").textContent();
    expect(report).toContain("75%");
    expect(report).toContain(first.entries[0]?.title ?? "");
    expect(report).toContain("50 percent");

    // The PDF report, downloaded through its button, holds the same scores and recommended entries.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bulwark-self-assessment-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const printed = (await parser.getText()).text;
    await parser.destroy();
    // Long titles wrap in table cells: compared without white space.
    const squeezed = printed.replace(/\s+/g, "");
    expect(squeezed).toContain("Nationalstrategyandgovernance(75%)");
    expect(squeezed).toContain("Riskassessmentandmanagement(44%)");
    expect(printed).toContain(`Overall score: ${Math.round((expected.overall ?? 0) * 100)} %`);
    for (const entry of first.entries) expect(squeezed).toContain(entry.title.replace(/\s+/g, ""));
    expect(printed).toContain("50 percent");
  }, 180_000);

  it("keeps answers given offline in the browser and sends them when the network returns", async () => {
    const run = await api.call("createRun", { body: { frameworkId: "unsc-2341", title: "Offline run" } });
    const page = await signIn(COORDINATOR);
    await page.goto(`${bulwark.url}/self-assessment/runs/${run.id}`);
    await card(page, "strategy-document").waitFor();

    await page.context().setOffline(true);
    await page.locator('[data-sync="offline"]').waitFor();
    await card(page, "strategy-document").getByRole("radio", { name: /^4 – / }).check();
    await card(page, "strategy-document").locator('[data-save-state="offline"]').waitFor();
    await page.getByText("1 answer saved offline, waiting to be sent.").waitFor();
    // Nothing reached the server.
    expect((await api.call("getRun", { params: { id: run.id } })).answers).toEqual([]);

    await page.context().setOffline(false);
    await page.locator('[data-sync="synced"]').waitFor();
    const stored = await api.call("getRun", { params: { id: run.id } });
    expect(stored.answers.map((answer) => [answer.questionId, answer.value, answer.version])).toEqual([
      ["strategy-document", { type: "maturity", level: 4 }, 1],
    ]);
    await page.context().close();
  }, 120_000);
});
