// TAXII subscriptions in Chromium: the national authority's coordinator subscribes the energy
// community to the water community's collection on the same Bulwark over TAXII 2.1 (a real HTTP
// pull through /taxii2/), tests the connection, saves, pulls now and sees the run; a bank outside
// the energy community sees none of it.
import { type Client, createClient } from "@bulwark/contracts";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const COORDINATOR = "tomas.varga@ncipa.meridia.example";
const OUTSIDER = "hugo.lambert@coastalbank.example";
const NAME = "Water sector feed";

let bulwark: Started;
let browser: Browser;
let api: Client;
let water = "";

beforeAll(async () => {
  // The subscription pulls from this same Bulwark on loopback, which the outbound guard refuses
  // unless an administrator allows it.
  [bulwark, browser] = await Promise.all([
    startBulwark({ BULWARK_OUTBOUND_ALLOW: "127.0.0.1" }),
    launchChromium(),
  ]);
  api = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await api.call("login", { body: { email: COORDINATOR, password: DEMO_PASSWORD } });
  const communities = await api.call("listCommunities", { query: { limit: 100 } });
  water = communities.items.find((community) => community.name === "Water sector – national")?.id ?? "";
  await api.call("importStixBundle", {
    query: { collection: water },
    body: {
      type: "bundle",
      id: "bundle--6c0f0c39-3a4f-4d62-9a43-4d7e4b2d9f10",
      objects: [
        {
          type: "indicator",
          spec_version: "2.1",
          id: "indicator--2f5b0b8e-7f3e-4a8b-9b7e-1d6c3f1a9e42",
          created: "2026-11-20T08:00:00.000Z",
          modified: "2026-11-20T08:00:00.000Z",
          name: "Chlorine store reconnaissance",
          pattern: "[ipv4-addr:value = '203.0.113.7']",
          pattern_type: "stix",
          valid_from: "2026-11-20T08:00:00.000Z",
          object_marking_refs: ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],
        },
      ],
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

describe("a TAXII subscription", () => {
  it("is tested, saved and pulled by a coordinator of the community", async () => {
    expect(water).not.toBe("");
    const page = await signInAs(browser, bulwark.url, COORDINATOR);
    await page.goto(`${bulwark.url}/sharing`);
    await page.getByRole("link", { name: "TAXII subscriptions" }).click();
    await page.getByRole("button", { name: "Subscribe a community" }).click();
    await page.getByRole("textbox", { name: "Community that receives" }).click();
    await page.getByRole("option", { name: "Energy sector – national" }).click();
    await page.getByRole("textbox", { name: "Name" }).fill(NAME);
    await page.getByRole("textbox", { name: "API root URL" }).fill(`${bulwark.url}/taxii2/api/`);
    await page.getByRole("textbox", { name: "Collection id" }).fill(water);
    await page.getByRole("textbox", { name: "User" }).fill(COORDINATOR);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText("The remote lets these credentials read the collection.").waitFor();
    // Off schedule, so the server's own scheduler cannot run it between Save and Pull now.
    await page.getByRole("switch", { name: "Pull on schedule" }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    const row = page.getByRole("row").filter({ hasText: NAME });
    await row.waitFor();
    await row.getByRole("button", { name: "Pull now" }).click();
    await row.getByText("1 added, 0 already held, 0 refused of 1").waitFor();
    await row.getByText("OK", { exact: true }).waitFor();
    await row.getByText("Off", { exact: true }).waitFor();
  });

  it("is not seen by people outside the community", async () => {
    const page = await signInAs(browser, bulwark.url, OUTSIDER);
    await page.goto(`${bulwark.url}/sharing/taxii`);
    await page.getByText("None of your communities pulls from a remote TAXII collection.").waitFor();
    await expect(page.getByText(NAME).count()).resolves.toBe(0);
  });
});
