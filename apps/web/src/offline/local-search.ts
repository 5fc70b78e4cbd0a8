// Search over the entries saved on this device, answering in the API's own shapes so that the
// compendium's screens show it unchanged: ranked results with marked snippets, and for every tag
// the counts of matching entries, each tag ignoring its own filter but applying the others (as the
// server does). Words are found by prefix and with small typos (MiniSearch), titles weigh most.
import {
  type CompendiumResults,
  type EntryDetail,
  type EntrySummary,
  FACETS,
  type Facet,
  OfflineEntry,
} from "@bulwark/contracts";
import MiniSearch, { type Query } from "minisearch";

export interface LocalQuery {
  q: string;
  filters: Record<Facet, readonly string[]>;
  offset: number;
  limit: number;
}

export interface LocalCompendium {
  entries: readonly OfflineEntry[];
  bySlug: ReadonlyMap<string, OfflineEntry>;
  index: MiniSearch<OfflineEntry>;
}

/** Spaces and punctuation split words (MiniSearch's own rule, kept here to mark snippets alike). */
const SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;
/** Lower case, accents dropped: "Détection" finds "detection". */
const normalise = (term: string) => term.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

const TAGS: Record<Facet, (entry: OfflineEntry) => readonly string[]> = {
  type: (entry) => [entry.type],
  phase: (entry) => entry.phases,
  sector: (entry) => entry.sectors,
  threat: (entry) => entry.threats,
  theme: (entry) => entry.themes,
  region: (entry) => entry.regions,
  country: (entry) => entry.countries,
  language: (entry) => entry.languages,
};

