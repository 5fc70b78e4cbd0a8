import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../rows.ts";
import { compendiumEntries } from "../schema.ts";
import { openTestDatabase, type TestDatabase } from "../testing.ts";
import { compendiumWordsLearned } from "./compendium-index.ts";
import { HIT_END, HIT_START, searchEntries } from "./compendium-search.ts";
import { insertOrganisation } from "./organisations.ts";

let database: TestDatabase;
let ownerId: string;
let strangerId: string;
const now = new Date(Date.UTC(2026, 10, 24));

const entry = (slug: string, over: Partial<typeof compendiumEntries.$inferInsert>) => ({
  slug,
  organisationId: ownerId,
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

/** Texts in each stemming, with the words a search asks for (each in a different form). */
const TEXTS = [
  {
    slug: "english",
    language: "en",
    summary: "Operators protect substations against drones and secure the grid.",
    body: "## Detection\nA drone is detected early. Protecting the grids needs security staff and protection plans.",
    queries: ["drone", "protection", "securing grids"],
  },
  {
    slug: "french",
    language: "fr",
    summary: "Les opérateurs protègent les installations contre les drones.",
    body: "La protection des installations nucléaires exige une détection précoce des intrusions.",
    queries: ["installation", "intrusion", "nucléaire"],
  },
  {
    slug: "spanish",
    language: "es",
    summary: "Los operadores protegen las infraestructuras críticas.",
    body: "La protección de las infraestructuras exige planes de continuidad.",
    queries: ["infraestructura", "continuidad"],
  },
  {
    slug: "russian",
    language: "ru",
    summary: "Операторы защищают энергетические объекты.",
    body: "Защита объектов энергетики требует планов.",
    queries: ["объект", "защита"],
  },
  {
    slug: "arabic",
    language: "ar",
    summary: "تحمي الجهات المشغلة البنية التحتية الحيوية.",
    body: "حماية محطات الطاقة والمياه تتطلب خططا.",
    queries: ["الطاقة", "الحيوية"],
  },
];

beforeAll(async () => {
  database = await openTestDatabase();
  ownerId = await insertOrganisation(
    database.db,
    { name: "Snippet operator", kind: "private-operator", country: "XM", sectors: [] },
    now,
  );
  strangerId = await insertOrganisation(
    database.db,
    { name: "Snippet stranger", kind: "private-operator", country: "XM", sectors: [] },
    now,
  );
  await database.db.insert(compendiumEntries).values([
    ...TEXTS.map(({ slug, language, summary, body }) =>
      entry(slug, { title: `Entry ${slug}`, language, summary, body }),
    ),
    entry("amber-plan", {
      title: "Restricted zephyrion plan",
      summary: "The owner's zephyrion plan.",
      marking: "amber",
      phases: ["response"],
    }),
    entry("clear-plan", {
      title: "Public zephyrion plan",
      summary: "Everyone's zephyrion plan.",
      phases: ["response"],
    }),
  ]);
});
afterAll(() => database.dispose());

const OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=200, MinWords=100, HighlightAll=true`;

const marked = (headline: string): string[] =>
  [...headline.matchAll(new RegExp(`${HIT_START}([^${HIT_END}]*)${HIT_END}`, "g"))].map((match) =>
    (match[1] as string).toLowerCase(),
  );

describe("compendium snippets written in the process", () => {
  it("mark the words ts_headline marks, in each entry's own stemming", async () => {
    const owner = { kind: "marking", organisationId: ownerId } as const;
    for (const text of TEXTS)
      for (const q of text.queries) {
        const found = await searchEntries(database.db, owner, { q, filters: {}, limit: 20, offset: 0 });
        const hit = found.items.find((item) => item.slug === text.slug);
        expect(hit, `${text.slug}: ${q}`).toBeDefined();
        // PostgreSQL's own marking of the same text for the query as search reads it (every
        // stemming), as ts_headline wrote snippets before: the summary when it holds the words,
        // else the summary and the body (headings ended with a full stop).
        const [expected] = rowsOf<{ summary: string; whole: string }>(
          await database.db.execute(sql`
            with query as (select websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('french', ${q})
                || websearch_to_tsquery('spanish', ${q}) || websearch_to_tsquery('russian', ${q})
                || websearch_to_tsquery('arabic', ${q}) || websearch_to_tsquery('simple', ${q}) as q)
            select ts_headline(compendium_search_config(e.language), e.summary, query.q, ${OPTIONS}) as summary,
              ts_headline(compendium_search_config(e.language),
                e.summary || E'\n' || regexp_replace(e.body, '^#{1,6}\\s+(.*)$', '\\1.', 'gn'), query.q, ${OPTIONS})
                as whole
            from compendium_entries as e, query where e.slug = ${text.slug}`),
        );
        const reference = marked(expected?.summary ?? "").length > 0 ? expected?.summary : expected?.whole;
        const ours = marked(hit?.headline ?? "");
        expect(ours.length, `${text.slug}: ${q}`).toBeGreaterThan(0);
        expect(new Set(ours), `${text.slug}: ${q}`).toEqual(new Set(marked(reference ?? "")));
      }
  });

  it("end a heading with a full stop and join fragments of the body after the summary", async () => {
    const owner = { kind: "marking", organisationId: ownerId } as const;
    const found = await searchEntries(database.db, owner, {
      q: "detection",
      filters: {},
      limit: 20,
      offset: 0,
    });
    const english = found.items.find((item) => item.slug === "english");
    expect(english?.headline).toMatch(new RegExp(`${HIT_START}Detection${HIT_END}\\.\\s+A drone`));
    expect(english?.headline).not.toContain("#");
  });

  it("are written from words learned after the load, without asking PostgreSQL for them again", async () => {
    const owner = { kind: "marking", organisationId: ownerId } as const;
    await searchEntries(database.db, owner, { filters: {}, limit: 1, offset: 0 });
    await compendiumWordsLearned(database.db);
    const found = await searchEntries(database.db, owner, {
      q: "operators",
      filters: {},
      limit: 20,
      offset: 0,
    });
    expect(found.items.map((item) => item.slug)).toContain("english");
  });
});

describe("a search answered from what the process holds", () => {
  const search = (organisationId: string, q?: string) =>
    searchEntries(
      database.db,
      { kind: "marking", organisationId },
      { q, filters: { phase: ["response"] }, limit: 20, offset: 0 },
    );

  it("never shows an entry the reader may not see, nor counts it, asked again and again", async () => {
    for (let round = 0; round < 3; round += 1) {
      // The same words and filters each time: from the second on, the page is worked out before
      // the versions are read (the scope's rows kept, the query parsed before).
      const stranger = await search(strangerId, "zephyrion");
      expect(stranger.items.map((item) => item.slug)).toEqual(["clear-plan"]);
      expect(stranger.total).toBe(1);
      expect(stranger.facets.phase).toEqual([{ value: "response", count: 1 }]);
      const filtered = await search(strangerId);
      expect(filtered.items.map((item) => item.slug)).toEqual(["clear-plan"]);
      expect(filtered.facets.phase).toEqual([{ value: "response", count: 1 }]);
      const owner = await search(ownerId, "zephyrion");
      expect(owner.items.map((item) => item.slug).sort()).toEqual(["amber-plan", "clear-plan"]);
      expect(owner.facets.phase).toEqual([{ value: "response", count: 2 }]);
    }
  });

  it("reads the versions before answering: a marking changed since the rows were kept hides the entry at once", async () => {
    expect((await search(strangerId, "zephyrion")).total).toBe(1);
    // No notification is followed here: only the versions read with the page can tell.
    await database.db.execute(sql`update compendium_entries set marking = 'amber' where slug = 'clear-plan'`);
    const after = await search(strangerId, "zephyrion");
    expect(after.items).toEqual([]);
    expect(after.total).toBe(0);
    expect(after.facets.phase).toEqual([]);
    await database.db.execute(sql`update compendium_entries set marking = 'clear' where slug = 'clear-plan'`);
    expect((await search(strangerId, "zephyrion")).total).toBe(1);
  });
});
