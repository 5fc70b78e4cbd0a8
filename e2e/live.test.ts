// Live updates in Chromium: an operator in the energy community and a bank outside it both have the
// sharing feed open; the national agency shares a GREEN report with the community; the operator's
// feed shows it within seconds without a reload, the bank's never does.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { type Started, startBulwark } from "./start.ts";

const AGENCY = "tomas.varga@ncipa.meridia.example";
const OPERATOR = "yuki.tanaka@solanopower.example";
const OUTSIDER = "hugo.lambert@coastalbank.example";
const COMMUNITY = "Energy sector – national";
const TITLE = "Unknown vehicle filmed at a converter station gate";

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
async function api(page: Page, method: string, path: string, body?: unknown): Promise<unknown> {
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
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
      return response.json();
    },
    { method, path, body },
  );
}

describe("the sharing feed, live", () => {
  it("shows an item shared with the reader without a reload, and nothing to a reader outside its audience", async () => {
    const [operator, outsider, agency] = await Promise.all([
      signInAs(browser, bulwark.url, OPERATOR),
      signInAs(browser, bulwark.url, OUTSIDER),
      signInAs(browser, bulwark.url, AGENCY),
    ]);
    for (const page of [operator, outsider]) {
      await page.goto(`${bulwark.url}/sharing`);
      await page.getByRole("status").getByText("Live", { exact: true }).waitFor();
      expect(await page.getByText(TITLE).count()).toBe(0);
    }
    const communities = (await api(agency, "GET", "/api/communities?limit=500")) as {
      items: { id: string; name: string }[];
    };
    const community = communities.items.find((entry) => entry.name === COMMUNITY);
    if (!community) throw new Error(`No community ${COMMUNITY}.`);
    const draft = (await api(agency, "POST", "/api/sharing/items", {
      type: "report",
      title: TITLE,
      body: "A van without plates stopped at the gate for ten minutes; the driver filmed the fence.",
      sectors: ["energy-electricity"],
      tlp: "green",
      audience: { communityIds: [community.id] },
    })) as { id: string };
    await api(agency, "POST", `/api/sharing/items/${draft.id}/submit`);
    // No reload: the operator's open feed fetches it when the stream says it changed.
    await operator.getByText(TITLE).waitFor({ timeout: 10_000 });
    // The bank's feed, open all along, heard nothing; a reload shows nothing either.
    expect(await outsider.getByText(TITLE).count()).toBe(0);
    await outsider.reload();
    await outsider.getByRole("status").getByText("Live", { exact: true }).waitFor();
    expect(await outsider.getByText(TITLE).count()).toBe(0);
  });
});
