// Risk assessment in Chromium: the operator of the demo substation "Quenaek 1" assesses it against
// the drone scenario. The consequence the page proposes must be what the cascade API says losing
// that substation takes down (assets lost), mapped through the organisation's methodology by
// core's own function; the saved assessment then shows in the register and on its own page, and
// its PDF report (and the register's), downloaded through the buttons, holds what was saved.
import { readFileSync } from "node:fs";
import { type Client, createClient } from "@bulwark/contracts";
import { cascadeFigures, proposeConsequence } from "@bulwark/core";
import { PDFParse } from "pdf-parse";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInOn } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const ASSESSOR = "fatima.nasser@meridiagrid.example";
const SUBSTATION = "Quenaek 1";
const TITLE = "Quenaek 1 substation against drones (browser test)";

let bulwark: Started;
let browser: Browser;
let api: Client;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  api = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await api.call("login", { body: { email: ASSESSOR, password: DEMO_PASSWORD } });
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

async function signIn(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signInOn(page, bulwark.url, ASSESSOR);
  return page;
}

/** Clicks a download link and reads the PDF's text back, white space squeezed to single spaces. */
async function downloadPdf(page: Page, link: Locator, name: RegExp): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(name);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text.replace(/\s+/g, " ");
}

describe("assessing a substation against drones", () => {
  it("proposes the consequence the cascade engine gives, and saves the assessment", async () => {
    const found = await api.call("listAssets", { query: { q: SUBSTATION, limit: 20 } });
    const substation = found.items.find((asset) => asset.name.startsWith(`${SUBSTATION} `));
    if (!substation) throw new Error(`No demo asset named ${SUBSTATION}`);
    const cascade = await api.call("cascade", { body: { assetIds: [substation.id] } });
    const { methodology } = await api.call("getRiskMethodology");
    const expected = proposeConsequence(methodology, cascadeFigures(methodology, cascade.totals));

    const page = await signIn();
    await page.getByRole("link", { name: "Risk" }).first().click();
    await page.getByRole("heading", { name: "Risk register", level: 2 }).waitFor();
    await page.getByRole("link", { name: "New assessment" }).click();
    await page.getByLabel("Title").fill(TITLE);
    const assets = page.getByRole("textbox", { name: "Assets" });
    await assets.fill(SUBSTATION);
    await page.getByRole("option", { name: `${substation.name} (${substation.ref})` }).click();
    await page.getByRole("textbox", { name: "Scenario" }).click();
    await page.getByRole("option", { name: /Drone attack on an infrastructure site/ }).click();

    const proposal = page.locator(`[data-testid="proposed-consequence"][data-level="${expected.level}"]`);
    await proposal.waitFor();
    expect(Number(await proposal.getAttribute("data-assets-lost"))).toBe(cascade.totals.assets);
    expect(await page.getByTestId("figure-assets-lost").textContent()).toBe(String(cascade.totals.assets));

    // The ratings start unrated; saving asks for each level and its rationale, and sends nothing.
    await page.getByTestId("matrix-unrated").waitFor();
    let posted = false;
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/api/risk/assessments")) posted = true;
    });
    await page.getByRole("button", { name: "Save assessment" }).click();
    expect(await page.getByText("Choose a level.").count()).toBe(2);
    expect(await page.getByText("Say why you chose this level.").count()).toBe(2);
    expect(posted).toBe(false);
    await page.getByRole("radio", { name: "4 – Likely" }).click();
    await page.getByRole("radio", { name: "4 – High" }).click();
    await page
      .getByRole("textbox", { name: "Rationale: Threat / likelihood" })
      .fill("Drone overflights of substations were reported this month.");
    await page
      .getByRole("textbox", { name: "Rationale: Vulnerability" })
      .fill("Transformers are open to the sky; no drone detection.");
    await page
      .getByTestId("matrix-legend")
      .getByText(/^Current: exposure \d, consequence \d$/)
      .waitFor();
    await page.getByRole("button", { name: "Add measure" }).click();
    await page.getByLabel("Measure 1").fill("Drone detection with a response plan");
    await page.getByRole("textbox", { name: "Compendium entry" }).fill("uncrewed aerial");
    await page.getByRole("option", { name: /Countering threats from uncrewed aerial systems/ }).click();
    await page.getByRole("textbox", { name: "Levels removed: Vulnerability" }).fill("2");
    // The consequence follows the proposal: no reason asked for.
    expect(await page.getByLabel("Reason for overriding the proposed consequence").count()).toBe(0);
    const [saved] = await Promise.all([
      page.waitForResponse(
        (response) =>
          response.url().endsWith("/api/risk/assessments") && response.request().method() === "POST",
      ),
      page.getByRole("button", { name: "Save assessment" }).click(),
    ]);
    expect(saved.status()).toBe(201);
    await page.getByRole("heading", { name: TITLE, level: 2 }).waitFor();
    await page.locator(`[data-testid="assessment-proposal"][data-level="${expected.level}"]`).waitFor();
    await page.locator(`[data-testid="rating-consequence"][data-level="${expected.level}"]`).waitFor();

    const register = await api.call("riskRegister", {});
    const row = register.items.find((item) => item.title === TITLE);
    expect(row?.ratings).toEqual({ likelihood: 4, vulnerability: 4, consequence: expected.level });
    expect(row?.scenario.slug).toBe("uas-attack-on-site");
    expect(row?.residual.ratings).toEqual({ likelihood: 4, vulnerability: 2, consequence: expected.level });
    const detail = await api.call("getRiskAssessment", { params: { id: row?.id ?? "" } });
    expect(detail.measures.map((measure) => [measure.title, measure.compendiumSlug])).toEqual([
      ["Drone detection with a response plan", "protectuk-counter-uas-guidance"],
    ]);

    // A revision is a new version; the first stays in the history.
    await page.getByRole("link", { name: "Revise" }).click();
    await page.getByRole("heading", { name: "Revise assessment", level: 2 }).waitFor();
    await page.getByRole("radio", { name: "3 – Possible" }).click();
    await page.getByLabel("What changed").fill("Threat lowered after the briefing.");
    await page.getByRole("button", { name: "Save assessment" }).click();
    const versions = page.getByTestId("versions");
    await versions.getByText("Threat lowered after the briefing.").waitFor();
    expect(await versions.locator("tbody tr").count()).toBe(2);
    const history = await api.call("listRiskAssessmentVersions", { params: { id: row?.id ?? "" } });
    expect(history.items.map((version) => version.ratings.likelihood)).toEqual([3, 4]);

    // The PDF report holds the ratings, the measure's good practice and both versions.
    const entry = await api.call("getEntry", { params: { slug: "protectuk-counter-uas-guidance" } });
    const printed = await downloadPdf(
      page,
      page.getByRole("link", { name: "Download PDF report" }),
      /^bulwark-risk-assessment-\d{4}-\d{2}-\d{2}\.pdf$/,
    );
    const squeezed = printed.replace(/ /g, "");
    expect(squeezed).toContain(TITLE.replace(/ /g, ""));
    expect(printed).toContain(`Score ${3 * 4 * expected.level} = 3 × 4 × ${expected.level}`);
    expect(squeezed).toContain(entry.title.replace(/ /g, ""));
    expect(squeezed).toContain("Threatloweredafterthebriefing.");
    expect(printed).toContain("TLP:AMBER");
    await page.close();
  });

  it("filters the register from the address and from its counts", async () => {
    const overdue = await api.call("riskRegister", { query: { review: "overdue" } });
    expect(overdue.total).toBeGreaterThan(0);
    const all = await api.call("riskRegister", {});
    const page = await signIn();
    await page.goto(`${bulwark.url}/risk?review=overdue`);
    await page.locator(`[data-testid="register-total"][data-value="${overdue.total}"]`).waitFor();
    expect(await page.getByTestId("register-row").count()).toBe(overdue.items.length);
    await page.getByTestId("register-overdue").click();
    await page.locator(`[data-testid="register-total"][data-value="${all.total}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get("review")).toBeNull();

    // The register's PDF follows the filters on the page.
    await page.goto(`${bulwark.url}/risk?review=overdue`);
    await page.locator(`[data-testid="register-total"][data-value="${overdue.total}"]`).waitFor();
    const printed = await downloadPdf(
      page,
      page.getByTestId("register-pdf"),
      /^bulwark-risk-register-\d{4}-\d{2}-\d{2}\.pdf$/,
    );
    expect(printed).toContain("filtered by review: Overdue");
    expect(printed).toContain(`Assessments: ${overdue.total}`);
    for (const item of overdue.items)
      expect(printed.replace(/ /g, "")).toContain(item.title.replace(/ /g, ""));
    await page.close();
  });
});
