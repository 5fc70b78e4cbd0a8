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
  hasPhrase,
  parseTsquery,
  positiveTerms,
  type TsqueryNode,
  tsqueryText,
  withoutRepeats,
} from "../text-search.ts";
import type { RelatedRecord } from "./compendium.ts";
import {
  type CompendiumIndex,
  compendiumIndex,
  heldIndex,
  Rows,
  type Scores,
  vouchEpoch,
  vouchedVersions,
  vouchFor,
} from "./compendium-index.ts";
import {
  learnStems,
  type QueryWords,
  queryWords,
  type SnippetSource,
  stemsSql,
  summaryAndBody,
  unknownWords,
  type Word,
  wordsOf,
  writeSnippets,
} from "./compendium-snippets.ts";
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

/** Markers around hits in headlines: control characters no entry text contains. */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";

/** The query in every stemming configuration the entries may use (see compendium_search_config). */
const tsquery = (q: string): SQL =>
  sql`(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('french', ${q})
    || websearch_to_tsquery('spanish', ${q}) || websearch_to_tsquery('russian', ${q})
    || websearch_to_tsquery('arabic', ${q}) || websearch_to_tsquery('simple', ${q}))`;

/**
 * Queries as PostgreSQL parsed them (websearch_to_tsquery in every stemming), by the words asked:
 * a word's stems do not change while the server runs, so a query asked again is not parsed again.
 */
const parsedQueries = new Map<string, string>();
const QUERIES_KEPT = 2_000;

export async function searchEntries(db: Executor, scope: Scope, input: SearchInput): Promise<SearchOutput> {
  // Chinese words split as the index split them (PostgreSQL has no Chinese parser).
  const q = input.q?.trim() ? searchableQuery(input.q.trim()) : null;
  const parsed = q === null ? undefined : parsedQueries.get(q);
  const held = heldIndex(db);
  const kept = held?.keptVisible(scope);
  const tree = q === null || parsed === undefined ? null : parseTsquery(parsed);
  // Warm (the index held, the scope's rows known, the query parsed before, no phrase to check in
  // SQL): the page is worked out first, then one round trip reads the versions with what the page
  // needs (bodies, stems of words not met yet); it is the answer only if the versions are those it
  // was worked out at. Else, or then, the versions are read first.
  if (held && kept && (q === null || (parsed !== undefined && (tree === null || !hasPhrase(tree))))) {
    const version = held.version;
    // On PGlite, versions read since the last notification are still current (ADR 0065): no
    // round trip then, but for the bodies and stems the page's snippets need, if any.
    const vouched = vouchedVersions(db);
    if (vouched && vouched.version === version && (kept.policy === null || vouched.policy === kept.policy))
      return finish(db, pageFor(held, kept.rows, tree, q !== null, input), input);
    const epoch = vouchEpoch(db);
    const page = pageFor(held, kept.rows, tree, q !== null, input);
    const state = await readWithPage(db, page);
    if (Number(state.version) === version && (kept.policy === null || Number(state.policy) === kept.policy)) {
      vouchFor(db, epoch, version, Number(state.policy));
      return finish(db, page, input);
    }
  }
  // One round trip: the index's and the policy's versions and, with words not met before, the
  // query as PostgreSQL reads them.
  const [state] = rowsOf<{ version: number | string; policy: number | string; query: string | null }>(
    await db.execute(sql`select (select version from compendium_search_state where id = 1) as version,
      ${policyVersionSql} as policy,
      ${q === null || parsed !== undefined ? sql`null::text` : sql`${tsquery(q)}::text`} as query`),
  );
  const queryText = parsed ?? state?.query ?? "";
  if (q !== null && parsed === undefined) {
    if (parsedQueries.size >= QUERIES_KEPT) parsedQueries.clear();
    parsedQueries.set(q, queryText);
  }
  const index = await compendiumIndex(db, Number(state?.version ?? 0));
  const visible = await index.visibleTo(db, scope, Number(state?.policy ?? 0));
  const parsedTree = q === null ? null : parseTsquery(queryText);
  const phrased =
    parsedTree !== null && hasPhrase(parsedTree)
      ? await index.checkPhrases(db, parsedTree, queryText, index.match(parsedTree).and(visible))
      : null;
  return finish(db, pageFor(index, visible, parsedTree, q !== null, input, phrased), input);
}

