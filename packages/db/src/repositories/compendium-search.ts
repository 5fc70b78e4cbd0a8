// Compendium search: PostgreSQL's full-text stems, ranked, with highlighted snippets and counts
// for every tag ("facets"). Within one tag the values chosen are alternatives (any of them), across
// tags they all apply; each tag's counts apply every other tag's filter but not its own, so the
// counts say what a click on a value would give.
//
// Matching, filtering, counting and ranking run over the index each process holds
// (compendium-index.ts); PostgreSQL parses the words into a query in every stemming the entries
// use, says which rows the caller's scope may see (the TLP rule in SQL), checks phrases, and
// writes the page's snippets. Ranking puts entries whose title or summary hold the words first,
// then those holding them in the body alone.
import { COMPENDIUM_FACETS, type CompendiumFacet, hasHan, type Scope, searchableQuery } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";
import {
  parseTsquery,
  positiveTerms,
  type TsqueryNode,
  tsqueryText,
  withoutRepeats,
} from "../text-search.ts";
import type { RelatedRecord } from "./compendium.ts";
import { type CompendiumIndex, compendiumIndex, Rows, type Scores } from "./compendium-index.ts";
import { STALE, type TranslationText } from "./compendium-translations.ts";
import { policyVersionSql } from "./policy-state.ts";

const SEARCH_FACETS = COMPENDIUM_FACETS;
export type SearchFacet = CompendiumFacet;

export interface SearchInput {
  /** Words in web-search syntax ("quoted phrases", -excluded, or). */
  q?: string | undefined;
  filters: Partial<Record<SearchFacet, readonly string[] | undefined>>;
  limit: number;
  offset: number;
  /**
   * The reader's language: entries translated into it come with the translation, and their
   * snippet is taken from it (unless the words are only in the original).
   */
  language?: string | undefined;
}

export interface SearchHit extends RelatedRecord {
  /** The snippet with hits between HIT_START and HIT_END. */
  headline: string;
  /** Bulwark's translation of the title and summary into the reader's language, if any. */
  translation: TranslationText | null;
}

export interface SearchOutput {
  total: number;
  items: SearchHit[];
  facets: Record<SearchFacet, { value: string; count: number }[]>;
}

/** A Markdown heading line; snippets end it with a full stop so it does not run into the next line. */
const HEADING = "^#{1,6}\\s+(.*)$";

/** Markers around hits in headlines: control characters no entry text contains. */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";

/** The query in every stemming configuration the entries may use (see compendium_search_config). */
const tsquery = (q: string): SQL =>
  sql`(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('french', ${q})
    || websearch_to_tsquery('spanish', ${q}) || websearch_to_tsquery('russian', ${q})
    || websearch_to_tsquery('arabic', ${q}) || websearch_to_tsquery('simple', ${q}))`;

export const timings: Record<string, number> = {};
const tick = (name: string, t0: number) => {
  timings[name] = (timings[name] ?? 0) + performance.now() - t0;
  return performance.now();
};
export async function searchEntries(db: Executor, scope: Scope, input: SearchInput): Promise<SearchOutput> {
  let t0 = performance.now();
  // Chinese words split as the index split them (PostgreSQL has no Chinese parser).
  const q = input.q?.trim() ? searchableQuery(input.q.trim()) : null;
  // One round trip: the index's and the policy's versions and, with words, the query as
  // PostgreSQL reads them.
  const [state] = rowsOf<{ version: number | string; policy: number | string; query: string | null }>(
    await db.execute(sql`select (select version from compendium_search_state where id = 1) as version,
      ${policyVersionSql} as policy,
      ${q === null ? sql`null::text` : sql`${tsquery(q)}::text`} as query`),
  );
  t0 = tick("state", t0);
  const index = await compendiumIndex(db, Number(state?.version ?? 0));
  t0 = tick("index", t0);
  const visible = await index.visibleTo(db, scope, Number(state?.policy ?? 0));
  t0 = tick("visible", t0);
  let candidates = visible;
  let ranking: Scores | null = null;
  const tree = q === null ? null : parseTsquery(state?.query ?? "");
  if (q !== null) {
    if (tree === null) candidates = new Rows(index.capacity);
    else {
      candidates = await index.checkPhrases(db, tree, state?.query ?? "", index.match(tree).and(visible));
      ranking = index.scores(tree, candidates);
    }
  }
  t0 = tick("match", t0);
  const { passing, facets } = countFacets(index, candidates, input.filters);
  const rows = pageOf(passing, ranking, index.rankOf, input.offset, input.limit);
  t0 = tick("facets+page", t0);
  const scores = ranking;
  const query = tree === null ? "" : tsqueryText(withoutRepeats(tree));
  const language = input.language && input.language !== "en" ? input.language : null;
  const [headlines, translations] = await Promise.all([
    scores === null
      ? null
      : headlinesOf(
          db,
          rows.map((row) => ({ id: index.ids[row] as string, summaryOnly: scores.inSummary[row] === 1 })),
          query,
        ),
    language === null
      ? null
      : translatedOf(
          db,
          rows.map((row) => index.ids[row] as string),
          language,
          scores === null ? null : { query, tree: tree as TsqueryNode },
        ),
  ]);
  t0 = tick("headlines", t0);
  const items = rows.map((row) => {
    const record = index.records[row] as RelatedRecord;
    const translated = translations?.get(record.id);
    const opening = (text: string) => [...text].slice(0, 240).join("");
    const original = headlines?.get(record.id);
    // The translation's snippet; else the original's where it marks the words; else the opening.
    const headline =
      translated?.headline ??
      (original !== undefined && (translated === undefined || original.includes(HIT_START))
        ? original
        : opening(translated?.translation.summary ?? record.summary));
    return { ...record, headline, translation: translated?.translation ?? null };
  });
  return { total: passing.length, items, facets };
}

