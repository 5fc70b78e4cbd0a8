// The incident board's reports in Chromium, three browsers at once on one incident: the police
// (counter-terrorism unit), the national authority's watch desk and the grid operator that filed it.
// The police register an evidence item (the browser computes the file's SHA-256); the operator asks
// the authority for generators, the authority approves and assigns them, and when their delivery is
// confirmed the operator's page says "Delivered" without a reload; the authority drafts a situation
// report, is told why it may not approve it itself, a colleague approves it, it is sent, and the
// operator receives it live. The operator never sees the investigation log.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { type Client, createClient } from "@bulwark/contracts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const POLICE = "daniel.okoro@ctu.police.meridia.example";
const AUTHORITY = "tomas.varga@ncipa.meridia.example";
const AUTHORITY_COLLEAGUE = "priya.raman@ncipa.meridia.example";
const OPERATOR = "fatima.nasser@meridiagrid.example";
const OPERATOR_COLLEAGUE = "henrik.aalto@meridiagrid.example";
const AUTHORITY_NAME = "National Critical Infrastructure Protection Authority";
const POLICE_NAME = "National Police – Counter-Terrorism Unit";
const TITLE = "Pylon felled on the Ulohaven 1 feeder";
const NEXT_STEPS = "Two generators on site by 18:00; line crews at dawn.";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const FILE = Buffer.from("CCTV still, pylon 41, 02:14 — e2e evidence bytes");

let bulwark: Started;
let browser: Browser;
let incidentId = "";
// The operator, a colleague of the operator and a colleague of the authority, through the API.
let operator: Client;
let operatorColleague: Client;
let approver: Client;

const signedIn = async (url: string, email: string): Promise<Client> => {
  const api = createClient({ baseUrl: url, cookieJar: true });
  await api.call("login", { body: { email, password: DEMO_PASSWORD } });
  return api;
};

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  [operator, operatorColleague, approver] = await Promise.all([
    signedIn(bulwark.url, OPERATOR),
    signedIn(bulwark.url, OPERATOR_COLLEAGUE),
    signedIn(bulwark.url, AUTHORITY_COLLEAGUE),
  ]);
  const organisations = (await operator.call("listOrganisations", { query: { limit: 500 } })).items;
  const idOf = (name: string) => {
    const found = organisations.find((o) => o.name === name);
    if (!found) throw new Error(`No organisation ${name} in the demo.`);
    return found.id;
  };
  const [asset] = (await operator.call("listAssets", { query: { q: "XM-EL-SUB-0001" } })).items;
  if (!asset) throw new Error("The demo has no Ulohaven 1 substation.");
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const incident = await operator.call("createIncident", {
    body: {
      title: TITLE,
      type: "sabotage",
      startedAt: at,
      awareAt: at,
      regime: "eu-cer-article-15",
      tlp: "amber",
      audience: { organisationIds: [idOf(AUTHORITY_NAME), idOf(POLICE_NAME)] },
      suspectedCause: "attack",
      threatFamily: "sabotage",
      assets: [{ assetId: asset.id, status: "down", at }],
    },
  });
  incidentId = incident.id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

const live = (page: Page) => page.getByRole("status").getByText("Live", { exact: true }).waitFor();

/**
 * A browser of its own signed in as `email` (the session cookie set through the API: the sign-in
 * page is walked by sign-in.test.ts), on the incident's page once it is live.
 */
async function openIncidentAs(email: string): Promise<Page> {
  // axe-core is injected as a script: the test contexts let it past the app's CSP.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
  const login = await context.request.post(`${bulwark.url}/api/auth/login`, {
    data: { email, password: DEMO_PASSWORD },
  });
  if (!login.ok()) throw new Error(`${email} could not sign in: ${login.status()}`);
  const page = await context.newPage();
  await page.goto(`${bulwark.url}/incidents/${incidentId}`);
  await page.getByRole("heading", { name: TITLE, level: 2 }).waitFor();
  await live(page);
  return page;
}

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

