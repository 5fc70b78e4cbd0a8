// Property: whatever the organisations, communities, roles, incidents and log entries (markings,
// authors, the people a RED entry names), GET /api/incidents/{id}/log lists for each person exactly
// the entries core's logEntryVisible allows (with the same total), and 404 where incidentAbilities
// hides the incident. The SQL twin (visibleLogEntries) and the rule are one rule.
import {
  type IncidentFacts,
  incidentAbilities,
  type LogEntryFacts,
  logEntryVisible,
  TLP_MARKINGS,
} from "@bulwark/core";
import { insertLogEntry } from "@bulwark/db";
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
  subset,
  viewerIn,
} from "../sharing/random-world.test-support.ts";
import { statusOf, type TestServer } from "../testing.ts";
import { arbIncident, insertRandomIncident } from "./random-incidents.test-support.ts";

const SIZES = { organisations: 3, communities: 2, people: 6 };

let server: TestServer;
let population: Population;
let people: SignedIn[] = [];

beforeAll(async () => {
  ({ server, population, people } = await startRandomWorld(SIZES, { emailPrefix: "board" }));
}, 120_000);
afterAll(() => server.close());

const arbEntry = fc.record({
  author: pick(SIZES.people),
  tlp: fc.constantFrom(...TLP_MARKINGS),
  recipients: subset(SIZES.people),
});

const arbWorld = fc.record({
  ...arbMembership(SIZES),
  incidents: fc.array(
    fc.record({
      ...arbIncident(SIZES),
      entries: fc.array(arbEntry, { minLength: 1, maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});
type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;

// Entries are append-only, so each run writes new incidents and checks those alone.
async function build(world: World) {
  await applyMembership(server, population, world);
  const now = server.context.clock();
  const built: { id: string; facts: IncidentFacts; entries: { id: string; facts: LogEntryFacts }[] }[] = [];
  for (const [n, incident] of world.incidents.entries()) {
    const { id, facts: incidentFacts } = await insertRandomIncident(server, population, incident, n, now);
    const entries: { id: string; facts: LogEntryFacts }[] = [];
    for (const entry of incident.entries) {
      const author = at(population.people, entry.author);
      const facts: LogEntryFacts = {
        authorId: author.id,
        authorOrganisationId: author.organisationId,
        tlp: entry.tlp,
        recipientIds: entry.tlp === "red" ? entry.recipients.map((p) => at(population.people, p).id) : [],
      };
      const entryId = await insertLogEntry(server.db, {
        incidentId: id,
        authorId: facts.authorId,
        authorOrganisationId: facts.authorOrganisationId,
        text: "entry",
        significant: false,
        tlp: facts.tlp,
        recipientIds: facts.recipientIds,
        now,
      });
      entries.push({ id: entryId, facts });
    }
    built.push({ id, entries, facts: incidentFacts });
  }
  return built;
}

describe("the activity log shows what the TLP rule allows, and nothing else", () => {
  it("agrees with logEntryVisible for every person, incident and entry", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        const built = await build(world);
        for (const [i, person] of people.entries()) {
          const viewer = { ...viewerIn(population, world, i), organisationKind: "private-operator" as const };
          for (const incident of built) {
            const abilities = incidentAbilities(viewer, incident.facts);
            const params = { params: { id: incident.id }, query: { limit: 500 } };
            if (!abilities.maySee) {
              expect(await statusOf(person.client.call("listIncidentLog", params))).toBe(404);
              continue;
            }
            const allowed = incident.entries
              .filter((entry) => logEntryVisible(viewer, abilities, entry.facts))
              .map((entry) => entry.id);
            const page = await person.client.call("listIncidentLog", params);
            expect(page.items.map((item) => item.id).sort()).toEqual([...allowed].sort());
            expect(page.total).toBe(allowed.length);
          }
        }
      }),
      { numRuns: 4 },
    );
  }, 600_000);
});
