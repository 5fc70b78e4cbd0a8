// STIX import in Chromium and the TAXII server over a real socket: the national authority's
// coordinator imports a MISP-shaped bundle (one TLP:RED object in it) into the energy community
// from the sharing pages and sees the counts and the refusal; a TAXII client then reads the same
// collection with HTTP Basic as the demo platform admin, and a client without credentials gets
// 401 with a challenge, never a redirect to the sign-in page.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, ROOT, type Started, startBulwark } from "./start.ts";

const AGENCY = "tomas.varga@ncipa.meridia.example";
const COMMUNITY = "Energy sector – national";
const MEDIA = "application/taxii+json;version=2.1";
const RED = "indicator--7c1b9d3e-2f4a-4b5c-8d6e-9f0a1b2c3d4e";

let bulwark: Started;
let browser: Browser;
let file = "";

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  const bundle = JSON.parse(
    readFileSync(join(ROOT, "apps/server/src/stix/fixtures/misp-event.json"), "utf8"),
  );
  bundle.objects.push({
    type: "indicator",
    spec_version: "2.1",
    id: RED,
    created: "2026-03-02T10:00:00.000Z",
    modified: "2026-03-02T10:00:00.000Z",
    pattern: "[ipv4-addr:value = '192.0.2.200']",
    pattern_type: "stix",
    valid_from: "2026-03-02T10:00:00Z",
    object_marking_refs: ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"],
  });
  file = join(mkdtempSync(join(tmpdir(), "bulwark-stix-")), "misp-event-with-red.json");
  writeFileSync(file, JSON.stringify(bundle));
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

describe("STIX import and TAXII", () => {
  it("imports a bundle from the sharing pages and shows what was refused", async () => {
    const page = await signInAs(browser, bulwark.url, AGENCY);
    await page.goto(`${bulwark.url}/sharing`);
    await page.getByRole("link", { name: "Import STIX" }).click();
    await page.getByRole("textbox", { name: "Community" }).click();
    await page.getByRole("option", { name: COMMUNITY }).click();
    await page.locator('input[type="file"]').setInputFiles(file);
    const answered = page.waitForResponse((response) => response.url().includes("/api/sharing/stix/imports"));
    await page.getByRole("button", { name: "Import", exact: true }).click();
    expect((await answered).status()).toBe(200);
    const result = page.getByRole("status", { name: "Import result" });
    await result.getByText("Refused", { exact: true }).waitFor();
    await expect(result.textContent()).resolves.toMatch(/Objects in the bundle10Added9Already held0/);
    await result.getByText(RED).waitFor();
    await result.getByText(/TLP:RED objects are for named people only/).waitFor();
  });

  it("shows what the collection holds, with an object's JSON in a drawer", async () => {
    const page = await signInAs(browser, bulwark.url, AGENCY);
    await page.goto(`${bulwark.url}/sharing`);
    await page.getByRole("link", { name: "Collections", exact: true }).click();
    await page.getByRole("textbox", { name: "Collection", exact: true }).click();
    await page.getByRole("option", { name: COMMUNITY }).click();
    // The demo's own alert to the community, put there by Bulwark, links to its shared item.
    const alert = page.getByRole("row", { name: /Night-time drone overflights at 161 kV substations/ });
    await alert.getByRole("link", { name: "Bulwark item" }).waitFor();
    const search = page.getByRole("textbox", { name: "Search names" });
    await search.fill("Phishing wave");
    await search.press("Enter");
    await alert.waitFor({ state: "detached" });
    const name = "Phishing wave against example.com users (documentation example)";
    await page.getByRole("button", { name }).click();
    const drawer = page.getByRole("dialog", { name });
    await drawer.getByText(/"type": "report"/).waitFor();
  });

  it("serves the collection to a TAXII client with HTTP Basic, and 401 without", async () => {
    const auth = `Basic ${Buffer.from(`admin@bulwark.example:${DEMO_PASSWORD}`).toString("base64")}`;
    const collections = await fetch(`${bulwark.url}/taxii2/api/collections/`, {
      headers: { authorization: auth, accept: MEDIA },
    });
    expect(collections.status).toBe(200);
    expect(collections.headers.get("content-type")).toBe(MEDIA);
    const { collections: list } = (await collections.json()) as {
      collections: { id: string; title: string }[];
    };
    const energy = list.find((collection) => collection.title === COMMUNITY);
    if (!energy) throw new Error("The energy collection is missing.");
    const objects = await fetch(
      `${bulwark.url}/taxii2/api/collections/${energy.id}/objects/?match[type]=report`,
      {
        headers: { authorization: auth, accept: MEDIA },
      },
    );
    // The bundle imported above, and the demo's own AMBER alert to the energy community, which
    // Bulwark put in the collection when it was published.
    const envelope = (await objects.json()) as { objects: { name: string }[] };
    expect(envelope.objects.map((object) => object.name).sort()).toEqual([
      "Night-time drone overflights at 161 kV substations",
      "Phishing wave against example.com users (documentation example)",
    ]);
    const stranger = await fetch(`${bulwark.url}/taxii2/api/collections/`, {
      headers: { accept: MEDIA },
      redirect: "manual",
    });
    expect(stranger.status).toBe(401);
    expect(stranger.headers.get("www-authenticate")).toMatch(/^Basic realm="Bulwark TAXII"/);
  });
});