/** A page worked out over the index: its rows, their scores, the facets, and what snippets need. */
interface Page {
  index: CompendiumIndex;
  tree: TsqueryNode | null;
  total: number;
  rows: number[];
  facets: SearchOutput["facets"];
  /** Per row of the page: whether its summary holds the words (null: no words asked). */
  inSummary: boolean[] | null;
}

/**
 * Matches, filters, counts and orders over the index (synchronously: the index may change at the
 * next await). `matched`: the rows matching the query as checked in SQL (phrases), if it was.
 */
export function pageFor(
  index: CompendiumIndex,
  visible: Rows,
  tree: TsqueryNode | null,
  words: boolean,
  input: SearchInput,
  matched: Rows | null = null,
): Page {
  let candidates = visible;
  if (words)
    candidates = tree === null ? new Rows(index.capacity) : (matched ?? index.match(tree).andWith(visible));
  const { passing, total, facets } = countFacets(index, candidates, input.filters);
  // Scored after the filters: only the rows that can be on the page.
  const ranking = words && tree !== null ? index.scores(tree, passing, total) : null;
  const rows = pageOf(index, passing, ranking, input.offset, input.limit);
  const scores = ranking;
  return {
    index,
    tree,
    total,
    rows,
    facets,
    inSummary: scores === null ? null : rows.map((row) => scores.inSummary[row] === 1),
  };
}

/** The page's snippet sources: the summary alone when it holds the words, else summary and body. */
function sourcesOf(page: Page, bodies: ReadonlyMap<string, string>): SnippetSource[] {
  return page.rows.map((row, at) => {
    const record = page.index.records[row] as RelatedRecord;
    return {
      key: record.id,
      language: page.index.languages[row] as string,
      text: page.inSummary?.[at]
        ? record.summary
        : summaryAndBody(record.summary, bodies.get(record.id) ?? ""),
    };
  });
}

/** The ids of the page's entries whose snippet needs the body. */
const needingBodies = (page: Page): string[] =>
  page.inSummary === null
    ? []
    : page.rows.filter((_, at) => !page.inSummary?.[at]).map((row) => page.index.ids[row] as string);

/** Bodies read for a page, by page (kept for `finish`). */
const pageBodies = new WeakMap<Page, Map<string, string>>();

/** The page's snippet sources without bodies, and their words (read once per page). */
const bareWords = new WeakMap<Page, { sources: SnippetSource[]; words: Word[][] }>();

function wordsWithoutBodies(page: Page): { sources: SnippetSource[]; words: Word[][] } {
  let bare = bareWords.get(page);
  if (!bare) {
    const sources = sourcesOf(page, new Map());
    bare = { sources, words: sources.map((source) => wordsOf(source)) };
    bareWords.set(page, bare);
  }
  return bare;
}

/**
 * One round trip: the versions, the bodies the page's snippets need and the stems of its
 * summaries' words this process has not met yet (kept whatever the versions say).
 */
async function readWithPage(
  db: Executor,
  page: Page,
): Promise<{ version: number | string; policy: number | string }> {
  const ids = needingBodies(page);
  const bare = page.inSummary === null ? null : wordsWithoutBodies(page);
  const unknown = bare === null ? [] : unknownWords(bare.sources, bare.words);
  const [state] = rowsOf<{
    version: number | string;
    policy: number | string;
    bodies: string;
    stems: string;
  }>(
    await db.execute(sql`select (select version from compendium_search_state where id = 1) as version,
      ${policyVersionSql} as policy,
      ${
        ids.length === 0
          ? sql`'[]'`
          : sql`(select coalesce(json_agg(json_build_array(e.id, e.body)), '[]') from compendium_entries as e
              where e.id = any(${sqlArray(ids, "uuid")}))`
      }::text as bodies,
      ${stemsSql(unknown)}::text as stems`),
  );
  pageBodies.set(page, new Map(JSON.parse(state?.bodies ?? "[]") as [string, string][]));
  learnStems(JSON.parse(state?.stems ?? "[]") as [string, string, string][]);
  return { version: state?.version ?? -1, policy: state?.policy ?? -1 };
}

