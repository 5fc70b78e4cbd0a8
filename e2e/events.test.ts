// Workshops and events in Chromium: the national authority's coordinator organises an event, adds
// a session to its agenda and a compendium entry as material, adds a follow-up action, marks it
// done, and the tracker's count of done actions goes up by one (checked against the API).
import { type Client, createClient } from "@bulwark/contracts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const COORDINATOR = "tomas.varga@ncipa.meridia.example";
const TITLE = "Workshop on drones over crowded places";
const ENTRY = "Drone incursions closing Gatwick Airport (December 2018)";

let bulwark: Started;
let browser: Browser;
let api: Client;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  api = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await api.call("login", { body: { email: COORDINATOR, password: DEMO_PASSWORD } });
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

const signIn = (email: string): Promise<Page> => signInAs(browser, bulwark.url, email);

/** Waits for the answer of a write to `path` while `action` runs. */
async function writes(page: Page, method: string, path: RegExp, action: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse(
      (answer) => answer.request().method() === method && path.test(new URL(answer.url()).pathname),
    ),
    action(),
  ]);
  expect(response.status()).toBeLessThan(300);
}

describe("events in the browser", () => {
  it("organises an event, fills its agenda and materials, and tracks an action to done", async () => {
    const doneBefore = (await api.call("listEventActions", {})).counts.done;
    const page = await signIn(COORDINATOR);

    await page.getByRole("link", { name: "Events", exact: true }).click();
    await page.getByRole("heading", { name: "Workshops and events" }).waitFor();
    // The demo's workshop and its completed tabletop exercise are past and nothing is coming: the
    // list opens on the past tab, counting what the API counts.
    const { counts } = await api.call("listEvents", {});
    expect(counts).toMatchObject({ upcoming: 0, past: expect.any(Number) });
    expect(counts.past).toBeGreaterThan(0);
    await page
      .getByRole("radio", { name: `Past (${counts.past})`, exact: true, checked: true })
      .waitFor({ state: "attached" });
    await page.getByRole("link", { name: "New event" }).click();
    await page.getByRole("heading", { name: "Organise an event" }).waitFor();
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel(/^Venue/).fill("online");
    await page.getByLabel(/^First day/).fill("2027-03-10");
    await page.getByLabel(/^Last day/).fill("2027-03-11");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: TITLE, level: 2 }).waitFor();

    // Agenda: one session.
    await page.getByRole("tab", { name: /^Agenda/ }).click();
    const sessionForm = page.getByRole("form", { name: "Add a session" });
    await sessionForm.getByLabel("Session title").fill("Drone threats to venues");
    await writes(page, "POST", /\/sessions$/, () =>
      sessionForm.getByRole("button", { name: "Add a session" }).click(),
    );
    await page.getByRole("article", { name: "Drone threats to venues" }).waitFor();
    // ...renamed in place.
    await page
      .getByRole("article", { name: "Drone threats to venues" })
      .getByRole("button", { name: "Edit session" })
      .click();
    const editForm = page.getByRole("form", { name: "Edit “Drone threats to venues”" });
    await editForm.getByLabel("Session title").fill("Drone threats to crowded venues");
    await writes(page, "PATCH", /\/sessions\//, () =>
      editForm.getByRole("button", { name: "Save session" }).click(),
    );
    await page.getByRole("article", { name: "Drone threats to crowded venues" }).waitFor();

    // Materials: a compendium entry, found by searching.
    await page.getByRole("tab", { name: /^Materials/ }).click();
    const materialForm = page.getByRole("form", { name: "Attach material" });
    await materialForm.getByRole("textbox", { name: "Entry" }).fill("Gatwick");
    await page.getByRole("option", { name: ENTRY }).click();
    await writes(page, "POST", /\/materials$/, () =>
      materialForm.getByRole("button", { name: "Attach material" }).click(),
    );
    await page.getByRole("listitem").getByRole("link", { name: ENTRY }).waitFor();

    // Actions: one for Meridia, owned by the host.
    await page.getByRole("tab", { name: /^Actions/ }).click();
    const actionForm = page.getByRole("form", { name: "Add a follow-up action" });
    await actionForm.getByLabel(/^Action/).fill("Brief venue operators on drones");
    await actionForm.getByLabel(/^Country/).fill("XM");
    await actionForm.getByLabel(/^Due/).fill("2027-04-30");
    await writes(page, "POST", /\/actions$/, () =>
      actionForm.getByRole("button", { name: "Add a follow-up action" }).click(),
    );
    const row = page.getByRole("row", { name: "Brief venue operators on drones" });
    await row.getByText("Open", { exact: true }).waitFor();

    // Mark it done, with a note.
    await row.getByRole("button", { name: "Update" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Done" }).click();
    await dialog.getByLabel(/^Progress note/).fill("Briefing held online.");
    await writes(page, "PATCH", /\/api\/event-actions\//, () =>
      dialog.getByRole("button", { name: "Record" }).click(),
    );
    await page.getByText("Recorded: “Brief venue operators on drones” is now Done.").waitFor();
    await row.getByText("Done", { exact: true }).waitFor();

    // The tracker counts it.
    await page.goto(`${bulwark.url}/events/actions`);
    await page.getByRole("heading", { name: "Follow-up actions" }).waitFor();
    await page.locator(`[data-testid="count-done"]`, { hasText: String(doneBefore + 1) }).waitFor();
    const after = await api.call("listEventActions", {});
    expect(after.counts.done).toBe(doneBefore + 1);
    await page
      .getByRole("row", { name: "Brief venue operators on drones" })
      .getByText("Done", { exact: true })
      .waitFor();
  });
});
