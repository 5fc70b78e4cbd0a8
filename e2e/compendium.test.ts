// The compendium's contribution loop in Chromium: an operator's member searches "drone", narrows by
// sector and phase, opens an entry and proposes an edit of its summary; a moderator of the national
// authority approves it from the review queue, and the entry shows the new summary as version 2.
// Counts are checked against the API the page itself calls, read separately by the typed client.

import { readFileSync } from "node:fs";
import { type Client, type CompendiumQuery, createClient } from "@bulwark/contracts";
import { PDFParse } from "pdf-parse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInOn } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const MEMBER = "fatima.nasser@meridiagrid.example";
const MODERATOR = "tomas.varga@ncipa.meridia.example";
const ENTRY = "Drone incursions closing Gatwick Airport (December 2018)";
const NEW_SUMMARY =
  "Reported drones closed Gatwick Airport for about 30 hours in December 2018; the case shaped counter-drone planning at airports and other critical sites.";

let bulwark: Started;
let browser: Browser;
let api: Client;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  api = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await api.call("login", { body: { email: MEMBER, password: DEMO_PASSWORD } });
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

async function signIn(email: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await signInOn(page, bulwark.url, email);
  return page;
}

/** The search page, driven as a reader would. */
class CompendiumSearch {
  constructor(private readonly page: Page) {}

  /** Waits until the result count shown is `total`, and returns it. */
  async shows(total: number): Promise<number> {
    await this.page.locator(`[data-testid="result-count"][data-total="${total}"]`).waitFor();
    return total;
  }

  /** Runs an action that sends a search matching `expected`, and waits for the page to show its total. */
  private async searchesFor(expected: (params: URLSearchParams) => boolean, action: () => Promise<void>) {
    const [answer] = await Promise.all([
      this.page.waitForResponse((response) => {
        const url = new URL(response.url());
        return url.pathname === "/api/compendium/entries" && expected(url.searchParams);
      }),
      action(),
    ]);
    const body: unknown = await answer.json();
    if (typeof body !== "object" || body === null || !("total" in body) || typeof body.total !== "number")
      throw new Error("the search answered without a total");
    return this.shows(body.total);
  }

  search(q: string) {
    return this.searchesFor(
      (params) => params.get("q") === q,
      () => this.page.getByRole("searchbox", { name: "Search the compendium" }).fill(q),
    );
  }

  /** A facet's checkbox, e.g. ("Phase", "Investigation"): themes have an "Investigation" too. */
  checkbox(facet: string, label: string) {
    return this.page
      .getByRole("group", { name: facet })
      .getByRole("checkbox", { name: new RegExp(`^${label}`) });
  }

  toggle(facet: string, label: string, param: string, value: string) {
    return this.searchesFor(
      (params) => (params.get(param) ?? "").split(",").includes(value),
      () => this.checkbox(facet, label).click(),
    );
  }
}

const totalOf = async (query: CompendiumQuery) => (await api.call("searchCompendium", { query })).total;

