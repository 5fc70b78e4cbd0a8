// Sharing in Chromium: the national authority composes an AMBER alert to the energy community and
// the preview names who will see it; an operator in that community sees the alert with its TLP
// banner, downloads its attached file and acknowledges it; the sender sees the acknowledgement and
// the alert's CAP 1.2 message, and revises its warning (a CAP Update); a bank outside the audience
// sees neither the alert in its feed nor the alert or its CAP message at their addresses. The alert
// reaches the operator's bell, which opens it; the bank's bell says nothing of it.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { type Started, startBulwark } from "./start.ts";

const AGENCY = "tomas.varga@ncipa.meridia.example";
const OPERATOR = "yuki.tanaka@solanopower.example";
const OUTSIDER = "hugo.lambert@coastalbank.example";
const COMMUNITY = "Energy sector – national";
const TITLE = "Suspicious survey of wind farm access roads";
const SUBSTATION = { ref: "XM-EL-SUB-0001", name: "Ulohaven 1 161 kV Substation" };
const FILE = {
  name: "sightings.csv",
  mimeType: "text/csv",
  buffer: Buffer.from("gate,time\n4,01:00\n7,01:20\n"),
};

let bulwark: Started;
let browser: Browser;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

const signIn = (email: string): Promise<Page> => signInAs(browser, bulwark.url, email);

