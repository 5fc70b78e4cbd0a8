// The compendium's search index, held in the server process: every search row's tags and stemmed
// words (as PostgreSQL produced them), laid out so a search matches words, applies filters and
// counts every facet in one pass over the matches, in memory. PostgreSQL keeps doing the language
// work (stems, stop words, parsing the query), the TLP rule (which rows a scope may see is asked of
// SQL, compiled from core's policy), snippets and phrase checks. See ADR 0006.
//
// The index is loaded in full on first use. After that it follows changes entry by entry (ADR
// 0023): a statement trigger moves compendium_search_state's version, names the changed entries in
// compendium_search_changes and notifies COMPENDIUM_CHANNEL at commit. A process reads the entries
// changed since its own version (one query, one snapshot, with the version) and replaces just
// those: on a notification, and before a search that read a newer version. It reloads in full only
// when it is too far behind, when the log says "everything changed", when its room for changed
// entries is used up, or when notifications may have been lost (the change feed's `missed`).
//
// Rows are slots: a full load puts the entries in slots 0..n-1 in title order; a changed entry
// takes a new slot at the end and its old slot dies (its data stays readable until the next full
// load, for searches in flight). Title order is kept apart (byTitle, rankOf).
import type { Scope } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { ChangeFeed } from "../change-feed.ts";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { hasPhrase, parseTsvector, positiveTerms, type TsqueryNode } from "../text-search.ts";
import { entryScope, type RelatedRecord } from "./compendium.ts";
import { learnWordsOf } from "./compendium-snippets.ts";
import { POLICY_CHANNEL } from "./policy-state.ts";

/** The channel the search rows' trigger notifies (migration 0022): "<version> <ids or *>". */
export const COMPENDIUM_CHANNEL = "bulwark_compendium";

/** Rank weights of a word in the title (A), summary (B) and body (C), as PostgreSQL's defaults. */
const WEIGHT_A = 1;
const WEIGHT_B = 0.4;
const WEIGHT_C = 0.2;
/** How many scopes' visible sets a process keeps per index and policy version. */
const SCOPES_KEPT = 256;
/** Room for changed entries after a full load, as a share of its entries (then a full reload). */
const ROOM = 0.25;
/** More changed entries than this at once: a full reload is as cheap. */
const MOST_CHANGES = 5_000;
const NONE = -1;
/** How many lexemes' sets of slots an index keeps (16 KB each at 100,000 entries). */
const TERMS_KEPT = 2_048;

/** Bit sets over the index's slots. */
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
  delete(row: number): void {
    this.words[row >>> 5] = (this.words[row >>> 5] as number) & ~(1 << (row & 31));
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
  /** Keeps only the rows `other` holds too (in place); returns this set. */
  andWith(other: Rows): Rows {
    const { words } = this;
    const theirs = other.words;
    for (let i = 0; i < words.length; i += 1) words[i] = (words[i] as number) & (theirs[i] as number);
    return this;
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
  /** How many rows this set and `other` share. */
  countAnd(other: Rows): number {
    let count = 0;
    const { words } = this;
    const theirs = other.words;
    for (let i = 0; i < words.length; i += 1) {
      let x = (words[i] as number) & (theirs[i] as number);
      if (x === 0) continue;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      count += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
    }
    return count;
  }
  /** Adds every row of `other` to this set. */
  addAll(other: Rows): void {
    const { words } = this;
    for (let i = 0; i < words.length; i += 1) words[i] = (words[i] as number) | (other.words[i] as number);
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

/** One search row as loaded: the entry's card, its search row's seq, tags and words. */
export interface IndexRow extends RelatedRecord {
  seq: number;
  /** The entry's language (its text's stemming, for snippets). */
  language: string;
  tags: string;
  words: string;
}

/** A scope's visible slots, and slots added since that SQL must still judge. */
interface Visible {
  rows: Rows;
  stale: number[];
}

/** The first place in `list[from..to)` (ascending) holding `value` or more: galloping, then halving. */
function firstAtLeast(list: Int32Array, from: number, to: number, value: number): number {
  if (from >= to || (list[from] as number) >= value) return from;
  // list[low] < value; find high with list[high] >= value (or to).
  let low = from;
  let step = 1;
  let high = from + 1;
  while (high < to && (list[high] as number) < value) {
    low = high;
    step *= 2;
    high = low + step;
  }
  if (high > to) high = to;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as number) < value) low = middle;
    else high = middle;
  }
  return high;
}

const grow = <T extends Int32Array | Uint16Array | Uint32Array>(from: T, least: number): T => {
  if (from.length >= least) return from;
  const to = new (from.constructor as new (length: number) => T)(Math.max(least, from.length * 2));
  to.set(from);
  return to;
};

