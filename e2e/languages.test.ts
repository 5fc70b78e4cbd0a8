// The interface in the reader's language: a browser set to French, Spanish, Russian or Chinese opens
// the main routes and finds no interface string of en.ts left in English on screen (text, and the
// labels, placeholders and titles that name controls). Arabic is read on every route of the router
// by the accessibility walk (e2e/accessibility.test.ts), which opens them all in Arabic anyway.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { es } from "../apps/web/src/i18n/es.ts";
import { fr } from "../apps/web/src/i18n/fr.ts";
import { ru } from "../apps/web/src/i18n/ru.ts";
import { zh } from "../apps/web/src/i18n/zh.ts";
import { launchChromium } from "./browser.ts";
import { englishPatterns, leftInEnglish } from "./interface-language.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

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
    language: "zh",
    locale: "zh-CN",
    messages: zh,
    email: "电子邮件",
    password: "密码",
    submit: "登录",
  },
];

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
    const english: string[] = [];
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
      english.push(...(await leftInEnglish(page, route, patterns)));
    }
    expect(english).toEqual([]);
    await context.close();
  }, 300_000);
});
