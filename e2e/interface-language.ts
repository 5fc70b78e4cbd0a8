// What the reader sees left in English on a page meant to be in another language: the English
// interface strings (en.ts) a translation changes, matched against the page's visible texts. Used by
// the languages walk (French, Spanish, Russian, Chinese) and the accessibility walk (Arabic, on every
// route of the router).
import type { Page } from "playwright-core";
import { en } from "../apps/web/src/i18n/en.ts";

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
export function englishPatterns(messages: unknown): { text: string; pattern: RegExp }[] {
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

export async function visibleTexts(page: Page): Promise<string[]> {
  const texts: unknown = await page.evaluate(VISIBLE_TEXTS);
  return Array.isArray(texts) ? texts.filter((text) => typeof text === "string") : [];
}

/** The texts of `page` that are English interface strings left untranslated, as "where: text (en)". */
export async function leftInEnglish(
  page: Page,
  where: string,
  patterns: { text: string; pattern: RegExp }[],
): Promise<string[]> {
  const found: string[] = [];
  for (const text of await visibleTexts(page))
    for (const { text: english, pattern } of patterns)
      if (pattern.test(text)) found.push(`${where}: "${text}" (en: "${english}")`);
  return found;
}

/** The strings of the server's JSON answers a page received (data: names, titles, bodies). */
export interface ServerStrings {
  strings: Set<string>;
  reading: Set<Promise<void>>;
}

const gathered = new WeakMap<Page, ServerStrings>();

/** Starts gathering what the server sends `page` (call before the page opens anything). */
export function serverStrings(page: Page): ServerStrings {
  let found = gathered.get(page);
  if (found) return found;
  const received = new Set<string>();
  const reading = new Set<Promise<void>>();
  page.on("response", (response) => {
    if (!(response.headers()["content-type"] ?? "").includes("json")) return;
    const read = response.json().then(
      (body: unknown) => {
        for (const text of strings(body)) received.add(text);
      },
      () => undefined,
    );
    reading.add(read);
    void read.finally(() => reading.delete(read));
  });
  found = { strings: received, reading };
  gathered.set(page, found);
  return found;
}

/**
 * Two Latin words in a row, one of them in small letters ("resolution 2341" is not, "Council
 * resolution" is): English prose, not a code ("TLP:AMBER"), an acronym ("MITRE ATT&CK"), a name in
 * capitals ("Natural Earth") or an address.
 */
const LATIN_PROSE = /(?:^|[^\p{L}])(?:[a-z]{2,}\s+[A-Za-z]{2,}|[A-Za-z]{2,}\s+[a-z]{2,})(?:[^\p{L}]|$)/u;

/**
 * For a page in a language not written in Latin letters (Russian, Chinese): its texts with English
 * prose that came neither from its translations nor from the server's data (an entry's body stays in
 * its original language and is shown as sent). This finds English written into a component, which
 * en.ts does not hold and `leftInEnglish` cannot see.
 */
export async function latinProse(
  page: Page,
  where: string,
  messages: unknown,
  server: ServerStrings,
): Promise<string[]> {
  await Promise.all([...server.reading]);
  const translated = new Set(strings(messages));
  const data = [...server.strings];
  const found: string[] = [];
  for (const text of await visibleTexts(page)) {
    if (!LATIN_PROSE.test(text) || translated.has(text)) continue;
    if (data.some((value) => value.includes(text) || (value.length > 3 && text.includes(value)))) continue;
    found.push(`${where}: "${text}" (English prose in neither the translations nor the data)`);
  }
  return found;
}
