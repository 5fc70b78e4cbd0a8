// Reading the compendium: search, an entry with related ones, its versions and their diffs.
import type {
  CompendiumQuery,
  CompendiumResults,
  EntryContent,
  EntryDetail,
  EntryDiff,
  EntrySummary,
  EntryTranslation,
} from "@bulwark/contracts";
import { type Actor, compendiumPolicy, diffLines, isCompendiumModerator, type Language } from "@bulwark/core";
import {
  type EntryContentRecord,
  type EntryRecord,
  findEntry,
  findVersion,
  HIT_END,
  HIT_START,
  listVersions,
  type RelatedRecord,
  relatedEntries,
  type SearchHit,
  searchEntries,
  type TranslationText,
  translationsOf,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";

type Query = z.output<typeof CompendiumQuery>;

// Stored values were validated on the way in (schema, pack or proposal), so vocabularies hold.
export const asContent = (record: EntryContentRecord): EntryContent => record as EntryContent;
const asSummary = (record: RelatedRecord): Omit<EntrySummary, "snippet"> =>
  record as Omit<EntrySummary, "snippet">;

/** Markdown marks that mean nothing in a one-line snippet. */
const MARKDOWN = /(^|\s)#{1,6}\s|[*_`>]|\[([^\]]*)\]\([^)]*\)/g;
const plain = (text: string) =>
  text.replace(
    MARKDOWN,
    (_whole, space: string | undefined, link: string | undefined) => link ?? space ?? "",
  );

/** "a \u0001hit\u0002 b" -> [{text: "a ", hit: false}, {text: "hit", hit: true}, {text: " b", hit: false}] */
export function snippetParts(headline: string): EntrySummary["snippet"] {
  const parts: EntrySummary["snippet"] = [];
  for (const [index, piece] of headline.split(new RegExp(`[${HIT_START}${HIT_END}]`)).entries()) {
    const text = plain(piece).replace(/\s+/g, " ");
    if (text) parts.push({ text, hit: index % 2 === 1 });
  }
  return parts;
}

/** Bulwark's translation into the reader's language, as the API shows it (null: none). */
const translationIn = (
  language: Language,
  text: TranslationText | null | undefined,
): EntryTranslation | null =>
  text
    ? { language, title: text.title, summary: text.summary, by: "bulwark", stale: text.stale ?? true }
    : null;

const presentHit =
  (language: Language) =>
  ({ headline, translation, ...hit }: SearchHit): EntrySummary => ({
    ...asSummary(hit),
    snippet: snippetParts(headline),
    translation: translationIn(language, translation),
  });

/** The reader's language as search and entries take it: English readers read the originals. */
const translatedInto = (language: Language): Language | undefined =>
  language === "en" ? undefined : language;

export async function searchCompendium(
  context: ServerContext,
  caller: Actor,
  query: Query,
  language: Language = "en",
): Promise<CompendiumResults> {
  const result = await searchEntries(context.db, compendiumPolicy.readScope(caller), {
    q: query.q,
    filters: {
      type: query.type,
      phase: query.phase,
      sector: query.sector,
      threat: query.threat,
      theme: query.theme,
      region: query.region,
      country: query.country,
      language: query.language,
    },
    limit: query.limit,
    offset: query.offset,
    language: translatedInto(language),
  });
  return { total: result.total, items: result.items.map(presentHit(language)), facets: result.facets };
}

export async function visibleEntry(
  context: ServerContext,
  caller: Actor,
  slug: string,
): Promise<EntryRecord> {
  const entry = await findEntry(context.db, compendiumPolicy.readScope(caller), slug);
  if (!entry) throw notFound("entry");
  return entry;
}

export async function entryDetail(
  context: ServerContext,
  caller: Actor,
  slug: string,
  language: Language = "en",
): Promise<EntryDetail> {
  const entry = await visibleEntry(context, caller, slug);
  const related = await relatedEntries(context.db, compendiumPolicy.readScope(caller), entry);
  // Translations of the entry and the related ones, all seen through the caller's scope above.
  const into = translatedInto(language);
  const translated = into
    ? await translationsOf(context.db, [entry.id, ...related.map((other) => other.id)], into)
    : new Map<string, TranslationText>();
  const translation = (id: string) =>
    entry.language === language ? null : translationIn(language, translated.get(id));
  return {
    ...entry,
    ...asContent(entry),
    translation: translation(entry.id),
    related: related.map((other) => ({ ...asSummary(other), translation: translation(other.id) })),
    abilities: {
      propose: compendiumPolicy.propose(caller).allowed,
      moderate: isCompendiumModerator(caller),
    },
  };
}

export async function entryVersions(context: ServerContext, caller: Actor, slug: string) {
  const entry = await visibleEntry(context, caller, slug);
  const versions = await listVersions(context.db, entry.id);
  return versions.map(({ content: _content, ...version }) => version);
}

export async function entryVersion(context: ServerContext, caller: Actor, slug: string, version: number) {
  const entry = await visibleEntry(context, caller, slug);
  const [found, before] = await Promise.all([
    findVersion(context.db, entry.id, version),
    version > 1 ? findVersion(context.db, entry.id, version - 1) : Promise.resolve(null),
  ]);
  if (!found) throw notFound("version");
  return {
    ...found,
    content: asContent(found.content),
    diff: before ? entryDiff(before.content, found.content) : { fields: [], body: [] },
  };
}

const FIELDS = [
  "title",
  "type",
  "toolKind",
  "summary",
  "language",
  "phases",
  "sectors",
  "threats",
  "themes",
  "regions",
  "countries",
  "languages",
  "marking",
] as const;
const SOURCE_FIELDS = ["citation", "url", "publisher", "year", "licence"] as const;

const text = (value: unknown): string =>
  Array.isArray(value) ? value.join(", ") : value === null || value === undefined ? "" : String(value);

/** What changed between two versions of an entry: each field as text, the body line by line. */
export function entryDiff(before: EntryContentRecord | null, after: EntryContentRecord): EntryDiff {
  const fields: EntryDiff["fields"] = [];
  for (const field of FIELDS) {
    const was = text(before?.[field]);
    const now = text(after[field]);
    if (was !== now) fields.push({ field, before: was, after: now });
  }
  for (const field of SOURCE_FIELDS) {
    const was = text(before?.source[field]);
    const now = text(after.source[field]);
    if (was !== now) fields.push({ field: `source.${field}`, before: was, after: now });
  }
  return { fields, body: diffLines(before?.body ?? "", after.body) };
}
