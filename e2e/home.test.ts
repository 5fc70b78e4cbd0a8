// The home in Chromium, per role on the demo country: after sign-in each person finds the sections
// their roles give them, listing exactly what the API says waits for them, and a click on an entry
// opens the thing. An operator's administrator approves; a national coordinator reviews the
// compendium and follows the country's actions; a member acknowledges; a platform administrator
// verifies organisations; an auditor is asked for nothing. On a phone, in Arabic, nothing spills.
import { createClient, type Home } from "@bulwark/contracts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const OPERATOR_ADMIN = "henrik.aalto@meridiagrid.example";
const COORDINATOR = "tomas.varga@ncipa.meridia.example";
const MEMBER = "aisha.bello@meridiarail.example";
const PLATFORM_ADMIN = "admin@bulwark.example";
const AUDITOR = "ingrid.solberg@ncipa.meridia.example";

let bulwark: Started;
let browser: Browser;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

async function homeOf(email: string): Promise<Home> {
  const api = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await api.call("login", { body: { email, password: DEMO_PASSWORD } });
  return api.call("getHome", {});
}

/** The page shows the API's sections in its order, each entry a link to its page. */
async function expectPageLists(page: Page, home: Home): Promise<void> {
  await page.getByRole("heading", { name: "What needs you now" }).waitFor();
  const shown = await page
    .locator("[data-section]")
    .evaluateAll((sections) => sections.map((section) => section.getAttribute("data-section")));
  expect(shown).toEqual(home.sections.map((section) => section.id));
  for (const section of home.sections) {
    const box = page.locator(`[data-section="${section.id}"]`);
    for (const entry of section.entries)
      expect(await box.getByRole("link", { name: entry.title, exact: true }).getAttribute("href")).toBe(
        entry.link,
      );
  }
}

const entriesOf = (home: Home, id: Home["sections"][number]["id"]) =>
  home.sections.find((section) => section.id === id)?.entries ?? [];

