// The search index follows entry changes made by another process entry by entry (issue 13, item
// 6; ADR 0023): two index holders on one database, as two server processes have (on PostgreSQL,
// two connections with their own listening connection; on PGlite, which one process holds, two
// handles on the one engine with a change feed each). Changes are written through the first;
// the second must find them by search without a full reload, see exactly what the full load of a
// third holder sees, and reload in full when notifications may have been lost.
import type { Scope } from "@bulwark/core";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ChangeFeed, pgliteListener } from "../change-feed.ts";
import { type Connection, connect } from "../connect.ts";
import * as schema from "../schema.ts";
import { compendiumEntries } from "../schema.ts";
import { openTestDatabase, type TestDatabase } from "../testing.ts";
import { compendiumIndex, compendiumIndexCounts, followCompendiumChanges } from "./compendium-index.ts";
import { type SearchInput, searchEntries } from "./compendium-search.ts";
import { insertOrganisation } from "./organisations.ts";

let database: TestDatabase;
/** Another process: its own database handle and change feed. */
let other: Pick<Connection, "db" | "changes"> & { close(): Promise<void> };
let unfollow: () => void;
let owner: string;
let stranger: string;
const now = new Date(Date.UTC(2026, 10, 24));

async function anotherProcess(): Promise<typeof other> {
  if (database.url) {
    const connection = await connect({ url: database.url });
    return { db: connection.db, changes: connection.changes, close: () => connection.close() };
  }
  const engine = database.pglite;
  if (!engine) throw new Error("no PGlite engine");
  const changes = new ChangeFeed(pgliteListener(engine));
  return {
    db: drizzle(engine, { schema }) as unknown as Connection["db"],
    changes,
    close: () => changes.close(),
  };
}