const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * The page's entries translated into `language`, by entry id, with (for a search) a snippet of
 * the translated summary when it holds the words: ts_headline in the translation's stemming, or
 * for Chinese (which PostgreSQL cannot split) the query's Chinese words marked in the process.
 */
async function translatedOf(
  db: Executor,
  ids: readonly string[],
  language: string,
  search: { query: string; tree: TsqueryNode } | null,
): Promise<Map<string, { translation: TranslationText; headline: string | null }>> {
  if (ids.length === 0) return new Map();
  const result = await db.execute(sql`
    with query as (select ${search?.query ?? ""}::tsquery as q)
    select t.entry_id, t.title, t.summary, ${STALE} as stale,
      ${search === null ? sql`false` : sql`ts_filter(t.words, '{b}') @@ query.q`} as hit,
      ${
        search === null || language === "zh"
          ? sql`null::text`
          : sql`case when ts_filter(t.words, '{b}') @@ query.q then ts_headline(
              compendium_search_config(t.language), t.summary, query.q, ${HEADLINE_OPTIONS}) end`
      } as headline
    from compendium_translations as t join compendium_entries as e on e.id = t.entry_id, query
    where t.language = ${language} and t.entry_id = any(${sqlArray(ids, "uuid")})`);
  const rows = rowsOf<{
    entry_id: string;
    title: string;
    summary: string;
    stale: boolean;
    hit: boolean;
    headline: string | null;
  }>(result);
  const chinese = search === null ? [] : [...positiveTerms(search.tree)].filter(hasHan);
  return new Map(
    rows.map((row) => [
      row.entry_id,
      {
        translation: { title: row.title, summary: row.summary, stale: row.stale },
        headline: row.headline ?? (row.hit && chinese.length > 0 ? marked(row.summary, chinese) : null),
      },
    ]),
  );
}

