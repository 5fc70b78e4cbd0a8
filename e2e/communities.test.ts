// Community invitations in Chromium: the national authority's coordinator makes a community and
// names a bank; the bank is only invited (its analyst sees nothing of it) until the bank's
// organisation administrator accepts on the communities page.
import { type Client, createClient } from "@bulwark/contracts";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const COORDINATOR = "tomas.varga@ncipa.meridia.example";
const BANK_ADMIN = "victoria.adjei@coastalbank.example";
const BANK_ANALYST = "hugo.lambert@coastalbank.example";
const NAME = "Coastal resilience";

let bulwark: Started;
let browser: Browser;
let coordinator: Client;
let analyst: Client;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  coordinator = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await coordinator.call("login", { body: { email: COORDINATOR, password: DEMO_PASSWORD } });
  analyst = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await analyst.call("login", { body: { email: BANK_ANALYST, password: DEMO_PASSWORD } });
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

describe("a community invitation", () => {
  it("keeps the bank out until its administrator accepts on the communities page", async () => {
    const bank = (await coordinator.call("listOrganisations", { query: { q: "Coastal" } })).items[0];
    expect(bank).toBeDefined();
    const created = await coordinator.call("createCommunity", {
      body: { name: NAME, organisationIds: [bank?.id ?? ""] },
    });
    expect(created.organisations.map((organisation) => organisation.id)).not.toContain(bank?.id);
    const names = async () =>
      (await analyst.call("listCommunities", { query: { limit: 100 } })).items.map((item) => item.name);
    expect(await names()).not.toContain(NAME);

    const page = await signInAs(browser, bulwark.url, BANK_ADMIN);
    await page.goto(`${bulwark.url}/communities`);
    const invitations = page.getByTestId("community-invitations");
    await invitations.getByText("1 pending invitation to a community").waitFor();
    await invitations.getByRole("button", { name: `Accept ${NAME}` }).click();
    await page.getByRole("button", { name: `Open ${NAME}` }).waitFor();
    expect(await names()).toContain(NAME);
  });
});
