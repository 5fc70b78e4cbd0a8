// i18next set-up: the six UN languages, English as the fallback, the choice kept in
// localStorage, and the document's lang and dir following the language (Arabic is right-to-left).
import { LANGUAGES, type Language, RIGHT_TO_LEFT } from "@bulwark/core";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { ar } from "./ar.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { isolatingFormatter } from "./isolate.ts";
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

const language = initialLanguage();
applyToDocument(language);
i18n.on("languageChanged", applyToDocument);

// Values put into Arabic messages are isolated (isolate.ts), so English names keep their
// punctuation in place.
void i18n
  .use(initReactI18next)
  .use(isolatingFormatter)
  .init({
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
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
  });

export { i18n };
