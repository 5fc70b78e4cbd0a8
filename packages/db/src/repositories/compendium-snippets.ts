// Snippets of compendium search results, written in the process (ADR 0036) instead of by
// ts_headline, which parsed and stemmed each result's summary and body in PostgreSQL on every
// search (about half of a search with words). PostgreSQL still does the language work: the
// stems of a word, in the stemming of its entry's language, are asked of it once (to_tsvector of
// the word alone) and kept, so a warm process writes a page's snippets without asking anything
// but, for results whose words are in the body alone, the bodies.
//
// A word is marked when one of its stems is one of the query's words (as ts_headline marks a
// word whose lexeme the query holds; the query holds every stemming's reading of the words, so an
// English entry is marked by the English stem). Up to two fragments of at most MAX_WORDS words,
// around the marked words, joined by " … "; without a marked word, the opening MIN_WORDS words.
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { parseTsvector, type TsqueryNode } from "../text-search.ts";
import { HIT_END, HIT_START } from "./compendium-search.ts";

const MAX_WORDS = 30;
const MIN_WORDS = 12;
const MAX_FRAGMENTS = 2;
const DELIMITER = " … ";
/** Words kept with their stems (per language); beyond, the cache starts again. */
const STEMS_KEPT = 500_000;

/** Per UTF-16 code unit: 1 a letter, digit or mark (inside a word), 2 a joiner, 0 anything else. */
const KIND = new Uint8Array(65536);
{
  const inWord = /[\p{L}\p{N}\p{M}]/u;
  for (let code = 0; code < 65536; code += 1)
    if (code >= 0xd800 && code <= 0xdfff) KIND[code] = 1;
    else if (inWord.test(String.fromCharCode(code))) KIND[code] = 1;
  for (const joiner of "-'’._") KIND[joiner.charCodeAt(0)] = 2;
}

/**
 * The words of a text (from `from`, a place no word runs across) as PostgreSQL's parser reads them, near enough for marking: letters, digits
 * and marks, joined inside by hyphens, apostrophes, dots or underscores ("counter-drone", "don't",
 * "2.0", "example.com"); each stemmed whole, so a compound is marked when a part is asked for.
 */
export function wordsOf(source: Pick<SnippetSource, "text">, from = 0): Word[] {
  const { text } = source;
  const words: Word[] = [];
  const length = text.length;
  let at = from;
  while (at < length) {
    if (KIND[text.charCodeAt(at)] !== 1) {
      at += 1;
      continue;
    }
    const start = at;
    for (;;) {
      while (at < length && KIND[text.charCodeAt(at)] === 1) at += 1;
      if (at + 1 < length && KIND[text.charCodeAt(at)] === 2 && KIND[text.charCodeAt(at + 1)] === 1) at += 1;
      else break;
    }
    words.push({ start, end: at, lower: text.slice(start, at).toLowerCase(), stems: undefined });
  }
  return words;
}

/** A Markdown heading line: its text ends with a full stop so it does not run into the next line. */
const HEADING = /^#{1,6}\s+(.*)$/gm;