/** The compendium's rows in memory: loaded in full, then kept current entry by entry. */
export class CompendiumIndex {
  /** compendium_search_state's version this index holds the rows of. */
  version: number;
  /** Slots there is room for (fixed: when used up, the holder reloads in full). */
  readonly capacity: number;
  /** Slots used, live or dead. */
  slots = 0;
  /** Live slots (entries). */
  live = 0;
  readonly alive: Rows;
  /** Entry ids and what a result shows of each entry, by slot. */
  readonly ids: string[] = [];
  readonly records: RelatedRecord[] = [];
  /** Each slot's entry's language (snippets stem its words in it). */
  readonly languages: string[] = [];
  readonly seqs: Int32Array;
  readonly slotOfSeq = new Map<number, number>();
  readonly slotOfId = new Map<string, number>();
  /** Tag codes: "facet:value" strings, and the facet each belongs to. */
  readonly tagNames: string[] = [];
  readonly facetOfCode: string[] = [];
  readonly tagCodes = new Map<string, number>();
  /** By tag code: the slots holding it (facet counts over dense sets count bits, not rows). */
  readonly tagRows: Rows[] = [];
  /** Tags by slot: tags[tagStart[slot] .. tagStart[slot + 1]). */
  readonly tagStart: Int32Array;
  tags: Uint16Array;
  private tagsUsed = 0;
  /**
   * Tags by slot grouped by facet: a group is one facet's values on a slot (its tag codes), shared
   * by every slot holding the same values; groups[groupStart[slot] .. groupStart[slot + 1]).
   * Counting facets row by row reads a slot's groups (one per facet), not each of its tags.
   */
  readonly groupStart: Int32Array;
  groups: Uint32Array;
  private groupsUsed = 0;
  private readonly groupCodes = new Map<string, number>();
  /** By group: its tag codes. */
  readonly groupTags: Uint16Array[] = [];
  /** Lexeme ids, and their names by id (for prefix matching). */
  readonly lexemes = new Map<string, number>();
  readonly lexemeNames: string[] = [];
  /** Postings of the full load, per lexeme: rows holding it and how often under each weight (capped at 255). */
  readonly postingStart: Int32Array;
  readonly postingRows: Int32Array;
  readonly postingA: Uint8Array;
  readonly postingB: Uint8Array;
  readonly postingC: Uint8Array;
  /** Postings of slots added since, per lexeme: slots, and counts packed as a | b << 8 | c << 16. */
  private readonly addedRows: (number[] | undefined)[] = [];
  private readonly addedCounts: (number[] | undefined)[] = [];
  /** Live entries holding each lexeme. */
  documents: Int32Array;
  /** Lexemes by slot, for the slots of the full load (CSR) and those added since. */
  private readonly loadedSlots: number;
  private readonly slotLexemeStart: Int32Array;
  private readonly slotLexemes: Int32Array;
  private readonly addedLexemes: Int32Array[] = [];
  /** Per slot: how many word positions its title and summary, and its whole text, hold. */
  readonly headLength: Uint16Array;
  /** Per slot: what a score in its title and summary, and in its whole text, is divided by. */
  private readonly headDivisor: Float64Array;
  private readonly allDivisor: Float64Array;
  /** Per lexeme of the full load, once asked for: the slots holding it (any weight), as a set. */
  private readonly termRows = new Map<number, Rows>();
  readonly length: Uint32Array;
  /** Live slots in (title, entry id) order as PostgreSQL sorts them, and each slot's place there. */
  byTitle: Int32Array;
  /** The other buffer byTitle is rebuilt into, and the slots new ones go before (scratch). */
  private spare: Int32Array;
  private readonly anchored: Rows;
  /** How many slots byTitle lists (the live ones). */
  titled: number;
  readonly rankOf: Int32Array;
  private readonly visible = new Map<string, Visible>();
  /** The policy version the kept visible sets were asked at. */
  private visiblePolicy = -1;
  private scratch: Scores | null = null;