/** The page's items with snippets, and translations in the reader's language. */
async function finish(db: Executor, page: Page, input: SearchInput): Promise<SearchOutput> {
  const { index, tree, rows } = page;
  const query = tree === null ? "" : tsqueryText(withoutRepeats(tree));
  const language = input.language && input.language !== "en" ? input.language : null;
  const [headlines, translations] = await Promise.all([
    page.inSummary === null || tree === null ? null : headlinesOf(db, page, queryWords(tree)),
    language === null
      ? null
      : translatedOf(
          db,
          rows.map((row) => index.ids[row] as string),
          language,
          page.inSummary === null || tree === null ? null : { query, tree },
        ),
  ]);
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
  return { total: page.total, items, facets: page.facets };
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

/** How many bits a 32-bit word holds. */
const bitCount = (word: number): number => {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
};

/** Scratch for `occupied`, by size (read before the next call; searches run it synchronously). */
let occupiedScratch = new Int32Array(0);

/**
 * The indexes of a set's non-empty words, and how many rows it holds. `at` is scratch, overwritten
 * by the next call.
 */
function occupied(rows: Rows): { at: Int32Array; count: number; rows: number } {
  const { words } = rows;
  if (occupiedScratch.length < words.length) occupiedScratch = new Int32Array(words.length);
  const at = occupiedScratch;
  let count = 0;
  let total = 0;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as number;
    if (word === 0) continue;
    at[count] = i;
    count += 1;
    total += bitCount(word);
  }
  return { at, count, rows: total };
}

/** How many rows `rows` (its non-empty words listed in `at`) and `other` share. */
function sharedCount(rows: Rows, at: Int32Array, count: number, other: Rows): number {
  const mine = rows.words;
  const theirs = other.words;
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    const word = at[i] as number;
    const both = (mine[word] as number) & (theirs[word] as number);
    if (both !== 0) total += bitCount(both);
  }
  return total;
}

/** Per index: how many rows hold each tag group (scratch, left all zero after each count). */
const groupScratch = new WeakMap<CompendiumIndex, Int32Array>();

/**
 * Adds to `counts` the tags (those not `filtered`) of each row of a set, its non-empty words listed
 * in `at`: how many rows hold each of the index's tag groups (one facet's values on a row), then
 * each group's tags by that many.
 */
function countRows(
  index: CompendiumIndex,
  bits: Uint32Array,
  at: Int32Array,
  count: number,
  filtered: Uint8Array,
  counts: Int32Array,
): void {
  const { groupStart, groups, groupTags } = index;
  let held = groupScratch.get(index);
  if (!held || held.length < groupTags.length) {
    held = new Int32Array(Math.max(1024, groupTags.length * 2));
    groupScratch.set(index, held);
  }
  for (let i = 0; i < count; i += 1) {
    const word = at[i] as number;
    let rest = bits[word] as number;
    const base = word << 5;
    while (rest !== 0) {
      const low = rest & -rest;
      rest ^= low;
      const row = base + 31 - Math.clz32(low);
      const to = groupStart[row + 1] as number;
      for (let group = groupStart[row] as number; group < to; group += 1) {
        const code = groups[group] as number;
        held[code] = (held[code] as number) + 1;
      }
    }
  }
  for (let group = 0; group < groupTags.length; group += 1) {
    const rows = held[group] as number;
    if (rows === 0) continue;
    held[group] = 0;
    const codes = groupTags[group] as Uint16Array;
    for (let tag = 0; tag < codes.length; tag += 1) {
      const code = codes[tag] as number;
      if (filtered[code] === 0) counts[code] = (counts[code] as number) + rows;
    }
  }
}

/**
 * The candidates passing every filter (a set), how many, and the tag counts. A row passing all
 * filters counts for every tag; a row failing exactly one tag's filter counts for that tag only
 * (its counts leave out its own filter); a row failing two counts nowhere. Filters are set algebra
 * over each tag's rows (bit sets). Counts are bit counts of the passing set with each tag's rows,
 * over the passing set's non-empty words only, or, when fewer rows pass than that would read,
 * row by row over the passing rows' tags; a filtered tag's values are counted over the rows
 * passing every other filter.
 */
