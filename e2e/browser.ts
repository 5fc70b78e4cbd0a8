// Debian's Chromium driven by playwright-core: nothing downloads a browser.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { DEMO_PASSWORD } from "./start.ts";

export const CHROMIUM = process.env.BULWARK_CHROMIUM ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: run npm test (it installs Debian's chromium as root) or apt-get install -y chromium.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** Signs a demo account in on `page` (the demo password), and waits for the welcome. */
export async function signInOn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Welcome").first().waitFor();
}

/** A new browser context of its own (its own cookies), with a demo account signed in. */
export async function signInAs(
  browser: Browser,
  url: string,
  email: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  await signInOn(page, url, email);
  return page;
}