  constructor(version: number, rows: readonly IndexRow[]) {
    this.version = version;
    const size = rows.length;
    const capacity = Math.max(1024, Math.ceil(size * (1 + ROOM)));
    this.capacity = capacity;
    this.alive = new Rows(capacity);
    this.seqs = new Int32Array(capacity);
    this.tagStart = new Int32Array(capacity + 1);
    this.tags = new Uint16Array(Math.max(1024, size * 8));
    this.groupStart = new Int32Array(capacity + 1);
    this.groups = new Uint32Array(Math.max(1024, size * 4));
    this.headLength = new Uint16Array(capacity);
    this.length = new Uint32Array(capacity);
    this.headDivisor = new Float64Array(capacity);
    this.allDivisor = new Float64Array(capacity);
    this.byTitle = new Int32Array(capacity);
    this.spare = new Int32Array(capacity);
    this.anchored = new Rows(capacity);
    this.rankOf = new Int32Array(capacity).fill(NONE);
    // Word postings are gathered slot by slot, then laid out lexeme by lexeme.
    let lexemeIds = new Int32Array(1 << 16);
    let counts = new Uint8Array(3 << 16);
    const slotLexemeStart = new Int32Array(size + 1);
    let used = 0;
    const perLexeme: number[] = [];
    rows.forEach((row, slot) => {
      this.describe(slot, row);
      this.byTitle[slot] = slot;
      this.rankOf[slot] = slot;
      slotLexemeStart[slot] = used;
      let head = 0;
      let all = 0;
      for (const { lexeme, a, b, c } of parseTsvector(row.words)) {
        const id = this.lexemeId(lexeme);
        if (id === perLexeme.length) perLexeme.push(0);
        perLexeme[id] = (perLexeme[id] as number) + 1;
        if (used === lexemeIds.length) {
          lexemeIds = grow(lexemeIds, used * 2);
          const more = new Uint8Array(counts.length * 2);
          more.set(counts);
          counts = more;
        }
        lexemeIds[used] = id;
        counts[used * 3] = Math.min(a, 255);
        counts[used * 3 + 1] = Math.min(b, 255);
        counts[used * 3 + 2] = Math.min(c, 255);
        used += 1;
        head += a + b;
        all += a + b + c;
      }
      this.measure(slot, head, all);
    });
    slotLexemeStart[size] = used;
    this.titled = size;
    this.loadedSlots = size;
    this.slotLexemeStart = slotLexemeStart;
    this.slotLexemes = lexemeIds.slice(0, used);
    // Lay postings out by lexeme (slots stay in order within each: they were gathered in order).
    const start = new Int32Array(perLexeme.length + 1);
    for (let id = 0; id < perLexeme.length; id += 1)
      start[id + 1] = (start[id] as number) + (perLexeme[id] as number);
    const next = start.slice(0, perLexeme.length);
    this.postingRows = new Int32Array(used);
    this.postingA = new Uint8Array(used);
    this.postingB = new Uint8Array(used);
    this.postingC = new Uint8Array(used);
    let slot = 0;
    for (let i = 0; i < used; i += 1) {
      while ((slotLexemeStart[slot + 1] as number) <= i) slot += 1;
      const id = lexemeIds[i] as number;
      const at = next[id] as number;
      next[id] = at + 1;
      this.postingRows[at] = slot;
      this.postingA[at] = counts[i * 3] as number;
      this.postingB[at] = counts[i * 3 + 1] as number;
      this.postingC[at] = counts[i * 3 + 2] as number;
    }
    this.postingStart = start;
    this.documents = new Int32Array(Math.max(1024, perLexeme.length * 2));
    this.documents.set(perLexeme);
  }

  /** Entries (live slots). */
  get size(): number {
    return this.live;
  }

  private lexemeId(lexeme: string): number {
    let id = this.lexemes.get(lexeme);
    if (id === undefined) {
      id = this.lexemeNames.length;
      this.lexemes.set(lexeme, id);
      this.lexemeNames.push(lexeme);
    }
    return id;
  }

  /** Fills a slot's card, seq and tags, and makes it live. */
  private describe(slot: number, row: IndexRow): void {
    this.ids[slot] = row.id;
    this.records[slot] = {
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
    };
    this.languages[slot] = row.language;
    this.seqs[slot] = row.seq;
    this.slotOfSeq.set(row.seq, slot);
    this.slotOfId.set(row.id, slot);
    const tags = row.tags === "" ? [] : row.tags.split(" ");
    this.tags = grow(this.tags, this.tagsUsed + tags.length);
    this.tagStart[slot] = this.tagsUsed;
    const byFacet = new Map<string, number[]>();
    for (const tag of tags) {
      let code = this.tagCodes.get(tag);
      if (code === undefined) {
        code = this.tagNames.length;
        this.tagNames.push(tag);
        this.tagCodes.set(tag, code);
        this.facetOfCode.push(tag.slice(0, tag.indexOf(":")));
        this.tagRows.push(new Rows(this.capacity));
      }
      (this.tagRows[code] as Rows).add(slot);
      this.tags[this.tagsUsed] = code;
      this.tagsUsed += 1;
      const facet = this.facetOfCode[code] as string;
      const codes = byFacet.get(facet);
      if (codes) codes.push(code);
      else byFacet.set(facet, [code]);
    }
    this.tagStart[slot + 1] = this.tagsUsed;
    this.groups = grow(this.groups, this.groupsUsed + byFacet.size);
    this.groupStart[slot] = this.groupsUsed;
    for (const codes of byFacet.values()) {
      const key = codes.join(",");
      let group = this.groupCodes.get(key);
      if (group === undefined) {
        group = this.groupTags.length;
        this.groupCodes.set(key, group);
        this.groupTags.push(Uint16Array.from(codes));
      }
      this.groups[this.groupsUsed] = group;
      this.groupsUsed += 1;
    }
    this.groupStart[slot + 1] = this.groupsUsed;
    this.alive.add(slot);
    this.slots = Math.max(this.slots, slot + 1);
    this.live += 1;
  }

  /** A slot's lengths, and the divisors of its scores (worked out once, not per search). */
  private measure(slot: number, head: number, all: number): void {
    this.headLength[slot] = Math.min(head, 65535);
    this.length[slot] = all;
    this.headDivisor[slot] = 1 + Math.log(1 + (this.headLength[slot] as number));
    this.allDivisor[slot] = 1 + Math.log(1 + all);
  }

