import {
  itemStixId,
  type SharedItemFacts,
  type SharingViewer,
  type StixObject,
  sharingAbilities,
  TLP_MARKINGS,
} from "@bulwark/core";
import { insertSharedItem, replaceAuthorAudience, updateSharedItem } from "@bulwark/db";
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

const ORGANISATIONS = 3;
const PEOPLE = 6;
const COMMUNITIES = 2;

const SIZES = { organisations: ORGANISATIONS, communities: COMMUNITIES, people: PEOPLE };

let server: TestServer;
let population: Population;
let organisations: string[] = [];
let communities: string[] = [];
let people: SignedIn[] = [];

beforeAll(async () => {
  ({ server, population, people } = await startRandomWorld(SIZES, { sectors: ["health"] }));
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
      // A withdrawn item may have been published first, or withdrawn as a draft.
      wasPublished: fc.boolean(),
      type: fc.constantFrom("alert", "report", "incident-notice", "indicator"),
      tlp: fc.constantFrom(...TLP_MARKINGS),
      communities: subset(COMMUNITIES),
      organisations: subset(ORGANISATIONS),
      people: subset(PEOPLE),
    }),
    { minLength: 3, maxLength: 10 },
  ),
});
type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;
type Built = { id: string; stixId: string; facts: SharedItemFacts; sentOut: boolean };

async function build(world: World): Promise<Built[]> {
  await server.db.execute(sql`delete from shared_items`);
  const now = server.context.clock();
  await applyMembership(server, population, world);
  const built: Built[] = [];
  for (const [n, item] of world.items.entries()) {
    const author = at(people, item.author);
    const audience = {
      communityIds: item.communities.map((c) => at(communities, c)),
      organisationIds: item.organisations.map((o) => at(organisations, o)),
      userIds: item.people.map((p) => at(people, p).id),
    };
    const id = await insertSharedItem(server.db, {
      type: item.type,
      title: `Item ${n}`,
      publicTitle: `Item ${n}`,
      body: "Text",
      publicBody: "Text",
      personalDataRoles: [],
      sectors: ["health"],
      assetIds: [],
      tlp: item.tlp,
      revealAudience: false,
      authorId: author.id,
      authorOrganisationId: author.organisationId,
      now,
    });
    await replaceAuthorAudience(server.db, id, audience);
    const approverId = item.approver === null ? null : at(people, item.approver).id;
    const sentOut = item.status === "published" || (item.status === "withdrawn" && item.wasPublished);
    await updateSharedItem(server.db, id, {
      status: item.status,
      approverId,
      ...(sentOut ? { publishedAt: now } : {}),
      now,
    });
    built.push({
      id,
      stixId: itemStixId({ id, type: item.type }),
      sentOut,
      facts: {
        authorId: author.id,
        authorOrganisationId: author.organisationId,
        approverId,
        status: item.status,
        tlp: item.tlp,
        audience,
        revealAudience: false,
      },
    });
  }
  return built;
}

const viewerOf = (world: World, i: number): SharingViewer => viewerIn(population, world, i);

const exportedIds = (file: { bytes: Uint8Array }): string[] => {
  const bundle: { objects?: StixObject[] } = JSON.parse(new TextDecoder().decode(file.bytes));
  return (bundle.objects ?? [])
    .filter((o) => o.type === "report" || o.type === "incident")
    .map((o) => o.id)
    .sort();
};

describe("STIX export shows what the TLP rule allows, and nothing else", () => {
  it("agrees with sharingAbilities for every person, item and export route", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        const items = await build(world);
        for (const [i, person] of people.entries()) {
          const viewer = viewerOf(world, i);
          const allowed = items.filter((item) => sharingAbilities(viewer, item.facts).maySee);
          const expected = allowed
            .filter((item) => item.sentOut)
            .map((item) => item.stixId)
            .sort();
          const client = person.client;
          expect(exportedIds(await client.call("exportSharingStix", { body: { filter: {} } }))).toEqual(
            expected,
          );
          const ids = items.map((item) => item.id);
          expect(exportedIds(await client.call("exportSharingStix", { body: { ids } }))).toEqual(expected);
          for (const item of items) {
            const status = await statusOf(client.call("exportSharedItemStix", { params: { id: item.id } }));
            expect(status).toBe(allowed.includes(item) ? (item.sentOut ? 200 : 409) : 404);
          }
        }
      }),
      { numRuns: 8 },
    );
  }, 180_000);
});
