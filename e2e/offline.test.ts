// The compendium without a network, in Chromium: a member signs in and opens the compendium once,
// which saves the CLEAR entries on the device. Then the network goes: the open page searches the
// saved entries; and once the server is stopped too (so nothing can answer but the service worker
// and IndexedDB), the reloaded page still starts, searches "drone" over the saved entries under an
// offline banner, and opens an entry. An AMBER entry the member may read online is never saved.
import { type Client, createClient } from "@bulwark/contracts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInOn } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const MEMBER = "fatima.nasser@meridiagrid.example";
const MODERATOR = "tomas.varga@ncipa.meridia.example";
const ENTRY = "Drone incursions closing Gatwick Airport (December 2018)";
const AMBER = "meridia-grid-drone-overflight-2025";

let bulwark: Started;
let running = false;
let browser: Browser;
let member: Client;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  running = true;
  member = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await member.call("login", { body: { email: MEMBER, password: DEMO_PASSWORD } });
  // An AMBER case study of the member's own organisation, published through review.
  const moderator = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await moderator.call("login", { body: { email: MODERATOR, password: DEMO_PASSWORD } });
  const proposal = await member.call("createProposal", {
    body: {
      slug: AMBER,
      content: {
        title: "Drone overflights of our substations (2025)",
        type: "case-study",
        marking: "amber",
        summary: "Repeated drone overflights of two of our substations, and how we reported them.",
        body: "Night-time drone overflights were seen by guards at two substations.",
        source: { citation: "Internal incident reports, Meridia Grid, 2025." },
      },
    },
  });
  await moderator.call("reviewProposal", { params: { id: proposal.id }, body: { action: "approve" } });
});
afterAll(async () => {
  await browser?.close();
  if (running) await bulwark?.stop();
});

/**
 * What the page's origin keeps: the entries in IndexedDB, and every path in the service worker's
 * caches. (A script as text: this project type-checks for Node, without the DOM's types.)
 */
const KEPT = `(async () => {
  const database = await new Promise((resolve, reject) => {
    const request = indexedDB.open("bulwark-offline");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const entries = await new Promise((resolve, reject) => {
    const request = database.transaction("compendium").objectStore("compendium").get("entries");
    request.onsuccess = () => resolve(request.result ?? []);
    request.onerror = () => reject(request.error);
  });
  database.close();
  const cached = [];
  for (const name of await caches.keys())
    for (const request of await (await caches.open(name)).keys()) cached.push(new URL(request.url).pathname);
  return { slugs: entries.map((entry) => entry.slug), markings: entries.map((entry) => entry.marking), cached };
})()`;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((item) => (typeof item === "string" ? item : "?")) : [];

async function keptOnDevice(page: Page) {
  const kept: unknown = await page.evaluate(KEPT);
  const field = (name: string) =>
    typeof kept === "object" && kept !== null && name in kept ? strings(Reflect.get(kept, name)) : [];
  return { slugs: field("slugs"), markings: field("markings"), cached: field("cached") };
}

describe("the compendium offline", () => {
  it("searches the saved CLEAR entries and opens one after the network is cut", async () => {
    const online = await member.call("getEntry", { params: { slug: AMBER } });
    expect(online.marking).toBe("amber");
    const clear = (await member.call("compendiumOffline")).entries.length;
    expect(clear).toBeGreaterThanOrEqual(60);

    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signInOn(page, bulwark.url, MEMBER);
    await page.getByRole("link", { name: "Compendium", exact: true }).click();
    await page.getByRole("heading", { name: "Compendium of good practices" }).waitFor();

    // The first visit saves the copy, and the service worker has kept the app's shell.
    await page.locator(`[data-testid="offline-copy"][data-count="${clear}"]`).waitFor();
    expect(
      await page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)"),
    ).toBe(`${bulwark.url}/`);
    const kept = await keptOnDevice(page);
    expect(kept.slugs).toHaveLength(clear);
    expect(kept.slugs).toContain("case-gatwick-drones-2018");
    expect(kept.slugs).not.toContain(AMBER);
    expect(new Set(kept.markings)).toEqual(new Set(["clear"]));
    expect(kept.cached).toContain("/index.html");
    expect(kept.cached.filter((path) => path.startsWith("/api/"))).toEqual([]);

    // The network drops while the app runs: the signed-in page answers from the saved copy (as
    // soon as the browser says so, or when the server has not answered for a moment).
    await context.setOffline(true);
    await page.getByRole("searchbox", { name: "Search the compendium" }).fill("gatwick");
    await page.waitForURL(/[?&]q=gatwick/);
    await page.getByTestId("offline-banner").waitFor();
    await page.getByRole("link", { name: ENTRY }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).waitFor();

    // Then the server is gone too: the page starts again with nothing to answer it but the device.
    await bulwark.stop();
    running = false;
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByRole("heading", { name: "Compendium of good practices" }).waitFor();
    await page.getByText("No network: the compendium's CLEAR entries saved on this device.").waitFor();

    await page.getByRole("searchbox", { name: "Search the compendium" }).fill("drone");
    await page.waitForURL((url) => url.searchParams.get("q") === "drone");
    const banner = page.getByTestId("offline-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      new RegExp(`^Offline: searching the ${clear} CLEAR entries saved on this device on .+\\.$`),
    );
    const count = page.getByTestId("result-count").filter({ hasText: "drone" });
    await count.waitFor();
    await page.getByRole("link", { name: ENTRY }).waitFor();
    const total = Number(await count.getAttribute("data-total"));
    expect(total).toBeGreaterThan(1);
    expect(total).toBeLessThan(clear);
    expect(
      await page.getByRole("link", { name: "Drone overflights of our substations (2025)" }).count(),
    ).toBe(0);

    await page.getByRole("link", { name: ENTRY }).click();
    await page.getByRole("heading", { name: ENTRY, level: 2 }).waitFor();
    await page.getByText("Offline: the copy saved on this device on").waitFor();
    await page.getByRole("heading", { name: "What happened" }).waitFor();
    await page.getByRole("heading", { name: "Related entries" }).waitFor();
    expect(await page.getByRole("link", { name: "Propose an edit" }).count()).toBe(0);

    await page.goto(`${bulwark.url}/compendium/${AMBER}`);
    await page
      .getByText("This entry is not saved on this device: only published CLEAR entries are kept")
      .waitFor();
    await context.close();
  });
});
