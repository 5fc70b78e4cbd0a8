// The interface in the reader's language: a browser set to French, Spanish or Russian opens the main
// routes and finds no interface string of en.ts left in English on screen (text, and the labels,
// placeholders and titles that name controls).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ar } from "../apps/web/src/i18n/ar.ts";
import { en } from "../apps/web/src/i18n/en.ts";
import { es } from "../apps/web/src/i18n/es.ts";
import { fr } from "../apps/web/src/i18n/fr.ts";
import { ru } from "../apps/web/src/i18n/ru.ts";
import { zh } from "../apps/web/src/i18n/zh.ts";
import { launchChromium } from "./browser.ts";
import { DEMO_PASSWORD, ROOT, type Started, startBulwark } from "./start.ts";

const ROUTES = [
  "/",
  "/organisations",
  "/people",
  "/communities",
  "/audit",
  "/account",
  "/assets",
  "/analysis",
  "/risk",
  "/risk/new",
  "/risk/scenarios",
  "/risk/methodology",
  "/sharing",
  "/sharing/new",
  "/sharing/approvals",
  "/sharing/taxii",
  "/sharing/stix-import",
  "/sharing/stix-collections",
  "/incidents",
  "/incidents/new",
  "/events",
  "/events/actions",
  "/compendium",
  "/compendium/proposals",
  "/compendium/propose",
  "/experts",
  "/experts/me",
  "/experts/questions",
  "/self-assessment",
  "/self-assessment/aggregation",
];

/** A list route, and the address of its first item's page: that page is read too. */
const DETAIL_OF: Record<string, RegExp> = {
  "/assets": /^\/assets\/[^/]+$/,
  "/risk": /^\/risk\/(?!new$|scenarios$|methodology$)[^/]+$/,
  "/sharing": /^\/sharing\/(?!new$|approvals$|taxii$|stix-import$|stix-collections$)[^/]+$/,
  "/incidents": /^\/incidents\/(?!new$)[^/]+$/,
  "/events": /^\/events\/(?!new$|actions$)[^/]+$/,
  "/compendium": /^\/compendium\/(?!proposals$|propose$)[^/]+$/,
  "/experts/questions": /^\/experts\/questions\/[^/]+$/,
  "/self-assessment": /^\/self-assessment\/runs\/[^/]+$/,
};

const LINKS = `[...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"))`;

/**
 * Content the server sends in English until it is translated with the rest of the content (issue 15,
 * item 4): the risk methodology, the frameworks and the threat scenarios. Some of their words are
 * also interface strings ("Likely", "Vulnerability"); a text that is a value of these files is
 * content, not interface.
 */
const ENGLISH_CONTENT = new Set(
  ["risk", "frameworks", "scenarios"].flatMap((folder) =>
    readdirSync(join(ROOT, "content", folder))
      .filter((file) => file.endsWith(".yaml"))
      .flatMap((file) => readFileSync(join(ROOT, "content", folder, file), "utf8").split("\n"))
      .map((line) => /^\s*(?:-\s+)?(?:[\w-]+:\s+)?["']?(.*?)["']?\s*$/.exec(line)?.[1] ?? "")
      .filter((value) => value !== ""),
  ),
);

const LANGUAGES = [
  {
    language: "fr",
    locale: "fr-FR",
    messages: fr,
    email: "Courriel",
    password: "Mot de passe",
    submit: "Se connecter",
  },
  {
    language: "es",
    locale: "es-ES",
    messages: es,
    email: "Correo electrónico",
    password: "Contraseña",
    submit: "Iniciar sesión",
  },
  {
    language: "ru",
    locale: "ru-RU",
    messages: ru,
    email: "Электронная почта",
    password: "Пароль",
    submit: "Войти",
  },
  {
    language: "ar",
    locale: "ar",
    messages: ar,
    email: "البريد الإلكتروني",
    password: "كلمة المرور",
    submit: "تسجيل الدخول",
  },
  {
    language: "zh",
    locale: "zh-CN",
    messages: zh,
    email: "电子邮件",
    password: "密码",
    submit: "登录",
  },
];

function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") into.push(value);
  else if (value !== null && typeof value === "object")
    for (const inner of Object.values(value)) strings(inner, into);
  return into;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The English interface strings a page in `messages`' language must not show: those the translation
 * changes (names such as "TLP:CLEAR" stay), with at least three letters outside their placeholders.
 * A placeholder matches a short run of anything, so "{{count}} entries" catches "12 entries" but
 * "{{organisation}} left {{community}}." does not catch a long sentence that has "left" in it.
 */
function englishPatterns(messages: unknown): { text: string; pattern: RegExp }[] {
  const translated = new Set(strings(messages));
  return [...new Set(strings(en))]
    .filter((text) => !translated.has(text))
    .filter((text) => (text.replace(/\{\{[^}]*\}\}|<\/?\d+>/g, "").match(/\p{L}/gu) ?? []).length >= 3)
    .map((text) => ({
      text,
      pattern: new RegExp(
        `^${text
          .replace(/<\/?\d+>/g, "")
          .split(/\{\{[^}]*\}\}/)
          .map(escapeRegExp)
          .join(".{1,60}?")}$`,
        "su",
      ),
    }));
}

/**
 * What the page shows a reader: the text of visible elements, and their aria-label, placeholder and
 * title. Run in the page, hence a string (this package's TypeScript has no DOM).
 */
const VISIBLE_TEXTS = `(() => {
  const found = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text && node.parentElement?.checkVisibility()) found.add(text);
  }
  for (const element of document.body.querySelectorAll("[aria-label], [placeholder], [title]"))
    if (element.checkVisibility())
      for (const name of ["aria-label", "placeholder", "title"]) {
        const text = element.getAttribute(name)?.trim();
        if (text) found.add(text);
      }
  return [...found];
})()`;

async function visibleTexts(page: Page): Promise<string[]> {
  const texts: unknown = await page.evaluate(VISIBLE_TEXTS);
  return Array.isArray(texts) ? texts.filter((text) => typeof text === "string") : [];
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

describe.each(LANGUAGES)("the interface in $language", ({ language, locale, messages, ...labels }) => {
  it("shows no English interface string on the main routes", async () => {
    const context = await browser.newContext({ locale, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    // The browser's language picks the interface's: the sign-in page is already translated. Each
    // route is read once its requests have settled; what loads later is not read (never a false alarm).
    await page.goto(bulwark.url);
    await page.getByLabel(labels.email).fill("admin@bulwark.example");
    await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: labels.submit }).click();
    await page.getByRole("heading", { level: 2 }).first().waitFor();
    expect(await page.evaluate("document.documentElement.lang")).toBe(language);

    const patterns = englishPatterns(messages);
    const leftInEnglish: string[] = [];
    const routes = [...ROUTES];
    for (const route of routes) {
      await page.goto(`${bulwark.url}${route}`);
      await page.waitForLoadState("networkidle");
      await page.getByRole("heading", { level: 2 }).first().waitFor();
      const detail = DETAIL_OF[route];
      if (detail) {
        const links: unknown = await page.evaluate(LINKS);
        const first = Array.isArray(links)
          ? links.find((href) => typeof href === "string" && detail.test(href))
          : null;
        if (typeof first === "string") routes.push(first);
      }
      for (const text of await visibleTexts(page))
        if (!ENGLISH_CONTENT.has(text))
          for (const { text: english, pattern } of patterns)
            if (pattern.test(text)) leftInEnglish.push(`${route}: "${text}" (en: "${english}")`);
    }
    expect(leftInEnglish).toEqual([]);
    await context.close();
  }, 300_000);
});
