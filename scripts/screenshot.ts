// Takes docs/screenshot.png for the README: `npx tsx scripts/screenshot.ts`. Starts Bulwark as the
// README says, signs in as the demo admin in Debian's Chromium, runs a what-if on a substation of
// the demo grid and photographs the results.
import { fileURLToPath } from "node:url";
import { launchChromium } from "../e2e/browser.ts";
import { DEMO_PASSWORD, startBulwark } from "../e2e/start.ts";

const target = fileURLToPath(new URL("../docs/screenshot.png", import.meta.url));
const bulwark = await startBulwark();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "en-GB" });
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
  await page.getByText("Quenaek Dam").first().waitFor();
  // Let the button's loading state and its transition end before the picture.
  await page.waitForFunction("document.querySelector('button[data-loading]') === null");
  await page.waitForTimeout(400);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: target });
  console.log(`Wrote ${target}`);
} finally {
  await browser.close();
  await bulwark.stop();
}
