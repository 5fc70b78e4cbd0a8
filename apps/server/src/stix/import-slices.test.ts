// STIX bundle imports written in staged slices (ADR 0047): other requests are served between the
// slices and nobody (the importer's own organisation included) reads a staged object; a collection
// shows only what was there before the import until it is published, then everything at once, in
// date_added order, so a TAXII reader paging by date_added misses nothing; a failure leaves nothing;
// the slices of an import whose process died are hidden, then deleted by the sweep.
import { randomUUID } from "node:crypto";
import { type Actor, checkStixBundle, TLP_2_0_MARKING_IDS } from "@bulwark/core";
import {
  beginStagedImport,
  insertCommunity,
  putStixObjects,
  rowsOf,
  setCommunityOrganisations,
  sharingViewer,
  stageStixSlice,
  stixObjectPage,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerContext } from "../context.ts";
import { SILENT_MS, sweepImportJobs } from "../registry/import-jobs.ts";
import { startTestServer, type TestServer } from "../testing.ts";
import { importStixBundle, invalidStix } from "./import.service.ts";

let server: TestServer;
let admin: Actor; // authority: imports
let analyst: Actor; // grid operator: reads, and writes beside the import
let community: string;

beforeAll(async () => {
  server = await startTestServer();
  const { organisations, users } = server.cast;
  admin = { userId: users.admin, organisationId: organisations.authority, roles: ["platform-admin"] };
  analyst = { userId: users.analyst, organisationId: organisations.operator, roles: ["analyst"] };
  community = await insertCommunity(
    server.db,
    { name: "Sliced ISAC", description: "" },
    server.context.clock(),
  );
  await setCommunityOrganisations(server.db, community, [organisations.authority, organisations.operator]);
});
afterAll(() => server.close());

const indicator = (over: Record<string, unknown> = {}) => ({
  type: "indicator",
  spec_version: "2.1",
  id: `indicator--${randomUUID()}`,
  created: "2026-01-05T10:00:00.000Z",
  modified: "2026-01-05T10:00:00.000Z",
  pattern: "[domain-name:value = 'relay.example.org']",
  pattern_type: "stix",
  valid_from: "2026-01-05T10:00:00Z",
  object_marking_refs: [TLP_2_0_MARKING_IDS.clear],
  ...over,
});
const bundleOf = (objects: unknown[]) => ({ type: "bundle", id: `bundle--${randomUUID()}`, objects });

/** What a viewer reads of the collection (TAXII's objects, every version), after `cursor`. */
async function read(actor: Actor, cursor: string | null = null) {
  const viewer = await sharingViewer(server.db, actor);
  const page = await stixObjectPage(
    server.db,
    viewer,
    {
      collectionId: community,
      cursor,
      versions: { all: true, first: false, last: false, at: [] },
      limit: 100_000,
    },
    false,
  );
  return page.rows;
}

const held = async () =>
  Number(
    rowsOf<{ n: number }>(
      await server.db.execute(
        sql`select count(*)::int as n from stix_objects where collection_id = ${community}`,
      ),
    )[0]?.n,
  );
const staged = async () =>
  Number(
    rowsOf<{ n: number }>(
      await server.db.execute(
        sql`select (select count(*) from staged_imports) + (select count(*) from staged_stix_slices) as n`,
      ),
    )[0]?.n,
  );

/** A put in one transaction, as TAXII's POST does, by the grid operator. */
const putBeside = (object: Record<string, unknown>) =>
  server.db.transaction((tx) =>
    putStixObjects(
      tx,
      {
        collectionId: community,
        ownerOrganisationId: server.cast.organisations.operator,
        addedBy: analyst.userId,
        source: "taxii",
      },
      [
        {
          stixId: String(object.id),
          type: "indicator",
          specVersion: "2.1",
          version: String(object.modified),
          tlp: "clear",
          revoked: false,
          object,
        },
      ],
      server.context.clock(),
    ),
  );

