// Facet counts over the in-process index (ADR 0054): the most frequent tags are counted word by
// word over the matches, the others row by row, chosen per search by the matches' density. Every
// way must give the counts of the definition: a row passing every filter counts for each of its
// tags, a row failing one tag's filter counts for that tag's values only. Checked here against a
// plain count over random indexes, candidate sets of every density, and filters, before and after
// entries change (new slots, dead ones), with no database.
import { COMPENDIUM_FACETS, mulberry32 } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { parseTsquery } from "../text-search.ts";
import { CompendiumIndex, type IndexRow, Rows } from "./compendium-index.ts";
import { countFacets, type SearchInput } from "./compendium-search.ts";

const random = mulberry32(54);
/** Tag values per facet, the first ones frequent (dense), the last ones rare. */
const VALUES = Object.fromEntries(
  COMPENDIUM_FACETS.map((facet) => [facet, Array.from({ length: 12 }, (_, at) => `${facet}-${at}`)]),
) as Record<string, string[]>;

/** A tsvector: a frequent word, a common one and a rare one, each under random weights. */
function wordsOf(): string {
  const parts: string[] = [];
  for (const [word, share] of [
    ["common", 0.8],
    ["other", 0.3],
    ["rare", 0.02],
  ] as const) {
    if (random() >= share) continue;
    const positions = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      (_, at) => `${at + 1}${"ABC"[Math.floor(random() * 3)]}`,
    );
    parts.push(`'${word}':${positions.join(",")}`);
  }
  return parts.join(" ");
}

function row(at: number, seq: number): IndexRow {
  const tags = new Set<string>();
  for (const facet of COMPENDIUM_FACETS)
    (VALUES[facet] as string[]).forEach((value, place) => {
      // Shares from about 60% down to under 1%.
      if (random() < 0.6 / (1 + place * place)) tags.add(`${facet}:${value}`);
    });
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    slug: `entry-${seq}`,
    title: `Entry ${String(at).padStart(6, "0")}`,
    type: "good-practice",
    summary: "",
    marking: "clear",
    phases: [],
    sectors: [],
    themes: [],
    regions: [],
    year: null,
    publisher: null,
    seq,
    language: "en",
    tags: [...tags].sort().join(" "),
    words: wordsOf(),
  };
}

/** The counts as defined, row by row over the candidates, from the index's tag strings. */
function plainCounts(tagsOf: Map<number, string[]>, candidates: Rows, filters: SearchInput["filters"]) {
  const active = COMPENDIUM_FACETS.filter((facet) => (filters[facet]?.length ?? 0) > 0);
  const counts = new Map<string, number>();
  let total = 0;
  candidates.forEach((slot) => {
    const tags = tagsOf.get(slot) as string[];
    const failing = active.filter(
      (facet) => !(filters[facet] ?? []).some((value) => tags.includes(`${facet}:${value}`)),
    );
    if (failing.length === 0) total += 1;
    for (const tag of tags) {
      const facet = tag.slice(0, tag.indexOf(":"));
      if (failing.length === 0 || (failing.length === 1 && failing[0] === facet))
        counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
  });
  const facets = Object.fromEntries(
    COMPENDIUM_FACETS.map((facet) => [facet, [] as { value: string; count: number }[]]),
  );
  for (const [tag, count] of counts) {
    const facet = tag.slice(0, tag.indexOf(":"));
    facets[facet]?.push({ value: tag.slice(facet.length + 1), count });
  }
  for (const values of Object.values(facets))
    values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { total, facets };
}

/** A random set of live slots holding about `share` of them. */
function someRows(index: CompendiumIndex, share: number): Rows {
  const rows = new Rows(index.capacity);
  index.alive.forEach((slot) => {
    if (random() < share) rows.add(slot);
  });
  return rows;
}

function randomFilters(): SearchInput["filters"] {
  const filters: SearchInput["filters"] = {};
  const count = Math.floor(random() * 3);
  for (let at = 0; at < count; at += 1) {
    const facet = COMPENDIUM_FACETS[
      Math.floor(random() * COMPENDIUM_FACETS.length)
    ] as (typeof COMPENDIUM_FACETS)[number];
    const values = VALUES[facet] as string[];
    filters[facet] = [
      ...new Set([values[Math.floor(random() * 4)] as string, values[Math.floor(random() * 12)] as string]),
    ];
  }
  return filters;
}

describe("compendium facet counts", () => {
  it("count word by word and row by row as defined, at every density of matches, before and after changes", () => {
    const rows = Array.from({ length: 3000 }, (_, at) => row(at, at + 1));
    const index = new CompendiumIndex(1, rows);
    expect(index.denseCount).toBeGreaterThan(10);
    const tagsOf = new Map<number, string[]>(
      rows.map((loaded, slot) => [slot, loaded.tags.split(" ").filter(Boolean)]),
    );
    const check = () => {
      for (const share of [0.001, 0.01, 0.05, 0.2, 0.5, 1])
        for (let round = 0; round < 6; round += 1) {
          const candidates = someRows(index, share);
          const filters = randomFilters();
          const counted = countFacets(index, candidates, filters);
          const expected = plainCounts(tagsOf, candidates, filters);
          expect({ total: counted.total, facets: counted.facets }).toEqual(expected);
          let passing = 0;
          counted.passing.forEach(() => {
            passing += 1;
          });
          expect(passing).toBe(expected.total);
        }
    };
    check();
    // Changes: entries edited (new tags, one made up now), deleted and added take new slots.
    let seq = 10_000;
    for (let round = 0; round < 5; round += 1) {
      const changed = Array.from({ length: 40 }, () => Math.floor(random() * 3000));
      const present = [...new Set(changed)].map((at) => {
        seq += 1;
        const next = row(at, seq);
        const own = rows[at] as IndexRow;
        return {
          ...next,
          id: own.id,
          tags: round === 2 ? `${next.tags} theme:new-${round}`.trim() : next.tags,
          next: null,
        };
      });
      const gone = [(rows[Math.floor(random() * 3000)] as IndexRow).id];
      const before = index.slots;
      expect(index.apply(index.version + 1, present, gone)).toBe(true);
      present.forEach((entry, at) => {
        tagsOf.set(before + at, entry.tags.split(" ").filter(Boolean));
      });
      check();
    }
  });

  it("scores the rows asked about the same whether it reads a word's postings or finds them by rank", () => {
    const rows = Array.from({ length: 3000 }, (_, at) => row(at, at + 1));
    const index = new CompendiumIndex(1, rows);
    const tree = parseTsquery("'common' | 'other' | 'rare' | 'missing'");
    if (tree === null) throw new Error("no query");
    const read = (asked: Rows, count?: number) => {
      const scores = index.scores(tree, asked, count);
      const out: [number, number, number, number][] = [];
      asked.forEach((slot) => {
        out.push([
          slot,
          scores.head[slot] as number,
          scores.all[slot] as number,
          scores.inSummary[slot] as number,
        ]);
      });
      return out;
    };
    for (const share of [0.01, 0.1, 0.5, 1]) {
      const asked = someRows(index, share);
      const byPostings = read(asked);
      expect(byPostings.some(([, head]) => head > 0)).toBe(true);
      expect(read(asked, 0)).toEqual(byPostings);
    }
  });
});