  /** Puts a changed entry in a new slot (its words as added postings). */
  private append(row: IndexRow): number {
    const slot = this.slots;
    this.describe(slot, row);
    const words = parseTsvector(row.words);
    const ids = new Int32Array(words.length);
    let head = 0;
    let all = 0;
    words.forEach(({ lexeme, a, b, c }, at) => {
      const id = this.lexemeId(lexeme);
      ids[at] = id;
      this.documents = grow(this.documents, id + 1);
      this.documents[id] = (this.documents[id] as number) + 1;
      const rows = this.addedRows[id] ?? [];
      const counts = this.addedCounts[id] ?? [];
      rows.push(slot);
      counts.push(Math.min(a, 255) | (Math.min(b, 255) << 8) | (Math.min(c, 255) << 16));
      this.addedRows[id] = rows;
      this.addedCounts[id] = counts;
      head += a + b;
      all += a + b + c;
    });
    this.addedLexemes.push(ids);
    this.measure(slot, head, all);
    return slot;
  }

  /** Ends a slot (its entry changed or went): out of every set; its data stays for searches in flight. */
  private kill(slot: number): void {
    if (!this.alive.has(slot)) return;
    this.alive.delete(slot);
    this.live -= 1;
    const lexemes =
      slot < this.loadedSlots
        ? this.slotLexemes.subarray(this.slotLexemeStart[slot], this.slotLexemeStart[slot + 1])
        : (this.addedLexemes[slot - this.loadedSlots] as Int32Array);
    for (const id of lexemes) this.documents[id] = (this.documents[id] as number) - 1;
    for (let at = this.tagStart[slot] as number; at < (this.tagStart[slot + 1] as number); at += 1)
      this.tagRows[this.tags[at] as number]?.delete(slot);
    const seq = this.seqs[slot] as number;
    if (this.slotOfSeq.get(seq) === slot) this.slotOfSeq.delete(seq);
    const id = this.ids[slot] as string;
    if (this.slotOfId.get(id) === slot) this.slotOfId.delete(id);
    for (const { rows } of this.visible.values()) rows.delete(slot);
  }

  /**
   * Replaces the changed entries, as read at `version` in one snapshot: `rows` are the entries
   * still there, in (title, entry id) order, each with the id of the entry after it in that order
   * (null: last); `gone` the ids of entries no longer there. False when there is no room (then
   * reload in full); the index is left unchanged in that case.
   */
  apply(
    version: number,
    rows: readonly (IndexRow & { next: string | null })[],
    gone: readonly string[],
  ): boolean {
    if (this.slots + rows.length > this.capacity) return false;
    for (const id of [...gone, ...rows.map((row) => row.id)]) {
      const slot = this.slotOfId.get(id);
      if (slot !== undefined) this.kill(slot);
    }
    const added = rows.map((row) => this.append(row));
    // Each new slot goes before the first slot that was already in place that follows it.
    const anchorOf = new Map<string, number>();
    const before = new Map<number, number[]>();
    for (let at = rows.length - 1; at >= 0; at -= 1) {
      const { id, next } = rows[at] as IndexRow & { next: string | null };
      const anchor = next === null ? NONE : (anchorOf.get(next) ?? this.slotOfId.get(next) ?? NONE);
      anchorOf.set(id, anchor);
      const list = before.get(anchor) ?? [];
      list.push(added[at] as number);
      before.set(anchor, list);
    }
    // One pass over the old order (typed arrays and bit tests only: it runs for every change).
    const order = this.spare;
    const anchored = this.anchored;
    for (const anchor of before.keys()) if (anchor !== NONE) anchored.add(anchor);
    const { rankOf } = this;
    let rank = 0;
    const put = (slot: number) => {
      order[rank] = slot;
      rankOf[slot] = rank;
      rank += 1;
    };
    const previous = this.byTitle;
    const alive = this.alive.words;
    const marks = anchored.words;
    for (let at = 0; at < this.titled; at += 1) {
      const slot = previous[at] as number;
      const bit = 1 << (slot & 31);
      if (((alive[slot >>> 5] as number) & bit) === 0) {
        rankOf[slot] = NONE;
        continue;
      }
      if (((marks[slot >>> 5] as number) & bit) !== 0) {
        const ahead = before.get(slot) as number[];
        for (let i = ahead.length - 1; i >= 0; i -= 1) put(ahead[i] as number);
        anchored.delete(slot);
      }
      order[rank] = slot;
      rankOf[slot] = rank;
      rank += 1;
    }
    const last = before.get(NONE);
    if (last) for (let i = last.length - 1; i >= 0; i -= 1) put(last[i] as number);
    this.spare = previous;
    this.byTitle = order;
    this.titled = rank;
    for (const kept of this.visible.values()) kept.stale.push(...added);
    this.version = version;
    return true;
  }

  /**
   * The slots of the full load holding a lexeme (any weight), as a set kept for the index's life
   * (those postings never change; at most TERMS_KEPT), for lexemes held by so many rows that copying the set is
   * cheaper than reading their postings; else undefined.
   */
  private loadedRowsOf(id: number): Rows | undefined {
    if (id >= this.postingStart.length - 1) return undefined;
    const from = this.postingStart[id] as number;
    const to = this.postingStart[id + 1] as number;
    if (to - from < this.capacity >>> 5) return undefined;
    let rows = this.termRows.get(id);
    if (!rows) {
      if (this.termRows.size >= TERMS_KEPT) return undefined;
      rows = new Rows(this.capacity);
      const { words } = rows;
      for (let at = from; at < to; at += 1) {
        const row = this.postingRows[at] as number;
        words[row >>> 5] = (words[row >>> 5] as number) | (1 << (row & 31));
      }
      this.termRows.set(id, rows);
    }
    return rows;
  }

