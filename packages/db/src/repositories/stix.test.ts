// STIX objects in community collections: versions and duplicates, revocation, date_added order,
// the read rule in SQL against core's maySeeStixObject, and a backup that keeps them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { maySeeStixObject, type SharingViewer, TLP_MARKINGS, type TlpMarking } from "@bulwark/core";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreBackup, writeBackup } from "../backup.ts";
import { databaseFailure } from "../errors.ts";
import { rowsOf } from "../rows.ts";
import { openTestDatabase, type TestDatabase } from "../testing.ts";
import { deleteCommunity, insertCommunity, setCommunityOrganisations } from "./communities.ts";
import { deleteOrganisation, insertOrganisation } from "./organisations.ts";
import { microsUtc, putStixObjects, type StixArrival } from "./stix.ts";
import { visibleStixObjects } from "./stix-scope.ts";
import { insertUser } from "./users.ts";

let database: TestDatabase;
const now = new Date(Date.UTC(2026, 10, 25, 9));
let north = "";
let south = "";
let west = "";
let community = "";
let other = "";

const indicator = (uuid: string, modified: string, extra: Record<string, unknown> = {}): StixArrival => ({
  stixId: `indicator--${uuid}`,
  type: "indicator",
  specVersion: "2.1",
  version: modified,
  tlp: "green",
  revoked: extra.revoked === true,
  object: { type: "indicator", id: `indicator--${uuid}`, modified, x_kept: { nested: [1, 2] }, ...extra },
});
const U1 = "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
const U2 = "f2a8c8f2-2b3f-4a55-9a5e-8f3a7c1d2e4b";

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  const org = (name: string) =>
    insertOrganisation(db, { name, kind: "private-operator", country: "XM", sectors: [] }, now);
  north = await org("north");
  south = await org("south");
  west = await org("west");
  community = await insertCommunity(db, { name: "water isac", description: "" }, now);
  await setCommunityOrganisations(db, community, [north, south]);
  other = await insertCommunity(db, { name: "rail isac", description: "" }, now);
  await setCommunityOrganisations(db, other, [west]);
});
afterAll(() => database.dispose());

const put = (arrivals: StixArrival[], collectionId = community, at = now) =>
  database.db.transaction((tx) =>
    putStixObjects(
      tx,
      { collectionId, ownerOrganisationId: north, addedBy: null, source: "import" },
      arrivals,
      at,
    ),
  );

