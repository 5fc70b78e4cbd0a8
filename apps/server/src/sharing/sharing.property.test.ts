// Property: whatever the organisations, communities, roles, items and markings, no route of the
// API lets anyone see an item that core's TLP rule (sharingAbilities) denies, and every item it
// allows is reachable. Random worlds are written straight into the database; the API is read as
// each person through the typed client (feed, search, counts, get, acknowledgements, attachments),
// through the CAP 1.2 route as each person and as someone not signed in, and through the TAXII
// collections the items are put in.
import { ApiError } from "@bulwark/contracts";
import {
  isPublicItem,
  itemStixId,
  type SharedItemFacts,
  type SharingViewer,
  sharingAbilities,
  TLP_MARKINGS,
} from "@bulwark/core";
import { insertAttachment, insertSharedItem, replaceAuthorAudience, updateSharedItem } from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusOf, type TestServer } from "../testing.ts";
import {
  applyMembership,
  arbMembership,
  at,
  type Population,
  pick,
  type SignedIn,
  startRandomWorld,
  subset,
  viewerIn,
} from "./random-world.test-support.ts";
import { mirrorSharedItem } from "./stix-mirror.ts";

const ORGANISATIONS = 4;
const PEOPLE = 8;
const COMMUNITIES = 3;
const TOKEN = "quokka"; // in every title, to search for

const SIZES = { organisations: ORGANISATIONS, communities: COMMUNITIES, people: PEOPLE };
const TAXII = "application/taxii+json;version=2.1";

let server: TestServer;
let population: Population;
let organisations: string[] = [];
let communities: string[] = [];
let people: SignedIn[] = [];

beforeAll(async () => {
  ({ server, population, people } = await startRandomWorld(SIZES));
  ({ organisations, communities } = population);
});
afterAll(() => server.close());

const arbWorld = fc.record({
  ...arbMembership(SIZES),
  items: fc.array(
    fc.record({
      author: pick(PEOPLE),
      approver: fc.option(pick(PEOPLE), { nil: null }),
      status: fc.constantFrom("draft", "awaiting-approval", "published", "withdrawn"),
      tlp: fc.constantFrom(...TLP_MARKINGS),
      communities: subset(COMMUNITIES),
      organisations: subset(ORGANISATIONS),
      people: subset(PEOPLE),
      revealAudience: fc.boolean(),
    }),
    { minLength: 4, maxLength: 12 },
  ),
});
type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;

/** Write the world into the database; answer each item's id with its facts. */
async function build(world: World): Promise<{ id: string; attachmentId: string; facts: SharedItemFacts }[]> {
  await server.db.execute(sql`delete from stix_objects`);
  await server.db.execute(sql`delete from shared_items`);
  const now = server.context.clock();
  await applyMembership(server, population, world);
  const built: { id: string; attachmentId: string; facts: SharedItemFacts }[] = [];
  for (const [n, item] of world.items.entries()) {
    const author = at(people, item.author);
    const audience = {
      communityIds: item.communities.map((c) => at(communities, c)),
      organisationIds: item.organisations.map((o) => at(organisations, o)),
      userIds: item.people.map((p) => at(people, p).id),
    };
    const id = await insertSharedItem(server.db, {
      type: "alert",
      title: `Item ${n} ${TOKEN}`,
      publicTitle: `Item ${n} ${TOKEN}`,
      body: "",
      publicBody: "",
      personalDataRoles: [],
      sectors: [],
      assetIds: [],
      tlp: item.tlp,
      revealAudience: item.revealAudience,
      authorId: author.id,
      authorOrganisationId: author.organisationId,
      now,
    });
    await replaceAuthorAudience(server.db, id, audience);
    const attachmentId = await insertAttachment(server.db, {
      itemId: id,
      filename: `item-${n}.txt`,
      mediaType: "text/plain",
      sha256: "-",
      content: new TextEncoder().encode(`item ${n}`),
      personal: false,
      addedBy: author.id,
      now,
    });
    const approverId = item.approver === null ? null : at(people, item.approver).id;
    const out = item.status === "published" || item.status === "withdrawn";
    await updateSharedItem(server.db, id, {
      status: item.status,
      approverId,
      ...(out ? { capMessage: true as const, publishedAt: now } : {}),
      now,
    });
    // As publishing does: the item's objects into its communities' TAXII collections.
    await server.db.transaction((tx) => mirrorSharedItem(tx, id, now));
    built.push({
      id,
      attachmentId,
      facts: {
        authorId: author.id,
        authorOrganisationId: author.organisationId,
        approverId,
        status: item.status,
        tlp: item.tlp,
        audience,
        revealAudience: item.revealAudience,
      },
    });
  }
  return built;
}