  /** The rows holding a lexeme (prefix: any lexeme starting with it), optionally under given weights. */
  term(lexeme: string, prefix: boolean, weights: string): Rows {
    const rows = new Rows(this.capacity);
    const ids: number[] = [];
    if (prefix)
      this.lexemeNames.forEach((name, id) => {
        if (name.startsWith(lexeme)) ids.push(id);
      });
    else {
      const id = this.lexemes.get(lexeme);
      if (id !== undefined) ids.push(id);
    }
    const anyWeight = weights === "";
    const wantA = weights.includes("A");
    const wantB = weights.includes("B");
    const wantC = weights.includes("C") || weights.includes("D");
    const { words } = rows;
    for (const id of ids) {
      const cached = anyWeight ? this.loadedRowsOf(id) : undefined;
      if (cached) rows.addAll(cached);
      else if (id < this.postingStart.length - 1) {
        const to = this.postingStart[id + 1] as number;
        for (let at = this.postingStart[id] as number; at < to; at += 1) {
          if (
            !anyWeight &&
            !(
              (wantA && (this.postingA[at] as number) > 0) ||
              (wantB && (this.postingB[at] as number) > 0) ||
              (wantC && (this.postingC[at] as number) > 0)
            )
          )
            continue;
          const row = this.postingRows[at] as number;
          words[row >>> 5] = (words[row >>> 5] as number) | (1 << (row & 31));
        }
      }
      const added = this.addedRows[id];
      const counts = this.addedCounts[id];
      if (added && counts)
        added.forEach((row, at) => {
          const packed = counts[at] as number;
          if (
            anyWeight ||
            (wantA && (packed & 0xff) > 0) ||
            (wantB && ((packed >>> 8) & 0xff) > 0) ||
            (wantC && packed >>> 16 > 0)
          )
            rows.add(row);
        });
    }
    return rows;
  }

  /**
   * The rows a query matches; phrases match as "all of these words" (check them in SQL after).
   * A set of its own (the caller may change it).
   */
  match(node: TsqueryNode): Rows {
    switch (node.kind) {
      case "term":
        return this.term(node.lexeme, node.prefix, node.weights);
      case "not":
        return this.match(node.operand).not();
      case "or": {
        // Each match is a set of its own: the left one takes the right one's rows in place.
        const rows = this.match(node.left);
        rows.addAll(this.match(node.right));
        return rows;
      }
      default:
        return this.match(node.left).andWith(this.match(node.right));
    }
  }

  /**
   * Scores of the rows in `rows` for the query's words: per row, the title-and-summary score
   * (0 when the words are only in the body) and the whole-text score. Words weigh by where they
   * are (title A, summary B, body C) and how rare they are, over the length of the text.
   * `inSummary` marks the rows whose summary holds one of the words. The arrays are the index's
   * own, reused by the next call: read them before anything awaits, and for rows of `rows` only.
   * `count`: how many rows `rows` holds.
   */
  scores(node: TsqueryNode, rows: Rows, count: number): Scores {
    this.scratch ??= {
      head: new Float64Array(this.capacity),
      all: new Float64Array(this.capacity),
      inSummary: new Uint8Array(this.capacity),
    };
    const { head, all, inSummary } = this.scratch;
    const { words } = rows;
    // Only the rows asked about are read after: only theirs are cleared (not every slot's).
    for (let word = 0; word < words.length; word += 1) {
      let rest = words[word] as number;
      while (rest !== 0) {
        const low = rest & -rest;
        rest ^= low;
        const row = (word << 5) + 31 - Math.clz32(low);
        head[row] = 0;
        all[row] = 0;
        inSummary[row] = 0;
      }
    }
    const { headDivisor, allDivisor } = this;
    const score = (row: number, a: number, b: number, c: number, rarity: number) => {
      const inHead = WEIGHT_A * a + WEIGHT_B * b;
      if (b > 0) inSummary[row] = 1;
      if (inHead > 0) head[row] = (head[row] as number) + (rarity * inHead) / (headDivisor[row] as number);
      all[row] = (all[row] as number) + (rarity * (inHead + WEIGHT_C * c)) / (allDivisor[row] as number);
    };
    for (const lexeme of positiveTerms(node)) {
      const id = this.lexemes.get(lexeme);
      if (id === undefined) continue;
      const rarity = Math.log(1 + this.live / Math.max(1, this.documents[id] as number));
      if (id < this.postingStart.length - 1) {
        const from = this.postingStart[id] as number;
        const to = this.postingStart[id + 1] as number;
        const { postingRows, postingA, postingB, postingC } = this;
        if (count * 16 < to - from) {
          // Far fewer rows asked about than postings: each row's posting is found by galloping
          // (postings are in slot order), not every posting read.
          let at = from;
          for (let word = 0; word < words.length && at < to; word += 1) {
            let rest = words[word] as number;
            while (rest !== 0 && at < to) {
              const low = rest & -rest;
              rest ^= low;
              const row = (word << 5) + 31 - Math.clz32(low);
              at = firstAtLeast(postingRows, at, to, row);
              if (at < to && postingRows[at] === row)
                score(row, postingA[at] as number, postingB[at] as number, postingC[at] as number, rarity);
            }
          }
        } else
          for (let at = from; at < to; at += 1) {
            const row = postingRows[at] as number;
            if (((words[row >>> 5] as number) & (1 << (row & 31))) === 0) continue;
            score(row, postingA[at] as number, postingB[at] as number, postingC[at] as number, rarity);
          }
      }
      const added = this.addedRows[id];
      const counts = this.addedCounts[id];
      if (added && counts)
        added.forEach((row, at) => {
          if (!rows.has(row)) return;
          const packed = counts[at] as number;
          score(row, packed & 0xff, (packed >>> 8) & 0xff, packed >>> 16, rarity);
        });
    }
    return { head, all, inSummary };
  }

