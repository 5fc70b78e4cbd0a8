// The index's facet counts and scores, checked against their definitions written plainly, on a
// generated index (no database): counts by tag group row by row (ADR 0059), and scores found by
// galloping through the postings when few rows are asked about.
import { mulberry32 } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { parseTsquery } from "../text-search.ts";
import { CompendiumIndex, type IndexRow, Rows } from "./compendium-index.ts";
import { countFacets } from "./compendium-search.ts";

const random = mulberry32(59);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const LEXEMES = Array.from({ length: 40 }, (_, at) => `w${at}`);
const TAGS = {
  type: ["guide", "tool", "case"],
  phase: ["prepare", "detect", "respond", "recover"],
  sector: ["energy", "water", "health", "transport", "finance"],
  theme: ["drones", "insiders", "supply", "cyber"],
} as const;

/** A search row: a few tags per facet, and words with how often under each weight. */
function row(at: number): IndexRow {
  const tags = Object.entries(TAGS)
    .flatMap(([facet, values]) =>
      [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(values)))].map(
        (value) => `${facet}:${value}`,
      ),
    )
    .sort();
  // Frequent lexemes (low numbers) in most rows, rare ones in few.
  const words = LEXEMES.filter((_, rank) => random() < 1 / (1 + rank / 2))
    .map((lexeme) => {
      const weights = ["A", "B", "C"].filter(() => random() < 0.5);
      return `'${lexeme}':${(weights.length === 0 ? ["C"] : weights).map((weight, place) => `${place + 1}${weight === "C" ? "" : weight}`).join(",")}`;
    })
    .join(" ");
  return {
    id: `00000000-0000-4000-8000-${String(at).padStart(12, "0")}`,
    slug: `entry-${at}`,
    title: `Entry ${at}`,
    type: "guide",
    summary: "",
    marking: "clear",
    phases: [],
    sectors: [],
    themes: [],
    regions: [],
    year: null,
    publisher: null,
    seq: at + 1,
    language: "en",
    tags: tags.join(" "),
    words,
  };
}

const rows = Array.from({ length: 3000 }, (_, at) => row(at));
const index = new CompendiumIndex(1, rows);
const tagsOf = rows.map((item) => (item.tags === "" ? [] : item.tags.split(" ")));

describe("compendium index counting", () => {
  it("counts every tag as its definition says: a row failing one facet's filter counts for that facet only", () => {
    for (let round = 0; round < 200; round += 1) {
      // Candidates: dense or sparse random sets (both ways of counting are taken).
      const density = pick([0.9, 0.3, 0.05, 0.005]);
      const candidates = new Rows(index.capacity);
      for (let slot = 0; slot < rows.length; slot += 1) if (random() < density) candidates.add(slot);
      const filters: Record<string, string[]> = {};
      for (const [facet, values] of Object.entries(TAGS))
        if (random() < 0.3) filters[facet] = [...new Set([pick(values), pick(values)])];
      const { total, facets } = countFacets(index, candidates, filters);
      const passes = (slot: number, except?: string) =>
        Object.entries(filters).every(
          ([facet, values]) =>
            facet === except ||
            values.some((value) => (tagsOf[slot] as string[]).includes(`${facet}:${value}`)),
        );
      const expected = new Map<string, number>();
      let passing = 0;
      candidates.forEach((slot) => {
        if (passes(slot)) passing += 1;
        for (const tag of tagsOf[slot] as string[]) {
          const facet = tag.slice(0, tag.indexOf(":"));
          if (passes(slot, facet)) expected.set(tag, (expected.get(tag) ?? 0) + 1);
        }
      });
      expect(total).toBe(passing);
      const counted = new Map(
        Object.entries(facets).flatMap(([facet, values]) =>
          values.map(({ value, count }) => [`${facet}:${value}`, count] as const),
        ),
      );
      expect(counted).toEqual(expected);
    }
  });

  it("scores a few rows among many postings exactly as reading every posting does", () => {
    const tree = parseTsquery("'w0' | 'w1' & 'w7' | 'w30'");
    if (tree === null) throw new Error("no query");
    for (let round = 0; round < 50; round += 1) {
      const asked = new Rows(index.capacity);
      let count = 0;
      for (let slot = 0; slot < rows.length; slot += 1)
        if (random() < 0.01) {
          asked.add(slot);
          count += 1;
        }
      const copy = (scores: ReturnType<CompendiumIndex["scores"]>) => {
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
      // A count above every posting list's length reads every posting.
      const read = copy(index.scores(tree, asked, Number.MAX_SAFE_INTEGER));
      const galloped = copy(index.scores(tree, asked, count));
      expect(galloped).toEqual(read);
      expect(read.some(([, head]) => head > 0)).toBe(true);
    }
  });
});
