// Property: the hub's batched question for shared items (sharingTopic: the group's communities read
// from the database, then one query for every person of the group and every item) answers exactly
// the pairs core's TLP rule (sharingAbilities(...).maySee) allows, whatever the organisations,
// communities, roles, items, markings, statuses and audiences.
import { type SharedItemFacts, sharingAbilities, TLP_MARKINGS } from "@bulwark/core";
import { insertSharedItem, replaceAuthorAudience, updateSharedItem } from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMembership,
  arbMembership,
  at,
  type Population,
  pick,
  seedPopulation,
  subset,
  viewerIn,
} from "../sharing/random-world.test-support.ts";
import { sharingTopic } from "../sharing/sharing.live.ts";
import { startTestServer, type TestServer } from "../testing.ts";

const SIZES = { organisations: 3, communities: 3, people: 9 };

let server: TestServer;
let population: Population;

beforeAll(async () => {
  server = await startTestServer();
  population = await seedPopulation(server, SIZES, { emailPrefix: "live" });
});
afterAll(() => server.close());

const arbWorld = fc.record({
  ...arbMembership(SIZES),
  items: fc.array(
    fc.record({
      author: pick(SIZES.people),
      approver: fc.option(pick(SIZES.people), { nil: null }),
      status: fc.constantFrom("draft", "awaiting-approval", "published", "withdrawn"),
      tlp: fc.constantFrom(...TLP_MARKINGS),
      communities: subset(SIZES.communities),
      organisations: subset(SIZES.organisations),
      people: subset(SIZES.people),
    }),
    { minLength: 3, maxLength: 8 },
  ),
});

describe("the shared-item topic's batched question", () => {
  it("answers for each scope group exactly what sharingAbilities allows", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        await server.db.execute(sql`delete from stix_objects`);
        await server.db.execute(sql`delete from shared_items`);
        await applyMembership(server, population, world);
        const now = server.context.clock();
        const items: { id: string; facts: SharedItemFacts }[] = [];
        for (const [n, item] of world.items.entries()) {
          const author = at(population.people, item.author);
          const audience = {
            communityIds: item.communities.map((c) => at(population.communities, c)),
            organisationIds: item.organisations.map((o) => at(population.organisations, o)),
            userIds: item.people.map((p) => at(population.people, p).id),
          };
          const id = await insertSharedItem(server.db, {
            type: "report",
            title: `Item ${n}`,
            publicTitle: `Item ${n}`,
            body: "",
            publicBody: "",
            personalDataRoles: [],
            sectors: [],
            assetIds: [],
            tlp: item.tlp,
            revealAudience: false,
            authorId: author.id,
            authorOrganisationId: author.organisationId,
            now,
          });
          await replaceAuthorAudience(server.db, id, audience, { fresh: true });
          const approverId = item.approver === null ? null : at(population.people, item.approver).id;
          await updateSharedItem(server.db, id, { status: item.status, approverId, now });
          items.push({
            id,
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
        // The people grouped as the hub groups streams: organisation and roles.
        const groups = new Map<string, number[]>();
        for (const [i, person] of population.people.entries()) {
          const key = `${person.organisationId}|${[...at(world.roles, i)].sort().join(",")}`;
          groups.set(key, [...(groups.get(key) ?? []), i]);
        }
        const ids = items.map((item) => item.id);
        for (const members of groups.values()) {
          const first = at(population.people, at(members, 0));
          const group = {
            organisationId: first.organisationId,
            organisationKind: "private-operator" as const,
            roles: at(world.roles, at(members, 0)),
          };
          const { version, scope } = await sharingTopic.scope(server.db, group);
          const userIds = members.map((i) => at(population.people, i).id);
          const answer = await sharingTopic.seen(server.db, scope, group, userIds, ids);
          expect(answer.version).toBe(version);
          const expected = members.flatMap((i) =>
            items
              .filter((item) => sharingAbilities(viewerIn(population, world, i), item.facts).maySee)
              .map((item) => `${at(population.people, i).id} ${item.id}`),
          );
          expect(answer.seen.map(([userId, id]) => `${userId} ${id}`).sort()).toEqual(expected.sort());
        }
      }),
      { numRuns: 25 },
    );
  });
});
