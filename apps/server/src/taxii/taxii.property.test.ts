// Property: whatever the organisations, communities, roles and objects under every marking (several
// organisations holding versions of one id included), no TAXII route (collections, collection,
// objects, object, versions, manifest) shows a version that core's maySeeStixObject denies or
// that belongs to another lineage than the one servedStixVersions serves, and every version those
// allow is reachable. Random worlds are written straight into the database; the server is read
// over HTTP Basic as each person.
import {
  type SharingViewer,
  type StixVersionFacts,
  servedStixVersions,
  TLP_2_0_MARKING_IDS,
} from "@bulwark/core";
import { putStixObjects, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMembership,
  arbMembership,
  at,
  type Population,
  pick,
  type SignedIn,
  startRandomWorld,
  viewerIn,
} from "../sharing/random-world.test-support.ts";
import type { TestServer } from "../testing.ts";

const ORGANISATIONS = 4;
const PEOPLE = 6;
const COMMUNITIES = 3;
const OBJECTS = 6;
const MEDIA = "application/taxii+json;version=2.1";
// Markings a collection may hold (RED is refused on arrival, and the table's check refuses it).
const HELD = ["clear", "green", "amber", "amber+strict"] as const;

const SIZES = { organisations: ORGANISATIONS, communities: COMMUNITIES, people: PEOPLE };

let server: TestServer;
let population: Population;
let organisations: string[] = [];
let communities: string[] = [];
let people: SignedIn[] = [];

beforeAll(async () => {
  ({ server, population, people } = await startRandomWorld(SIZES, { emailPrefix: "taxii" }));
  ({ organisations, communities } = population);
});
afterAll(() => server.close());

const arbWorld = fc.record({
  ...arbMembership(SIZES),
  rows: fc.array(
    fc.record({
      object: pick(OBJECTS),
      version: fc.nat({ max: 2 }),
      collection: pick(COMMUNITIES),
      owner: pick(ORGANISATIONS),
      tlp: fc.constantFrom(...HELD),
    }),
    { minLength: 3, maxLength: 16 },
  ),
});
type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;

const stixId = (n: number) => `indicator--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const versionOf = (v: number) => `2026-01-0${v + 1}T00:00:00.000Z`;

interface Row extends StixVersionFacts {
  readonly version: string;
}

/** Write the world; answer the rows the database holds (an owner's repeated id and version once). */
async function build(world: World): Promise<Row[]> {
  await server.db.execute(sql`delete from stix_objects`);
  const now = server.context.clock();
  await applyMembership(server, population, world);
  const held = new Set<string>();
  for (const row of world.rows) {
    const collectionId = at(communities, row.collection);
    const key = `${collectionId} ${row.object} ${row.owner} ${row.version}`;
    if (held.has(key)) continue;
    held.add(key);
    const fact = {
      collectionId,
      ownerOrganisationId: at(organisations, row.owner),
      tlp: row.tlp,
      stixId: stixId(row.object),
      version: versionOf(row.version),
    };
    const object = {
      type: "indicator",
      spec_version: "2.1",
      id: fact.stixId,
      created: versionOf(0),
      modified: fact.version,
      pattern: "[ipv4-addr:value = '192.0.2.1']",
      pattern_type: "stix",
      valid_from: versionOf(0),
      object_marking_refs: [TLP_2_0_MARKING_IDS[row.tlp]],
    };
    await server.db.transaction((tx) =>
      putStixObjects(
        tx,
        { collectionId, ownerOrganisationId: fact.ownerOrganisationId, addedBy: null, source: "taxii" },
        [
          {
            stixId: fact.stixId,
            type: "indicator",
            specVersion: "2.1",
            version: fact.version,
            tlp: row.tlp,
            revoked: false,
            object,
          },
        ],
        now,
      ),
    );
  }
  return rowsOf<{ c: string; o: string; tlp: Row["tlp"]; id: string; v: string; d: string; s: string }>(
    await server.db.execute(sql`select collection_id as c, owner_organisation_id as o, tlp, stix_id as id,
      to_char(version at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as v,
      to_char(date_added at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as d, source as s
      from stix_objects`),
  ).map((r) => ({
    collectionId: r.c,
    ownerOrganisationId: r.o,
    tlp: r.tlp,
    stixId: r.id,
    version: r.v,
    dateAdded: r.d,
    source: r.s,
  }));
}

const viewerOf = (world: World, i: number): SharingViewer => viewerIn(population, world, i);

async function get(auth: string, url: string) {
  const response = await server.inject({
    method: "GET",
    url,
    headers: { authorization: auth, accept: MEDIA },
  });
  return { status: response.statusCode, json: JSON.parse(response.body) };
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe("no TAXII route shows what the STIX read rule denies", () => {
  it("agrees with maySeeStixObject and servedStixVersions for every person, collection and object", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        const rows = await build(world);
        for (const [i, person] of people.entries()) {
          const viewer = viewerOf(world, i);
          const collections = await get(person.basic, "/taxii2/api/collections/");
          expect(sorted((collections.json.collections ?? []).map((c: { id: string }) => c.id))).toEqual(
            sorted(viewer.communityIds),
          );
          for (const collection of communities) {
            const base = `/taxii2/api/collections/${collection}/`;
            const member = viewer.communityIds.includes(collection);
            expect((await get(person.basic, base)).status).toBe(member ? 200 : 404);
            const seen = servedStixVersions(viewer, rows).filter((row) => row.collectionId === collection);
            const expected = sorted(seen.map((row) => `${row.stixId} ${row.version}`));
            const objects = await get(person.basic, `${base}objects/?match[version]=all`);
            const manifest = await get(person.basic, `${base}manifest/?match[version]=all`);
            if (!member) {
              expect(objects.status).toBe(404);
              expect(manifest.status).toBe(404);
            } else {
              expect(
                sorted(
                  (objects.json.objects ?? []).map(
                    (o: { id: string; modified: string }) => `${o.id} ${o.modified}`,
                  ),
                ),
              ).toEqual(expected);
              expect(
                sorted(
                  (manifest.json.objects ?? []).map(
                    (o: { id: string; version: string }) => `${o.id} ${o.version}`,
                  ),
                ),
              ).toEqual(expected);
            }
            for (let n = 0; n < OBJECTS; n++) {
              const versions = seen.filter((row) => row.stixId === stixId(n)).map((row) => row.version);
              const one = await get(person.basic, `${base}objects/${stixId(n)}/?match[version]=all`);
              const history = await get(person.basic, `${base}objects/${stixId(n)}/versions/`);
              if (versions.length === 0) {
                expect(one.status).toBe(404);
                expect(history.status).toBe(404);
              } else {
                expect(sorted((one.json.objects ?? []).map((o: { modified: string }) => o.modified))).toEqual(
                  sorted(versions),
                );
                expect(sorted(history.json.versions ?? [])).toEqual(sorted(versions));
                const last = await get(person.basic, `${base}objects/${stixId(n)}/`);
                expect(last.json.objects.map((o: { modified: string }) => o.modified)).toEqual([
                  sorted(versions).at(-1),
                ]);
              }
            }
          }
        }
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});