describe("putting STIX objects into a collection", () => {
  it("keeps new versions, skips duplicates, and keeps objects as received", async () => {
    const first = await put([
      indicator(U1, "2026-01-01T00:00:00.000Z"),
      indicator(U1, "2026-01-01T00:00:00.000Z"),
      indicator(U1, "2026-02-01T00:00:00.000Z"),
    ]);
    expect(first.outcomes).toEqual(["added", "duplicate", "added"]);
    const again = await put([
      indicator(U1, "2026-02-01T00:00:00.000Z"),
      indicator(U2, "2026-01-01T00:00:00.000Z"),
    ]);
    expect(again.outcomes).toEqual(["duplicate", "added"]);
    const [row] = rowsOf<{ object: unknown }>(
      await database.db.execute(sql`select object from stix_objects where stix_id = ${`indicator--${U2}`}`),
    );
    expect(row?.object).toMatchObject({ x_kept: { nested: [1, 2] } });
  });

  it("stores text holding the record separator the columns are sent with, and a caller's JSON text as it is", async () => {
    const U3 = "0b9c3d5e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";
    const U4 = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    const separated = indicator(U3, "2026-01-01T00:00:00.000Z", { name: "a\u001eb", x_list: ["\u001e", ""] });
    const object = {
      type: "indicator",
      id: `indicator--${U4}`,
      x_order: "kept",
      modified: "2026-01-01T00:00:00.000Z",
    };
    const texted: StixArrival = {
      ...indicator(U4, "2026-01-01T00:00:00.000Z"),
      object,
      json: JSON.stringify(object),
    };
    expect((await put([separated, texted])).outcomes).toEqual(["added", "added"]);
    const rows = rowsOf<{ stix_id: string; object: unknown; version: string }>(
      await database.db.execute(sql`select stix_id, object, ${microsUtc(sql`version`)} as version from stix_objects
        where stix_id in (${`indicator--${U3}`}, ${`indicator--${U4}`}) order by date_added`),
    );
    expect(rows.map((row) => row.object)).toEqual([separated.object, object]);
    expect(rows.map((row) => row.version)).toEqual([
      "2026-01-01T00:00:00.000000Z",
      "2026-01-01T00:00:00.000000Z",
    ]);
    // A value that would shift the columns is refused before anything is sent (two versions of one
    // id: the general path, which sends columns as separated text).
    const shifted: StixArrival = { ...indicator(U4, "2026-05-01T00:00:00.000Z"), json: '{"a":"\u001e"}' };
    await expect(put([shifted, indicator(U4, "2026-06-01T00:00:00.000Z")])).rejects.toThrow(
      /record separator/,
    );
  });

  it("holds nothing after a revoked version", async () => {
    const revoked = await put([indicator(U2, "2026-03-01T00:00:00.000Z", { revoked: true })]);
    expect(revoked.outcomes).toEqual(["added"]);
    const later = await put([indicator(U2, "2026-04-01T00:00:00.000Z")]);
    expect(later.outcomes).toEqual(["revoked"]);
  });

  it("keeps one version of an object without timestamps", async () => {
    const observable: StixArrival = {
      stixId: "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
      type: "ipv4-addr",
      specVersion: "2.1",
      version: null,
      tlp: "amber",
      revoked: false,
      object: {
        type: "ipv4-addr",
        id: "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
        value: "198.51.100.3",
      },
    };
    expect((await put([observable])).outcomes).toEqual(["added"]);
    expect((await put([observable], community, new Date(now.getTime() + 60_000))).outcomes).toEqual([
      "duplicate",
    ]);
  });

  it("gives every object a date_added after all the collection's earlier ones, even within one millisecond", async () => {
    const many = Array.from({ length: 2500 }, (_, i) =>
      indicator(`0b8f3c52-1111-4000-8aaa-${String(i).padStart(12, "0")}`, now.toISOString()),
    );
    const before = rowsOf<{ last: string }>(
      await database.db.execute(sql`select max(date_added)::text as last from stix_objects`),
    )[0]?.last;
    const result = await put(many);
    expect(result.added).toBe(2500);
    const rows = rowsOf<{ n: number; distinct: number; first: string }>(
      await database.db.execute(sql`select count(*)::int as n, count(distinct date_added)::int as distinct,
        min(date_added)::text as first from stix_objects where collection_id = ${community}
        and date_added > ${before}::timestamptz`),
    );
    expect(rows[0]).toMatchObject({ n: 2500, distinct: 2500 });
    expect(
      result.dateAddedFirst && result.dateAddedLast && result.dateAddedFirst < result.dateAddedLast,
    ).toBe(true);
    expect(result.dateAddedLast).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });
});