  /**
   * The rows a scope may see, asked of SQL (the TLP rule compiled from core's policy), kept per
   * scope while the policy version (read by the caller, see policy-state.ts) stays where it was:
   * the rule reads community memberships, which change without touching the search rows. Slots
   * added since a scope's set was asked are asked about alone, at its next use.
   */
  async visibleTo(db: Executor, scope: Scope, policy: number): Promise<Rows> {
    if (scope.kind === "all") return this.alive;
    if (scope.kind === "none") return new Rows(this.capacity);
    if (policy !== this.visiblePolicy) {
      this.visible.clear();
      this.visiblePolicy = policy;
    }
    const key = JSON.stringify(scope);
    const rule = entryScope(scope, "s") ?? sql`true`;
    const kept = this.visible.get(key);
    if (kept) {
      if (kept.stale.length > 0) {
        const stale = new Set(kept.stale.filter((slot) => this.alive.has(slot)));
        kept.stale = [];
        if (stale.size > 0) {
          const seqs = [...stale].map((slot) => this.seqs[slot] as number);
          await this.markRows(
            db,
            sql`select coalesce(string_agg(s.seq::text, ','), '') as seqs from compendium_search as s
              where s.seq = any(${`{${seqs.join(",")}}`}::int[]) and ${rule}`,
            kept.rows,
            (slot) => stale.has(slot),
          );
        }
      }
      return kept.rows;
    }
    const from = this.slots;
    const rows = new Rows(this.capacity);
    // Slots added while the query runs may have been judged on older content: they are asked about again.
    await this.markRows(
      db,
      sql`select coalesce(string_agg(s.seq::text, ','), '') as seqs from compendium_search as s where ${rule}`,
      rows,
      (slot) => slot < from,
    );
    if (this.visible.size >= SCOPES_KEPT) this.visible.delete(this.visible.keys().next().value as string);
    const stale: number[] = [];
    for (let slot = from; slot < this.slots; slot += 1) stale.push(slot);
    this.visible.set(key, { rows, stale });
    return stale.length > 0 ? this.visibleTo(db, scope, policy) : rows;
  }

  /**
   * A scope's visible slots as kept, with the policy version they were asked at (null: they do not
   * depend on it), when SQL has nothing left to judge about them; else null (then visibleTo asks).
   * For a search that checks the versions after.
   */
  keptVisible(scope: Scope): { rows: Rows; policy: number | null } | null {
    if (scope.kind === "all") return { rows: this.alive, policy: null };
    if (scope.kind === "none") return { rows: new Rows(this.capacity), policy: null };
    const kept = this.visible.get(JSON.stringify(scope));
    return kept && kept.stale.length === 0 ? { rows: kept.rows, policy: this.visiblePolicy } : null;
  }

  /** Keeps only the rows of `rows` whose words match the query in SQL (phrases need positions). */
  async checkPhrases(db: Executor, node: TsqueryNode, query: string, rows: Rows): Promise<Rows> {
    if (!hasPhrase(node)) return rows;
    const seqs: number[] = [];
    rows.forEach((row) => {
      seqs.push(this.seqs[row] as number);
    });
    if (seqs.length === 0) return rows;
    const checked = new Rows(this.capacity);
    await this.markRows(
      db,
      sql`select coalesce(string_agg(seq::text, ','), '') as seqs from compendium_search
        where seq = any(${`{${seqs.join(",")}}`}::int[]) and words @@ ${query}::tsquery`,
      checked,
      (slot) => rows.has(slot),
    );
    return checked;
  }

  /**
   * Adds to `into` the live slots named by a query answering one `seqs` column of comma-separated
   * seqs (one row, one string: cheap to carry), those `accept` allows.
   */
  private async markRows(
    db: Executor,
    query: SQL,
    into: Rows,
    accept: (slot: number) => boolean,
  ): Promise<void> {
    const listed = rowsOf<{ seqs: string }>(await db.execute(query))[0]?.seqs ?? "";
    for (const seq of listed === "" ? [] : listed.split(",")) {
      const slot = this.slotOfSeq.get(Number(seq));
      if (slot !== undefined && this.alive.has(slot) && accept(slot)) into.add(slot);
    }
  }
}

