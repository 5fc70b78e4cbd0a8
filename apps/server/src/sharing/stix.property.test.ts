// Property: whatever the organisations, communities, roles, items and markings, STIX export shows
// exactly the items core's TLP rule (sharingAbilities) lets a person see, among those sent out
// (published or withdrawn after publication): by the feed's filters, by naming every id, and one at
// a time (404 for the others, 409 for drafts one may see). Random worlds go straight into the
// database; the API is read as each person through the typed client.
import type { Client } from "@bulwark/contracts";
import {
  itemStixId,
  ROLES,
  type Role,
  type SharedItemFacts,
  type SharingViewer,
  type StixObject,
  sharingAbilities,
  TLP_MARKINGS,
} from "@bulwark/core";
import {
  insertCommunity,
  insertOrganisation,
  insertSharedItem,
  insertUser,
  replaceAuthorAudience,
  setCommunityOrganisations,
  updateSharedItem,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

const ORGANISATIONS = 3;
const PEOPLE = 6;
const COMMUNITIES = 2;

let server: TestServer;
const organisations: string[] = [];
const communities: string[] = [];
const people: { id: string; organisationId: string; client: Client }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  for (let i = 0; i < ORGANISATIONS; i++)
    organisations.push(
      await insertOrganisation(
        server.db,
        { name: `Random ${i}`, kind: "private-operator", country: "XM", sectors: ["health"] },
        now,
      ),
    );
  for (let i = 0; i < COMMUNITIES; i++)
    communities.push(await insertCommunity(server.db, { name: `Circle ${i}`, description: "" }, now));
  for (let i = 0; i < PEOPLE; i++) {
    const organisationId = organisations[i % ORGANISATIONS] ?? "";
    const email = `person${i}@random.example`;
    const id = await insertUser(
      server.db,
      { email, name: `Person ${i}`, organisationId, roles: ["member"], passwordHash },
      now,
    );
    people.push({ id, organisationId, client: await server.client(email) });
  }
});
afterAll(() => server.close());

const pick = (n: number) => fc.nat({ max: n - 1 });
const subset = (n: number) => fc.uniqueArray(pick(n), { maxLength: n });

const arbWorld = fc.record({
  roles: fc.array(fc.subarray([...ROLES], { minLength: 1, maxLength: 2 }), {
    minLength: PEOPLE,
    maxLength: PEOPLE,
  }),
  memberships: fc.array(subset(ORGANISATIONS), { minLength: COMMUNITIES, maxLength: COMMUNITIES }),
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

const at = <T>(list: readonly T[], index: number): T => {
  const value = list[index];
  if (value === undefined) throw new Error(`No element ${index}.`);
  return value;
};

async function build(world: World): Promise<Built[]> {
  await server.db.execute(sql`delete from shared_items`);
  const now = server.context.clock();
  for (const [i, person] of people.entries())
    await server.db.execute(
      sql`update users set roles = ${`{${at(world.roles, i).join(",")}}`}::text[] where id = ${person.id}`,
    );
  for (const [i, community] of communities.entries())
    await setCommunityOrganisations(
      server.db,
      community,
      at(world.memberships, i).map((o) => at(organisations, o)),
    );
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

const viewerOf = (world: World, i: number): SharingViewer => {
  const person = at(people, i);
  const organisation = organisations.indexOf(person.organisationId);
  return {
    userId: person.id,
    organisationId: person.organisationId,
    roles: at(world.roles, i) as Role[],
    communityIds: communities.filter((_, c) => at(world.memberships, c).includes(organisation)),
  };
};

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
