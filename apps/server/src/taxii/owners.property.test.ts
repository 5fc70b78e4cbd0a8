// Property (ADR 0015, STIX objects have owners): whatever the organisations, communities, roles and
// sequence of posts (new objects, new versions, revocations, duplicates, by owners and by others,
// under every marking, over TAXII and the import endpoint),
//   - every version is held as its poster's organisation's, and every TAXII read route and the
//     collection browser serve each reader only the versions servedStixVersions allows: one
//     owner's lineage per object, never another organisation's versions as the owner's;
//   - what each poster is told (status resources, import reports, refusals) is the same whether or
//     not other organisations posted anything: the sequence replayed without their posts gives
//     every remaining post the same answer.
import { ApiError } from "@bulwark/contracts";
import {
  type SharingViewer,
  type StixVersionFacts,
  servedStixVersions,
  TLP_2_0_MARKING_IDS,
} from "@bulwark/core";
import { rowsOf } from "@bulwark/db";
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

const SIZES = { organisations: 3, communities: 2, people: 4 };
const OBJECTS = 3;
const MEDIA = "application/taxii+json;version=2.1";
const MARKINGS = ["clear", "green", "amber", "amber+strict", "red", null] as const;

let server: TestServer;
let population: Population;
let people: SignedIn[] = [];

beforeAll(async () => {
  ({ server, population, people } = await startRandomWorld(SIZES, { emailPrefix: "owners" }));
});
afterAll(() => server.close());

const arbPost = fc.record({
  person: pick(SIZES.people),
  collection: pick(SIZES.communities),
  object: pick(OBJECTS),
  version: fc.nat({ max: 2 }),
  revoked: fc.boolean(),
  tlp: fc.constantFrom(...MARKINGS),
  route: fc.constantFrom("taxii", "import"),
});
type Post = typeof arbPost extends fc.Arbitrary<infer P> ? P : never;
// Most people write and most organisations share the collections, so that posts meet each other;
// the random roles and memberships of the other sharing properties keep the refusals in play.
const random = arbMembership(SIZES);
const arbWorld = fc.record({
  roles: fc.oneof(
    { weight: 3, arbitrary: fc.constant(Array.from({ length: SIZES.people }, () => ["member" as const])) },
    { weight: 1, arbitrary: random.roles },
  ),
  memberships: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constant([
        [0, 1, 2],
        [0, 1, 2],
      ]),
    },
    { weight: 1, arbitrary: random.memberships },
  ),
  posts: fc.array(arbPost, { minLength: 2, maxLength: 10 }),
});
type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
// Objects 0 and 1 are versioned SDOs; object 2 an observable without timestamps (one version).
const stixId = (n: number) => (n < 2 ? `tool--${uuid(n)}` : `ipv4-addr--${uuid(n)}`);

/** The object a post sends: x_org names the poster's organisation, so a reader sees whose it is. */
function objectOf(post: Post) {
  const organisation = at(people, post.person).organisation;
  const marking = post.tlp ? { object_marking_refs: [TLP_2_0_MARKING_IDS[post.tlp]] } : {};
  if (post.object >= 2)
    return {
      type: "ipv4-addr",
      spec_version: "2.1",
      id: stixId(post.object),
      value: "192.0.2.1",
      x_org: organisation,
      ...marking,
    };
  return {
    type: "tool",
    spec_version: "2.1",
    id: stixId(post.object),
    created: "2026-01-01T00:00:00.000Z",
    modified: `2026-01-0${post.version + 2}T00:00:00.000Z`,
    name: `Tool ${post.object}`,
    x_org: organisation,
    ...(post.revoked ? { revoked: true } : {}),
    ...marking,
  };
}

/** Post, and answer what the poster is told, without the parts that are clocks and fresh ids. */
async function send(post: Post): Promise<unknown> {
  const person = at(people, post.person);
  const collection = at(population.communities, post.collection);
  const object = objectOf(post);
  if (post.route === "taxii") {
    const response = await server.inject({
      method: "POST",
      url: `/taxii2/api/collections/${collection}/objects/`,
      headers: { authorization: person.basic, accept: MEDIA, "content-type": MEDIA },
      payload: JSON.stringify({ objects: [object] }),
    });
    const { id: _id, request_timestamp: _at, ...status } = response.json();
    // An object without timestamps is reported under the time of the request: a clock, not an answer.
    for (const entry of [...(status.successes ?? []), ...(status.failures ?? [])])
      if (post.object >= 2) entry.version = "now";
    return { code: response.statusCode, status };
  }
  try {
    const report = await person.client.call("importStixBundle", {
      query: { collection },
      body: { type: "bundle", id: `bundle--${uuid(99)}`, objects: [object] },
    });
    const { dateAddedFirst: _first, dateAddedLast: _last, ...rest } = report;
    return { code: 200, report: rest };
  } catch (error) {
    if (error instanceof ApiError) return { code: error.status, detail: error.problem.detail };
    throw error;
  }
}

