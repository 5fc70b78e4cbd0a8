// The incident board in Chromium, three people at once on one incident: the police's
// counter-terrorism unit, the national authority's coordinator and the grid operator's duty
// coordinator. The police log an AMBER+STRICT entry that never reaches the operator (nor the
// authority); the authority logs a CLEAR significant event that reaches both others live; the
// authority tasks the operator's organisation, the operator accepts, the authority sees the
// acknowledgement live, and the operator finds the task in their follow-up tracker. The incident is
// filed through the API (the incidents e2e walks that form); the board passes axe-core.
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { type Started, startBulwark } from "./start.ts";

const POLICE = "daniel.okoro@ctu.police.meridia.example";
const AUTHORITY = "tomas.varga@ncipa.meridia.example";
const OPERATOR = "fatima.nasser@meridiagrid.example";
const OPERATOR_ORGANISATION = "Meridia Grid – National Transmission System Operator";
const TITLE = "Intruders at Ulohaven 1 substation";
const POLICE_NOTE = "Suspect vehicle plate traced; surveillance under way (police only).";
const AUTHORITY_NOTE = "Regional crisis cell activated; press line agreed.";
const TASK = "Send the substation's access logs of the last 72 hours";
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

/** Calls the API from `page`, with its session and CSRF token, as the web app does. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/me")).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: {
          "x-csrf-token": me.csrfToken,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return response.json();
    },
    { method, path, body },
  ) as Promise<T>;
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

type Listing = { items: { id: string; name: string; ref?: string }[] };

const live = (page: Page) => page.getByRole("status").getByText("Live", { exact: true }).waitFor();
const entry = (page: Page, text: string) => page.getByTestId("log-entry").filter({ hasText: text });

async function writeEntry(page: Page, text: string, marking: string, significant = false) {
  const log = page.getByTestId("incident-log");
  await log.getByRole("textbox", { name: "New entry" }).fill(text);
  await log.getByRole("radio", { name: marking, exact: true }).check();
  if (significant) await log.getByRole("checkbox", { name: "Flag as a significant event" }).check();
  await log.getByRole("button", { name: "Add to the log" }).click();
}

describe("the incident board, three organisations at once", () => {
  it("keeps the police's AMBER+STRICT entry to the police, shows a CLEAR one to all live, and a task accepted live", async () => {
    const [police, authority, operator] = await Promise.all([
      signInAs(browser, bulwark.url, POLICE),
      // axe-core is injected as a script: this context lets it past the app's CSP.
      signInAs(browser, bulwark.url, AUTHORITY, { bypassCSP: true }),
      signInAs(browser, bulwark.url, OPERATOR),
    ]);

    // The operator files the incident to the authority and the police (set up through the API).
    const [organisations, assets] = await Promise.all([
      api<Listing>(operator, "GET", "/api/organisations?limit=100"),
      api<Listing>(operator, "GET", "/api/assets?q=XM-EL-SUB-0001&limit=5"),
    ]);
    const idOf = (name: string) => {
      const found = organisations.items.find((organisation) => organisation.name === name);
      if (!found) throw new Error(`No organisation ${name}`);
      return found.id;
    };
    const substation = assets.items.find((asset) => asset.ref === "XM-EL-SUB-0001");
    if (!substation) throw new Error("The demo substation is missing.");
    const now = new Date().toISOString();
    const incident = await api<{ id: string }>(operator, "POST", "/api/incidents", {
      title: TITLE,
      type: "sabotage",
      startedAt: now,
      awareAt: now,
      regime: "eu-cer-article-15",
      tlp: "amber",
      audience: {
        organisationIds: [
          idOf("National Critical Infrastructure Protection Authority"),
          idOf("National Police – Counter-Terrorism Unit"),
        ],
      },
      suspectedCause: "attack",
      threatFamily: "sabotage",
      assets: [{ assetId: substation.id, status: "down", at: now }],
    });

    await Promise.all(
      [police, authority, operator].map(async (page) => {
        await page.goto(`${bulwark.url}/incidents/${incident.id}`);
        await page.getByRole("heading", { name: TITLE, level: 2 }).waitFor();
        await live(page);
        await page.getByTestId("incident-log").getByText("Nothing logged yet.").waitFor();
      }),
    );

    // The police keep their lead to themselves.
    await writeEntry(police, POLICE_NOTE, "TLP:AMBER+STRICT");
    await entry(police, POLICE_NOTE).getByText("TLP:AMBER+STRICT").waitFor();

    // The authority's CLEAR, significant entry reaches everyone without a reload.
    await writeEntry(authority, AUTHORITY_NOTE, "TLP:CLEAR", true);
    for (const page of [authority, police, operator]) {
      const shown = entry(page, AUTHORITY_NOTE);
      await shown.waitFor({ timeout: 15_000 });
      await shown.getByText("TLP:CLEAR").waitFor();
      await shown.getByText("Significant", { exact: true }).waitFor();
    }
    // By now the operator's and the authority's logs were fetched after the police's entry: it is not there.
    expect(await entry(operator, POLICE_NOTE).count()).toBe(0);
    expect(await entry(authority, POLICE_NOTE).count()).toBe(0);
    await expect(
      operator.getByTestId("incident-log").getByText("1 entry you may read").count(),
    ).resolves.toBe(1);
    await expect(
      police.getByTestId("incident-log").getByText("2 entries you may read").count(),
    ).resolves.toBe(1);

    // The authority tasks the operator's organisation.
    const tasks = authority.getByTestId("incident-tasks");
    await tasks.getByRole("textbox", { name: "Task" }).fill(TASK);
    await tasks.getByRole("textbox", { name: "Assign to" }).click();
    await authority.getByRole("option", { name: OPERATOR_ORGANISATION }).click();
    await tasks.getByRole("button", { name: "Assign", exact: true }).click();
    const assigned = authority.getByRole("listitem", { name: TASK });
    await assigned.getByTestId("task-status").getByText("Open").waitFor();

    // The operator sees it arrive and accepts it; the authority sees the acknowledgement live.
    const received = operator.getByRole("listitem", { name: TASK });
    await received.waitFor({ timeout: 15_000 });
    await received.getByText(`For ${OPERATOR_ORGANISATION}`).waitFor();
    await received.getByRole("button", { name: "Accept" }).click();
    await received.getByTestId("task-status").getByText("Acknowledged").waitFor();
    await assigned.getByTestId("task-status").getByText("Acknowledged").waitFor({ timeout: 15_000 });
    await assigned.getByTestId("task-acknowledged").waitFor();
    expect(await violations(authority)).toEqual([]);
    // The police see the task but may not move it on.
    const seenByPolice = police.getByRole("listitem", { name: TASK });
    await seenByPolice.getByTestId("task-status").getByText("Acknowledged").waitFor({ timeout: 15_000 });
    expect(await seenByPolice.getByRole("button").count()).toBe(0);

    // The task is in the operator's follow-up tracker too, with its incident.
    await operator.goto(`${bulwark.url}/events/actions`);
    const tracked = operator.getByTestId("tracked-task").filter({ hasText: TASK });
    await tracked.getByRole("link", { name: TITLE }).waitFor();
    await tracked.getByText("Acknowledged").waitFor();
  });
});
