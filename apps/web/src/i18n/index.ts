// i18next set-up: the six UN languages, English as the fallback, the choice kept in
// localStorage, and the document's lang and dir following the language (Arabic is right-to-left).
import { LANGUAGES, type Language, RIGHT_TO_LEFT } from "@bulwark/core";
import i18n, { type FormatFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { ar } from "./ar.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { isolateFor } from "./isolate.ts";
import { ru } from "./ru.ts";
import { zh } from "./zh.ts";

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

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    fr: { translation: fr },
    es: { translation: es },
    ar: { translation: ar },
    ru: { translation: ru },
    zh: { translation: zh },
  },
  lng: language,
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false, alwaysFormat: true, format: formatValue },
  returnNull: false,
});

export { i18n };
