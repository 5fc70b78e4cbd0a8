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
import { COMPENDIUM_FACETS, type CompendiumFacet, type Scope } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";
import { parseTsquery, tsqueryText, withoutRepeats } from "../text-search.ts";
import type { RelatedRecord } from "./compendium.ts";
import { type CompendiumIndex, compendiumIndex, Rows, type Scores } from "./compendium-index.ts";
import { policyVersionSql } from "./policy-state.ts";

const SEARCH_FACETS = COMPENDIUM_FACETS;
export type SearchFacet = CompendiumFacet;

export interface SearchInput {
  /** Words in web-search syntax ("quoted phrases", -excluded, or). */
  q?: string | undefined;
  filters: Partial<Record<SearchFacet, readonly string[] | undefined>>;
  limit: number;
  offset: number;
}

export interface SearchHit extends RelatedRecord {
  /** The snippet with hits between HIT_START and HIT_END. */
  headline: string;
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
  const q = input.q?.trim() ? input.q.trim() : null;
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
  const headlines =
    scores === null
      ? null
      : await headlinesOf(
          db,
          rows.map((row) => ({ id: index.ids[row] as string, summaryOnly: scores.inSummary[row] === 1 })),
          tree === null ? "" : tsqueryText(withoutRepeats(tree)),
        );
  t0 = tick("headlines", t0);
  const items = rows.map((row) => {
    const record = index.records[row] as RelatedRecord;
    return { ...record, headline: headlines?.get(record.id) ?? [...record.summary].slice(0, 240).join("") };
  });
  return { total: passing.length, items, facets };
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
        ${`StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as headline
    from compendium_entries as e, query
    where e.id = any(${sqlArray(ids, "uuid")})`);
  return new Map(rowsOf<{ id: string; headline: string }>(result).map((row) => [row.id, row.headline]));
}