/** Text with every occurrence of the words marked as hits (null when none occurs). */
function marked(text: string, words: readonly string[]): string | null {
  const escaped = [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(escaped.join("|"), "gu");
  let found = false;
  const result = text.replace(pattern, (word) => {
    found = true;
    return `${HIT_START}${word}${HIT_END}`;
  });
  return found ? result : null;
}

/**
 * The candidates passing every filter, and the tag counts. A row passing all filters counts for
 * every tag; a row failing exactly one tag's filter counts for that tag only (its counts leave out
 * its own filter); a row failing two counts nowhere. Filters and the counts of filtered tags are
 * set algebra over each tag's rows (bit sets); the other tags are counted row by row over the
 * rows passing every filter.
 */
function countFacets(
  index: CompendiumIndex,
  candidates: Rows,
  filters: SearchInput["filters"],
): { passing: number[]; facets: SearchOutput["facets"] } {
  const codes = index.tagNames.length;
  const active = SEARCH_FACETS.filter((facet) => (filters[facet]?.length ?? 0) > 0);
  /** Per active filter: the rows holding one of its values. */
  const allowed = active.map((facet) => {
    const rows = new Rows(index.capacity);
    for (const value of filters[facet] ?? []) {
      const code = index.tagCodes.get(`${facet}:${value}`);
      if (code !== undefined) rows.addAll(index.tagRows[code] as Rows);
    }
    return rows;
  });
  const passingRows = allowed.reduce((rows, these) => rows.and(these), candidates);
  const counts = new Int32Array(codes);
  const filtered = new Uint8Array(codes);
  for (let code = 0; code < codes; code += 1)
    if (active.includes(index.facetOfCode[code] as SearchFacet)) filtered[code] = 1;
  const passing: number[] = [];
  const { tagStart, tags } = index;
  const words = passingRows.words;
  for (let word = 0; word < words.length; word += 1) {
    let bits = words[word] as number;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const row = (word << 5) + 31 - Math.clz32(low);
      passing.push(row);
      const to = tagStart[row + 1] as number;
      for (let at = tagStart[row] as number; at < to; at += 1) {
        const code = tags[at] as number;
        if (filtered[code] === 0) counts[code] = (counts[code] as number) + 1;
      }
    }
  }
  // A filtered tag's values: over the rows passing every other filter.
  active.forEach((facet, slot) => {
    const others = allowed.reduce((rows, these, at) => (at === slot ? rows : rows.and(these)), candidates);
    for (let code = 0; code < codes; code += 1)
      if (index.facetOfCode[code] === facet) counts[code] = others.countAnd(index.tagRows[code] as Rows);
  });
  const facets = Object.fromEntries(
    SEARCH_FACETS.map((facet) => [facet, [] as { value: string; count: number }[]]),
  );
  counts.forEach((count, code) => {
    if (count === 0) return;
    const name = index.tagNames[code] as string;
    facets[index.facetOfCode[code] as string]?.push({ value: name.slice(name.indexOf(":") + 1), count });
  });
  for (const values of Object.values(facets))
    values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { passing, facets: facets as SearchOutput["facets"] };
}

/**
 * The rows of the page. With words: those holding them in the title or summary first, by score
 * there, then those holding them in the body alone, by score over the whole text; ties by title.
 * Without words: by title. `rankOf` gives each row's place in title order.
 */
function pageOf(
  passing: readonly number[],
  ranking: Scores | null,
  rankOf: Int32Array,
  offset: number,
  limit: number,
): number[] {
  const end = offset + limit;
  if (end <= 0) return [];
  // Before: (with words) in the head before body only, then higher score; then title order.
  const before =
    ranking === null
      ? (a: number, b: number): boolean => (rankOf[a] as number) < (rankOf[b] as number)
      : (a: number, b: number): boolean => {
          const { head, all } = ranking;
          const headA = head[a] as number;
          const headB = head[b] as number;
          if (headA > 0 !== headB > 0) return headA > 0;
          const scoreA = headA > 0 ? headA : (all[a] as number);
          const scoreB = headB > 0 ? headB : (all[b] as number);
          return scoreA !== scoreB ? scoreA > scoreB : (rankOf[a] as number) < (rankOf[b] as number);
        };
  // The best `end` rows, kept sorted (pages are short; most rows fail the comparison at once).
  const best: number[] = [];
  for (const row of passing) {
    if (best.length === end && !before(row, best[end - 1] as number)) continue;
    let at = best.length === end ? end - 1 : best.length;
    while (at > 0 && before(row, best[at - 1] as number)) at -= 1;
    best.splice(at, 0, row);
    if (best.length > end) best.pop();
  }
  return best.slice(offset);
}

/**
 * Snippets of the page's entries, hits marked, by entry id (ts_headline in the entry's stemming,
 * for the query as the first round trip parsed it):
 * from the summary alone when it holds the words (the cheap case, and most of a first page), else
 * from the summary and the body.
 */
async function headlinesOf(
  db: Executor,
  rows: readonly { id: string; summaryOnly: boolean }[],
  query: string,
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const ids = rows.map((row) => row.id);
  const short = rows.filter((row) => row.summaryOnly).map((row) => row.id);
  const result = await db.execute(sql`
    with query as (select ${query}::tsquery as q)
    select e.id, ts_headline(compendium_search_config(e.language),
        case when e.id = any(${sqlArray(short, "uuid")}) then e.summary
          else e.summary || E'\n' || regexp_replace(e.body, ${HEADING}, '\\1.', 'gn') end, query.q,
        ${HEADLINE_OPTIONS}) as headline
    from compendium_entries as e, query
    where e.id = any(${sqlArray(ids, "uuid")})`);
  return new Map(rowsOf<{ id: string; headline: string }>(result).map((row) => [row.id, row.headline]));
}