/** The saved entries (offline-database.ts's readStoredEntries), or null when in another shape. */
export function entriesOf(stored: unknown): OfflineEntry[] | null {
  const parsed = OfflineEntry.array().safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export function buildLocalCompendium(entries: readonly OfflineEntry[]): LocalCompendium {
  const index = new MiniSearch<OfflineEntry>({
    idField: "slug",
    fields: ["title", "summary", "body"],
    tokenize: (text) => text.split(SEPARATOR),
    processTerm: (term) => normalise(term) || null,
    searchOptions: { boost: { title: 3, summary: 2 }, prefix: true, fuzzy: 0.2 },
  });
  index.addAll(entries);
  return { entries, bySlug: new Map(entries.map((entry) => [entry.slug, entry])), index };
}

/** Words must all match; "or" between words offers alternatives ("drones or insider"). */
function queryOf(q: string): Query {
  const alternatives = q.split(/\s+or\s+/i).filter((part) => part.trim() !== "");
  return {
    combineWith: "OR",
    queries: alternatives.map((words) => ({ combineWith: "AND", queries: [words] })),
  };
}

const byTitle = (a: OfflineEntry, b: OfflineEntry) => a.title.localeCompare(b.title);

export function summaryOf(entry: OfflineEntry): Omit<EntrySummary, "snippet"> {
  return {
    id: entry.id,
    slug: entry.slug,
    title: entry.title,
    type: entry.type,
    summary: entry.summary,
    marking: entry.marking,
    phases: entry.phases,
    sectors: entry.sectors,
    themes: entry.themes,
    regions: entry.regions,
    year: entry.source.year,
    publisher: entry.source.publisher,
    // The copy saved on a device holds the originals only.
    translation: null,
  };
}

/** Markdown marks that mean nothing in a one-line snippet. */
const MARKDOWN = /(^|\s)#{1,6}\s|[*_`>|]|\[([^\]]*)\]\([^)]*\)/g;
const WINDOW = 36;

/** About WINDOW words of the summary and text around the first word found, those found marked. */
export function snippetOf(entry: OfflineEntry, found: ReadonlySet<string>): EntrySummary["snippet"] {
  const text = `${entry.summary}\n${entry.body}`
    .replace(/^#{1,6}\s+(.+)$/gm, "$1.") // a heading ends like a sentence
    .replace(MARKDOWN, (_all, space: string | undefined, link: string | undefined) => link ?? space ?? "")
    .replace(/\s+/g, " ")
    .trim();
  // Words and the separators between them, alternately (a capturing split keeps the separators).
  const pieces = text.split(new RegExp(`(${SEPARATOR.source})`, "u"));
  const hit = (index: number) => index % 2 === 0 && found.has(normalise(pieces[index] ?? ""));
  const first = Math.max(
    0,
    pieces.findIndex((_piece, index) => hit(index)),
  );
  const start = Math.max(0, first - 12) & ~1;
  const end = Math.min(pieces.length, start + WINDOW * 2);
  const parts: EntrySummary["snippet"] = [];
  const push = (text: string, isHit: boolean) => {
    const last = parts.at(-1);
    if (last && last.hit === isHit && !isHit) last.text += text;
    else if (text) parts.push({ text, hit: isHit });
  };
  if (start > 0) push("… ", false);
  for (let index = start; index < end; index += 1) push(pieces[index] ?? "", hit(index));
  if (end < pieces.length) push(" …", false);
  return parts;
}

/** The same answer as GET /api/compendium/entries, from the saved entries. */
export function searchLocal(compendium: LocalCompendium, query: LocalQuery): CompendiumResults {
  const words = query.q.trim();
  const found = new Map<string, Set<string>>();
  let matches: OfflineEntry[];
  if (words) {
    matches = [];
    for (const result of compendium.index.search(queryOf(words))) {
      const entry = compendium.bySlug.get(String(result.id));
      if (!entry) continue;
      matches.push(entry);
      found.set(entry.slug, new Set(result.terms));
    }
  } else matches = [...compendium.entries].sort(byTitle);

  const active = FACETS.filter((facet) => query.filters[facet].length > 0);
  const passes = (entry: OfflineEntry, skip: Facet | null) =>
    active.every(
      (facet) => facet === skip || TAGS[facet](entry).some((value) => query.filters[facet].includes(value)),
    );
  const hits = matches.filter((entry) => passes(entry, null));

  const count = (facet: Facet) => {
    const counted = active.includes(facet) ? matches.filter((entry) => passes(entry, facet)) : hits;
    const counts = new Map<string, number>();
    for (const entry of counted)
      for (const value of new Set(TAGS[facet](entry))) counts.set(value, (counts.get(value) ?? 0) + 1);
    const values = [...counts].map(([value, n]) => ({ value, count: n }));
    return values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  };
  const facets: CompendiumResults["facets"] = {
    type: count("type"),
    phase: count("phase"),
    sector: count("sector"),
    threat: count("threat"),
    theme: count("theme"),
    region: count("region"),
    country: count("country"),
    language: count("language"),
  };

  const items = hits.slice(query.offset, query.offset + query.limit).map((entry) => {
    const terms = found.get(entry.slug);
    return { ...summaryOf(entry), snippet: terms ? snippetOf(entry, terms) : [] };
  });
  return { total: hits.length, items, facets };
}

const shared = (a: readonly string[], b: readonly string[]) => a.filter((value) => b.includes(value)).length;

/** An entry as its page shows it, from the saved copy: related entries found as the server does. */
export function localEntry(compendium: LocalCompendium, slug: string): EntryDetail | null {
  const entry = compendium.bySlug.get(slug);
  if (!entry) return null;
  const weight = (other: OfflineEntry) =>
    shared(other.themes, entry.themes) * 3 +
    shared(other.threats, entry.threats) * 2 +
    shared(other.sectors, entry.sectors) +
    shared(other.phases, entry.phases) +
    (other.type === entry.type ? 1 : 0);
  const related = compendium.entries
    .filter(
      (other) =>
        other.slug !== entry.slug &&
        (shared(other.themes, entry.themes) > 0 ||
          shared(other.threats, entry.threats) > 0 ||
          shared(other.sectors, entry.sectors) > 0 ||
          other.type === entry.type),
    )
    .map((other) => ({ other, weight: weight(other) }))
    .sort((a, b) => b.weight - a.weight || byTitle(a.other, b.other))
    .slice(0, 5)
    .map(({ other }) => summaryOf(other));
  // Proposing an edit needs the network: offline, the page offers reading only.
  return { ...entry, translation: null, related, abilities: { propose: false, moderate: false } };
}
