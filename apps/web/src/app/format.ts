// Dates, numbers, percentages and country names in the current language, through Intl.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

export interface Formatters {
  dateTime(iso: string): string;
  date(iso: string): string;
  number(value: number): string;
  /** A share from 0 to 1 as a whole percentage ("45 %" in French, "45%" in English); "—" when there is none. */
  percent(share: number | null | undefined): string;
  country(code: string): string;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
    const date = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
    const number = new Intl.NumberFormat(language);
    const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
    const regions = new Intl.DisplayNames([language], { type: "region", fallback: "code" });
    return {
      dateTime: (iso) => dateTime.format(new Date(iso)),
      date: (iso) => date.format(new Date(iso)),
      number: (value) => number.format(value),
      percent: (share) => (share === null || share === undefined ? "—" : percent.format(share)),
      country: (code) => {
        try {
          return regions.of(code) ?? code;
        } catch {
          return code;
        }
      },
    };
  }, [language]);
}
