// The newcomer's path: `npm start` on a fresh data folder (the demo loaded by this start), open the address, sign in as the demo
// platform admin, and see the shell.
import { createClient } from "@bulwark/contracts";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

let bulwark: Started;
let browser: Browser;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark({}, { fresh: true }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

describe("npm start", () => {
  it("prints the address and the demo sign-in accounts", () => {
    expect(bulwark.output()).toContain("admin@bulwark.example");
    expect(bulwark.output()).toContain(`Password of every demo account: ${DEMO_PASSWORD}`);
  });

  it("says where feed links point when no public address is configured", () => {
    expect(bulwark.output()).toMatch(
      /Links in the CAP and Atom feeds and TAXII discovery point at http:\/\/localhost:\d+: set BULWARK_PUBLIC_URL/,
    );
  });

  it("answers the health check over HTTP", async () => {
    const health = await createClient({ baseUrl: bulwark.url }).call("health");
    expect(health).toMatchObject({ status: "ok", database: { kind: "pglite", ok: true } });
  });

  it("lets the demo admin sign in through the typed client and read the directory", async () => {
    const client = createClient({ baseUrl: bulwark.url, cookieJar: true });
    const me = await client.call("login", {
      body: { email: "admin@bulwark.example", password: DEMO_PASSWORD },
    });
    expect(me.roles).toContain("platform-admin");
    expect((await client.call("listOrganisations")).total).toBeGreaterThanOrEqual(25);
    expect((await client.call("listUsers")).total).toBeGreaterThanOrEqual(50);
  });
});

describe("the web app in Chromium", () => {
  it("signs the demo admin in and shows the shell", async () => {
    const page = await browser.newPage();
    await page.goto(bulwark.url);
    await page.getByLabel("Email").fill("admin@bulwark.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Welcome").first().waitFor({ timeout: 20_000 })).resolves.toBeUndefined();
    await page.getByRole("link", { name: "Organisations" }).first().click();
    await page
      .getByText("National Critical Infrastructure Protection Authority")
      .first()
      .waitFor({ timeout: 20_000 });
    await page.close();
  });

  it("fits a phone 390 px wide, and signs out from the menu", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(bulwark.url);
    await page.getByLabel("Email").fill("admin@bulwark.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Open navigation" }).waitFor({ timeout: 20_000 });
    // Nothing sticks out to the side (the sign-out button did, off-screen).
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Open navigation" }).click();
    // The header's button is hidden on a phone: this is the one in the menu.
    const signOut = page.getByRole("button", { name: "Sign out" });
    await signOut.waitFor();
    // Once the menu has slid in (on a busy machine it is still moving when the button appears).
    await expect
      .poll(async () => {
        const box = await signOut.boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= 390;
      })
      .toBe(true);
    await signOut.click();
    await page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: 20_000 });
    await context.close();
  });

  it("refuses a wrong password and stays on the sign-in page", async () => {
    const page = await browser.newPage();
    await page.goto(bulwark.url);
    await page.getByLabel("Email").fill("admin@bulwark.example");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Wrong e-mail or password.").waitFor({ timeout: 20_000 });
    expect(await page.getByText("Welcome").count()).toBe(0);
    await page.close();
  });

  it("tells the user to wait, in their words, when the database is unavailable (503)", async () => {
    const page = await browser.newPage();
    // The server's answer when its database does not answer (system/database-outage.ts).
    await page.route("**/api/auth/login", (route) =>
      route.fulfill({
        status: 503,
        headers: { "content-type": "application/problem+json", "retry-after": "5" },
        body: JSON.stringify({
          type: "urn:bulwark:problem:database-unreachable",
          title: "Service unavailable",
          status: 503,
          detail: "The database cannot be reached. Try again shortly.",
        }),
      }),
    );
    await page.goto(bulwark.url);
    await page.getByLabel("Email").fill("admin@bulwark.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByText("The service is briefly unavailable. Please try again in a moment.")
      .waitFor({ timeout: 20_000 });
    expect(await page.getByText("The database cannot be reached").count()).toBe(0);
    await page.close();
  });

  it("switches to Arabic and lays the page out right to left", async () => {
    const page = await browser.newPage();
    await page.goto(bulwark.url);
    await page.getByLabel("Email").waitFor();
    await page.getByRole("textbox", { name: "Language" }).click();
    await page.getByRole("option", { name: "العربية" }).click();
    // A locator, not waitForFunction: its polling evaluates a string, which the page's CSP refuses.
    await page.locator("html[dir=rtl]").waitFor({ state: "attached" });
    expect(await page.evaluate("document.documentElement.lang")).toBe("ar");
    expect(await page.getByRole("button", { name: "Sign in" }).count()).toBe(0);
    await page.close();
  });
});

describe("the API reference in Chromium", () => {
  it("renders under its Content-Security-Policy, with nothing refused", async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const answer = await page.goto(`${bulwark.url}/api/docs/`);
    expect(answer?.headers()["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    await page.getByText("Bulwark API").first().waitFor({ timeout: 60_000 });
    await page.getByText("/api/health").first().waitFor({ timeout: 60_000 });
    expect(refused).toEqual([]);
    await page.close();
  });
});

describe("API tokens in Chromium", () => {
  it("are created with the scopes chosen, and listed with them", async () => {
    const page = await browser.newPage();
    await page.goto(bulwark.url);
    await page.getByLabel("Email").fill("admin@bulwark.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Welcome").first().waitFor({ timeout: 20_000 });
    await page.getByRole("link", { name: "My account" }).first().click();
    await page.getByLabel("Token name").fill("TAXII pull from the field");
    await page.getByRole("checkbox", { name: /^Read/ }).uncheck();
    await page.getByRole("checkbox", { name: /^TAXII/ }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByText("Token TAXII pull from the field created").waitFor({ timeout: 20_000 });
    const row = page.getByRole("row", { name: /TAXII pull from the field/ });
    await row.waitFor();
    expect(await row.getByText("TAXII", { exact: true }).count()).toBe(1);
    expect(await row.getByText("Read", { exact: true }).count()).toBe(0);
    await page.close();
  });
});

describe("what-if in Chromium", () => {
  it("runs a cascade on a demo substation and lists the assets it takes down", async () => {
    const page = await browser.newPage();
    await page.goto(bulwark.url);
    await page.getByLabel("Email").fill("admin@bulwark.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Welcome").first().waitFor();
    await page.getByRole("link", { name: "Analysis" }).first().click();
    const picker = page.getByLabel("Attacked assets");
    await picker.click();
    await picker.fill("Quenaek 1 115");
    await page.getByRole("option", { name: /Quenaek 1 115 kV Substation/ }).click();
    await page.getByRole("button", { name: "Run cascade" }).click();
    await page.getByRole("heading", { name: "Cascade results" }).waitFor();
    // Its neighbour loses supply at once; the dam's pumps run 72 hours on backup first.
    await page.getByText("Kelanbrook 115 kV Substation").first().waitFor();
    await page.getByText("Quenaek Dam").first().waitFor();
    await page.close();
  });
});
