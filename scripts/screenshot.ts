// Takes docs/screenshot.png for the README: `npx tsx scripts/screenshot.ts`. Starts Bulwark as the
// README says, signs in as the demo admin in Debian's Chromium, and photographs the directory.
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
  await page.getByRole("link", { name: "Organisations" }).first().click();
  await page.waitForURL(/\/organisations$/);
  await page.getByRole("cell", { name: "Asterion Commercial Bank" }).first().waitFor();
  await page.screenshot({ path: target });
  console.log(`Wrote ${target}`);
} finally {
  await browser.close();
  await bulwark.stop();
}