/** What a process holds for one database: the index, the update under way, and counts. */
interface Holder {
  index: CompendiumIndex | null;
  busy: Promise<void> | null;
  /** Notifications may have been lost: the next update reloads in full. */
  reload: boolean;
  fullLoads: number;
  updates: number;
  /** The stems of the loaded entries' words being learned (snippets), after a full load. */
  words: Promise<void>;
  /** Set while the index follows a feed whose notifications are immediate (PGlite); see Vouch. */
  vouch: Vouch | null;
}

/**
 * What lets a search on PGlite skip reading the versions (ADR 0065). PGlite hands a commit's
 * notifications to the subscribers before the committing statement resolves for its caller
 * (ChangeFeed.immediate), so once the versions read by a search were those the index and the
 * kept visible sets were worked out at, they stay current until a notification on the search
 * rows' or the policy's channel: every such notification moves the epoch and forgets them.
 */
interface Vouch {
  /** Whether LISTEN is in place on both channels (notifications before that were not heard). */
  listening: boolean;
  /** Moves at each notification on either channel, and when notifications may have been missed. */
  epoch: number;
  /** The versions (search rows', policy's) last read as current at this epoch; null: none yet. */
  current: { version: number; policy: number } | null;
}

const held = new WeakMap<object, Holder>();

function holderOf(db: Executor): Holder {
  let holder = held.get(db);
  if (!holder) {
    holder = {
      index: null,
      busy: null,
      reload: false,
      fullLoads: 0,
      updates: 0,
      words: Promise.resolve(),
      vouch: null,
    };
    held.set(db, holder);
  }
  return holder;
}

const cardColumns = sql`e.language, e.slug, e.title, e.type, e.summary, e.marking, e.phases, e.sectors, e.themes,
  e.regions, (e.source->>'year')::int as year, e.source->>'publisher' as publisher`;

