// The server's words in the caller's language: problem+json titles and details, from a catalogue per
// UN language (en.ts … zh.ts). Which language: the first of the six the request's Accept-Language
// names, else the language chosen on the caller's account, else English. Only the words change:
// type URIs, status codes and field paths stay as they are.

import { LANGUAGES, type Language } from "@bulwark/core";
import { z } from "zod";
import { ar } from "./ar.ts";
import { type Catalogue, en, type MessageKey } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { ru } from "./ru.ts";
import { zh } from "./zh.ts";

export type { Language } from "@bulwark/core";
export type { MessageKey } from "./en.ts";

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, fr, es, ar, ru, zh };

/** A sentence to be said in the caller's language: a catalogue key and its placeholders' values. */
export interface Message {
  readonly key: MessageKey;
  /** Values of the placeholders; a function formats its value for the language (units, lists). */
  readonly values?: Readonly<Record<string, string | number | ((language: Language) => string)>>;
  /** The English wording when it says more than the catalogue's (e.g. which thing was not found). */
  readonly english?: string;
}

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/**
 * The first of the six languages an Accept-Language header asks for, by quality then order
 * (`fr-CA` and `zh-Hans-CN` count as fr and zh), or null when it names none of them.
 */
export function acceptedLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranges = header
    .slice(0, 1000)
    .split(",")
    .map((part, index) => {
      const [range = "", ...parameters] = part.trim().split(";");
      const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const quality = q === undefined ? 1 : Number(q);
      return { primary: range.trim().toLowerCase().split("-")[0] ?? "", quality, index };
    })
    .filter((range) => range.quality > 0 && Number.isFinite(range.quality))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((range) => range.primary).find(isLanguage) ?? null;
}

/** The language to answer in: the request's, else the account's, else English. */
export function languageOf(acceptLanguage: string | undefined, account: string | null | undefined): Language {
  return acceptedLanguage(acceptLanguage) ?? (account && isLanguage(account) ? account : "en");
}

const NUMERALS = new Map<Language, Intl.NumberFormat>();
/**
 * A number as the language writes it: its digits, its decimal sign and its grouping ("1,000",
 * "1 000", "1.000"). Identifiers that are numbers (a year, an HTTP status) are passed as text.
 */
export function numeral(language: Language, value: number): string {
  let format = NUMERALS.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 10 });
    NUMERALS.set(language, format);
  }
  return format.format(value);
}

// A count said by the language's plural rules: {{count, plural, one {# file} other {# files}}}, one
// branch per category Intl.PluralRules gives the language (Arabic six, Russian four, Chinese one);
// `#` is the count in the language's digits; a branch may hold other {{placeholders}}.
const PLURAL =
  /\{\{(\w+), plural,((?:\s*(?:zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\{\w+\}\})*\})+)\s*\}\}/g;
const BRANCH = /(zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\{\w+\}\})*)\}/g;

/** The plural blocks of a catalogue sentence: each counted placeholder and the categories it says. */
export function pluralBlocks(text: string): { name: string; categories: string[] }[] {
  return [...text.matchAll(PLURAL)].map((block) => ({
    name: block[1] ?? "",
    categories: [...(block[2] ?? "").matchAll(BRANCH)].map((branch) => branch[1] ?? ""),
  }));
}

function plural(language: Language, text: string, values: Message["values"]): string {
  return text.replace(PLURAL, (whole, name: string, branches: string) => {
    const count = values?.[name];
    if (typeof count !== "number") return whole;
    const forms = new Map([...branches.matchAll(BRANCH)].map((b) => [b[1] ?? "", b[2] ?? ""]));
    const form = forms.get(new Intl.PluralRules(language).select(count)) ?? forms.get("other") ?? "";
    return form.replaceAll("#", numeral(language, count));
  });
}

/**
 * A catalogue sentence with its {{placeholders}} filled in, numbers written as the language writes
 * them, and its counts said by plural rules.
 */
export function say(language: Language, message: Message): string {
  if (language === "en" && message.english !== undefined) return message.english;
  const text = plural(language, CATALOGUES[language][message.key], message.values);
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = message.values?.[name];
    if (value === undefined) return whole;
    if (typeof value === "number") return numeral(language, value);
    return typeof value === "function" ? value(language) : String(value);
  });
}

/** A number of a unit (second, megabyte) in the language's own words and digits. */
export function amount(language: Language, value: number, unit: "second" | "megabyte"): string {
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit,
    unitDisplay: unit === "second" ? "long" : "short",
    maximumFractionDigits: 1,
  }).format(value);
}

/** A list of names joined as the language joins them ("a and b", « a et b », „a и b"). */
export const list = (language: Language, items: readonly string[]): string =>
  new Intl.ListFormat(language, { type: "conjunction" }).format(items);

// English sentences of the catalogue, to recognise a detail thrown as plain English text.
const KEY_OF_ENGLISH = new Map<string, MessageKey>(
  (Object.entries(en) as [MessageKey, string][])
    .filter(([, text]) => !text.includes("{{"))
    .map(([key, text]) => [text, key]),
);