const entry = (slug: string, over: Partial<typeof compendiumEntries.$inferInsert>) => ({
  slug,
  organisationId: owner,
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

const search = (db: Connection["db"], scope: Scope, q?: string, filters: SearchInput["filters"] = {}) =>
  searchEntries(db, scope, { q, filters, limit: 50, offset: 0 });
const slugsFound = async (db: Connection["db"], scope: Scope, q?: string) =>
  (await search(db, scope, q)).items.map((item) => item.slug);

beforeAll(async () => {
  database = await openTestDatabase();
  owner = await insertOrganisation(
    database.db,
    { name: "Owning operator", kind: "private-operator", country: "XM", sectors: [] },
    now,
  );
  stranger = await insertOrganisation(
    database.db,
    { name: "Other operator", kind: "private-operator", country: "XM", sectors: [] },
    now,
  );
  await database.db.insert(compendiumEntries).values([
    entry("substations", {
      title: "Hardening substations",
      summary: "Fences and lighting.",
      phases: ["protection"],
    }),
    entry("airports", { title: "Airports and drones", summary: "Radar at runways.", phases: ["response"] }),
    entry("water", { title: "Water utilities", summary: "Insider vetting.", marking: "amber" }),
  ]);
  other = await anotherProcess();
  unfollow = followCompendiumChanges(other.db, other.changes);
  await other.changes.listening();
  // The other process has searched once: its index is loaded.
  await search(other.db, { kind: "all" }, "drones");
});
afterAll(async () => {
  unfollow();
  await other.close();
  await database.dispose();
});

/** Waits until the other process has applied a change without being asked (no search meanwhile). */
async function heard(before: { updates: number }): Promise<void> {
  await vi.waitFor(() => expect(compendiumIndexCounts(other.db).updates).toBeGreaterThan(before.updates), {
    timeout: 5_000,
    interval: 5,
  });
}

describe("an index in another process follows entry changes", () => {
  it("finds an edit made through the first process, without reloading in full", async () => {
    const before = compendiumIndexCounts(other.db);
    expect(before.fullLoads).toBe(1);
    await database.db
      .update(compendiumEntries)
      .set({ title: "Hardening substations against ballistic attack", body: "Transformers behind berms." })
      .where(eq(compendiumEntries.slug, "substations"));
    await heard(before);
    expect(await slugsFound(other.db, { kind: "all" }, "ballistic")).toEqual(["substations"]);
    expect(await slugsFound(other.db, { kind: "all" }, "berms")).toEqual(["substations"]);
    expect(compendiumIndexCounts(other.db).fullLoads).toBe(before.fullLoads);
  });

  it("finds a new entry and drops a deleted one, without reloading in full", async () => {
    const before = compendiumIndexCounts(other.db);
    await database.db
      .insert(compendiumEntries)
      .values(entry("bridges", { title: "Bridges and tunnels", summary: "Inspection of piers." }));
    await heard(before);
    expect(await slugsFound(other.db, { kind: "all" }, "piers")).toEqual(["bridges"]);
    const between = compendiumIndexCounts(other.db);
    await database.db.delete(compendiumEntries).where(eq(compendiumEntries.slug, "airports"));
    await heard(between);
    expect(await slugsFound(other.db, { kind: "all" }, "drones")).toEqual([]);
    expect(await slugsFound(other.db, { kind: "all" })).toEqual(["bridges", "substations", "water"]);
    expect(compendiumIndexCounts(other.db).fullLoads).toBe(before.fullLoads);
  });

  it("keeps restricted entries to those who may see them as a marking changes, as a full load does", async () => {
    const mine: Scope = { kind: "marking", organisationId: owner };
    const theirs: Scope = { kind: "marking", organisationId: stranger };
    const before = compendiumIndexCounts(other.db);
    // Both scopes' visible sets are kept before the changes.
    expect(await slugsFound(other.db, theirs, "insider")).toEqual([]);
    expect(await slugsFound(other.db, mine, "insider")).toEqual(["water"]);
    const mark = async (slug: string, marking: string) => {
      const at = compendiumIndexCounts(other.db);
      await database.db.update(compendiumEntries).set({ marking }).where(eq(compendiumEntries.slug, slug));
      await heard(at);
    };
    await mark("water", "clear");
    expect(await slugsFound(other.db, theirs, "insider")).toEqual(["water"]);
    await mark("water", "amber");
    expect(await slugsFound(other.db, theirs, "insider")).toEqual([]);
    expect(await slugsFound(other.db, mine, "insider")).toEqual(["water"]);
    const created = compendiumIndexCounts(other.db);
    await database.db
      .insert(compendiumEntries)
      .values(entry("dams", { title: "Dams", summary: "Insider access to spillways.", marking: "amber" }));
    await heard(created);
    expect(await slugsFound(other.db, theirs, "insider")).toEqual([]);
    expect(await slugsFound(other.db, mine, "insider")).toEqual(["dams", "water"]);
    expect(compendiumIndexCounts(other.db).fullLoads).toBe(before.fullLoads);
    // A third process loading in full sees the same, for every kind of scope.
    const third = await anotherProcess();
    try {
      for (const scope of [mine, theirs, { kind: "all" }, { kind: "none" }] as Scope[])
        for (const q of [undefined, "insider", "hardening | bridges", "-insider"])
          expect(await search(other.db, scope, q)).toEqual(await search(third.db, scope, q));
      expect(compendiumIndexCounts(third.db).fullLoads).toBe(1);
    } finally {
      await third.close();
    }
  });

  it("keeps title order, ranks and tag counts as a full load does, over many changes", async () => {
    const before = compendiumIndexCounts(other.db);
    const words = ["grid", "pump", "valve", "fence", "drone", "radar", "cable", "berm"];
    const phases = ["prevention", "protection", "response", "recovery"];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    const text = (count: number) => Array.from({ length: count }, () => pick(words)).join(" ");
    for (let step = 0; step < 40; step += 1) {
      const choice = random();
      const slug = `random-${Math.floor(random() * 12)}`;
      const fields = {
        title: `${pick(["A", "B", "C"])} ${text(2)}`,
        summary: text(5),
        body: text(12),
        phases: [pick(phases)],
        marking: pick(["clear", "clear", "green", "amber"]),
      };
      if (choice < 0.2) await database.db.delete(compendiumEntries).where(eq(compendiumEntries.slug, slug));
      else
        await database.db
          .insert(compendiumEntries)
          .values(entry(slug, fields))
          .onConflictDoUpdate({ target: compendiumEntries.slug, set: fields });
    }
    const version = Number(
      (
        (await database.db.execute(
          sql`select version from compendium_search_state where id = 1`,
        )) as unknown as {
          rows: { version: string }[];
        }
      ).rows[0]?.version,
    );
    await vi.waitFor(async () => expect((await compendiumIndex(other.db, 0)).version).toBe(version), {
      timeout: 5_000,
      interval: 5,
    });
    expect(compendiumIndexCounts(other.db).fullLoads).toBe(before.fullLoads);
    const third = await anotherProcess();
    try {
      const scopes: Scope[] = [{ kind: "all" }, { kind: "marking", organisationId: stranger }];
      for (const scope of scopes)
        for (const q of [undefined, "grid", "pump valve", "fence | radar", "-drone"])
          for (const filters of [{}, { phase: ["response"] }])
            expect(await search(other.db, scope, q, filters)).toEqual(
              await search(third.db, scope, q, filters),
            );
    } finally {
      await third.close();
    }
  });

  it("reloads in full when notifications may have been lost", async () => {
    const before = compendiumIndexCounts(other.db);
    other.changes.lost();
    await vi.waitFor(() => expect(compendiumIndexCounts(other.db).fullLoads).toBe(before.fullLoads + 1), {
      timeout: 10_000,
      interval: 5,
    });
    expect(await slugsFound(other.db, { kind: "all" }, "ballistic")).toEqual(["substations"]);
  });

  it("sees a change from its commit on, whether or not it reads the versions before answering", async () => {
    // On PGlite a search answers without reading the versions while no notification came since
    // they were last read (ADR 0065); on PostgreSQL it reads them with the page, every time.
    const theirs: Scope = { kind: "marking", organisationId: stranger };
    const statements = vi.spyOn(other.db, "execute");
    const answer = async (q: string) => {
      statements.mockClear();
      const slugs = await slugsFound(other.db, theirs, q);
      return { slugs, statements: statements.mock.calls.length };
    };
    try {
      await database.db
        .update(compendiumEntries)
        .set({ marking: "green" })
        .where(eq(compendiumEntries.slug, "water"));
      // The first search after a change reads the versions before its page, the second with it.
      expect((await answer("insider")).slugs).toEqual([]);
      expect((await answer("insider")).slugs).toEqual([]);
      const warm = await answer("insider");
      expect(warm.slugs).toEqual([]);
      expect(warm.statements).toBe(database.url ? 1 : 0);
      // A policy input changes (no search row does): the stranger's organisation joins the owner's
      // community, so it may now see the owner's GREEN entry; the next search sees it at once.
      const [community] = await database.db
        .insert(schema.communities)
        .values({ name: "Water sector", createdAt: now, updatedAt: now })
        .returning({ id: schema.communities.id });
      await database.db.insert(schema.communityOrganisations).values(
        [owner, stranger].map((organisationId) => ({
          communityId: community?.id as string,
          organisationId,
        })),
      );
      expect((await answer("insider")).slugs).toEqual(["water"]);
      expect((await answer("insider")).slugs).toEqual(["water"]);
      // An entry changes: the next search sees it at once, without waiting for the update.
      await database.db
        .update(compendiumEntries)
        .set({ marking: "amber" })
        .where(eq(compendiumEntries.slug, "water"));
      expect((await answer("insider")).slugs).toEqual([]);
      await database.db
        .update(compendiumEntries)
        .set({ summary: "Insider vetting and badges." })
        .where(eq(compendiumEntries.slug, "substations"));
      expect((await answer("badges")).slugs).toEqual(["substations"]);
      expect((await answer("badges")).slugs).toEqual(["substations"]);
      expect(await answer("badges")).toEqual({ slugs: ["substations"], statements: database.url ? 1 : 0 });
    } finally {
      statements.mockRestore();
    }
  });
});