async function load(db: Executor): Promise<CompendiumIndex> {
  // Every entry in one statement: on a loaded PostgreSQL it can take longer than the pool's
  // statement_timeout (meant for requests), so the load lifts it for its own transaction. The
  // index is built once the transaction has ended: at 100,000 entries on a loaded machine building
  // it takes longer than idle_in_transaction_session_timeout, which ended the transaction under it.
  const { version, rows } = await db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = 0`);
    return loadRows(tx);
  });
  return new CompendiumIndex(version, rows);
}

async function loadRows(db: Executor): Promise<{ version: number; rows: IndexRow[] }> {
  const result = await db.execute(sql`
    select (select version from compendium_search_state where id = 1) as version,
      s.seq, s.entry_id as id, array_to_string(s.tags, ' ') as tags, s.words::text as words, ${cardColumns}
    from compendium_search as s join compendium_entries as e on e.id = s.entry_id
    order by s.title, s.entry_id`);
  const rows = rowsOf<IndexRow & { version: number | string | null }>(result);
  const version = rows.length > 0 ? Number(rows[0]?.version) : await currentVersion(db);
  return { version, rows };
}

async function currentVersion(db: Executor): Promise<number> {
  const result = await db.execute(sql`select version from compendium_search_state where id = 1`);
  return Number(rowsOf<{ version: number | string }>(result)[0]?.version ?? 0);
}

interface ChangeRow extends IndexRow {
  version: number | string;
  logged_from: number | string;
  /** A changed entry (null with `listed`: everything changed), its search row (seq null: gone). */
  changed: string | null;
  listed: boolean | null;
  next: string | null;
}

/**
 * Brings the index to the database's current version entry by entry, in one statement (one
 * snapshot): the version, and the entries changed since the index's own, each with the entry after
 * it in title order. False when that cannot be done (too far behind, everything changed, too many
 * changes, no room left): then reload in full.
 */
async function catchUp(db: Executor, index: CompendiumIndex): Promise<boolean> {
  const from = index.version;
  const result = await db.execute(sql`
    with state as (select version, logged_from from compendium_search_state where id = 1),
    changed as (
      select distinct c.entry_id, true as listed from compendium_search_changes as c, state
      where c.version > ${from} and ${from} >= state.logged_from
      limit ${MOST_CHANGES + 1})
    select state.version, state.logged_from, changed.entry_id as changed, changed.listed,
      s.seq, s.entry_id as id, array_to_string(s.tags, ' ') as tags, s.words::text as words, ${cardColumns},
      (select n.entry_id from compendium_search as n where (n.title, n.entry_id) > (s.title, s.entry_id)
        order by n.title, n.entry_id limit 1) as next
    from state left join changed on true
      left join compendium_search as s on s.entry_id = changed.entry_id
      left join compendium_entries as e on e.id = s.entry_id
    order by s.title, s.entry_id`);
  const rows = rowsOf<ChangeRow>(result);
  const version = Number(rows[0]?.version ?? from);
  if (version <= from) return true;
  if (from < Number(rows[0]?.logged_from ?? 0)) return false;
  if (rows.length > MOST_CHANGES || rows.some((row) => row.listed && row.changed === null)) return false;
  const present = rows.filter((row) => row.seq !== null && row.seq !== undefined);
  const gone = rows
    .filter((row) => row.listed && row.changed !== null && row.seq === null)
    .map((row) => row.changed as string);
  return index.apply(version, present, gone);
}

/** Brings the holder's index up to date: in full when needed, else entry by entry. */
async function refresh(db: Executor, holder: Holder): Promise<void> {
  if (holder.index && !holder.reload && (await catchUp(db, holder.index))) {
    holder.updates += 1;
    return;
  }
  holder.reload = false;
  holder.index = await load(db);
  holder.fullLoads += 1;
  // The stems of the entries' words, for snippets, learned after the load (not before the first answer).
  holder.words = learnWordsOf(db, holder.index).catch(() => {
    // Words not learned now are learned by the first snippet that holds them.
  });
}

/** The holder's index once it holds `atLeast` (a version just read), else once brought up to date. */
async function current(db: Executor, holder: Holder, atLeast?: number): Promise<CompendiumIndex> {
  for (;;) {
    if (holder.busy) {
      await holder.busy;
      continue;
    }
    const { index } = holder;
    if (index && !holder.reload && atLeast !== undefined && index.version >= atLeast) return index;
    holder.busy = refresh(db, holder).finally(() => {
      holder.busy = null;
    });
    await holder.busy;
    if (holder.index) return holder.index;
  }
}

/**
 * The current index for a database: loaded in full on first use, then kept up to date entry by
 * entry. `version` is compendium_search_state's, when the caller has just read it (an index at
 * that version or later is used as it is; without it, the index first catches up).
 */
export async function compendiumIndex(db: Executor, version?: number): Promise<CompendiumIndex> {
  return current(db, holderOf(db), version);
}

/** The index this process holds for a database as it is now (null: none yet, or being brought up to date). */
export function heldIndex(db: Executor): CompendiumIndex | null {
  const holder = holderOf(db);
  return holder.busy || holder.reload ? null : holder.index;
}

/**
 * Keeps the database's index current in this process as other processes (and this one) change
 * entries: each notification on COMPENDIUM_CHANNEL updates the changed entries at once; when
 * notifications may have been lost, the index reloads in full. Nothing happens before the first
 * search loads the index. Returns the unsubscribe.
 */
export function followCompendiumChanges(db: Executor, feed: ChangeFeed): () => void {
  const holder = holderOf(db);
  // On PGlite the notifications vouch for the versions between them (see Vouch).
  const vouch: Vouch | null = feed.immediate ? { listening: false, epoch: 0, current: null } : null;
  const moved = () => {
    if (!vouch) return;
    vouch.epoch += 1;
    vouch.current = null;
  };
  const update = (atLeast?: number) => {
    if (!holder.index) return;
    current(db, holder, atLeast).catch(() => {
      // A failed update is tried again by the next search, which compares versions first.
    });
  };
  const unsubscribe = feed.subscribe(COMPENDIUM_CHANNEL, {
    notify: (payload) => {
      moved();
      const version = Number.parseInt(payload, 10);
      if (!holder.index || (Number.isSafeInteger(version) && holder.index.version >= version)) return;
      update(Number.isSafeInteger(version) ? version : undefined);
    },
    missed: () => {
      moved();
      holder.reload = true;
      update();
    },
  });
  if (!vouch) return unsubscribe;
  const unsubscribePolicy = feed.subscribe(POLICY_CHANNEL, { notify: moved, missed: moved });
  holder.vouch = vouch;
  feed.listening().then(
    () => {
      vouch.listening = true;
    },
    () => undefined,
  );
  return () => {
    if (holder.vouch === vouch) holder.vouch = null;
    unsubscribe();
    unsubscribePolicy();
  };
}

/**
 * The versions (search rows', policy's) known current without reading them, on PGlite while the
 * index follows its notifications and nothing was notified since they were last read (ADR 0065);
 * else null (read them).
 */
export function vouchedVersions(db: Executor): { version: number; policy: number } | null {
  const holder = holderOf(db);
  return holder.vouch?.listening && !holder.busy && !holder.reload ? holder.vouch.current : null;
}

/**
 * Before a search reads the versions: a token for `vouchFor` (null when nothing can vouch for
 * them, e.g. on PostgreSQL or before LISTEN is in place).
 */
export function vouchEpoch(db: Executor): number | null {
  const { vouch } = holderOf(db);
  return vouch?.listening ? vouch.epoch : null;
}

/**
 * After a search read the versions (taken at `epoch`) and found them those its index and visible
 * sets were worked out at: they stay current until the next notification, unless one came
 * meanwhile.
 */
export function vouchFor(db: Executor, epoch: number | null, version: number, policy: number): void {
  const { vouch } = holderOf(db);
  if (epoch === null || !vouch || vouch.epoch !== epoch) return;
  vouch.current = { version, policy };
}

/**
 * Settles once the stems of the words of the entries' titles and summaries, as loaded, are known
 * to this process (snippets are then written without asking PostgreSQL; ADR 0036).
 */
export function compendiumWordsLearned(db: Executor): Promise<void> {
  return holderOf(db).words;
}

/** How often this process loaded the database's index in full, and updated it entry by entry. */
export function compendiumIndexCounts(db: Executor): { fullLoads: number; updates: number } {
  const { fullLoads, updates } = holderOf(db);
  return { fullLoads, updates };
}
