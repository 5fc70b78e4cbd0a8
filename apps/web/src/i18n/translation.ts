// The type of a complete translation: every English key, with plural keys in the target language's
// own CLDR categories (i18next picks `key_<category>` with Intl.PluralRules). tsc then catches a
// missing key, a stray key or a missing plural form; completeness.test.ts checks the same at run
// time, plus placeholders and text left in English.
import type { Language } from "@bulwark/core";

export type PluralCategory = "zero" | "one" | "two" | "few" | "many" | "other";

/** The CLDR plural categories of each language, as Intl.PluralRules (Node 20, browsers) gives them. */
export interface PluralCategories {
  en: "one" | "other";
  fr: "one" | "many" | "other";
  es: "one" | "many" | "other";
  ru: "one" | "few" | "many" | "other";
  ar: "zero" | "one" | "two" | "few" | "many" | "other";
  zh: "other";
}

type PluralKey = `${string}_${PluralCategory}`;
type PluralBase<K> = K extends `${infer Base}_${PluralCategory}` ? Base : never;

/** A complete translation of the English messages T into language L. */
export type Translation<T, L extends Language> = {
  [K in keyof T as K extends PluralKey ? never : K]: T[K] extends string ? string : Translation<T[K], L>;
} & {
  [K in `${PluralBase<keyof T>}_${PluralCategories[L]}`]: string;
};