describe("the compendium in Chromium", () => {
  it("finds, narrows, proposes an edit, and publishes it as version 2 once a moderator approves", async () => {
    const member = await signIn(MEMBER);
    await member.getByRole("link", { name: "Compendium", exact: true }).click();
    await member.getByRole("heading", { name: "Compendium of good practices" }).waitFor();
    const search = new CompendiumSearch(member);
    const everything = await search.shows(await totalOf({}));

    const drone = await search.search("drone");
    expect(drone).toBe(await totalOf({ q: "drone" }));
    expect(drone).toBeLessThan(everything);
    await member.getByRole("link", { name: ENTRY }).waitFor();

    const air = await search.toggle("Sector", "Transport – air", "sector", "transport-air");
    expect(air).toBe(await totalOf({ q: "drone", sector: "transport-air" }));
    expect(air).toBeLessThan(drone);
    const investigated = await search.toggle("Phase", "Investigation", "phase", "investigation");
    expect(investigated).toBe(await totalOf({ q: "drone", sector: "transport-air", phase: "investigation" }));
    expect(investigated).toBeLessThan(air);
    expect(new URL(member.url()).search).toBe("?q=drone&phase=investigation&sector=transport-air");
    await member.getByRole("button", { name: "Remove filter Phase: Investigation" }).waitFor();

    // The search is in the address: back undoes the last filter.
    await member.goBack();
    await search.shows(air);
    expect(await search.checkbox("Phase", "Investigation").isChecked()).toBe(false);
    expect(await search.checkbox("Sector", "Transport – air").isChecked()).toBe(true);

    // What the search found, as a printable booklet: a PDF holding the entry shown.
    const [download] = await Promise.all([
      member.waitForEvent("download"),
      member.getByTestId("booklet").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bulwark-compendium-.*\.pdf$/);
    const booklet = readFileSync(await download.path());
    expect(booklet.subarray(0, 5).toString()).toBe("%PDF-");
    const parser = new PDFParse({ data: new Uint8Array(booklet) });
    const printed = (await parser.getText()).text;
    await parser.destroy();
    expect(printed).toContain(ENTRY);
    expect(printed.replace(/\s+/g, " ")).toContain(
      `Entries found for words “drone”; Sector: Transport – air: ${air}.`,
    );

    await member.getByRole("link", { name: ENTRY }).click();
    await member.getByRole("heading", { name: ENTRY, level: 2 }).waitFor();
    await member.getByText("Version 1", { exact: true }).waitFor();
    await member.getByRole("link", { name: "Propose an edit" }).click();
    await member.getByRole("heading", { name: `Propose an edit of “${ENTRY}”` }).waitFor();
    await member.getByLabel("Summary").fill(NEW_SUMMARY);
    await member.getByLabel("What changed and why").fill("Shorter summary that leads with the consequence.");
    await member.getByRole("button", { name: "Send for review" }).click();
    await member.getByText("Proposed by Fatima Nasser").waitFor();
    expect(new URL(member.url()).pathname).toMatch(/^\/compendium\/proposals\/[0-9a-f-]{36}$/);
    await member.getByRole("cell", { name: NEW_SUMMARY }).waitFor();
    expect(await member.getByRole("button", { name: "Approve and publish" }).count()).toBe(0);
    await member.getByRole("button", { name: "Sign out" }).click();
    await member.getByRole("button", { name: "Sign in" }).waitFor();

    const moderator = await signIn(MODERATOR);
    await moderator.getByRole("link", { name: "Compendium", exact: true }).click();
    await moderator.getByRole("link", { name: "Proposals" }).click();
    await moderator.getByRole("tab", { name: /^Open/, selected: true }).waitFor();
    const row = moderator.getByRole("row").filter({ hasText: "Fatima Nasser" });
    await row.getByRole("link", { name: ENTRY }).click();
    await moderator.getByRole("cell", { name: NEW_SUMMARY }).waitFor();
    await moderator.getByRole("button", { name: "Approve and publish" }).click();
    await moderator.getByText("Approved and published as version 2.").waitFor();
    await moderator.getByRole("link", { name: "Open the entry" }).click();

    await moderator.getByRole("heading", { name: ENTRY, level: 2 }).waitFor();
    await moderator.getByText("Version 2", { exact: true }).waitFor();
    await moderator.getByText(NEW_SUMMARY).waitFor();
    await moderator.getByRole("tab", { name: "History" }).click();
    await moderator.getByText("Version 2 by Fatima Nasser").waitFor();
    await moderator.getByRole("button", { name: "Show what changed" }).click();
    await moderator.getByRole("cell", { name: NEW_SUMMARY }).waitFor();
    expect((await api.call("getEntry", { params: { slug: "case-gatwick-drones-2018" } })).summary).toBe(
      NEW_SUMMARY,
    );
  });
});
