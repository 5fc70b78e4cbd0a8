import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "./rows.ts";
import { openTestDatabase, type TestDatabase } from "./testing.ts";
import {
  hasPhrase,
  parseTsquery,
  parseTsvector,
  positiveTerms,
  tsqueryText,
  withoutRepeats,
} from "./text-search.ts";

describe("tsvector text", () => {
  it("reads lexemes with how often each weight holds them", () => {
    expect(parseTsvector("'grid':7 'secur':3A,15B,40C,41 'it''s':2C")).toEqual([
      { lexeme: "grid", a: 0, b: 0, c: 1 },
      { lexeme: "secur", a: 1, b: 1, c: 2 },
      { lexeme: "it's", a: 0, b: 0, c: 1 },
    ]);
  });

  it("reads lexemes without positions, escapes and non-Latin words", () => {
    expect(parseTsvector("'a\\\\b' 'энерг':1A 'كهرباء':2")).toEqual([
      { lexeme: "a\\b", a: 0, b: 0, c: 1 },
      { lexeme: "энерг", a: 1, b: 0, c: 0 },
      { lexeme: "كهرباء", a: 0, b: 0, c: 1 },
    ]);
    expect(parseTsvector("")).toEqual([]);
    expect(() => parseTsvector("'open")).toThrow(/Unterminated/);
  });
});

describe("tsquery text", () => {
  it("binds ! before <-> before & before |", () => {
    expect(parseTsquery("'a' & 'b' | !'c' <-> 'd'")).toEqual({
      kind: "or",
      left: {
        kind: "and",
        left: { kind: "term", lexeme: "a", prefix: false, weights: "" },
        right: { kind: "term", lexeme: "b", prefix: false, weights: "" },
      },
      right: {
        kind: "phrase",
        distance: 1,
        left: { kind: "not", operand: { kind: "term", lexeme: "c", prefix: false, weights: "" } },
        right: { kind: "term", lexeme: "d", prefix: false, weights: "" },
      },
    });
  });

  it("reads parentheses, distances, prefixes and weights; the empty query is null", () => {
    const tree = parseTsquery("( 'a' | 'b' ) <2> 'c':*AB");
    expect(tree).toMatchObject({
      kind: "phrase",
      distance: 2,
      left: { kind: "or" },
      right: { kind: "term", lexeme: "c", prefix: true, weights: "AB" },
    });
    expect(tree && hasPhrase(tree)).toBe(true);
    expect(tree && [...positiveTerms(tree)]).toEqual(["a", "b", "c"]);
    expect(parseTsquery("")).toBeNull();
    expect(() => parseTsquery("( 'a'")).toThrow(/parenthesis/);
  });

  it("leaves excluded words out of the words to rank", () => {
    const tree = parseTsquery("'drone' & !'airport'");
    expect(tree && [...positiveTerms(tree)]).toEqual(["drone"]);
    expect(tree && hasPhrase(tree)).toBe(false);
  });
});

describe("tsquery text written back", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.dispose());

  it("reads back in PostgreSQL as the query it came from, and without repeats as the same query", async () => {
    for (const q of ['drones "power grid" -insider', "it's a\\b or security", "énergie électrique", "grid"]) {
      const [row] = rowsOf<{ text: string }>(
        await database.db.execute(sql`select (websearch_to_tsquery('english', ${q})
            || websearch_to_tsquery('french', ${q}) || websearch_to_tsquery('simple', ${q}))::text as text`),
      );
      const tree = parseTsquery(row?.text ?? "");
      if (tree === null) throw new Error(`no query for ${q}`);
      const [back] = rowsOf<{ same: boolean; fewer: boolean; matches: boolean[] }>(
        await database.db.execute(sql`select ${tsqueryText(tree)}::tsquery::text = ${row?.text ?? ""} as same,
            numnode(${tsqueryText(withoutRepeats(tree))}::tsquery) <= numnode(${row?.text ?? ""}::tsquery) as fewer,
            array(select (to_tsvector('english', t) || to_tsvector('french', t) || to_tsvector('simple', t))
                @@ ${tsqueryText(withoutRepeats(tree))}::tsquery
              = (to_tsvector('english', t) || to_tsvector('french', t) || to_tsvector('simple', t))
                @@ ${row?.text ?? ""}::tsquery
              from unnest(array['drones over the power grid', 'an insider and drones', 'security of it''s grid',
                'l''énergie électrique', 'a\\b']) as t) as matches`),
      );
      expect(back).toEqual({ same: true, fewer: true, matches: [true, true, true, true, true] });
    }
    const grid = parseTsquery("'grid' | 'grid' & 'pump' | 'grid' | 'grid' & 'pump'");
    expect(grid && tsqueryText(withoutRepeats(grid))).toBe("( 'grid' | ( 'grid' & 'pump' ) )");
  });
});
