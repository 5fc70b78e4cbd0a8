// Dates, numbers, percentages and country names in the current language, through Intl.
import { useTranslation } from "react-i18next";

export interface Formatters {
  dateTime(iso: string): string;
  date(iso: string): string;
  number(value: number): string;
  /** A share from 0 to 1 as a whole percentage ("45 %" in French, "45%" in English); "—" when there is none. */
  percent(share: number | null | undefined): string;
  country(code: string): string;
  /** A file's size in kilobytes below a megabyte, else in megabytes, with the language's units ("10 Mo", "10 МБ"). */
  fileSize(bytes: number): string;
}

/** `make()` once, on first use. */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

function formattersOf(language: string): Formatters {
  // Intl's constructors are slow (a table's rows each asked for the seven, on every mount): each
  // is made once per language, when first used.
  const dateTime = lazy(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }));
  const date = lazy(() => new Intl.DateTimeFormat(language, { dateStyle: "medium" }));
  const number = lazy(() => new Intl.NumberFormat(language));
  const percent = lazy(() => new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }));
  const kilobytes = lazy(() => new Intl.NumberFormat(language, { style: "unit", unit: "kilobyte" }));
  const megabytes = lazy(
    () => new Intl.NumberFormat(language, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }),
  );
  return {
    dateTime: (iso) => dateTime().format(new Date(iso)),
    date: (iso) => date().format(new Date(iso)),
    number: (value) => number().format(value),
    percent: (share) => (share === null || share === undefined ? "—" : percent().format(share)),
    fileSize: (bytes) =>
      bytes < 1024 * 1024
        ? kilobytes().format(Math.max(1, Math.round(bytes / 1024)))
        : megabytes().format(bytes / 1024 / 1024),
    country: (code) => {
      try {
        return displayNames(language, "region").of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}

const byLanguage = new Map<string, Formatters>();

const displayNamesByKey = new Map<string, Intl.DisplayNames>();

/** Intl's names of regions or languages in `language` (codes where it has none), made once: its constructor is slow. */
export function displayNames(language: string, type: "region" | "language"): Intl.DisplayNames {
  const key = `${language}:${type}`;
  let names = displayNamesByKey.get(key);
  if (!names) {
    names = new Intl.DisplayNames([language], { type, fallback: "code" });
    displayNamesByKey.set(key, names);
  }
  return names;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  let formatters = byLanguage.get(language);
  if (!formatters) {
    formatters = formattersOf(language);
    byLanguage.set(language, formatters);
  }
  return formatters;
}