describe("the home after sign-in", () => {
  it("an operator's administrator: the item waiting for approval opens for approval", async () => {
    const home = await homeOf(OPERATOR_ADMIN);
    const [pending] = entriesOf(home, "approve-sharing");
    if (!pending) throw new Error("The demo has no item waiting for the grid operator's approval.");
    const page = await signInAs(browser, bulwark.url, OPERATOR_ADMIN);
    await expectPageLists(page, home);
    expect(await page.locator('[data-section="review-proposals"]').count()).toBe(0);
    await page.getByRole("heading", { name: "Getting started" }).waitFor();
    await page.getByRole("link", { name: pending.title, exact: true }).click();
    await page.waitForURL(`**${pending.link}`);
    await page.getByRole("heading", { name: pending.title }).waitFor();
    await page.getByRole("button", { name: "Approve and publish" }).waitFor();
    await page.context().close();
  });

  it("a national coordinator: compendium reviews and the country's overdue action, which opens", async () => {
    const home = await homeOf(COORDINATOR);
    const [overdue] = entriesOf(home, "actions-overdue");
    if (!overdue) throw new Error("The demo has no overdue action for the national authority.");
    const page = await signInAs(browser, bulwark.url, COORDINATOR);
    await expectPageLists(page, home);
    await page
      .locator('[data-section="review-proposals"]')
      .getByText("No proposal waits for review.")
      .waitFor();
    await page
      .locator('[data-section="actions-overdue"]')
      .getByText(/Overdue since/)
      .waitFor();
    await page.getByRole("link", { name: overdue.title, exact: true }).click();
    await page.waitForURL(`**${overdue.link}`);
    await page.getByRole("tab", { name: "Actions", selected: true }).waitFor();
    await page.getByText(overdue.title).first().waitFor();
    await page.context().close();
  });

  it("a member: no approvals, and the item to acknowledge opens", async () => {
    const home = await homeOf(MEMBER);
    const [item] = entriesOf(home, "acknowledge");
    if (!item) throw new Error("The demo has nothing for the railway member to acknowledge.");
    const page = await signInAs(browser, bulwark.url, MEMBER);
    await expectPageLists(page, home);
    expect(await page.locator('[data-section="approve-sharing"]').count()).toBe(0);
    await page.getByRole("link", { name: item.title, exact: true }).click();
    await page.waitForURL(`**${item.link}`);
    await page.getByRole("heading", { name: item.title }).waitFor();
    await page.context().close();
  });

  it("a platform administrator: organisations to verify; an auditor: nothing to do", async () => {
    const admin = await signInAs(browser, bulwark.url, PLATFORM_ADMIN);
    await expectPageLists(admin, await homeOf(PLATFORM_ADMIN));
    await admin
      .locator('[data-section="verify-organisations"]')
      .getByRole("link", { name: "Open organisations" })
      .click();
    await admin.getByRole("heading", { name: "Organisations", level: 2 }).waitFor();
    await admin.context().close();

    const auditor = await signInAs(browser, bulwark.url, AUDITOR);
    await expectPageLists(auditor, await homeOf(AUDITOR));
    await auditor.getByRole("link", { name: "Open the audit trail" }).click();
    await auditor.waitForURL("**/audit");
    // Actions by their names, not their codes: the auditor's own sign-in heads the trail.
    await auditor.getByRole("cell", { name: "Signed in auth.sign-in" }).first().waitFor();
    await auditor.context().close();
  });

  it("on a phone, in Arabic: right to left, and nothing wider than the screen", async () => {
    const page = await signInAs(browser, bulwark.url, OPERATOR_ADMIN, {
      viewport: { width: 390, height: 844 },
    });
    await page.evaluate("window.localStorage.setItem('bulwark.language', 'ar')");
    await page.reload();
    await page.getByRole("heading", { name: "ما ينتظرك الآن" }).waitFor();
    expect(await page.evaluate("document.documentElement.dir")).toBe("rtl");
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it("on a phone, a list's rows are cards, each value under its column's name, none wider than the screen", async () => {
    const page = await signInAs(browser, bulwark.url, OPERATOR_ADMIN, {
      viewport: { width: 390, height: 844 },
    });
    await page.goto(`${bulwark.url}/assets`);
    await page.locator("table tbody tr").first().waitFor();
    await page.locator("table tbody td[data-label='Name']").first().waitFor({ state: "attached" });
    // Strings, not functions: the e2e project has no DOM types (the browser runs them as they are).
    const shapes = (await page.evaluate(`[...document.querySelectorAll("table tbody tr")].map((row) => {
      const box = row.getBoundingClientRect();
      const cell = row.querySelector("td[data-label='Name']");
      return {
        display: getComputedStyle(row).display,
        left: box.left,
        right: box.right,
        label: cell ? getComputedStyle(cell, "::before").content : "",
      };
    })`)) as { display: string; left: number; right: number; label: string }[];
    expect(shapes.length).toBeGreaterThan(1);
    for (const shape of shapes) {
      expect(shape.display).toBe("block");
      expect(shape.left).toBeGreaterThanOrEqual(0);
      expect(shape.right).toBeLessThanOrEqual(390);
      expect(shape.label).toBe('"Name"');
    }
    // The column headers are out of sight (the cards carry them) but still there for screen readers.
    expect(
      await page
        .locator("table thead")
        .first()
        .evaluate((head) => head.getBoundingClientRect().width),
    ).toBeLessThanOrEqual(1);
    // Nothing anywhere on the page reaches past the screen's edge, inside a scroll area or not.
    const wider = await page.evaluate(`[...document.querySelectorAll("body *")]
      .filter((element) => !element.closest("thead") && element.getBoundingClientRect().right > 390.5)
      .map((element) => element.tagName + "." + element.getAttribute("class") + ":" + element.getAttribute("aria-label"))`);
    expect(wider).toEqual([]);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it("an operator's administrator approves from the queue, is told so, and the item leaves it", async () => {
    const [pending] = entriesOf(await homeOf(OPERATOR_ADMIN), "approve-sharing");
    if (!pending) throw new Error("The demo has no item waiting for the grid operator's approval.");
    const page = await signInAs(browser, bulwark.url, OPERATOR_ADMIN);
    await page.goto(`${bulwark.url}/sharing/approvals`);
    await page.getByRole("button", { name: `Approve “${pending.title}”` }).click();
    await page.getByText(`Approved and sent: “${pending.title}”.`).waitFor();
    await page.getByRole("link", { name: pending.title, exact: true }).waitFor({ state: "detached" });
    await page.context().close();
  });
});
