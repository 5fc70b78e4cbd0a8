// Every route of the web app passes axe-core with no critical or serious violation, in English and in
// Arabic (right to left). The routes are read from the router itself and walked by e2e/routes.ts
// (a real thing of the demo for each route with parameters, a second account for the pages the first
// may not open), so a new page is checked without touching this file. One browser, one page per
// account, one session. In Arabic, each page is also read for interface strings left in English
// (e2e/interface-language.ts): the languages walk (e2e/languages.test.ts) leaves Arabic to this one.
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ar } from "../apps/web/src/i18n/ar.ts";
import { launchChromium, signInOn } from "./browser.ts";
import { englishPatterns, leftInEnglish } from "./interface-language.ts";
import { ACCOUNT, OVERSIGHT, prepareDemo, Routes, routerPaths, walk } from "./routes.ts";
import { type Started, startBulwark } from "./start.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const LANGUAGES = (process.env.A11Y_LANGUAGES?.split(",") ?? ["en", "ar"]) as readonly string[];
/** The interface strings of the languages read here for English left on screen. */
const MESSAGES: Record<string, unknown> = { ar };

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    nodes: { target: unknown; impact?: string | null; failureSummary?: string }[];
  }[];
}

/** Critical and serious axe-core violations of the whole page: rule, element and why. */
async function violations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: { run(options: unknown): Promise<AxeResult> };
    };
    // Only violations are gathered (not passes): much faster on long pages.
    const result = await axe.run({ resultTypes: ["violations"] });
    return result.violations
      .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
      .flatMap((violation) =>
        violation.nodes.map(
          (node) =>
            `${violation.id} ${JSON.stringify(node.target)} ${(node.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 200)}`,
        ),
      );
  });
}

let bulwark: Started;
let browser: Browser;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

describe("accessibility with axe-core", () => {
  it("reads every route from the router, with the pages of each capability", () => {
    const paths = routerPaths();
    expect(new Set(paths).size).toBe(paths.length);
    // A sample the router is known to hold, top level and below a capability's table.
    for (const known of ["/", "/sign-in", "/assets/:id", "/audit", "/risk/:id/revise", "/sharing/taxii"])
      expect(paths).toContain(known);
  });

  it("finds no critical or serious violation on any route, in English and Arabic, and no English left in Arabic", async () => {
    // axe-core is injected into every document; the test context lets it past the app's CSP.
    const url = bulwark.url;
    const contexts: BrowserContext[] = [];
    const newPage = async () => {
      const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1400, height: 1000 } });
      contexts.push(context);
      await context.addInitScript({ path: AXE });
      return context.newPage();
    };
    const signedIn = async (email: string) => {
      const other = await newPage();
      await signInOn(other, url, email);
      return other;
    };
    let oversight: Page | undefined;
    const page = await newPage();
    const found: string[] = [];
    const setLanguage = (on: Page, language: string) =>
      on.evaluate(`window.localStorage.setItem("bulwark.language", ${JSON.stringify(language)})`);
    await prepareDemo(url);

    // The sign-in page, signed out, in each language.
    for (const language of LANGUAGES) {
      await page.goto(url);
      await setLanguage(page, language);
      await page.goto(`${url}/sign-in`);
      await page.locator("form input").first().waitFor();
      for (const violation of await violations(page)) found.push(`${language} /sign-in: ${violation}`);
    }
    await setLanguage(page, "en");
    await signInOn(page, url, ACCOUNT);

    const routes = new Routes(["/sign-in"]);
    const english: string[] = [];
    for (const language of LANGUAGES) {
      await setLanguage(page, language);
      if (oversight) await setLanguage(oversight, language);
      const patterns = MESSAGES[language] ? englishPatterns(MESSAGES[language]) : [];
      const result = await walk({
        page,
        second: async () => {
          if (!oversight) {
            oversight = await signedIn(OVERSIGHT);
            await setLanguage(oversight, language);
          }
          return oversight;
        },
        url,
        routes,
        label: language,
        check: async (on, where) => {
          const problems = (await violations(on)).map((violation) => `${where}: ${violation}`);
          if (process.env.A11Y_DEBUG) for (const problem of problems) console.log(problem);
          if (patterns.length > 0) english.push(...(await leftInEnglish(on, where, patterns)));
          return problems;
        },
      });
      found.push(...result.found);
      expect(result.missing, "routes with no demo thing to open").toEqual([]);
    }
    expect(found).toEqual([]);
    expect(english, "interface strings left in English").toEqual([]);
    for (const context of contexts) await context.close();
  }, 900_000);
});
