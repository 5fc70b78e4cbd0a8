// The compendium's search index, held in the server process: every search row's tags and stemmed
// words (as PostgreSQL produced them), laid out so a search matches words, applies filters and
// counts every facet in one pass over the matches, in memory. PostgreSQL keeps doing the language
// work (stems, stop words, parsing the query), the TLP rule (which rows a scope may see is asked of
// SQL, compiled from core's policy), snippets and phrase checks. See ADR 0006.
//
// The index is loaded on first use and reloaded when compendium_search_state's version moves
// (a statement trigger moves it on any change); the version is read in the same statement as
// the rows, so a loaded index is one consistent snapshot.
import type { Scope } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { hasPhrase, parseTsvector, positiveTerms, type TsqueryNode } from "../text-search.ts";
import { entryScope, type RelatedRecord } from "./compendium.ts";

/** Rank weights of a word in the title (A), summary (B) and body (C), as PostgreSQL's defaults. */
const WEIGHT_A = 1;
const WEIGHT_B = 0.4;
const WEIGHT_C = 0.2;
/** How many scopes' visible sets a process keeps per index and policy version. */
const SCOPES_KEPT = 256;

/** Bit sets over the index's rows. */
export class Rows {
  readonly words: Uint32Array;
  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }
  static all(size: number): Rows {
    const rows = new Rows(size);
    rows.words.fill(0xffffffff);
    const extra = rows.words.length * 32 - size;
    if (extra > 0) rows.words[rows.words.length - 1] = 0xffffffff >>> extra;
    return rows;
  }
  add(row: number): void {
    this.words[row >>> 5] = (this.words[row >>> 5] as number) | (1 << (row & 31));
  }
  has(row: number): boolean {
    return ((this.words[row >>> 5] as number) & (1 << (row & 31))) !== 0;
  }
  and(other: Rows): Rows {
    const result = new Rows(this.size);
    for (let i = 0; i < result.words.length; i += 1)
      result.words[i] = (this.words[i] as number) & (other.words[i] as number);
    return result;
  }
  or(other: Rows): Rows {
    const result = new Rows(this.size);
    for (let i = 0; i < result.words.length; i += 1)
      result.words[i] = (this.words[i] as number) | (other.words[i] as number);
    return result;
  }
  not(): Rows {
    return Rows.all(this.size).andNot(this);
  }
  andNot(other: Rows): Rows {
    const result = new Rows(this.size);
    for (let i = 0; i < result.words.length; i += 1)
      result.words[i] = (this.words[i] as number) & ~(other.words[i] as number);
    return result;
  }
  /** Calls `visit` with each row in the set, in row order. */
  forEach(visit: (row: number) => void): void {
    const { words } = this;
    for (let i = 0; i < words.length; i += 1) {
      let word = words[i] as number;
      while (word !== 0) {
        const low = word & -word;
        visit((i << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
  }
}

/** Per row, for a query: scores in title and summary, and over the whole text; summary hits. */
export interface Scores {
  readonly head: Float64Array;
  readonly all: Float64Array;
  readonly inSummary: Uint8Array;
}

/** One loaded snapshot of compendium_search. */
export class CompendiumIndex {
  /** Entry ids and search-row seqs, by row; rows are in (title, entry id) order. */
  readonly ids: string[] = [];
  /** What a result shows of each row's entry. */
  readonly records: RelatedRecord[] = [];
  /** Tag code to facet ("type", "phase", ...). */
  readonly facetOfCode: string[] = [];
  readonly rowOfSeq = new Map<number, number>();
  readonly seqs: Int32Array;
  /** Tag codes: "facet:value" strings, and the facet each belongs to. */
  readonly tagNames: string[] = [];
  readonly tagCodes = new Map<string, number>();
  readonly tagStart: Int32Array;
  readonly tags: Uint16Array;
  /** Postings per lexeme: rows holding it and how often under each weight (capped at 255). */
  readonly lexemes = new Map<string, number>();
  postingStart: Int32Array = new Int32Array(1);
  postingRows: Int32Array = new Int32Array(0);
  postingA: Uint8Array = new Uint8Array(0);
  postingB: Uint8Array = new Uint8Array(0);
  postingC: Uint8Array = new Uint8Array(0);
  /** Per row: how many word positions its title and summary, and its whole text, hold. */
  readonly headLength: Uint16Array;
  readonly length: Uint32Array;
  private readonly visible = new Map<string, Rows>();
  /** The policy version the kept visible sets were asked at. */
  private visiblePolicy = -1;
  private scratch: Scores | null = null;

  constructor(
    readonly version: number,
    rows: readonly IndexRow[],
  ) {
    const size = rows.length;
    this.seqs = new Int32Array(size);
    this.tagStart = new Int32Array(size + 1);
    this.headLength = new Uint16Array(size);
    this.length = new Uint32Array(size);
    const tagList: number[] = [];
    // Word postings are gathered row by row, then laid out lexeme by lexeme.
    let lexemeRows = new Int32Array(1 << 16);
    let lexemeIds = new Int32Array(1 << 16);
    let counts = new Uint8Array(3 << 16);
    let used = 0;
    const perLexeme: number[] = [];
    rows.forEach((row, index) => {
      this.ids.push(row.id);
      this.records.push({
        id: row.id,
        slug: row.slug,
        title: row.title,
        type: row.type,
        summary: row.summary,
        marking: row.marking,
        phases: row.phases,
        sectors: row.sectors,
        themes: row.themes,
        regions: row.regions,
        year: row.year,
        publisher: row.publisher,
      });
      this.seqs[index] = row.seq;
      this.rowOfSeq.set(row.seq, index);
      this.tagStart[index] = tagList.length;
      for (const tag of row.tags === "" ? [] : row.tags.split(" ")) {
        let code = this.tagCodes.get(tag);
        if (code === undefined) {
          code = this.tagNames.length;
          this.tagNames.push(tag);
          this.tagCodes.set(tag, code);
          this.facetOfCode.push(tag.slice(0, tag.indexOf(":")));
        }
        tagList.push(code);
      }
      let head = 0;
      let all = 0;
      for (const { lexeme, a, b, c } of parseTsvector(row.words)) {
        let id = this.lexemes.get(lexeme);
        if (id === undefined) {
          id = perLexeme.length;
          this.lexemes.set(lexeme, id);
          perLexeme.push(0);
        }
        perLexeme[id] = (perLexeme[id] as number) + 1;
        if (used === lexemeRows.length) {
          const grow = (from: Int32Array) => {
            const to = new Int32Array(from.length * 2);
            to.set(from);
            return to;
          };
          lexemeRows = grow(lexemeRows);
          lexemeIds = grow(lexemeIds);
          const more = new Uint8Array(counts.length * 2);
          more.set(counts);
          counts = more;
        }
        lexemeRows[used] = index;
        lexemeIds[used] = id;
        counts[used * 3] = Math.min(a, 255);
        counts[used * 3 + 1] = Math.min(b, 255);
        counts[used * 3 + 2] = Math.min(c, 255);
        used += 1;
        head += a + b;
        all += a + b + c;
      }
      this.headLength[index] = Math.min(head, 65535);
      this.length[index] = all;
    });
    this.tagStart[size] = tagList.length;
    this.tags = Uint16Array.from(tagList);
    // Lay postings out by lexeme (rows stay in order within each: they were gathered in row order).
    const start = new Int32Array(perLexeme.length + 1);
    for (let id = 0; id < perLexeme.length; id += 1)
      start[id + 1] = (start[id] as number) + (perLexeme[id] as number);
    const next = start.slice(0, perLexeme.length);
    this.postingRows = new Int32Array(used);
    this.postingA = new Uint8Array(used);
    this.postingB = new Uint8Array(used);
    this.postingC = new Uint8Array(used);
    for (let i = 0; i < used; i += 1) {
      const id = lexemeIds[i] as number;
      const at = next[id] as number;
      next[id] = at + 1;
      this.postingRows[at] = lexemeRows[i] as number;
      this.postingA[at] = counts[i * 3] as number;
      this.postingB[at] = counts[i * 3 + 1] as number;
      this.postingC[at] = counts[i * 3 + 2] as number;
    }
    this.postingStart = start;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The rows holding a lexeme (prefix: any lexeme starting with it), optionally under given weights. */
  term(lexeme: string, prefix: boolean, weights: string): Rows {
    const rows = new Rows(this.size);
    const ids = prefix
      ? [...this.lexemes.entries()].filter(([name]) => name.startsWith(lexeme)).map(([, id]) => id)
      : [this.lexemes.get(lexeme)].filter((id): id is number => id !== undefined);
    for (const id of ids)
      for (let at = this.postingStart[id] as number; at < (this.postingStart[id + 1] as number); at += 1) {
        if (
          weights !== "" &&
          !(
            (weights.includes("A") && (this.postingA[at] as number) > 0) ||
            (weights.includes("B") && (this.postingB[at] as number) > 0) ||
            ((weights.includes("C") || weights.includes("D")) && (this.postingC[at] as number) > 0)
          )
        )
          continue;
        rows.add(this.postingRows[at] as number);
      }
    return rows;
  }

  /** The rows a query matches; phrases match as "all of these words" (check them in SQL after). */
  match(node: TsqueryNode): Rows {
    switch (node.kind) {
      case "term":
        return this.term(node.lexeme, node.prefix, node.weights);
      case "not":
        return this.match(node.operand).not();
      case "or":
        return this.match(node.left).or(this.match(node.right));
      default:
        return this.match(node.left).and(this.match(node.right));
    }
  }

  /**
   * Scores of the rows in `rows` for the query's words: per row, the title-and-summary score
   * (0 when the words are only in the body) and the whole-text score. Words weigh by where they
   * are (title A, summary B, body C) and how rare they are, over the length of the text.
   * `inSummary` marks the rows whose summary holds one of the words. The arrays are the index's
   * own, reused by the next call: read them before anything awaits.
   */
  scores(node: TsqueryNode, rows: Rows): Scores {
    this.scratch ??= {
      head: new Float64Array(this.size),
      all: new Float64Array(this.size),
      inSummary: new Uint8Array(this.size),
    };
    const { head, all, inSummary } = this.scratch;
    head.fill(0);
    all.fill(0);
    inSummary.fill(0);
    for (const lexeme of positiveTerms(node)) {
      const id = this.lexemes.get(lexeme);
      if (id === undefined) continue;
      const from = this.postingStart[id] as number;
      const to = this.postingStart[id + 1] as number;
      const rarity = Math.log(1 + this.size / Math.max(1, to - from));
      for (let at = from; at < to; at += 1) {
        const row = this.postingRows[at] as number;
        if (!rows.has(row)) continue;
        const inHead = WEIGHT_A * (this.postingA[at] as number) + WEIGHT_B * (this.postingB[at] as number);
        if ((this.postingB[at] as number) > 0) inSummary[row] = 1;
        if (inHead > 0)
          head[row] =
            (head[row] as number) + (rarity * inHead) / (1 + Math.log(1 + (this.headLength[row] as number)));
        all[row] =
          (all[row] as number) +
          (rarity * (inHead + WEIGHT_C * (this.postingC[at] as number))) /
            (1 + Math.log(1 + (this.length[row] as number)));
      }
    }
    return { head, all, inSummary };
  }

  /**
   * The rows a scope may see, asked of SQL (the TLP rule compiled from core's policy), kept per
   * scope while the policy version (read by the caller, see policy-state.ts) stays where it was:
   * the rule reads community memberships, which change without touching the search rows.
   */
  async visibleTo(db: Executor, scope: Scope, policy: number): Promise<Rows> {
    if (scope.kind === "all") return Rows.all(this.size);
    if (scope.kind === "none") return new Rows(this.size);
    if (policy !== this.visiblePolicy) {
      this.visible.clear();
      this.visiblePolicy = policy;
    }
    const key = JSON.stringify(scope);
    const kept = this.visible.get(key);
    if (kept) return kept;
    const rows = await this.selectRows(
      db,
      sql`select coalesce(string_agg(s.seq::text, ','), '') as seqs from compendium_search as s
        where ${entryScope(scope, "s") ?? sql`true`}`,
    );
    if (this.visible.size >= SCOPES_KEPT) this.visible.delete(this.visible.keys().next().value as string);
    this.visible.set(key, rows);
    return rows;
  }

  /** Keeps only the rows of `rows` whose words match the query in SQL (phrases need positions). */
  async checkPhrases(db: Executor, node: TsqueryNode, query: string, rows: Rows): Promise<Rows> {
    if (!hasPhrase(node)) return rows;
    const seqs: number[] = [];
    rows.forEach((row) => {
      seqs.push(this.seqs[row] as number);
    });
    if (seqs.length === 0) return rows;
    return this.selectRows(
      db,
      sql`select coalesce(string_agg(seq::text, ','), '') as seqs from compendium_search
        where seq = any(${`{${seqs.join(",")}}`}::int[]) and words @@ ${query}::tsquery`,
    );
  }

  /** The rows named by a query answering one `seqs` column of comma-separated seqs (one row, one string: cheap to carry). */
  private async selectRows(db: Executor, query: SQL): Promise<Rows> {
    const rows = new Rows(this.size);
    const listed = rowsOf<{ seqs: string }>(await db.execute(query))[0]?.seqs ?? "";
    for (const seq of listed === "" ? [] : listed.split(",")) {
      const row = this.rowOfSeq.get(Number(seq));
      if (row !== undefined) rows.add(row);
    }
    return rows;
  }
}

interface Holder {
  index: CompendiumIndex | null;
  loading: Promise<CompendiumIndex> | null;
}
const held = new WeakMap<object, Holder>();

interface IndexRow extends RelatedRecord {
  seq: number;
  tags: string;
  words: string;
}

async function load(db: Executor): Promise<CompendiumIndex> {
  const result = await db.execute(sql`
    select (select version from compendium_search_state where id = 1) as version,
      s.seq, s.entry_id as id, array_to_string(s.tags, ' ') as tags, s.words::text as words,
      e.slug, e.title, e.type, e.summary, e.marking, e.phases, e.sectors, e.themes, e.regions,
      (e.source->>'year')::int as year, e.source->>'publisher' as publisher
    from compendium_search as s join compendium_entries as e on e.id = s.entry_id
    order by s.title, s.entry_id`);
  const rows = rowsOf<IndexRow & { version: number | string | null }>(result);
  const version = rows.length > 0 ? Number(rows[0]?.version) : await currentVersion(db);
  return new CompendiumIndex(version, rows);
}

async function currentVersion(db: Executor): Promise<number> {
  const result = await db.execute(sql`select version from compendium_search_state where id = 1`);
  return Number(rowsOf<{ version: number | string }>(result)[0]?.version ?? 0);
}

/**
 * The current index for a database: loaded on first use, reloaded when the rows have changed.
 * `version` is compendium_search_state's, when the caller has just read it (saving a round trip).
 */
export async function compendiumIndex(db: Executor, version?: number): Promise<CompendiumIndex> {
  let holder = held.get(db);
  if (!holder) {
    holder = { index: null, loading: null };
    held.set(db, holder);
  }
  if (holder.loading) return holder.loading;
  const current = version ?? (await currentVersion(db));
  if (holder.index && holder.index.version === current) return holder.index;
  const loading = holder;
  loading.loading = load(db).finally(() => {
    loading.loading = null;
  });
  loading.index = await loading.loading;
  return loading.index;
}
