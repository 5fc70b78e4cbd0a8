import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { compendiumEntries } from "../schema.ts";
import { openTestDatabase, type TestDatabase } from "../testing.ts";
import { parseTsvector } from "../text-search.ts";
import { compendiumIndex, compendiumIndexCounts } from "./compendium-index.ts";
import { insertOrganisation } from "./organisations.ts";

let database: TestDatabase;
const now = new Date(Date.UTC(2026, 10, 24));

const entry = (
  slug: string,
  organisationId: string,
  over: Partial<typeof compendiumEntries.$inferInsert>,
) => ({
  slug,
  organisationId,
  version: 1,
  title: slug,
  type: "good-practice",
  summary: "",
  body: "",
  language: "en",
  marking: "clear",
  source: { citation: "A test citation." },
  createdAt: now,
  updatedAt: now,
  ...over,
});

beforeAll(async () => {
  database = await openTestDatabase();
  const organisationId = await insertOrganisation(
    database.db,
    { name: "Index operator", kind: "private-operator", country: "XM", sectors: [] },
    now,
  );
  await database.db.insert(compendiumEntries).values([
    entry("quotes", organisationId, {
      title: "Operators' duties and the \\ backslash",
      summary: "It's the operator's plan: C:\\plans and 'quoted' words.",
      body: "Drones, drones and more drones.",
    }),
    entry("russian", organisationId, {
      title: "Защита энергетических объектов",
      language: "ru",
      summary: "Энергетика и безопасность.",
    }),
    entry("arabic", organisationId, {
      title: "حماية البنية التحتية الحيوية",
      language: "ar",
      body: "الطاقة والمياه",
    }),
  ]);
});
afterAll(() => database.dispose());

describe("compendium search index", () => {
  it("reads every stored tsvector as PostgreSQL lists its lexemes and weights", async () => {
    const stored = rowsOf<{ words: string; lexemes: { lexeme: string; weights: string[] | null }[] }>(
      await database.db.execute(sql`
        select s.words::text as words,
          (select json_agg(json_build_object('lexeme', u.lexeme, 'weights', u.weights)) from unnest(s.words) as u) as lexemes
        from compendium_search as s`),
    );
    expect(stored).toHaveLength(3);
    for (const row of stored) {
      const expected = row.lexemes.map(({ lexeme, weights }) => ({
        lexeme,
        a: (weights ?? []).filter((weight) => weight === "A").length,
        b: (weights ?? []).filter((weight) => weight === "B").length,
        c: (weights ?? []).filter((weight) => weight === "C" || weight === "D").length,
      }));
      expect(parseTsvector(row.words)).toEqual(expected);
    }
  });

  it("keeps its snapshot until compendium_search changes, then updates just the changed entries", async () => {
    const first = await compendiumIndex(database.db);
    expect(first.size).toBe(3);
    expect(await compendiumIndex(database.db)).toBe(first);
    const loaded = compendiumIndexCounts(database.db);
    const version = first.version;
    await database.db.execute(sql`update compendium_entries set title = 'Renamed' where slug = 'quotes'`);
    const second = await compendiumIndex(database.db);
    expect(second).toBe(first);
    expect(second.version).toBeGreaterThan(version);
    expect(second.size).toBe(3);
    expect(second.records[second.byTitle[0] as number]?.title).toBe("Renamed");
    await database.db.execute(sql`delete from compendium_entries where slug = 'arabic'`);
    expect((await compendiumIndex(database.db)).size).toBe(2);
    expect(compendiumIndexCounts(database.db)).toEqual({
      fullLoads: loaded.fullLoads,
      updates: loaded.updates + 2,
    });
  });

  it("reloads in full after a TRUNCATE of the search rows (the log says: everything)", async () => {
    const before = compendiumIndexCounts(database.db);
    await database.db.execute(sql`truncate compendium_search`);
    expect((await compendiumIndex(database.db)).size).toBe(0);
    expect(compendiumIndexCounts(database.db).fullLoads).toBe(before.fullLoads + 1);
  });

  it("loads in full even when that takes longer than the pool's statement_timeout (PostgreSQL)", async () => {
    if (database.url === null) return; // PGlite has no statement_timeout.
    const [owner] = rowsOf<{ organisation_id: string }>(
      await database.db.execute(sql`select organisation_id from compendium_entries limit 1`),
    );
    const body = "Drones, substations and grids ".repeat(200);
    await database.db
      .insert(compendiumEntries)
      .values(
        Array.from({ length: 1500 }, (_, at) =>
          entry(`timeout-${at}`, owner?.organisation_id ?? "", { body, summary: body }),
        ),
      );
    // Another process whose statements may last 20 ms: reading 1,500 entries' words takes longer.
    const other = await connect({ url: database.url, timeouts: { statementMs: 20, answerMs: 5_000 } });
    try {
      const index = await compendiumIndex(other.db);
      expect(index.size).toBeGreaterThanOrEqual(1500);
    } finally {
      await other.close();
    }
  });
});