export function countFacets(
  index: CompendiumIndex,
  candidates: Rows,
  filters: SearchInput["filters"],
): { passing: Rows; total: number; facets: SearchOutput["facets"] } {
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
  const passing = allowed.reduce((rows, these) => rows.and(these), candidates);
  const counts = new Int32Array(codes);
  const filtered = new Uint8Array(codes);
  let unfiltered = 0;
  for (let code = 0; code < codes; code += 1)
    if (active.includes(index.facetOfCode[code] as SearchFacet)) filtered[code] = 1;
    else unfiltered += 1;
  const words = occupied(passing);
  // Row by row: a read per tag group of each passing row; by bit sets: a read per non-empty word and tag.
  const groupsPerRow = (index.groupStart[index.slots] as number) / Math.max(1, index.slots);
  if (words.rows * groupsPerRow <= words.count * unfiltered * 2)
    countRows(index, passing.words, words.at, words.count, filtered, counts);
  else
    for (let code = 0; code < codes; code += 1)
      if (filtered[code] === 0)
        counts[code] = sharedCount(passing, words.at, words.count, index.tagRows[code] as Rows);
  // A filtered tag's values: over the rows passing every other filter.
  active.forEach((facet, slot) => {
    const others = allowed.reduce((rows, these, at) => (at === slot ? rows : rows.and(these)), candidates);
    const theirs = occupied(others);
    for (let code = 0; code < codes; code += 1)
      if (index.facetOfCode[code] === facet)
        counts[code] = sharedCount(others, theirs.at, theirs.count, index.tagRows[code] as Rows);
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
  return { passing, total: words.rows, facets: facets as SearchOutput["facets"] };
}

/**
 * The rows of the page. With words: those holding them in the title or summary first, by score
 * there, then those holding them in the body alone, by score over the whole text; ties by title.
 * Without words: by title (read in title order until the page is full).
 */
function pageOf(
  index: CompendiumIndex,
  passing: Rows,
  ranking: Scores | null,
  offset: number,
  limit: number,
): number[] {
  const end = offset + limit;
  if (end <= 0) return [];
  const { rankOf } = index;
  if (ranking === null) {
    const page: number[] = [];
    const { byTitle, titled } = index;
    const bits = passing.words;
    for (let at = 0; at < titled && page.length < end; at += 1) {
      const row = byTitle[at] as number;
      if (((bits[row >>> 5] as number) & (1 << (row & 31))) !== 0) page.push(row);
    }
    return page.slice(offset);
  }
  const { head, all } = ranking;
  // Before: in the head before body only, then higher score; then title order.
  const before = (a: number, b: number): boolean => {
    const headA = head[a] as number;
    const headB = head[b] as number;
    if (headA > 0 !== headB > 0) return headA > 0;
    const scoreA = headA > 0 ? headA : (all[a] as number);
    const scoreB = headB > 0 ? headB : (all[b] as number);
    return scoreA !== scoreB ? scoreA > scoreB : (rankOf[a] as number) < (rankOf[b] as number);
  };
  // The best `end` rows, kept sorted (pages are short; most rows fail the comparison at once).
  const best: number[] = [];
  const bits = passing.words;
  for (let word = 0; word < bits.length; word += 1) {
    let rest = bits[word] as number;
    while (rest !== 0) {
      const low = rest & -rest;
      rest ^= low;
      const row = (word << 5) + 31 - Math.clz32(low);
      if (best.length === end && !before(row, best[end - 1] as number)) continue;
      let at = best.length === end ? end - 1 : best.length;
      while (at > 0 && before(row, best[at - 1] as number)) at -= 1;
      best.splice(at, 0, row);
      if (best.length > end) best.pop();
    }
  }
  return best.slice(offset);
}

/**
 * Snippets of the page's entries, hits marked, by entry id, written in the process
 * (compendium-snippets.ts): from the summary alone when it holds the words (most of a first page),
 * else from the summary and the body (read for those entries only, with the words of the summaries
 * not met yet, unless read with the versions already).
 */
async function headlinesOf(db: Executor, page: Page, query: QueryWords): Promise<Map<string, string>> {
  if (page.rows.length === 0) return new Map();
  // The bodies needed and the stems of the summaries' unknown words, in one statement.
  const bare = wordsWithoutBodies(page);
  if (
    !pageBodies.has(page) &&
    (needingBodies(page).length > 0 || unknownWords(bare.sources, bare.words).length > 0)
  )
    await readWithPage(db, page);
  const bodies = pageBodies.get(page) ?? new Map<string, string>();
  const sources = sourcesOf(page, bodies);
  // A summary's words are those read without the body; a body's follow the summary and its line break.
  const words = sources.map((source, at) => {
    const summary = bare.words[at] as Word[];
    if (page.inSummary?.[at]) return summary;
    const record = page.index.records[page.rows[at] as number] as RelatedRecord;
    return summary.concat(wordsOf(source, record.summary.length + 1));
  });
  return writeSnippets(db, sources, query, words);
}