async function run(world: World, posts: readonly Post[]): Promise<unknown[]> {
  await server.db.execute(sql`delete from stix_objects`);
  await applyMembership(server, population, world);
  const answers: unknown[] = [];
  for (const post of posts) {
    answers.push(await send(post));
    server.advance(1);
  }
  return answers;
}

interface Held extends StixVersionFacts {
  readonly version: string;
  readonly org: number;
}

async function held(): Promise<Held[]> {
  return rowsOf<{
    c: string;
    o: string;
    tlp: Held["tlp"];
    id: string;
    v: string;
    d: string;
    s: string;
    x: number;
  }>(
    await server.db.execute(sql`select collection_id as c, owner_organisation_id as o, tlp, stix_id as id,
      to_char(version at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as v,
      to_char(date_added at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as d, source as s,
      (object->>'x_org')::int as x from stix_objects`),
  ).map((r) => ({
    collectionId: r.c,
    ownerOrganisationId: r.o,
    tlp: r.tlp,
    stixId: r.id,
    version: r.v,
    dateAdded: r.d,
    source: r.s,
    org: Number(r.x),
  }));
}

async function get(auth: string, url: string) {
  const response = await server.inject({
    method: "GET",
    url,
    headers: { authorization: auth, accept: MEDIA },
  });
  return { status: response.statusCode, json: JSON.parse(response.body) };
}
const sorted = (values: Iterable<string>) => [...values].sort();

async function expectServed(viewer: SharingViewer, person: (typeof people)[number], rows: Held[]) {
  for (const collection of viewer.communityIds) {
    const served = servedStixVersions(viewer, rows).filter((row) => row.collectionId === collection);
    const base = `/taxii2/api/collections/${collection}/`;
    const objects = await get(person.basic, `${base}objects/?match[version]=all`);
    expect(
      sorted((objects.json.objects ?? []).map((o: { id: string; x_org: number }) => `${o.id} ${o.x_org}`)),
    ).toEqual(sorted(served.map((row) => `${row.stixId} ${row.org}`)));
    const manifest = await get(person.basic, `${base}manifest/?match[version]=all`);
    expect(
      sorted(
        (manifest.json.objects ?? []).map((o: { id: string; version: string }) => `${o.id} ${o.version}`),
      ),
    ).toEqual(sorted(served.map((row) => `${row.stixId} ${row.version}`)));
    const browsed = await person.client.call("listStixCollectionObjects", {
      params: { id: collection },
      query: { limit: 100 } as never,
    });
    const latest = new Map<string, Held>();
    for (const row of served) {
      const before = latest.get(row.stixId);
      if (!before || row.version > before.version) latest.set(row.stixId, row);
    }
    expect(sorted(browsed.items.map((item) => `${item.stixId} ${item.version}`))).toEqual(
      sorted([...latest.values()].map((row) => `${row.stixId} ${row.version}`)),
    );
    for (let n = 0; n < OBJECTS; n++) {
      const mine = served.filter((row) => row.stixId === stixId(n));
      const versions = await get(person.basic, `${base}objects/${stixId(n)}/versions/`);
      const last = await get(person.basic, `${base}objects/${stixId(n)}/`);
      if (mine.length === 0) {
        expect([versions.status, last.status]).toEqual([404, 404]);
        continue;
      }
      // One lineage: one organisation's versions only.
      expect(new Set(mine.map((row) => row.org)).size).toBe(1);
      expect(sorted(versions.json.versions)).toEqual(sorted(mine.map((row) => row.version)));
      expect(last.json.objects.map((o: { x_org: number }) => o.x_org)).toEqual([mine[0]?.org]);
      const detail = await person.client.call("getStixCollectionObject", {
        params: { id: collection, stixId: stixId(n) },
      });
      expect((detail.object as { x_org: number }).x_org).toBe(mine[0]?.org);
    }
  }
}

describe("STIX objects have owners", () => {
  it("serves one owner's lineage per object, and tells each poster the same whatever others hold", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        const answers = await run(world, world.posts);
        const rows = await held();
        // Every version is held as its poster's organisation's.
        for (const row of rows) expect(population.organisations[row.org]).toBe(row.ownerOrganisationId);
        for (const [i, person] of people.entries())
          await expectServed(viewerIn(population, world, i), person, rows);
        // Each organisation's posts alone get the answers they got among everyone's.
        for (let organisation = 0; organisation < SIZES.organisations; organisation++) {
          const own = world.posts
            .map((post, i) => ({ post, answer: answers[i] }))
            .filter(({ post }) => at(people, post.person).organisation === organisation);
          if (own.length === world.posts.length || own.length === 0) continue;
          const alone = await run(
            world,
            own.map(({ post }) => post),
          );
          expect(alone).toEqual(own.map(({ answer }) => answer));
        }
      }),
      { numRuns: 10 },
    );
  }, 600_000);
});
