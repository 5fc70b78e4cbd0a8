// i18next set-up: the six UN languages, English as the fallback, the choice kept in
// localStorage, and the document's lang and dir following the language (Arabic is right-to-left).
import { LANGUAGES, type Language, RIGHT_TO_LEFT } from "@bulwark/core";
import i18n, { type BackendModule, type FormatFunction, type ResourceKey } from "i18next";
import { initReactI18next } from "react-i18next";
import { enFirstScreen } from "./en-first-screen.ts";
import { isolateFor } from "./isolate.ts";

/**
 * The other languages load on demand, a chunk each: a reader downloads English (the fallback, which
 * fills any gap) and their own language only, not all six (about 100 KB gzipped less on first load).
 */
const OTHER_LANGUAGES: Record<Exclude<Language, "en">, () => Promise<ResourceKey>> = {
  fr: () => import("./fr.ts").then((module) => module.fr),
  es: () => import("./es.ts").then((module) => module.es),
  ar: () => import("./ar.ts").then((module) => module.ar),
  ru: () => import("./ru.ts").then((module) => module.ru),
  zh: () => import("./zh.ts").then((module) => module.zh),
};

const languageChunks: BackendModule = {
  type: "backend",
  init: () => {},
  read: (language, _namespace, callback) => {
    const load = isLanguage(language) && language !== "en" ? OTHER_LANGUAGES[language] : null;
    if (!load) {
      callback(null, language === "en" ? enFirstScreen : {});
      return;
    }
    load().then(
      (messages) => callback(null, messages),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Each language named in itself, as the switcher shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  fr: "Français",
  es: "Español",
  ar: "العربية",
  ru: "Русский",
  zh: "中文",
};

const STORAGE_KEY = "bulwark.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && LANGUAGES.some((language) => language === value);
}

export function directionOf(language: string): "rtl" | "ltr" {
  return RIGHT_TO_LEFT.some((rtl) => rtl === language) ? "rtl" : "ltr";
}

function storedLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages) {
    const base = tag.split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "en";
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** The current language, as one of ours (i18next may report a region variant). */
export function currentLanguage(): Language {
  const base = i18n.language.split("-")[0];
  return isLanguage(base) ? base : "en";
}

export function changeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this visit only.
  }
  void i18n.changeLanguage(language);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number inside a message reads as the language writes it (1 234,5 in French), as format.number does. */
function formatNumber<T>(value: T, language: string | undefined): T | string {
  if (typeof value !== "number" || !language) return value;
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/**
 * Every value put into a message: numbers as the language writes them, and in Arabic each value
 * isolated (isolate.ts) so that an English name keeps its punctuation in place.
 */
const formatValue: FormatFunction = (value, _format, language) =>
  isolateFor(formatNumber(value, language), language);

const language = initialLanguage();
applyToDocument(language);
i18n.on("languageChanged", applyToDocument);

/** Resolves once the reader's language is loaded: the app renders after it (main.tsx). */
export const i18nReady = i18n
  .use(languageChunks)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: enFirstScreen } },
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false, alwaysFormat: true, format: formatValue },
    returnNull: false,
  });

let later: Promise<void> | null = null;

/**
 * The English of every page but the first screen (en-later.ts: about 20 kB gzipped), loaded once,
 * with the first of those pages (router.tsx waits for it before showing one): English is every
 * language's fallback, so it is needed whatever the reader's language.
 */
export function englishOfEveryPage(): Promise<void> {
  later ??= import("./en-later.ts").then(({ enLater }) => {
    i18n.addResourceBundle("en", "translation", enLater, true, false);
  });
  return later;
}

export { i18n };