const viewerOf = (world: World, i: number): SharingViewer => viewerIn(population, world, i);

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe("no route shows what the TLP rule denies", () => {
  it("agrees with sharingAbilities for every person, item and route", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        const items = await build(world);
        const capStatus = async (id: string, cookie?: string) =>
          (
            await server.inject({
              method: "GET",
              url: `/api/cap/alerts/${id}.xml`,
              headers: cookie ? { cookie } : {},
            })
          ).statusCode;
        for (const item of items) expect(await capStatus(item.id)).toBe(isPublicItem(item.facts) ? 200 : 404);
        for (const [i, person] of people.entries()) {
          const viewer = viewerOf(world, i);
          const allowed = items.filter((item) => sharingAbilities(viewer, item.facts).maySee);
          const circulating = allowed.filter((item) =>
            ["published", "withdrawn"].includes(item.facts.status),
          );
          const client = person.client;

          const feed = await client.call("listSharedItems", { query: { limit: 200 } });
          expect(sorted(feed.items.map((item) => item.id))).toEqual(
            sorted(circulating.map((item) => item.id)),
          );
          expect(feed.total).toBe(circulating.length);
          const byTlp = Object.values(feed.counts.tlp).reduce((sum, n) => sum + n, 0);
          expect(byTlp).toBe(circulating.length);

          const search = await client.call("listSharedItems", { query: { q: TOKEN, limit: 200 } });
          expect(search.total).toBe(circulating.length);

          for (const status of ["draft", "awaiting-approval"] as const) {
            const queue = await client.call("listSharedItems", { query: { status, limit: 200 } });
            const expected = allowed.filter((item) => item.facts.status === status);
            expect(sorted(queue.items.map((item) => item.id))).toEqual(
              sorted(expected.map((item) => item.id)),
            );
          }

          // TAXII: the items' objects in the collections of the person's communities are exactly
          // those of the CLEAR, GREEN and AMBER items sent out to one of those communities, all of
          // which the rule lets them see.
          const taxii = new Set<string>();
          for (const community of viewer.communityIds) {
            const answer = await server.inject({
              method: "GET",
              url: `/taxii2/api/collections/${community}/objects/?match[type]=report&limit=1000`,
              headers: { authorization: person.basic, accept: TAXII },
            });
            expect(answer.statusCode).toBe(200);
            for (const object of (answer.json() as { objects?: { id: string }[] }).objects ?? [])
              taxii.add(object.id);
          }
          const mirrored = circulating.filter(
            (item) =>
              ["clear", "green", "amber"].includes(item.facts.tlp) &&
              item.facts.audience.communityIds.some((c) => viewer.communityIds.includes(c)),
          );
          expect(sorted(taxii)).toEqual(
            sorted(mirrored.map((item) => itemStixId({ id: item.id, type: "alert" }))),
          );

          for (const item of items) {
            const may = allowed.includes(item);
            expect(await statusOf(client.call("getSharedItem", { params: { id: item.id } }))).toBe(
              may ? 200 : 404,
            );
            const acknowledgements = await statusOf(
              client.call("listAcknowledgements", { params: { id: item.id } }),
            );
            expect(await capStatus(item.id, person.cookie)).toBe(circulating.includes(item) ? 200 : 404);
            if (!may) expect(acknowledgements).toBe(404);
            else expect(acknowledgements).toBe(circulating.includes(item) ? 200 : 403);
            const files = await client
              .call("listAttachments", { params: { id: item.id } })
              .then((list) => list.items.map((file) => file.id))
              .catch((error: unknown) => (error instanceof ApiError ? error.status : error));
            expect(files).toEqual(may ? [item.attachmentId] : 404);
            const params = { id: item.id, attachmentId: item.attachmentId };
            expect(await statusOf(client.call("downloadAttachment", { params }))).toBe(may ? 200 : 404);
          }
        }
      }),
      { numRuns: 10 },
    );
    // Ten worlds, each read by every person on every route: a minute or two on a busy two-core machine.
  }, 300_000);
});
