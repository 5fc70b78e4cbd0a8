// Bulwark's own translations of compendium entries' titles and summaries (issue 15): stored per
// entry and language, each with its words for search (the trigger of the i18nc migration adds them to
// the entry's search row). Readers get the translation in their language next to the original;
// an entry is only ever read through the entry's own scope (the TLP rule), never on its own.
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
}

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
    select entry_id, title, summary from compendium_translations
    where language = ${language} and entry_id = any(${sqlArray(entryIds, "uuid")})`);
  return new Map(
    rowsOf<{ entry_id: string; title: string; summary: string }>(result).map((row) => [
      row.entry_id,
      { title: row.title, summary: row.summary },
    ]),
  );
}

/** The translations of every entry the scope may see, by slug then language (for pack export and loading). */
export async function listTranslations(db: Executor, scope: Scope): Promise<Map<string, EntryTranslations>> {
  const visible = entryScope(scope, "e");
  const result = await db.execute(sql`
    select e.slug, t.language, t.title, t.summary
    from compendium_translations as t join compendium_entries as e on e.id = t.entry_id
    ${visible ? sql`where ${visible}` : sql``}
    order by e.slug, t.language`);
  const bySlug = new Map<string, EntryTranslations>();
  for (const row of rowsOf<{ slug: string; language: string; title: string; summary: string }>(result)) {
    const translations = bySlug.get(row.slug) ?? {};
    translations[row.language] = { title: row.title, summary: row.summary };
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
    titleWords: searchableText(row.title),
    summaryWords: searchableText(row.summary),
  }));
  await db.execute(sql`
    insert into compendium_translations (entry_id, language, title, summary, words)
    select r."entryId", r.language, r.title, r.summary,
      setweight(to_tsvector(compendium_search_config(r.language), r."titleWords"), 'A')
        || setweight(to_tsvector(compendium_search_config(r.language), r."summaryWords"), 'B')
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("entryId" uuid, language text, title text, summary text, "titleWords" text, "summaryWords" text)
    on conflict (entry_id, language) do update set
      title = excluded.title, summary = excluded.summary, words = excluded.words`);
}