/** The query's words: exact lexemes, and prefixes (word:*). Excluded words are never marked. */
export interface QueryWords {
  readonly exact: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

export function queryWords(node: TsqueryNode): QueryWords {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const visit = (part: TsqueryNode, negated: boolean) => {
    if (part.kind === "term") {
      if (negated) return;
      if (part.prefix) prefixes.push(part.lexeme);
      else exact.add(part.lexeme);
    } else if (part.kind === "not") visit(part.operand, !negated);
    else {
      visit(part.left, negated);
      visit(part.right, negated);
    }
  };
  visit(node, false);
  return { exact, prefixes };
}

/**
 * Stems of words by language, then word in lower case ("en" -> "drones" -> ["drone"]), as
 * PostgreSQL gave them (two levels: a page's thousands of words are looked up without building a
 * key string for each).
 */
const stems = new Map<string, Map<string, readonly string[]>>();
/** How many words `stems` holds, over every language. */
let stemsHeld = 0;

/** The stems of a word of a text in `language`, if known (kept on the word once found). */
function stemsOfWord(language: string, word: Word): readonly string[] | undefined {
  word.stems ??= stems.get(language)?.get(word.lower);
  return word.stems;
}

/** A word to stem, in its entry's language. */
export interface WordToStem {
  readonly language: string;
  readonly word: string;
}

/**
 * SQL for the stems of `words` as JSON text: [[language, word, tsvector text], …] (to_tsvector of
 * each word alone, in its language's stemming); '[]' for none. To be read with learnStems.
 */
export function stemsSql(words: readonly WordToStem[]): SQL {
  if (words.length === 0) return sql`'[]'`;
  return sql`(select coalesce(json_agg(json_build_array(w.language, w.word,
      to_tsvector(compendium_search_config(w.language), w.word)::text)), '[]')
    from jsonb_to_recordset(${JSON.stringify(words)}::jsonb) as w(language text, word text))`;
}

/** Keeps the stems read with stemsSql. */
export function learnStems(rows: readonly [string, string, string][]): void {
  if (stemsHeld + rows.length > STEMS_KEPT) {
    stems.clear();
    stemsHeld = 0;
  }
  for (const [language, word, vector] of rows) {
    let known = stems.get(language);
    if (!known) {
      known = new Map();
      stems.set(language, known);
    }
    const lower = word.toLowerCase();
    if (!known.has(lower)) stemsHeld += 1;
    known.set(
      lower,
      parseTsvector(vector).map((stem) => stem.lexeme),
    );
  }
}

/** The words of the sources whose stems this process has not met yet (each once). */
export function unknownWords(
  sources: readonly SnippetSource[],
  words: readonly (readonly Word[])[] = sources.map((source) => wordsOf(source)),
): WordToStem[] {
  const wanted = new Map<string, WordToStem>();
  sources.forEach((source, at) => {
    for (const word of words[at] ?? []) {
      if (stemsOfWord(source.language, word) !== undefined) continue;
      const key = `${source.language} ${word.lower}`;
      if (!wanted.has(key)) wanted.set(key, { language: source.language, word: word.lower });
    }
  });
  return [...wanted.values()];
}

/** One text to write a snippet of, in its entry's language. */
export interface SnippetSource {
  readonly key: string;
  readonly language: string;
  readonly text: string;
}

export interface Word {
  readonly start: number;
  readonly end: number;
  /** The word in lower case (its stems are looked up by it, in its text's language). */
  readonly lower: string;
  /** Its stems, once looked up and found (undefined: not yet). */
  stems: readonly string[] | undefined;
}

/** Words asked about per statement when learning an index's words (short, so searches wait little). */
const LEARNED_AT_ONCE = 1_000;

/**
 * Learns the stems of the words of every entry's title and summary in an index just loaded, a
 * thousand words a statement, yielding between statements (bodies mostly use the same words).
 */
export async function learnWordsOf(
  db: Executor,
  index: {
    readonly records: readonly { title: string; summary: string }[];
    readonly languages: readonly string[];
  },
): Promise<void> {
  const wanted = new Map<string, WordToStem>();
  index.records.forEach((record, slot) => {
    const language = index.languages[slot] ?? "en";
    const known = stems.get(language);
    for (const word of wordsOf({ text: `${record.title}\n${record.summary}` })) {
      if (known?.has(word.lower)) continue;
      const key = `${language} ${word.lower}`;
      if (!wanted.has(key)) wanted.set(key, { language, word: word.lower });
    }
  });
  const list = [...wanted.values()];
  for (let start = 0; start < list.length; start += LEARNED_AT_ONCE) {
    await new Promise((resolve) => setImmediate(resolve));
    const chunk = list.slice(start, start + LEARNED_AT_ONCE);
    learnStems(
      JSON.parse(
        rowsOf<{ stems: string }>(await db.execute(sql`select ${stemsSql(chunk)}::text as stems`))[0]
          ?.stems ?? "[]",
      ) as [string, string, string][],
    );
  }
}

/** The text of a summary and body as a snippet reads them (headings end with a full stop). */
export const summaryAndBody = (summary: string, body: string): string =>
  `${summary}\n${body.replace(HEADING, "$1.")}`;

/**
 * Snippets of the sources with the query's words marked between HIT_START and HIT_END, by key.
 * One statement at most (the stems of words this process has not met yet).
 */
export async function writeSnippets(
  db: Executor,
  sources: readonly SnippetSource[],
  query: QueryWords,
  words: readonly (readonly Word[])[] = sources.map((source) => wordsOf(source)),
): Promise<Map<string, string>> {
  const unknown = unknownWords(sources, words);
  if (unknown.length > 0)
    learnStems(
      JSON.parse(
        rowsOf<{ stems: string }>(await db.execute(sql`select ${stemsSql(unknown)}::text as stems`))[0]
          ?.stems ?? "[]",
      ) as [string, string, string][],
    );
  const { exact, prefixes } = query;
  return new Map(
    sources.map((source, at) => {
      const { language } = source;
      const isHit = (word: Word) => {
        const found = stemsOfWord(language, word);
        if (found === undefined) return false;
        for (const stem of found) {
          if (exact.has(stem)) return true;
          for (const prefix of prefixes) if (stem.startsWith(prefix)) return true;
        }
        return false;
      };
      return [source.key, snippetOf(source.text, words[at] ?? [], isHit)];
    }),
  );
}

/** Up to MAX_FRAGMENTS fragments around the marked words, or the opening when none is marked. */
export function snippetOf(text: string, words: readonly Word[], isHit: (word: Word) => boolean): string {
  const hits: number[] = [];
  words.forEach((word, at) => {
    if (isHit(word)) hits.push(at);
  });
  if (hits.length === 0) return fragment(text, words, 0, Math.min(words.length, MIN_WORDS), new Set());
  const marked = new Set(hits);
  // Fragments in text order: each from a little before its first hit, as many hits as fit.
  const ranges: [number, number][] = [];
  let next = 0;
  while (next < hits.length && ranges.length < MAX_FRAGMENTS) {
    const first = hits[next] as number;
    let last = first;
    while (next < hits.length && (hits[next] as number) < first + MAX_WORDS) {
      last = hits[next] as number;
      next += 1;
    }
    const span = last - first + 1;
    const before = Math.min(first, Math.floor((MAX_WORDS - span) / 3));
    const from = Math.max(first - before, ranges.at(-1)?.[1] ?? 0);
    const to = Math.min(words.length, Math.max(from + MIN_WORDS, Math.min(from + MAX_WORDS, last + 1 + 8)));
    ranges.push([from, to]);
  }
  return ranges.map(([from, to]) => fragment(text, words, from, to, marked)).join(DELIMITER);
}

/** The text from word `from` to word `to` (excluded), marked words between the markers. */
function fragment(
  text: string,
  words: readonly Word[],
  from: number,
  to: number,
  marked: ReadonlySet<number>,
) {
  if (to <= from) return "";
  let out = "";
  let at = (words[from] as Word).start;
  for (let index = from; index < to; index += 1) {
    const word = words[index] as Word;
    out += text.slice(at, word.start);
    out += marked.has(index)
      ? `${HIT_START}${text.slice(word.start, word.end)}${HIT_END}`
      : text.slice(word.start, word.end);
    at = word.end;
  }
  // A full stop or closing mark right after the last word belongs to it.
  const tail = /^[.,;:!?)»"'’]*/u.exec(text.slice(at))?.[0] ?? "";
  return out + tail;
}