describe("one put decides each arrival as if they came one at a time", () => {
  const lineageOf = async (collectionId: string) =>
    rowsOf<{ stix_id: string; version: string; revoked: boolean; date_added: string }>(
      await database.db.execute(sql`select stix_id, ${microsUtc(sql`version`)} as version, revoked,
        ${microsUtc(sql`date_added`)} as date_added
        from stix_objects where collection_id = ${collectionId} order by date_added`),
    );
  const freshCollection = async () => {
    const id = await insertCommunity(database.db, { name: `isac ${Math.random()}`, description: "" }, now);
    await setCommunityOrganisations(database.db, id, [north]);
    return id;
  };
  const putIn = (collectionId: string, arrivals: StixArrival[], batch?: number, at = now) =>
    database.db.transaction((tx) =>
      putStixObjects(
        tx,
        { collectionId, ownerOrganisationId: north, addedBy: null, source: "import" },
        arrivals,
        at,
        batch,
      ),
    );

  it("takes nothing after a revoked version of the same put, newer or older", async () => {
    const collection = await freshCollection();
    const result = await putIn(collection, [
      indicator(U1, "2026-03-01T00:00:00.000Z", { revoked: true }),
      indicator(U1, "2026-04-01T00:00:00.000Z"),
      indicator(U1, "2026-02-01T00:00:00.000Z"),
      indicator(U2, "2026-03-01T00:00:00.000Z"),
      indicator(U2, "2026-04-01T00:00:00.000Z"),
    ]);
    expect(result.outcomes).toEqual(["added", "revoked", "revoked", "added", "added"]);
    expect((await lineageOf(collection)).map((row) => [row.stix_id, row.version.slice(0, 10)])).toEqual([
      [`indicator--${U1}`, "2026-03-01"],
      [`indicator--${U2}`, "2026-03-01"],
      [`indicator--${U2}`, "2026-04-01"],
    ]);
  });

  it("keeps the first version of an object without timestamps when the same put holds another", async () => {
    const collection = await freshCollection();
    const id = "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd";
    const observable = (version: string | null): StixArrival => ({
      stixId: id,
      type: "ipv4-addr",
      specVersion: "2.1",
      version,
      tlp: "amber",
      revoked: false,
      object: { type: "ipv4-addr", id, value: "198.51.100.3" },
    });
    const result = await putIn(collection, [observable("2026-01-01T00:00:00.000Z"), observable(null)]);
    expect(result.outcomes).toEqual(["added", "duplicate"]);
  });

  it("is the same across statement boundaries: duplicates, versions and revocations in later batches", async () => {
    const collection = await freshCollection();
    const arrivals = [
      indicator(U1, "2026-01-01T00:00:00.000Z"),
      indicator(U2, "2026-01-01T00:00:00.000Z"),
      // second batch of two
      indicator(U1, "2026-01-01T00:00:00.000Z"),
      indicator(U2, "2026-02-01T00:00:00.000Z", { revoked: true }),
      // third
      indicator(U1, "2026-02-01T00:00:00.000Z"),
      indicator(U2, "2026-03-01T00:00:00.000Z"),
      // fourth
      indicator(U1, "2026-02-01T00:00:00.000Z"),
    ];
    const result = await putIn(collection, arrivals, 2);
    expect(result.outcomes).toEqual([
      "added",
      "added",
      "duplicate",
      "added",
      "added",
      "revoked",
      "duplicate",
    ]);
    const rows = await lineageOf(collection);
    expect(rows.map((row) => [row.stix_id.slice(-4), row.version.slice(0, 10), row.revoked])).toEqual([
      [U1.slice(-4), "2026-01-01", false],
      [U2.slice(-4), "2026-01-01", false],
      [U2.slice(-4), "2026-02-01", true],
      [U1.slice(-4), "2026-02-01", false],
    ]);
    expect(result.dateAddedFirst).toBe(rows[0]?.date_added);
    expect(result.dateAddedLast).toBe(rows.at(-1)?.date_added);
  });

  it("matches putting the arrivals one at a time, for any arrivals and any batch size", async () => {
    const ids = [U1, U2, "0d6c2a5e-9b1f-4c3d-8e7a-6f5b4c3d2e1a"];
    const days = ["2026-01-01", "2026-01-02", "2026-01-03"];
    const arrival = fc.record({
      id: fc.constantFrom(...ids),
      day: fc.option(fc.constantFrom(...days), { freq: 5 }),
      revoked: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(arrival, { maxLength: 6 }),
        fc.array(arrival, { maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (before, sequence, batch) => {
          const toArrival = (a: { id: string; day: string | null; revoked: boolean }): StixArrival => ({
            ...indicator(a.id, a.day === null ? now.toISOString() : `${a.day}T00:00:00.000Z`, {
              revoked: a.revoked,
            }),
            version: a.day === null ? null : `${a.day}T00:00:00.000Z`,
          });
          // What is held already, put one at a time, then the sequence in one put.
          const batched = await freshCollection();
          const single = await freshCollection();
          for (const a of before) {
            await putIn(batched, [toArrival(a)]);
            await putIn(single, [toArrival(a)]);
          }
          const together = await putIn(batched, sequence.map(toArrival), batch);
          const oneByOne: string[] = [];
          for (const a of sequence) oneByOne.push(...(await putIn(single, [toArrival(a)])).outcomes);
          expect(together.outcomes).toEqual(oneByOne);
          const rows = await lineageOf(batched);
          const expected = await lineageOf(single);
          expect(rows.map(({ date_added: _, ...row }) => row)).toEqual(
            expected.map(({ date_added: _, ...row }) => row),
          );
          expect(together.added).toBe(oneByOne.filter((outcome) => outcome === "added").length);
          const added = rows.slice(rows.length - together.added);
          expect(together.dateAddedFirst).toBe(together.added ? added[0]?.date_added : null);
          expect(together.dateAddedLast).toBe(together.added ? added.at(-1)?.date_added : null);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("the read rule in SQL", () => {
  it("matches core's maySeeStixObject for every marking, owner and viewer", async () => {
    const db = database.db;
    await db.execute(sql`delete from stix_objects`);
    const markings = TLP_MARKINGS.filter((tlp) => tlp !== "red");
    const facts: { stixId: string; collectionId: string; tlp: TlpMarking; ownerOrganisationId: string }[] =
      [];
    let n = 0;
    for (const collectionId of [community, other])
      for (const tlp of markings)
        for (const ownerOrganisationId of [north, south, west]) {
          const uuid = `4f1b2c3d-0000-4000-8000-${String(++n).padStart(12, "0")}`;
          const stixId = `report--${uuid}`;
          await db.transaction((tx) =>
            putStixObjects(
              tx,
              { collectionId, ownerOrganisationId, addedBy: null, source: "taxii" },
              [
                {
                  stixId,
                  type: "report",
                  specVersion: "2.1",
                  version: now.toISOString(),
                  tlp,
                  revoked: false,
                  object: {},
                },
              ],
              now,
            ),
          );
          facts.push({ stixId, collectionId, tlp, ownerOrganisationId });
        }
    const viewers: SharingViewer[] = [
      { userId: "u-north", organisationId: north, roles: ["member"], communityIds: [community] },
      { userId: "u-south", organisationId: south, roles: ["analyst"], communityIds: [community] },
      { userId: "u-west", organisationId: west, roles: ["platform-admin"], communityIds: [other] },
    ];
    for (const viewer of viewers) {
      const seen = new Set(
        rowsOf<{ stix_id: string }>(
          await db.execute(sql`select stix_id from stix_objects where ${visibleStixObjects(viewer)}`),
        ).map((row) => row.stix_id),
      );
      for (const fact of facts)
        expect(seen.has(fact.stixId), `${viewer.userId} on ${fact.tlp} owned elsewhere`).toBe(
          maySeeStixObject(viewer, fact),
        );
    }
  });
});

// The foreign keys of stix_objects are checked once per statement by triggers (migration
// stix_batch_checks, ADR 0038): each of these fails if a check or a parent's action is missing.
describe("the references of stix_objects", () => {
  const sqlstate = (error: unknown) => databaseFailure(error)?.code ?? null;
  const objects = async (collectionId: string) =>
    rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from stix_objects where collection_id = ${collectionId}`,
      ),
    )[0]?.n;
  const missing = "0b8f3d1e-5a4c-4e2b-9f6d-7c1a2b3c4d5e";
  const putAs = (put: Partial<Parameters<typeof putStixObjects>[1]>, uuid: string) =>
    database.db.transaction((tx) =>
      putStixObjects(
        tx,
        { collectionId: community, ownerOrganisationId: north, addedBy: null, source: "import", ...put },
        [indicator(uuid, "2026-03-01T00:00:00.000Z"), indicator(U2, "2026-03-02T00:00:00.000Z")],
        now,
      ),
    );

  it("refuses objects naming a collection, owner, user or shared item that does not exist, and keeps none", async () => {
    const before = await objects(community);
    for (const wrong of [
      { collectionId: missing },
      { ownerOrganisationId: missing },
      { addedBy: missing },
      { sharedItemId: missing },
    ]) {
      const error = await putAs(wrong, "3c9d7e1f-2a4b-4c6d-8e0f-1a2b3c4d5e6f").catch(
        (caught: unknown) => caught,
      );
      expect(sqlstate(error), JSON.stringify(wrong)).toBe("23503");
    }
    expect(await objects(community)).toBe(before);
    expect(await objects(missing)).toBe(0);
    const moved = await database.db
      .execute(sql`update stix_objects set collection_id = ${missing} where collection_id = ${community}`)
      .catch((caught: unknown) => caught);
    expect(sqlstate(moved)).toBe("23503");
    expect(await objects(community)).toBe(before);
  });

  it("removes a community's objects with it, refuses to remove an owner, and forgets a removed user", async () => {
    const db = database.db;
    const gone = await insertCommunity(db, { name: "gone isac", description: "" }, now);
    const owner = await insertOrganisation(
      db,
      { name: "owner", kind: "private-operator", country: "XM", sectors: [] },
      now,
    );
    const person = await insertUser(
      db,
      {
        email: "stix-writer@example.org",
        name: "Writer",
        organisationId: north,
        roles: ["member"],
        passwordHash: "x",
      },
      now,
    );
    await putAs(
      { collectionId: gone, ownerOrganisationId: owner, addedBy: person },
      "5e1f9a2b-3c4d-4e6f-8a0b-2c3d4e5f6a7b",
    );
    await putAs(
      { collectionId: other, ownerOrganisationId: owner, addedBy: person },
      "5e1f9a2b-3c4d-4e6f-8a0b-2c3d4e5f6a7b",
    );
    expect(await objects(gone)).toBe(2);

    const refused = await deleteOrganisation(db, owner).catch((caught: unknown) => caught);
    expect(sqlstate(refused)).toBe("23503");
    const renamed = await db
      .execute(sql`update organisations set id = ${missing} where id = ${owner}`)
      .catch((caught: unknown) => caught);
    expect(sqlstate(renamed)).toBe("23503");
    const truncated = await db.execute(sql`truncate communities cascade`).catch((caught: unknown) => caught);
    expect(truncated).toBeInstanceOf(Error);
    expect(await objects(other)).toBeGreaterThan(0);

    await db.execute(sql`delete from users where id = ${person}`);
    const [left] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from stix_objects where added_by = ${person}`),
    );
    expect(left?.n).toBe(0);

    await deleteCommunity(db, gone);
    expect(await objects(gone)).toBe(0);
    await db.execute(sql`delete from stix_objects where owner_organisation_id = ${owner}`);
    expect(await deleteOrganisation(db, owner)).toBe(true);
  });
});

describe("a backup", () => {
  it("keeps the objects and lets new ones in after a restore", async () => {
    const db = database.db;
    const count = async () =>
      rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from stix_objects`))[0]?.n;
    const before = await count();
    const file = join(mkdtempSync(join(tmpdir(), "bulwark-stix-")), "backup.jsonl.gz");
    await writeBackup(db, file, now, "b".repeat(64));
    await restoreBackup(db, file, "b".repeat(64));
    expect(await count()).toBe(before);
    const result = await put([indicator("9a6b1f7e-3c2d-4e5f-8a9b-0c1d2e3f4a5b", "2026-05-01T00:00:00.000Z")]);
    expect(result.outcomes).toEqual(["added"]);
  });
});
