// Every language in COMPLETE_LANGUAGES holds every English interface string: the same keys (plural
// keys in that language's own CLDR categories), nothing more, the same {{placeholders}} and <0>
// tags, no empty text, and no English sentence copied over untranslated.
import type { Language } from "@bulwark/core";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { ar } from "./ar.ts";
import { COMPLETE_LANGUAGES } from "./complete.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { ru } from "./ru.ts";
import { zh } from "./zh.ts";

const TRANSLATIONS: Record<Exclude<Language, "en">, unknown> = { fr, es, ru, ar, zh };

/**
 * English text a translation may keep as it is: names of standards, protocols and the product. Any
 * other value equal to the English one and of more than three words is taken for text left untranslated
 * (shorter ones, like "Description (Markdown)" in French, may rightly be the same).
 */
const SAME_IN_EVERY_LANGUAGE = new Set([
  "STIX 2.1",
  "TAXII 2.1",
  "TLP 2.0",
  "CAP 1.2",
  "ISO 3166",
  "Bulwark",
  "MITRE ATT&CK for ICS",
]);

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Strings = Map<string, string>;

function flatten(value: unknown, prefix = "", into: Strings = new Map()): Strings {
  if (typeof value === "string") into.set(prefix, value);
  else if (value !== null && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  else into.set(prefix, `<not a string: ${String(value)}>`);
  return into;
}

const CATEGORY_ORDER = ["zero", "one", "two", "few", "many", "other"];

function categoriesOf(language: string): string[] {
  const categories: string[] = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  return CATEGORY_ORDER.filter((category) => categories.includes(category));
}

/** The English keys grouped: a plural key under its base name, any other key alone. */
function englishEntries(english: Strings): Map<string, { plural: boolean; text: string }> {
  const entries = new Map<string, { plural: boolean; text: string }>();
  for (const [key, text] of english) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match) entries.set(key, { plural: false, text });
    else if (match[1] === "other") entries.set(key.slice(0, match.index), { plural: true, text });
  }
  return entries;
}

function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((match) => `{{${match[1]}}}`);
  const tags = [...text.matchAll(/<\/?\d+\s*\/?>/g)].map((match) => match[0].replace(/\s/g, ""));
  return [...new Set([...names, ...tags])].sort();
}

function words(text: string): string[] {
  return text
    .replace(/\{\{[^}]*\}\}/g, " ")
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word));
}

/** Categories that only one whole number selects (Arabic's zero, one, two): their form may spell the number out. */
function singleNumberCategories(language: string): Set<string> {
  const rules = new Intl.PluralRules(language);
  const hits = new Map<string, number>();
  for (let n = 0; n <= 1000; n += 1) hits.set(rules.select(n), (hits.get(rules.select(n)) ?? 0) + 1);
  for (const n of [0.5, 1.5, 2.5]) hits.set(rules.select(n), (hits.get(rules.select(n)) ?? 0) + 2);
  return new Set([...hits].filter(([, count]) => count === 1).map(([category]) => category));
}

/** What is wrong with a translation, one line per problem (empty when it is complete). */
export function translationProblems(english: unknown, translation: unknown, language: string): string[] {
  const problems: string[] = [];
  const source = flatten(english);
  const target = flatten(translation);
  const categories = categoriesOf(language);
  const spelledOut = singleNumberCategories(language);
  const expected = new Set<string>();
  const check = (key: string, englishText: string, mayDropCount: boolean) => {
    expected.add(key);
    const text = target.get(key);
    if (text === undefined) return problems.push(`${key}: missing`);
    if (text.trim() === "" && englishText.trim() !== "") return problems.push(`${key}: empty`);
    const want = placeholders(englishText).filter((name) => !(mayDropCount && name === "{{count}}"));
    const have = placeholders(text).filter((name) => !(mayDropCount && name === "{{count}}"));
    if (want.join(" ") !== have.join(" "))
      problems.push(
        `${key}: placeholders ${have.join(" ") || "(none)"}, English has ${want.join(" ") || "(none)"}`,
      );
    if (text === englishText && words(text).length > 3 && !SAME_IN_EVERY_LANGUAGE.has(text))
      problems.push(`${key}: left in English: "${text}"`);
  };
  for (const [key, entry] of englishEntries(source)) {
    if (!entry.plural) check(key, entry.text, false);
    else for (const category of categories) check(`${key}_${category}`, entry.text, spelledOut.has(category));
  }
  for (const key of target.keys()) if (!expected.has(key)) problems.push(`${key}: not an English key`);
  return problems;
}