describe("sliced STIX imports", () => {
  it("serve other requests between slices, show nobody a staged object, then all of them at once", async () => {
    const before = await read(analyst);
    const last = before.at(-1)?.dateAdded ?? null;
    const n = 60;
    const running = importStixBundle(
      server.context,
      admin,
      { collection: community, defaultTlp: "amber" },
      bundleOf(Array.from({ length: n }, () => indicator())),
      10,
    );
    let ended = false;
    void running.then(
      () => (ended = true),
      () => (ended = true),
    );
    const beside = indicator();
    let wroteBeside = false;
    const during: { written: number; importer: number; other: number }[] = [];
    while (!ended) {
      const written = (await held()) - before.length;
      const importer = (await read(admin)).length - before.length;
      const other = (await read(analyst)).length - before.length;
      if (!ended) during.push({ written, importer, other });
      // Another writer, between two slices: hidden too until the import is published.
      if (!ended && !wroteBeside && written > 0) {
        await putBeside(beside);
        wroteBeside = true;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report = await running;
    expect(report).toMatchObject({ total: n, added: n, duplicates: 0, revoked: 0, refused: [] });
    // Requests were answered while part of the import was written, and saw none of it.
    expect(during.filter((seen) => seen.written > 0 && seen.written < n).length).toBeGreaterThan(0);
    expect(wroteBeside).toBe(true);
    // Nothing while any of it was unwritten; once all of it was, nothing or everything: the reads
    // may pass the publication before this loop hears that the import ended (seen on PostgreSQL).
    for (const seen of during) {
      const all = seen.written >= n ? seen.written : 0;
      expect([0, all]).toContain(seen.importer);
      expect([0, all]).toContain(seen.other);
    }
    // Then everything at once, in date_added order, the write beside it among them: a reader that
    // had paged up to `last` gets all of it on its next page.
    const after = await read(analyst, last);
    expect(after).toHaveLength(n + 1);
    expect(after.map((row) => row.stixId)).toContain(beside.id);
    const order = after.map((row) => row.dateAdded);
    expect([...order].sort()).toEqual(order);
    expect(report.dateAddedFirst).toBe(order[0]);
    expect(await staged()).toBe(0);
  });

  it("decide each object across slices as in one: duplicates and a revoked lineage", async () => {
    const id = `indicator--${randomUUID()}`;
    const version = (modified: string, over: Record<string, unknown> = {}) =>
      indicator({ id, created: "2026-01-05T10:00:00.000Z", modified, ...over });
    const report = await importStixBundle(
      server.context,
      admin,
      { collection: community, defaultTlp: "amber" },
      bundleOf([
        version("2026-01-05T10:00:00.000Z"),
        version("2026-01-05T10:00:00.000Z"),
        version("2026-01-06T10:00:00.000Z", { revoked: true }),
        version("2026-01-07T10:00:00.000Z"),
        indicator({ object_marking_refs: [TLP_2_0_MARKING_IDS.red] }),
      ]),
      1,
    );
    expect(report).toMatchObject({ total: 5, added: 2, duplicates: 1, revoked: 1 });
    // RED: refused, named by its place in the whole bundle, not in its slice.
    expect(report.refused.map((refusal) => refusal.index)).toEqual([4]);
    expect(await staged()).toBe(0);
  });

  it("leave nothing, staged or visible, when a slice fails midway", async () => {
    const before = await held();
    const seen = (await read(analyst)).length;
    let transactions = 0;
    const failing: ServerContext = {
      ...server.context,
      db: new Proxy(server.db, {
        get(target, property, receiver) {
          if (property !== "transaction") return Reflect.get(target, property, receiver);
          return (work: Parameters<typeof target.transaction>[0]) =>
            ++transactions === 4
              ? Promise.reject(new Error("the database went away"))
              : target.transaction(work);
        },
      }),
    };
    const failed = await importStixBundle(
      failing,
      admin,
      { collection: community, defaultTlp: "amber" },
      bundleOf(Array.from({ length: 50 }, () => indicator())),
      10,
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(Error);
    expect(transactions).toBe(4);
    expect(await held()).toBe(before);
    expect(await staged()).toBe(0);
    expect(await read(analyst)).toHaveLength(seen);
  });

  it("refuse a bundle with a problem in a later slice as a whole check does, after a failed write too, leaving nothing", async () => {
    const before = await held();
    const seen = (await read(analyst)).length;
    const objects: Record<string, unknown>[] = Array.from({ length: 50 }, () => indicator());
    objects[35] = { ...objects[35], modified: "yesterday" };
    objects[47] = { ...objects[47], object_marking_refs: "clear" };
    const bundle = bundleOf(objects);
    const whole = checkStixBundle(bundle);
    if (whole.ok) throw new Error("the bundle was meant to fail its checks");
    const expected = invalidStix(whole) as Error & { errors: { path: string }[] };
    // The database fails at transaction `failAt` (never, or the second slice's).
    for (const failAt of [0, 2]) {
      let transactions = 0;
      const counted: ServerContext = {
        ...server.context,
        db: new Proxy(server.db, {
          get(target, property, receiver) {
            if (property !== "transaction") return Reflect.get(target, property, receiver);
            return (work: Parameters<typeof target.transaction>[0]) =>
              ++transactions === failAt
                ? Promise.reject(new Error("the database went away"))
                : target.transaction(work);
          },
        }),
      };
      const failed = await importStixBundle(
        counted,
        admin,
        { collection: community, defaultTlp: "amber" },
        bundle,
        10,
      ).then(
        () => null,
        (error: unknown) => error as Error & { errors: { path: string }[] },
      );
      // Slices before the problem's were written (and the problem's slice never was), or up to the failed one.
      expect(transactions).toBe(failAt === 0 ? 3 : failAt);
      expect(failed?.message).toBe(expected.message);
      expect(failed?.errors.map((error) => error.path)).toEqual([
        "objects[35].modified",
        "objects[47].object_marking_refs",
      ]);
      expect(failed?.errors.map((error) => error.path)).toEqual(expected.errors.map((error) => error.path));
      expect(await held()).toBe(before);
      expect(await staged()).toBe(0);
      expect(await read(analyst)).toHaveLength(seen);
    }
  });

  it("hide the objects of an import whose process died, and the sweep deletes them", async () => {
    const before = await held();
    const seen = (await read(admin)).length;
    const id = randomUUID();
    const now = server.context.clock();
    await beginStagedImport(server.db, id, now);
    const object = indicator();
    await server.db.transaction(async (tx) => {
      const put = await putStixObjects(
        tx,
        {
          collectionId: community,
          ownerOrganisationId: admin.organisationId,
          addedBy: admin.userId,
          source: "import",
        },
        [
          {
            stixId: object.id,
            type: "indicator",
            specVersion: "2.1",
            version: object.modified,
            tlp: "clear",
            revoked: false,
            object,
          },
        ],
        now,
      );
      await stageStixSlice(tx, id, community, put.dateAddedFirst ?? "", put.dateAddedLast ?? "");
    });
    expect(await held()).toBe(before + 1);
    // Nobody reads it: the importer's organisation nor another, through TAXII or the browser.
    expect(await read(admin)).toHaveLength(seen);
    expect(await read(analyst)).toHaveLength(seen);
    const grid = await server.client("analyst@grid.example");
    const browsed = await grid
      .call("getStixCollectionObject", { params: { id: community, stixId: object.id } })
      .then(
        () => "found",
        () => "not found",
      );
    expect(browsed).toBe("not found");
    expect((await sweepImportJobs(server.context))?.discarded).toBe(0);
    server.advance(SILENT_MS + 1);
    expect((await sweepImportJobs(server.context))?.discarded).toBe(1);
    expect(await held()).toBe(before);
    expect(await staged()).toBe(0);
  });
});
