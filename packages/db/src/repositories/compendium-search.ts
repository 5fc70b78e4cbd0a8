// Compendium search: PostgreSQL full-text search, ranked, with highlighted snippets and counts
// for every tag ("facets"). Within one tag the values chosen are alternatives (any of them), across
// tags they all apply; each tag's counts apply every other tag's filter but not its own, so the
// counts say what a click on a value would give.
//
// It reads compendium_search, one narrow row per entry kept by a trigger (see schema.ts): words
// match through a GIN index, all tags of a row are counted in one pass, ranking reads the small
// `head` vector (title and summary) and, only for the matches found in bodies alone and only when
// the page reaches them, the full vector. Browsing without words reads tag counts kept by trigger.
import { COMPENDIUM_FACETS, type CompendiumFacet, type Scope } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";
import { entryScope, type RelatedRecord } from "./compendium.ts";

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

type Counts = Map<string, number>;

export async function searchEntries(db: Executor, scope: Scope, input: SearchInput): Promise<SearchOutput> {
  const q = input.q?.trim() ? input.q.trim() : null;
  const active = SEARCH_FACETS.filter((facet) => (input.filters[facet]?.length ?? 0) > 0);
  const tagFilter = (facet: SearchFacet) =>
    sql`s.tags && ${sqlArray((input.filters[facet] ?? []).map((value) => `${facet}:${value}`))}`;
  const visible = entryScope(scope, "s") ?? sql`true`;
  const words = q ? sql`s.words @@ query.q` : sql`true`;
  /** Rows matching the words and every active filter but `skip`'s. */
  const where = (skip: SearchFacet | null) =>
    sql.join([visible, words, ...active.filter((facet) => facet !== skip).map(tagFilter)], sql` and `);
  const withQuery = sql`with query as (select ${q ? tsquery(q) : sql`null::tsquery`} as q)`;

  /** Tag counts ('' counts rows) over the rows `where(skip)` selects, for `facets` only. */
  const count = async (skip: SearchFacet | null, facets: readonly SearchFacet[]): Promise<Counts> => {
    const unfiltered = !q && active.every((facet) => facet === skip);
    if (unfiltered) return keptCounts(db, scope);
    const wanted = sqlArray(["", ...facets]);
    const result = await db.execute(sql`${withQuery}
      select tag, count(*)::int as count
      from compendium_search as s, query, unnest(s.tags || array['']) as tag
      where ${where(skip)} and split_part(tag, ':', 1) = any(${wanted})
      group by tag`);
    return new Map(rowsOf<{ tag: string; count: number }>(result).map((row) => [row.tag, row.count]));
  };

  const passive = SEARCH_FACETS.filter((facet) => !active.includes(facet));
  const [hits, ...perFacet] = await Promise.all([
    count(null, passive),
    ...active.map((facet) => count(facet, [facet])),
  ]);
  const total = hits?.get("") ?? 0;
  const facets = Object.fromEntries(
    SEARCH_FACETS.map((facet) => {
      const source = active.includes(facet) ? perFacet[active.indexOf(facet)] : hits;
      const values: { value: string; count: number }[] = [];
      for (const [tag, n] of source ?? [])
        if (n > 0 && tag.startsWith(`${facet}:`))
          values.push({ value: tag.slice(facet.length + 1), count: n });
      values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return [facet, values];
    }),
  ) as SearchOutput["facets"];

  const ids = total > input.offset ? await page(db, withQuery, where(null), q !== null, input) : [];
  return { total, items: await pageRows(db, ids, q), facets };
}

/** Tag counts over every entry `scope` may see: kept counts, plus the restricted entries it sees. */
async function keptCounts(db: Executor, scope: Scope): Promise<Counts> {
  const counts: Counts = new Map();
  if (scope.kind === "none") return counts;
  const kept = await db.execute(sql`
    select tag, sum(count)::int as count from compendium_tag_counts
    ${scope.kind === "all" ? sql`` : sql`where marking = 'clear'`}
    group by tag`);
  for (const row of rowsOf<{ tag: string; count: number }>(kept)) counts.set(row.tag, row.count);
  if (scope.kind !== "all") {
    const restricted = await db.execute(sql`
      select tag, count(*)::int as count
      from compendium_search as s, unnest(s.tags || array['']) as tag
      where s.marking <> 'clear' and ${entryScope(scope, "s") ?? sql`true`}
      group by tag`);
    for (const row of rowsOf<{ tag: string; count: number }>(restricted))
      counts.set(row.tag, (counts.get(row.tag) ?? 0) + row.count);
  }
  return counts;
}

/**
 * The ids of the page. With words: first the entries whose title or summary match, by rank there;
 * then those matching in the body alone, ranked on the whole text (computed only when the page
 * reaches them). Without words: by title.
 */
async function page(
  db: Executor,
  withQuery: SQL,
  where: SQL,
  ranked: boolean,
  input: SearchInput,
): Promise<string[]> {
  const end = input.offset + input.limit;
  if (!ranked) {
    const result = await db.execute(sql`${withQuery}
      select s.entry_id as id from compendium_search as s, query where ${where}
      order by s.title, s.entry_id limit ${input.limit} offset ${input.offset}`);
    return rowsOf<{ id: string }>(result).map((row) => row.id);
  }
  const first = await db.execute(sql`${withQuery}
    select s.entry_id as id, count(*) over () as found
    from compendium_search as s, query
    where ${where} and s.head @@ query.q
    order by ts_rank_cd(s.head, query.q, 1) desc, s.title, s.entry_id
    limit ${end}`);
  const inHead = rowsOf<{ id: string; found: number | string }>(first);
  const headCount = Number(inHead[0]?.found ?? 0);
  const ids = inHead.slice(input.offset).map((row) => row.id);
  if (end <= headCount) return ids;
  const skip = Math.max(0, input.offset - headCount);
  const rest = await db.execute(sql`${withQuery}
    select s.entry_id as id
    from compendium_search as s, query
    where ${where} and not (s.head @@ query.q)
    order by ts_rank_cd(s.words, query.q, 1) desc, s.title, s.entry_id
    limit ${input.limit - ids.length} offset ${skip}`);
  return [...ids, ...rowsOf<{ id: string }>(rest).map((row) => row.id)];
}

/** The page's entries with their snippet, in the order found. */
async function pageRows(db: Executor, ids: readonly string[], q: string | null): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const headline = q
    ? sql`ts_headline(compendium_search_config(e.language), e.summary || E'\n' || regexp_replace(e.body, ${HEADING}, '\\1.', 'gn'), query.q,
        ${`StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`
    : sql`left(e.summary, 240)`;
  const result = await db.execute(sql`
    with query as (select ${q ? tsquery(q) : sql`null::tsquery`} as q)
    select e.id, e.slug, e.title, e.type, e.summary, e.marking, e.phases, e.sectors, e.themes, e.regions,
      (e.source->>'year')::int as year, e.source->>'publisher' as publisher,
      ${headline} as headline
    from compendium_entries as e, query
    where e.id = any(${sqlArray(ids, "uuid")})`);
  const byId = new Map(rowsOf<SearchHit>(result).map((hit) => [hit.id, hit]));
  return ids.flatMap((id) => {
    const hit = byId.get(id);
    return hit ? [hit] : [];
  });
}
