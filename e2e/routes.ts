// Every route of the web app, read from the router itself (apps/web/src/app/router.tsx and the route
// tables of each capability it loads), and a walk that opens each in a signed-in browser page: used
// by the accessibility walk (axe-core, English and Arabic) and the languages walk (no English left in
// French, Spanish, Russian and Chinese), so a new page is checked by both without touching either.
// A route with parameters opens a real thing of the demo: the first link to it found on the pages
// already visited, or, for a sub-page such as ".../:id/revise", the address of its parent plus the
// rest. A page the first account may not open (it is sent home) is opened by a second account.
// After the first address, a page moves client-side (the router follows history.pushState and a
// popstate event, as it does for the Back button): the app is not loaded again for every route.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@bulwark/contracts";
import type { Page, Request } from "playwright-core";
import { DEMO_PASSWORD, ROOT } from "./start.ts";

const APP = join(ROOT, "apps/web/src/app");

/**
 * The demo's national coordinator: the country's assets, risk, sharing, self-assessment runs and
 * compendium reviews.
 */
export const ACCOUNT = "tomas.varga@ncipa.meridia.example";
/** For the pages the first account may not open (they send it home): the platform's administrator. */
export const OVERSIGHT = "admin@bulwark.example";

/**
 * The router's paths, absolute ("/assets/:id"). A "prefix/*" route loads a capability's route table
 * (compendium-routes.tsx and the like), whose paths are read in turn. The catch-all "*" is left out.
 */
