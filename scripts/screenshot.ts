// Takes docs/screenshot.png for the README: `npx tsx scripts/screenshot.ts`. Starts Bulwark as the
// README says, signs in as the demo admin in Debian's Chromium, runs a what-if on a 10 km circle
// around a substation of the demo grid and photographs the cascade on the map once it has played.
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
  await page.getByRole("radiogroup", { name: "What is attacked" }).getByText("A circle").click();
  // Quenaek 1 115 kV Substation, as the demo registry places it.
  await page.getByLabel("Centre: Latitude").fill("-24.9709");
  await page.getByLabel("Centre: Longitude").fill("-18.653");
  await page.getByLabel("Radius (km)").fill("10");
  await page.locator('[data-testid="asset-map"][data-features][data-bounds]').waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Run cascade" }).click();
  await page.getByRole("heading", { name: "Cascade results" }).waitFor();
  await page.getByText("Quenaek Dam").first().waitFor();
  // The cascade plays on the map hour by hour: photograph its end.
  const last = await page.getByTestId("cascade-time").getAttribute("data-last");
  await page.locator(`[data-testid="cascade-time"][data-step="${last}"]`).waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="asset-map"][data-features][data-bounds]').waitFor();
  // Let the button's loading state and its transition end before the picture.
  // (Locators, not waitForFunction: the app's CSP refuses the eval a string predicate needs.)
  await page.locator("button[data-loading]").waitFor({ state: "detached" });
  await page.waitForTimeout(400);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: target });
  console.log(`Wrote ${target}`);
} finally {
  await browser.close();
  await bulwark.stop();
}