describe("sharing an AMBER alert", () => {
  let itemUrl = "";
  let capUrl = "";

  it("is composed by the agency, with a preview of who will see it", async () => {
    const page = await signIn(AGENCY);
    await page.goto(`${bulwark.url}/sharing/new`);
    await page.getByRole("textbox", { name: "Title" }).fill(TITLE);
    await page
      .getByRole("textbox", { name: "Text (Markdown)" })
      .fill("Two people photographed gates and access roads.");
    await page.getByRole("textbox", { name: "Event" }).fill("Hostile reconnaissance");
    // The registry holds 2,003 assets; the picker searches them all (not the first 500 by name).
    await page.getByRole("textbox", { name: "Assets concerned" }).fill("Ulohaven 1 161");
    await page.getByRole("option", { name: `${SUBSTATION.name} (${SUBSTATION.ref})` }).click();
    // The widest marking the roles allow reads as a floor, not as the only one allowed.
    await page.getByText(/^You may use TLP:[A-Z]+ or any stricter marking\.$/).waitFor();
    await page.getByRole("radio", { name: "TLP:AMBER", exact: true }).check();
    const preview = page.getByTestId("audience-preview");
    await page.getByRole("textbox", { name: "Communities" }).click();
    // The preview asked for once the community is chosen (earlier ones may still be answering).
    const previewed = page.waitForResponse(
      (response) =>
        response.url().endsWith("/api/sharing/preview") &&
        response.status() === 200 &&
        (response.request().postData() ?? "").includes('"communityIds":["'),
    );
    await page.getByRole("option", { name: COMMUNITY }).click();
    const answer: unknown = await (await previewed).json();
    if (typeof answer !== "object" || answer === null || !("organisationCount" in answer))
      throw new Error("The preview answered without counts.");
    // The community's six organisations, the agency among them.
    expect(answer.organisationCount).toBe(6);
    await preview.getByText("Solano Power Generation plc").waitFor();
    await expect(preview.getByTestId("audience-reach").textContent()).resolves.toMatch(
      /^6 organisations, \d+ people$/,
    );
    await page.keyboard.press("Escape");
    await page.locator('input[type="file"]').setInputFiles(FILE);
    await page.getByText(`${FILE.name} ·`).waitFor();
    await Promise.all([
      page.waitForURL(/\/sharing\/[0-9a-f-]{36}$/),
      page.getByRole("button", { name: "Send" }).click(),
    ]);
    itemUrl = page.url();
    await page.getByTestId("tlp-banner").getByText("TLP:AMBER").waitFor();
    // Its CAP 1.2 message, restricted to the audience under its marking.
    const link = page.getByTestId("alert-warning-line").getByRole("link", { name: "CAP 1.2" });
    capUrl = new URL((await link.getAttribute("href")) ?? "", bulwark.url).toString();
    const cap = await page.request.get(capUrl);
    expect(cap.status()).toBe(200);
    expect(cap.headers()["content-type"]).toMatch(/^application\/cap\+xml/);
    const xml = await cap.text();
    expect(xml).toContain("<msgType>Alert</msgType>");
    expect(xml).toContain("<scope>Restricted</scope>");
    expect(xml).toContain("<event>Hostile reconnaissance</event>");
    await page.getByTestId("attachments").getByRole("link", { name: FILE.name }).waitFor();
    await page.getByRole("link", { name: `${SUBSTATION.ref} – ${SUBSTATION.name}` }).waitFor();
  });

  it("reaches an operator of the community, who sees the banner and acknowledges it", async () => {
    const page = await signIn(OPERATOR);
    await page.goto(`${bulwark.url}/sharing`);
    const row = page.getByTestId("shared-item-row").filter({ hasText: TITLE });
    await row.getByText("New").waitFor();
    // The bell tells of it, and opens it.
    await page.getByTestId("notification-bell").click();
    const notification = page
      .locator('[data-testid="notification"][data-kind="item-new"]')
      .filter({ hasText: `New for you: ${TITLE}` });
    await Promise.all([page.waitForURL(itemUrl), notification.click()]);
    const banner = page.getByTestId("tlp-banner");
    await banner.getByText("TLP:AMBER").waitFor();
    await expect(banner.textContent()).resolves.toMatch(/need-to-know/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("attachments").getByRole("link", { name: FILE.name }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(FILE.name);
    const saved = await download.path();
    expect(readFileSync(saved)).toEqual(FILE.buffer);
    await page.getByRole("button", { name: "Mark received" }).click();
    await page.getByTestId("my-acknowledgement").getByText("You acknowledged: Received").waitFor();
  });

  it("shows the sender who acknowledged", async () => {
    const page = await signIn(AGENCY);
    await page.goto(itemUrl);
    const table = page.getByTestId("acknowledgements");
    const row = table.getByRole("row").filter({ hasText: "Yuki Tanaka" });
    await row.getByText("Received").waitFor();
    await table.getByText(/^1 received/).waitFor();
    // The sender raises the severity: a CAP Update goes out to the same address.
    await page.getByRole("button", { name: "Revise warning" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Event" }).fill("Hostile reconnaissance confirmed");
    await dialog.getByRole("button", { name: "Send CAP update" }).click();
    await page.getByText("2 CAP messages sent").waitFor();
    const xml = await (await page.request.get(capUrl)).text();
    expect(xml).toContain("<msgType>Update</msgType>");
    expect(xml).toContain("<event>Hostile reconnaissance confirmed</event>");
  });

  it("stays out of sight of a bank outside the audience", async () => {
    const page = await signIn(OUTSIDER);
    await page.goto(`${bulwark.url}/sharing`);
    await page.getByTestId("shared-item-row").first().waitFor();
    await expect(page.getByText(TITLE).count()).resolves.toBe(0);
    const listed = page.waitForResponse((response) => response.url().includes("/api/notifications?"));
    await page.getByTestId("notification-bell").click();
    expect(await (await listed).text()).not.toContain(TITLE);
    await expect(page.getByText(TITLE).count()).resolves.toBe(0);
    await page.keyboard.press("Escape");
    await page.goto(itemUrl);
    await page.getByText("No item with this address is visible to you.").waitFor();
    await expect(page.getByText(TITLE).count()).resolves.toBe(0);
    expect((await page.request.get(capUrl)).status()).toBe(404);
    // The public feed is a link away, and carries only TLP:CLEAR alerts.
    await page.goto(`${bulwark.url}/sharing`);
    const feed = await page.request.get(
      new URL(
        (await page.getByRole("link", { name: "Public alert feed (Atom)" }).getAttribute("href")) ?? "",
        bulwark.url,
      ).toString(),
    );
    expect(feed.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
    expect(await feed.text()).not.toContain(TITLE);
  });
});