describe("the incident board's reports, three organisations at once", () => {
  it("carries evidence, a resource request and a situation report between police, authority and operator, live", async () => {
    const [police, desk, officer] = await Promise.all([POLICE, AUTHORITY, OPERATOR].map(openIncidentAs));
    if (!police || !desk || !officer) throw new Error("A browser did not sign in.");

    // The police register an evidence item: the browser hashes the file; only the hash goes out.
    const evidence = police.getByTestId("incident-evidence");
    await evidence.getByRole("heading", { name: "Investigation log" }).waitFor();
    const sha256 = createHash("sha256").update(FILE).digest("hex");
    await evidence
      .locator('input[type="file"]')
      .setInputFiles({ name: "pylon-41.jpg", mimeType: "image/jpeg", buffer: FILE });
    await evidence.getByTestId("evidence-computed-hash").getByText(sha256).waitFor();
    await evidence
      .getByRole("textbox", { name: "What it is, where and how it was obtained" })
      .fill("CCTV still of pylon 41, exported from the operator's camera system.");
    await evidence.getByRole("textbox", { name: "Collected from" }).fill("Meridia Grid control room");
    await evidence.getByRole("button", { name: "Register the item" }).click();
    await evidence.getByTestId("evidence-item").getByTestId("evidence-sha256").getByText(sha256).waitFor();

    // The operator asks the authority for generators.
    const request = officer.getByTestId("incident-resources");
    await request.getByRole("textbox", { name: "What is needed" }).fill("500 kVA generator");
    await request.getByRole("textbox", { name: "How many" }).fill("2");
    await request.getByRole("textbox", { name: "Unit" }).fill("sets");
    await request.getByRole("textbox", { name: "Where to deliver" }).fill("Ulohaven 1 substation yard");
    await request.getByRole("textbox", { name: "Organisation asked" }).fill("National Critical");
    await officer.getByRole("option", { name: AUTHORITY_NAME }).click();
    await request.getByRole("button", { name: "Send the request" }).click();
    await request.locator('[data-testid="resource-request"][data-state="requested"]').waitFor();

    // The authority sees it arrive, approves it and assigns the generators.
    const asked = desk.getByTestId("incident-resources").getByTestId("resource-request");
    await asked.and(desk.locator('[data-state="requested"]')).waitFor({ timeout: 15_000 });
    await asked.getByRole("button", { name: "Approve", exact: true }).click();
    await desk.locator('[data-testid="resource-request"][data-state="approved"]').waitFor();
    await asked
      .getByRole("textbox", { name: "Note on the request for 500 kVA generator" })
      .fill("Two sets from the national reserve.");
    await asked.getByRole("button", { name: "Assign", exact: true }).click();

    // The operator's page follows; a colleague of the operator confirms the delivery, and the
    // officer's page says so without a reload, as does the authority's.
    const mine = officer.getByTestId("incident-resources").getByTestId("resource-request");
    await mine.and(officer.locator('[data-state="assigned"]')).waitFor({ timeout: 15_000 });
    await mine.getByRole("button", { name: "Confirm delivery", exact: true }).waitFor();
    const [requested] = (await operatorColleague.call("listResourceRequests", { query: { incidentId } }))
      .items;
    if (!requested) throw new Error("The request is not visible to the operator's colleague.");
    await operatorColleague.call("updateResourceRequest", {
      params: { id: requested.id },
      body: { state: "delivered", note: "Both sets running." },
    });
    await mine
      .getByTestId("resource-state")
      .getByText("Delivered", { exact: true })
      .waitFor({ timeout: 15_000 });
    await officer
      .getByTestId("resource-deliveries")
      .getByText(/2 sets — 500 kVA generator/)
      .waitFor();
    await desk
      .locator('[data-testid="resource-request"][data-state="delivered"]')
      .waitFor({ timeout: 15_000 });

    // The authority drafts a situation report from the incident; it may not approve its own.
    const sitreps = desk.getByTestId("incident-sitreps");
    await sitreps.getByRole("button", { name: "Draft from the incident's data" }).click();
    const report = sitreps.getByTestId("sitrep-view");
    await report.getByRole("heading", { name: "Situation report 1" }).waitFor();
    await report.getByTestId("sitrep-status").getByText("Draft", { exact: true }).waitFor();
    await report
      .getByTestId("sitrep-approval-note")
      .getByText("You wrote this report: a second person of your organisation approves it, never its author.")
      .waitFor();
    expect(await report.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
    await report.getByRole("textbox", { name: "Next steps" }).fill(NEXT_STEPS);
    const saved = desk.waitForResponse(
      (response) => response.request().method() === "PATCH" && response.url().endsWith("/sitreps/1"),
    );
    await report.getByRole("button", { name: "Save the draft" }).click();
    expect((await saved).status()).toBe(200);

    // A colleague approves it (through the API); the author's page turns to "Approved" live.
    await approver.call("approveSitrep", { params: { id: incidentId, n: 1 } });
    await report
      .getByTestId("sitrep-status")
      .getByText("Approved", { exact: true })
      .waitFor({ timeout: 15_000 });
    await report.getByRole("button", { name: "Send under TLP:AMBER" }).click();
    await report.getByTestId("sitrep-status").getByText("Sent", { exact: true }).waitFor();

    // The operator receives it without a reload and reads it.
    const received = officer.getByTestId("incident-sitreps").getByTestId("sitrep-row");
    await received.getByText(`Received from ${AUTHORITY_NAME}`).waitFor({ timeout: 15_000 });
    await received.getByTestId("sitrep-status").getByText("Sent", { exact: true }).waitFor();
    await officer.getByRole("button", { name: "Open situation report 1" }).click();
    await officer.getByTestId("sitrep-view").getByText(NEXT_STEPS).waitFor();

    // The operator never sees the investigation log: not on the page, not through the API.
    expect(await officer.getByTestId("incident-evidence").count()).toBe(0);
    expect(await officer.getByText("Investigation log").count()).toBe(0);
    await expect(
      operator.call("listIncidentEvidence", { params: { id: incidentId }, query: {} }),
    ).rejects.toMatchObject({ status: 404 });

    // The panels as each side sees them pass axe-core (the sitrep open, the request delivered).
    expect([...(await violations(desk)), ...(await violations(police))]).toEqual([]);

    // The demo's closed incident offers its authority the after-action review, which passes too.
    await desk.goto(`${bulwark.url}/incidents`);
    await desk.getByRole("link", { name: "Sabotage at Ulohaven 1 161 kV substation" }).click();
    const review = desk.getByTestId("incident-review");
    await review.getByRole("textbox", { name: "What went well" }).waitFor();
    await review.getByRole("button", { name: "Add a follow-up action" }).click();
    await review.getByRole("textbox", { name: "Action 1" }).waitFor();
    expect(await violations(desk)).toEqual([]);
  }, 120_000);
});