export function routerPaths(): string[] {
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

export const hasParameters = (path: string) => path.includes("/:");
const patternOf = (path: string) => new RegExp(`^${path.replace(/:[^/]+/g, "[^/]+")}$`);

/**
 * What the demo lacks for some pages to show something: it holds no compendium proposal, so the
 * coordinator proposes an edit of an entry and the proposal's pages have one to show.
 */
export async function prepareDemo(url: string): Promise<void> {
  const api = createClient({ baseUrl: url, cookieJar: true });
  await api.call("login", { body: { email: ACCOUNT, password: DEMO_PASSWORD } });
  const [entry] = (await api.call("searchCompendium", { query: {} })).items;
  if (!entry) throw new Error("The demo's compendium is empty.");
  const current = await api.call("getEntry", { params: { slug: entry.slug } });
  await api.call("createProposal", {
    body: { entrySlug: entry.slug, content: { ...current, title: `${current.title} (revised)` } },
  });
}

const LINKS = `[...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"))`;

/**
 * The addresses of the routes, in the order they are opened: the routes without parameters, then
 * each route with parameters (shallow first) at a real thing found on the pages visited so far. One
 * instance serves several walks (one per language): an address found once is opened again.
 */
export class Routes {
  readonly paths = routerPaths();
  private readonly statics = this.paths.filter((path) => !hasParameters(path));
  readonly order: readonly string[];
  private readonly links = new Set<string>();
  private readonly addresses = new Map<string, string>();

  constructor(leave: readonly string[] = []) {
    const depth = (path: string) => path.split("/").length;
    this.order = [
      ...this.statics,
      ...this.paths
        .filter(hasParameters)
        .sort((a, b) => depth(a) - depth(b) || this.paths.indexOf(a) - this.paths.indexOf(b)),
    ].filter((path) => !leave.includes(path));
  }

  /** Where to open `path`: its own address, or a thing of the demo linked from a page seen so far. */
  addressOf(path: string): string | undefined {
    const known = this.addresses.get(path);
    if (known) return known;
    if (!hasParameters(path)) return path;
    const pattern = patternOf(path);
    const linked = [...this.links].find((href) => pattern.test(href) && !this.statics.includes(href));
    if (linked) return linked;
    // A sub-page of a thing already found: its parent's address and the rest of the path.
    const parent = this.paths
      .filter((other) => other !== path && path.startsWith(`${other}/`) && this.addresses.has(other))
      .sort((a, b) => b.length - a.length)[0];
    if (parent && hasParameters(parent)) return `${this.addresses.get(parent)}${path.slice(parent.length)}`;
    return undefined;
  }

  opened(path: string, address: string): void {
    this.addresses.set(path, address);
  }

  /** The app's links on `page`, for the routes with parameters still to open. */
  async learn(page: Page): Promise<void> {
    const hrefs: unknown = await page.evaluate(LINKS);
    if (Array.isArray(hrefs))
      for (const href of hrefs)
        if (typeof href === "string" && href.startsWith("/")) this.links.add(href.replace(/[?#].*$/, ""));
  }
}

/** The requests of a page still under way (event streams left out: they never end). */
const underWay = new WeakMap<Page, { requests: Set<Request>; since: number }>();

function follow(page: Page): { requests: Set<Request>; since: number } {
  let state = underWay.get(page);
  if (state) return state;
  const followed = { requests: new Set<Request>(), since: Date.now() };
  page.on("request", (request) => {
    if (request.resourceType() === "eventsource") return;
    followed.requests.add(request);
    followed.since = Date.now();
  });
  const ended = (request: Request) => {
    if (followed.requests.delete(request)) followed.since = Date.now();
  };
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  underWay.set(page, followed);
  state = followed;
  return state;
}

/** Until no request of `page` has been under way for `quietFor` ms. */
async function quiet(page: Page, quietFor = 300, timeout = 60_000): Promise<void> {
  const state = follow(page);
  const until = Date.now() + timeout;
  while (state.requests.size > 0 || Date.now() - state.since < quietFor) {
    if (Date.now() > until)
      throw new Error(
        `requests still under way: ${[...state.requests].map((request) => request.url()).join(", ")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Opens `address` on `page` and waits for it to settle: its requests done, its title shown, its
 * skeletons and loaders gone. Client-side once the app is loaded on the page, unless `reload`.
 */
export async function open(page: Page, url: string, address: string, reload = false): Promise<void> {
  if (process.env.A11Y_DEBUG) console.log(new Date().toISOString(), address);
  follow(page);
  const here = page.url();
  if (reload || !here.startsWith(url) || new URL(here).pathname === "/sign-in")
    await page.goto(`${url}${address}`);
  else {
    // The headings of the page left are marked: the router may keep showing it while the next
    // page's code loads, and what is read must be the next page.
    await page.evaluate(`(() => {
      for (const heading of document.querySelectorAll("h2")) heading.setAttribute("data-e2e-left", "");
      const index = (window.history.state?.idx ?? 0) + 1;
      window.history.pushState({ usr: null, key: "e2e" + index, idx: index }, "", ${JSON.stringify(address)});
      window.dispatchEvent(new PopStateEvent("popstate", { state: window.history.state }));
    })()`);
    // A page of the same component as the one left may keep its heading element: after a while,
    // the waits below (requests, skeletons) are left to tell when it has settled.
    await page
      .locator("h2:not([data-e2e-left])")
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
  }
  await quiet(page);
  await page.getByRole("heading", { level: 2 }).first().waitFor({ timeout: 15_000 });
  // Skeletons and loaders gone: what is checked is the page with its data.
  // A locator, not waitForFunction: its polling evaluates a string, which the page's CSP refuses.
  await page
    .locator(".mantine-Skeleton-root, .mantine-Loader-root, [aria-busy=true]")
    .first()
    // The analysis page computes on the server first: slow on a busy machine.
    .waitFor({ state: "detached", timeout: 60_000 });
  await quiet(page, 100);
}

export interface Walk {
  /** The page of the first account, signed in, in the walk's language. */
  page: Page;
  /** The page of the second account (made on first need), signed in, in the walk's language. */
  second: () => Promise<Page>;
  url: string;
  routes: Routes;
  /** What is wrong on a page once it has settled, as sentences ("where: what"). */
  check: (page: Page, where: string) => Promise<string[]>;
  /** Prefixes each finding (the language, say). */
  label: string;
}

/**
 * Opens every route of `routes` in order and checks each page. The first address of each page
 * loads the app (a reader's language read from storage applies); the others move client-side.
 * Returns what the checks found, the pages that would not settle or opened elsewhere, and the
 * routes no demo thing could be found for.
 */
export async function walk({ page, second, url, routes, check, label }: Walk): Promise<{
  found: string[];
  missing: string[];
  opened: string[];
}> {
  const found: string[] = [];
  const missing: string[] = [];
  const opened: string[] = [];
  const loaded = new Set<Page>();
  const go = async (on: Page, address: string) => {
    await open(on, url, address, !loaded.has(on));
    loaded.add(on);
  };
  for (const path of routes.order) {
    const address = routes.addressOf(path);
    if (!address) {
      missing.push(path);
      continue;
    }
    routes.opened(path, address);
    let on = page;
    try {
      await go(on, address);
      if (address !== "/" && new URL(on.url()).pathname === "/") {
        // This account may not open the page: the second account opens it.
        on = await second();
        await go(on, address);
      }
    } catch (error) {
      const text = String(await on.evaluate("document.body.innerText")).slice(0, 300);
      found.push(`${label} ${address}: did not settle (${String(error).slice(0, 120)}): ${text}`);
      // The next page loads the app again.
      loaded.delete(on);
      continue;
    }
    const at = new URL(on.url()).pathname;
    if (at !== address) {
      found.push(`${label} ${path} opened at ${at}, not ${address}`);
      continue;
    }
    opened.push(address);
    found.push(...(await check(on, `${label} ${address}`)));
    await routes.learn(on);
  }
  return { found, missing, opened };
}
