// Property: whatever the organisations, communities, roles, incidents, markings and audiences, no
// incident route lets anyone see an incident that core's rule (incidentAbilities, the TLP rule of
// shared items) denies, and every incident it allows is reachable: the list, the incident, its
// projection, recovery and STIX export. Random worlds are written straight into the database and
// read as each person through the typed client (as sharing.property.test.ts does for items).
import { type IncidentFacts, incidentAbilities } from "@bulwark/core";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMembership,
  arbMembership,
  type Population,
  type SignedIn,
  startRandomWorld,
  viewerIn,
} from "../sharing/random-world.test-support.ts";
import { statusOf, type TestServer } from "../testing.ts";
import { arbIncident, insertRandomIncident } from "./random-incidents.test-support.ts";

const SIZES = { organisations: 3, communities: 2, people: 6 };

let server: TestServer;
let population: Population;
let people: SignedIn[] = [];

beforeAll(async () => {
  ({ server, population, people } = await startRandomWorld(SIZES, { emailPrefix: "incident" }));
}, 120_000);
afterAll(() => server.close());

const arbWorld = fc.record({
  ...arbMembership(SIZES),
  incidents: fc.array(fc.record(arbIncident(SIZES)), { minLength: 2, maxLength: 6 }),
});
type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;

async function build(world: World) {
  await server.db.execute(sql`delete from incidents`);
  await applyMembership(server, population, world);
  const now = server.context.clock();
  const built: { id: string; facts: IncidentFacts }[] = [];
  for (const [n, incident] of world.incidents.entries())
    built.push(await insertRandomIncident(server, population, incident, n, now));
  return built;
}

describe("no incident route shows what the TLP rule denies", () => {
  it("agrees with incidentAbilities for every person, incident and route", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        const built = await build(world);
        for (const [i, person] of people.entries()) {
          const viewer = { ...viewerIn(population, world, i), organisationKind: "private-operator" as const };
          const allowed = built.filter((b) => incidentAbilities(viewer, b.facts).maySee).map((b) => b.id);
          const list = await person.client.call("listIncidents");
          expect(list.items.map((item) => item.id).sort()).toEqual([...allowed].sort());
          expect(list.total).toBe(allowed.length);
          for (const { id } of built) {
            const expected = allowed.includes(id) ? 200 : 404;
            const params = { params: { id } };
            expect(await statusOf(person.client.call("getIncident", params))).toBe(expected);
            expect(await statusOf(person.client.call("incidentProjection", params))).toBe(expected);
            expect(await statusOf(person.client.call("incidentRecovery", params))).toBe(expected);
            expect(await statusOf(person.client.call("exportIncidentStix", params))).toBe(expected);
          }
        }
      }),
      { numRuns: 4 },
    );
  }, 600_000);
});
