// Bulwark's own translations of compendium entries' titles and summaries (issue 15): stored per
// entry and language, each with its words for search (the trigger of the i18nc migration adds them to
// the entry's search row). Readers get the translation in their language next to the original;
// an entry is only ever read through the entry's own scope (the TLP rule), never on its own.
import { createHash } from "node:crypto";
import { type Scope, searchableText } from "@bulwark/core";
import { sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";
import { entryScope } from "./compendium.ts";

/** A translation of an entry's title and summary. */
export interface TranslationText {
  title: string;
  summary: string;
  /** Which English title and summary it translates (translationSource); null: not known. */
  source?: string | null;
  /** Read back: the entry's English title or summary changed since (or the source is not known). */
  stale?: boolean;
}

/**
 * The mark of the English title and summary a translation was made from: the first 16 hex digits
 * of the SHA-256 of the title, a line feed and the summary (ADR 0041). The same in SQL as
 * SOURCE_OF_ENTRY below, so a reader learns in the same query whether the original moved on.
 */
export const translationSource = (title: string, summary: string): string =>
  createHash("sha256").update(`${title}\n${summary}`, "utf8").digest("hex").slice(0, 16);

/** Whether the translation `t` no longer matches its entry `e`'s English title and summary. */
export const STALE = sql`t.source is distinct from
  left(encode(sha256(convert_to(e.title || chr(10) || e.summary, 'UTF8')), 'hex'), 16)`;

/** An entry's translations by language. */
export type EntryTranslations = Record<string, TranslationText>;

/** The translations into `language` of the entries named by `entryIds` (the caller saw them), by entry id. */
export async function translationsOf(
  db: Executor,
  entryIds: readonly string[],
  language: string,
): Promise<Map<string, TranslationText>> {
  if (entryIds.length === 0) return new Map();
  const result = await db.execute(sql`
    select t.entry_id, t.title, t.summary, ${STALE} as stale
    from compendium_translations as t join compendium_entries as e on e.id = t.entry_id
    where t.language = ${language} and t.entry_id = any(${sqlArray(entryIds, "uuid")})`);
  return new Map(
    rowsOf<{ entry_id: string; title: string; summary: string; stale: boolean }>(result).map((row) => [
      row.entry_id,
      { title: row.title, summary: row.summary, stale: row.stale },
    ]),
  );
}

/** The translations of every entry the scope may see, by slug then language (for pack export and loading). */
export async function listTranslations(db: Executor, scope: Scope): Promise<Map<string, EntryTranslations>> {
  const visible = entryScope(scope, "e");
  const result = await db.execute(sql`
    select e.slug, t.language, t.title, t.summary, t.source
    from compendium_translations as t join compendium_entries as e on e.id = t.entry_id
    ${visible ? sql`where ${visible}` : sql``}
    order by e.slug, t.language`);
  const bySlug = new Map<string, EntryTranslations>();
  for (const row of rowsOf<{
    slug: string;
    language: string;
    title: string;
    summary: string;
    source: string | null;
  }>(result)) {
    const translations = bySlug.get(row.slug) ?? {};
    translations[row.language] = { title: row.title, summary: row.summary, source: row.source };
    bySlug.set(row.slug, translations);
  }
  return bySlug;
}

/** One translation to store: its entry, language and text. */
export interface TranslationRow extends TranslationText {
  entryId: string;
  language: string;
}

/**
 * Stores translations (new or changed) and removes others, in two statements at most (the search
 * rows of the entries touched are rebuilt once per statement). Chinese text is split into words
 * before PostgreSQL reads it (core's searchableText).
 */
export async function writeTranslations(
  db: Executor,
  save: readonly TranslationRow[],
  remove: readonly { entryId: string; language: string }[],
): Promise<void> {
  if (remove.length > 0)
    await db.execute(sql`
      delete from compendium_translations as t
      using jsonb_to_recordset(${JSON.stringify(remove)}::jsonb) as gone("entryId" uuid, language text)
      where t.entry_id = gone."entryId" and t.language = gone.language`);
  if (save.length === 0) return;
  const rows = save.map((row) => ({
    ...row,
    source: row.source ?? null,
    titleWords: searchableText(row.title),
    summaryWords: searchableText(row.summary),
  }));
  await db.execute(sql`
    insert into compendium_translations (entry_id, language, title, summary, source, words)
    select r."entryId", r.language, r.title, r.summary, r.source,
      setweight(to_tsvector(compendium_search_config(r.language), r."titleWords"), 'A')
        || setweight(to_tsvector(compendium_search_config(r.language), r."summaryWords"), 'B')
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("entryId" uuid, language text, title text, summary text, source text,
        "titleWords" text, "summaryWords" text)
    on conflict (entry_id, language) do update set
      title = excluded.title, summary = excluded.summary, source = excluded.source, words = excluded.words`);
}
