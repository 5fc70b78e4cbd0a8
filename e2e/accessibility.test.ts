// Every route of the web app passes axe-core with no critical or serious violation, in English and in
// Arabic (right to left). The routes are read from the router itself (apps/web/src/app/router.tsx and
// the route tables of each capability it loads), so a new page is checked without touching this file.
// A route with parameters opens a real thing of the demo: the first link to it found on the pages
// already visited, or, for a sub-page such as ".../:id/revise", the address of its parent plus the
// rest. One browser, one page, one session. In Arabic, each page is also read for interface strings
// left in English (e2e/interface-language.ts): the languages walk leaves Arabic to this one.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createClient } from "@bulwark/contracts";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ar } from "../apps/web/src/i18n/ar.ts";
import { es } from "../apps/web/src/i18n/es.ts";
import { fr } from "../apps/web/src/i18n/fr.ts";
import { ru } from "../apps/web/src/i18n/ru.ts";
import { zh } from "../apps/web/src/i18n/zh.ts";
import { launchChromium, signInOn } from "./browser.ts";
import { englishPatterns, leftInEnglish } from "./interface-language.ts";
import { DEMO_PASSWORD, ROOT, type Started, startBulwark } from "./start.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const APP = join(ROOT, "apps/web/src/app");
/**
 * The demo's national coordinator: the country's assets, risk, sharing, self-assessment runs and
 * compendium reviews.
 */
const ACCOUNT = "tomas.varga@ncipa.meridia.example";
/** For the pages the first account may not open (they send it home): the platform's administrator. */
const OVERSIGHT = "admin@bulwark.example";
const LANGUAGES = (process.env.A11Y_LANGUAGES?.split(",") ?? ["en", "ar"]) as readonly string[];
/** The interface strings of each language but English, to find what a page left in English. */
const MESSAGES: Record<string, unknown> = { ar, es, fr, ru, zh };

/**
 * The router's paths, absolute ("/assets/:id"). A "prefix/*" route loads a capability's route table
 * (compendium-routes.tsx and the like), whose paths are read in turn. The catch-all "*" is left out.
 */
function routerPaths(): string[] {
  // The router declares its routes, and page-code.ts those loaded on demand, by path, each with
  // the module it loads.
  const router = `${readFileSync(join(APP, "router.tsx"), "utf8")}\n${readFileSync(join(APP, "page-code.ts"), "utf8")}`;
  const declared = [
    ...[...router.matchAll(/path:\s*"([^"]+)"/g)].map((match) => match[1] ?? ""),
    ...[...router.matchAll(/^ {2}"?([a-z][^"\n]*?)"?: once\(/gm)].map((match) => match[1] ?? ""),
  ];
  const paths: string[] = [];
  for (const path of declared) {
    if (path === "*" || path === "/") continue;
    if (!path.endsWith("/*")) {
      paths.push(path.startsWith("/") ? path : `/${path}`);
      continue;
    }
    // The table a "prefix/*" route loads: the module its element imports.
    const entry = new RegExp(`"${path.replace(/[*]/g, "\\*")}"[^{}]*?import\\("([^"]+)"\\)`, "s").exec(
      router,
    );
    if (!entry?.[1]) throw new Error(`page-code.ts: the route ${path} loads no module this test can read.`);
    const table = readFileSync(join(APP, entry[1]), "utf8");
    const below = [...table.matchAll(/path:\s*"([^"]+)"/g)].map((match) => `/${match[1]}`);
    const prefix = `/${path.slice(0, -2)}`;
    if (!below.includes(prefix)) throw new Error(`${entry[1]} declares no page at ${prefix}.`);
    paths.push(...below);
  }
  return ["/", ...paths];
}

const hasParameters = (path: string) => path.includes("/:");
const patternOf = (path: string) => new RegExp(`^${path.replace(/:[^/]+/g, "[^/]+")}$`);

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

const LINKS = `[...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"))`;

