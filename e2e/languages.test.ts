// The interface in the reader's language: a browser set to French, Spanish, Russian or Chinese opens
// every route of the router (e2e/routes.ts: each capability's pages, a real thing of the demo for
// each detail page and its sub-pages) and finds no interface string of en.ts left in English on
// screen (text, and the labels, placeholders and titles that name controls). Arabic is read on every
// route by the accessibility walk (e2e/accessibility.test.ts), which opens them all in Arabic anyway.
// One browser; per language one context (and a second one for the pages the first account may not
// open); the app loads once per context and moves client-side from route to route.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { es } from "../apps/web/src/i18n/es.ts";
import { fr } from "../apps/web/src/i18n/fr.ts";
import { ru } from "../apps/web/src/i18n/ru.ts";
import { zh } from "../apps/web/src/i18n/zh.ts";
import { launchChromium } from "./browser.ts";
import {
  englishPatterns,
  latinProse,
  leftInEnglish,
  type ServerStrings,
  serverStrings,
} from "./interface-language.ts";
import { ACCOUNT, OVERSIGHT, prepareDemo, Routes, walk } from "./routes.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

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
].filter(({ language }) => process.env.LANGUAGES_ONLY?.split(",").includes(language) ?? true);

/**
 * The languages not written in Latin letters: there, English prose written into a component (not in
 * en.ts, so not known to leftInEnglish) shows too (interface-language.ts's latinProse).
 */
const LATIN = ["ru", "zh"];

let bulwark: Started;
let browser: Browser;
/** The routes' addresses, found by the first language's walk and opened again by the others'. */
let routes: Routes;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  await prepareDemo(bulwark.url);
  routes = new Routes(["/sign-in"]);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

describe.each(LANGUAGES)("the interface in $language", ({ language, locale, messages, ...labels }) => {
  it("shows no English interface string on any route", async () => {
    const patterns = englishPatterns(messages);
    const english: string[] = [];
    const contexts: BrowserContext[] = [];
    const servers = new Map<Page, ServerStrings>();
    /** What `page` shows in English. */
    const read = async (page: Page, where: string): Promise<string[]> => {
      const found = await leftInEnglish(page, where, patterns);
      const server = servers.get(page);
      if (LATIN.includes(language) && server)
        found.push(...(await latinProse(page, where, messages, server)));
      return found;
    };
    /** A page of its own context, the browser set to the language, signed in through the form. */
    const signedIn = async (email: string): Promise<Page> => {
      const context = await browser.newContext({ locale, viewport: { width: 1400, height: 1000 } });
      contexts.push(context);
      const page = await context.newPage();
      servers.set(page, serverStrings(page));
      // The browser's language picks the interface's: the sign-in page is already translated.
      await page.goto(bulwark.url);
      await page.getByLabel(labels.email).waitFor();
      if (contexts.length === 1) english.push(...(await read(page, `${language} /sign-in`)));
      await page.getByLabel(labels.email).fill(email);
      await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: labels.submit }).click();
      await page.waitForURL((address) => address.pathname !== "/sign-in");
      await page.getByRole("heading", { level: 2 }).first().waitFor();
      expect(await page.evaluate("document.documentElement.lang")).toBe(language);
      return page;
    };
    const page = await signedIn(ACCOUNT);
    let second: Page | undefined;
    const started = process.hrtime.bigint();
    const result = await walk({
      page,
      second: async () => {
        second ??= await signedIn(OVERSIGHT);
        return second;
      },
      url: bulwark.url,
      routes,
      label: language,
      check: async (on, where) => {
        english.push(...(await read(on, where)));
        return [];
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`${language}: ${result.opened.length} routes walked in ${seconds.toFixed(1)} s`);
    expect(english, "interface strings left in English").toEqual([]);
    expect(result.found).toEqual([]);
    expect(result.missing, "routes with no demo thing to open").toEqual([]);
    expect(result.opened.length).toBe(routes.order.length);
    for (const context of contexts) await context.close();
  }, 600_000);
});