describe("the checker", () => {
  const english = {
    title: "Critical infrastructure",
    count_one: "{{count}} asset in {{sector}}",
    count_other: "{{count}} assets in {{sector}}",
    section: { hint: "Choose the sector that depends on this asset." },
  };
  const french = {
    title: "Infrastructures critiques",
    count_one: "{{count}} actif dans {{sector}}",
    count_many: "{{count}} d'actifs dans {{sector}}",
    count_other: "{{count}} actifs dans {{sector}}",
    section: { hint: "Choisissez le secteur qui dépend de cet actif." },
  };

  it("accepts a complete translation", () => {
    expect(translationProblems(english, french, "fr")).toEqual([]);
  });

  it("finds a missing key, a missing plural form, a stray key and an empty string", () => {
    const { count_many: _many, ...withoutMany } = french;
    expect(
      translationProblems(english, { ...withoutMany, title: " ", extra: "x", section: {} }, "fr"),
    ).toEqual(["title: empty", "count_many: missing", "section.hint: missing", "extra: not an English key"]);
  });

  it("holds plural keys to the language's own categories", () => {
    expect(translationProblems(english, { ...french, count_few: "{{count}} actifs" }, "fr")).toEqual([
      "count_few: not an English key",
    ]);
    const russian = {
      title: "Критическая инфраструктура",
      count_one: "{{count}} актив в {{sector}}",
      count_other: "{{count}} актива в {{sector}}",
      section: { hint: "Выберите сектор, который зависит от этого актива." },
    };
    expect(translationProblems(english, russian, "ru")).toEqual([
      "count_few: missing",
      "count_many: missing",
    ]);
  });

  it("finds a placeholder renamed, lost or added, and a lost tag", () => {
    expect(
      translationProblems(
        { ...english, link: "See <0>{{title}}</0>" },
        { ...french, title: "{{name}}", count_one: "un actif dans {{sector}}", link: "Voir {{title}}" },
        "fr",
      ),
    ).toEqual([
      "title: placeholders {{name}}, English has (none)",
      "count_one: placeholders {{sector}}, English has {{count}} {{sector}}",
      "link: placeholders {{title}}, English has </0> <0> {{title}}",
    ]);
  });

  it("lets a form that only one number selects spell the number out", () => {
    const arabic = {
      title: "البنية التحتية الحيوية",
      count_zero: "لا أصول في {{sector}}",
      count_one: "أصل واحد في {{sector}}",
      count_two: "أصلان في {{sector}}",
      count_few: "{{count}} أصول في {{sector}}",
      count_many: "{{count}} أصلًا في {{sector}}",
      count_other: "{{count}} أصل في {{sector}}",
      section: { hint: "اختر القطاع الذي يعتمد على هذا الأصل." },
    };
    expect(translationProblems(english, arabic, "ar")).toEqual([]);
    expect(translationProblems(english, { ...arabic, count_few: "أصول في {{sector}}" }, "ar")).toEqual([
      "count_few: placeholders {{sector}}, English has {{count}} {{sector}}",
    ]);
  });

  it("flags an English sentence copied over, but not a standard's name", () => {
    expect(translationProblems(english, { ...french, section: english.section }, "fr")).toEqual([
      'section.hint: left in English: "Choose the sector that depends on this asset."',
    ]);
    expect(translationProblems({ name: "STIX 2.1" }, { name: "STIX 2.1" }, "fr")).toEqual([]);
  });
});

describe("plural forms", () => {
  it("are the ones i18next picks (Intl.PluralRules' categories)", async () => {
    const instance = i18next.createInstance();
    await instance.init({ lng: "en", resources: {}, showSupportNotice: false });
    for (const language of ["en", "fr", "es", "ru", "ar", "zh"]) {
      const suffixes: unknown = instance.services.pluralResolver.getSuffixes(language);
      expect(suffixes, language).toEqual(categoriesOf(language).map((category) => `_${category}`));
    }
  });
});

describe.each(COMPLETE_LANGUAGES.map((language) => [language]))("the %s interface", (language) => {
  it("has every English string, translated", () => {
    expect(translationProblems(en, TRANSLATIONS[language], language)).toEqual([]);
  });
});