/** Opens `address` and waits for the page to settle: its requests done, its title shown. */
async function open(page: Page, url: string, address: string): Promise<void> {
  if (process.env.A11Y_DEBUG) console.log(new Date().toISOString(), address);
  await page.goto(`${url}${address}`);
  await page.waitForLoadState("networkidle");
  await page.getByRole("heading", { level: 2 }).first().waitFor({ timeout: 15_000 });
  // Skeletons and loaders gone: what is checked is the page with its data.
  // A locator, not waitForFunction: its polling evaluates a string, which the page's CSP refuses.
  await page
    .locator(".mantine-Skeleton-root, .mantine-Loader-root, [aria-busy=true]")
    .first()
    // The analysis page computes on the server first: slow on a busy machine.
    .waitFor({ state: "detached", timeout: 60_000 });
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
    const paths = routerPaths();
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
    const english: string[] = [];
    const setLanguage = (language: string) =>
      page.evaluate(`window.localStorage.setItem("bulwark.language", ${JSON.stringify(language)})`);

    // The demo holds no compendium proposal: the coordinator proposes an edit of an entry, so the
    // proposal's pages have one to show.
    const api = createClient({ baseUrl: url, cookieJar: true });
    await api.call("login", { body: { email: ACCOUNT, password: DEMO_PASSWORD } });
    const [entry] = (await api.call("searchCompendium", { query: {} })).items;
    if (!entry) throw new Error("The demo's compendium is empty.");
    const current = await api.call("getEntry", { params: { slug: entry.slug } });
    await api.call("createProposal", {
      body: { entrySlug: entry.slug, content: { ...current, title: `${current.title} (revised)` } },
    });

    // The sign-in page, signed out, in each language.
    for (const language of LANGUAGES) {
      await page.goto(url);
      await setLanguage(language);
      await page.goto(`${url}/sign-in`);
      await page.locator("form input").first().waitFor();
      for (const violation of await violations(page)) found.push(`${language} /sign-in: ${violation}`);
    }
    await setLanguage("en");
    await signInOn(page, url, ACCOUNT);

    // The addresses to open: the routes without parameters, then each route with parameters at
    // a real thing found on the pages visited so far.
    const statics = paths.filter((path) => path !== "/sign-in" && !hasParameters(path));
    const depth = (path: string) => path.split("/").length;
    const order = [
      ...statics,
      ...paths
        .filter(hasParameters)
        .sort((a, b) => depth(a) - depth(b) || paths.indexOf(a) - paths.indexOf(b)),
    ];
    const links = new Set<string>();
    const addresses = new Map<string, string>();
    const missing: string[] = [];
    for (const language of LANGUAGES) {
      await setLanguage(language);
      const messages = MESSAGES[language];
      const patterns = messages ? englishPatterns(messages) : [];
      for (const path of order) {
        let address = addresses.get(path);
        if (!address && !hasParameters(path)) address = path;
        if (!address) {
          const pattern = patternOf(path);
          address = [...links].find((href) => pattern.test(href) && !statics.includes(href));
          // A sub-page of a thing already found: its parent's address and the rest of the path.
          const parent = paths
            .filter((other) => other !== path && path.startsWith(`${other}/`) && addresses.has(other))
            .sort((a, b) => b.length - a.length)[0];
          if (!address && parent && hasParameters(parent))
            address = `${addresses.get(parent)}${path.slice(parent.length)}`;
        }
        if (!address) {
          if (language === "en") missing.push(path);
          continue;
        }
        addresses.set(path, address);
        let on = page;
        try {
          await open(on, url, address);
        } catch (error) {
          const text = String(await on.evaluate("document.body.innerText")).slice(0, 300);
          found.push(`${language} ${address}: did not settle (${String(error).slice(0, 80)}): ${text}`);
          continue;
        }
        if (address !== "/" && new URL(on.url()).pathname === "/") {
          // This account may not open the page: the platform's administrator opens it.
          oversight ??= await signedIn(OVERSIGHT);
          on = oversight;
          await on.evaluate(`window.localStorage.setItem("bulwark.language", ${JSON.stringify(language)})`);
          await open(on, url, address);
        }
        expect(new URL(on.url()).pathname, `${path} opened at ${address}`).toBe(address);
        for (const violation of await violations(on)) {
          found.push(`${language} ${address}: ${violation}`);
          if (process.env.A11Y_DEBUG) console.log(`${language} ${address}: ${violation}`);
        }
        if (patterns.length > 0)
          english.push(...(await leftInEnglish(on, `${language} ${address}`, patterns)));
        const hrefs: unknown = await on.evaluate(LINKS);
        if (Array.isArray(hrefs))
          for (const href of hrefs)
            if (typeof href === "string" && href.startsWith("/")) links.add(href.replace(/[?#].*$/, ""));
      }
    }
    expect(missing, "routes with no demo thing to open").toEqual([]);
    expect(found).toEqual([]);
    expect(english, "interface strings left in English").toEqual([]);
    for (const context of contexts) await context.close();
  }, 900_000);
});