// Catalogue sentences with placeholders, as patterns recognising an English sentence core built
// with values in it ("A resource request delivered cannot become cancelled."), longest first. Only
// those with enough words of their own to be recognised, and no counts.
const ENGLISH_PATTERNS = (Object.entries(en) as [MessageKey, string][])
  .filter(([, text]) => text.includes("{{") && !text.includes(", plural,"))
  .filter(([, text]) => text.replace(/\{\{\w+\}\}/g, "").length >= 20)
  .sort(([, a], [, b]) => b.length - a.length)
  .map(([key, text]) => ({
    key,
    names: [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? ""),
    pattern: new RegExp(
      `^${text
        .split(/\{\{\w+\}\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("(.+?)")}$`,
      "s",
    ),
  }));

/** The catalogue's shape of an English sentence with values: each placeholder an empty {{}}. */
export const englishShapes = (): Set<string> =>
  new Set(ENGLISH_PATTERNS.map(({ key }) => en[key].replace(/\{\{\w+\}\}/g, "{{}}")));

/**
 * Plain English text in the caller's language when the catalogue holds that sentence (a title
 * like "Not found", a detail like "Wrong or expired code."), or its pattern with the values in it
 * (core's reasons that name a state or a marking); other text as it is.
 */
export function translated(language: Language, text: string): string {
  if (language === "en") return text;
  const key = KEY_OF_ENGLISH.get(text);
  if (key) return say(language, { key });
  for (const { key, names, pattern } of ENGLISH_PATTERNS) {
    const found = pattern.exec(text);
    if (found)
      return say(language, {
        key,
        values: Object.fromEntries(names.map((name, i) => [name, found[i + 1] ?? ""])),
      });
  }
  return text;
}

// What notFound(what) names, to the catalogue's sentence for it.
const NOT_FOUND: Record<string, MessageKey> = {
  account: "notFound.account",
  action: "notFound.action",
  alert: "notFound.alert",
  answer: "notFound.answer",
  asset: "notFound.asset",
  attachment: "notFound.attachment",
  collection: "notFound.collection",
  comment: "notFound.comment",
  community: "notFound.community",
  dependency: "notFound.dependency",
  entry: "notFound.entry",
  event: "notFound.event",
  evidence: "notFound.evidence",
  exercise: "notFound.exercise",
  inject: "notFound.inject",
  observation: "notFound.observation",
  "expert profile": "notFound.expertProfile",
  framework: "notFound.framework",
  import: "notFound.import",
  "investigation log": "notFound.investigationLog",
  invitation: "notFound.invitation",
  material: "notFound.material",
  "member organisation": "notFound.memberOrganisation",
  notification: "notFound.notification",
  organisation: "notFound.organisation",
  outcome: "notFound.outcome",
  participant: "notFound.participant",
  post: "notFound.post",
  proposal: "notFound.proposal",
  question: "notFound.question",
  "resource request": "notFound.resourceRequest",
  "risk assessment": "notFound.riskAssessment",
  "self-assessment run": "notFound.selfAssessmentRun",
  session: "notFound.session",
  "shared item": "notFound.sharedItem",
  "situation report": "notFound.sitrep",
  "STIX object": "notFound.stixObject",
  "TAXII subscription": "notFound.taxiiSubscription",
  task: "notFound.task",
  "threat scenario": "notFound.threatScenario",
  "active API token of yours": "notFound.token",
  version: "notFound.version",
  "assistance need": "notFound.assistanceNeed",
  "assistance offer": "notFound.assistanceOffer",
  engagement: "notFound.engagement",
  "federation peer": "notFound.federationPeer",
  "implementation profile": "notFound.implementationProfile",
  link: "notFound.link",
  incident: "notFound.incident",
  "exercise programme": "notFound.exerciseProgramme",
};

/** The sentence for "no <what> with this id is visible to you"; an unlisted thing gets the general one. */
export const notFoundMessage = (what: string): Message | null => {
  const key = NOT_FOUND[what];
  return key ? { key } : null;
};
export const NOT_FOUND_ANY: Message = { key: "notFound.any" };

const ZOD_LOCALES: Record<Language, () => { localeError: z.core.$ZodErrorMap }> = {
  en: z.locales.en,
  fr: z.locales.fr,
  es: z.locales.es,
  ar: z.locales.ar,
  ru: z.locales.ru,
  zh: z.locales.zhCN,
};
const englishZod = z.locales.en().localeError;

/**
 * One validation issue's message in the caller's language: zod's own wording when the message is
 * zod's default (zod ships the six languages), the catalogue's when it is one of ours.
 */
export function issueMessage(
  language: Language,
  issue: { code: string; message: string; params?: Record<string, unknown> },
): string {
  if (language === "en") return issue.message;
  const raw = { ...issue.params, code: issue.code, message: issue.message, path: [] } as never;
  const english = englishZod(raw);
  const englishText = typeof english === "string" ? english : english?.message;
  if (englishText === issue.message) {
    const local = ZOD_LOCALES[language]().localeError(raw);
    const text = typeof local === "string" ? local : local?.message;
    if (text) return text;
  }
  return translated(language, issue.message);
}
