// Property: whatever the organisations, communities, roles, needs, offers, markings and audiences,
// no assistance route shows a need or an offer that core's rule (needAbilities, offerAbilities: the
// TLP rule of shared items) denies, and every one it allows is reachable: the lists and their
// totals, the need or offer itself, and its matches. Random worlds are written straight into the
// database and read as each person through the typed client (as incidents.property.test.ts does).
import { type MarkedFacts, needAbilities, offerAbilities, TLP_MARKINGS } from "@bulwark/core";
import { insertNeed, insertOffer } from "@bulwark/db";
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
  subset,
  viewerIn,
} from "../sharing/random-world.test-support.ts";
import { statusOf, type TestServer } from "../testing.ts";

const SIZES = { organisations: 3, communities: 2, people: 6 };

let server: TestServer;
let population: Population;
let people: SignedIn[] = [];

beforeAll(async () => {
  ({ server, population, people } = await startRandomWorld(SIZES, { emailPrefix: "assistance" }));
}, 120_000);
afterAll(() => server.close());

const arbMarked = fc.record({
  recorder: pick(SIZES.people),
  tlp: fc.constantFrom(...TLP_MARKINGS),
  communities: subset(SIZES.communities),
  organisations: subset(SIZES.organisations),
  people: subset(SIZES.people),
});
const arbWorld = fc.record({
  ...arbMembership(SIZES),
  needs: fc.array(arbMarked, { minLength: 1, maxLength: 4 }),
  offers: fc.array(arbMarked, { minLength: 1, maxLength: 4 }),
});
type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;
type Marked = World["needs"][number];

const factsOf = (item: Marked): MarkedFacts => {
  const recorder = at(population.people, item.recorder);
  return {
    recorderId: recorder.id,
    organisationId: recorder.organisationId,
    tlp: item.tlp,
    audience: {
      communityIds: item.communities.map((c) => at(population.communities, c)),
      organisationIds: item.organisations.map((o) => at(population.organisations, o)),
      userIds: item.people.map((p) => at(population.people, p).id),
    },
  };
};

async function build(world: World) {
  await server.db.execute(sql`delete from assistance_engagements`);
  await server.db.execute(sql`delete from assistance_needs`);
  await server.db.execute(sql`delete from assistance_offers`);
  await applyMembership(server, population, world);
  const now = server.context.clock();
  const needs: { id: string; facts: MarkedFacts }[] = [];
  for (const [n, item] of world.needs.entries()) {
    const facts = factsOf(item);
    const id = await insertNeed(server.db, {
      title: `Need ${n}`,
      description: "",
      theme: "cyber",
      sectors: [],
      section: null,
      urgency: "medium",
      languages: [],
      modality: "training",
      neededBy: null,
      tlp: item.tlp,
      organisationId: facts.organisationId,
      recorderId: facts.recorderId,
      audience: facts.audience,
      sourceRunId: null,
      sourceQuestionId: null,
      sourceActionId: null,
      now,
    });
    needs.push({ id, facts });
  }
  const offers: { id: string; facts: MarkedFacts }[] = [];
  for (const [n, item] of world.offers.entries()) {
    const facts = factsOf(item);
    const id = await insertOffer(server.db, {
      title: `Offer ${n}`,
      description: "",
      themes: ["cyber"],
      sectors: [],
      regions: ["global"],
      languages: ["en"],
      modalities: ["training"],
      capacity: null,
      availableFrom: null,
      availableUntil: null,
      tlp: item.tlp,
      organisationId: facts.organisationId,
      recorderId: facts.recorderId,
      audience: facts.audience,
      now,
    });
    offers.push({ id, facts });
  }
  return { needs, offers };
}

describe("no assistance route shows what the TLP rule denies", () => {
  it("agrees with needAbilities and offerAbilities for every person, need, offer and route", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        const built = await build(world);
        for (const [i, person] of people.entries()) {
          const viewer = { ...viewerIn(population, world, i), organisationKind: "private-operator" as const };
          const needsSeen = built.needs
            .filter((b) => needAbilities(viewer, { ...b.facts, status: "open" }).maySee)
            .map((b) => b.id);
          const offersSeen = built.offers
            .filter((b) => offerAbilities(viewer, { ...b.facts, status: "open" }).maySee)
            .map((b) => b.id);
          const needs = await person.client.call("listAssistanceNeeds", {});
          expect(needs.items.map((item) => item.id).sort()).toEqual([...needsSeen].sort());
          expect(needs.total).toBe(needsSeen.length);
          const offers = await person.client.call("listAssistanceOffers", {});
          expect(offers.items.map((item) => item.id).sort()).toEqual([...offersSeen].sort());
          expect(offers.total).toBe(offersSeen.length);
          for (const { id, facts } of built.needs) {
            const expected = needsSeen.includes(id) ? 200 : 404;
            expect(await statusOf(person.client.call("getAssistanceNeed", { params: { id } }))).toBe(
              expected,
            );
            if (expected === 404) continue;
            // Matches name only offers the person may see (never the need's own organisation's).
            const matches = await person.client.call("listAssistanceMatches", { query: { need: id } });
            const expectedOffers = built.offers
              .filter((o) => offersSeen.includes(o.id) && o.facts.organisationId !== facts.organisationId)
              .map((o) => o.id);
            expect(matches.items.map((m) => m.offer.id).sort()).toEqual(expectedOffers.sort());
          }
          for (const { id } of built.offers) {
            const expected = offersSeen.includes(id) ? 200 : 404;
            expect(await statusOf(person.client.call("getAssistanceOffer", { params: { id } }))).toBe(
              expected,
            );
          }
        }
      }),
      { numRuns: 4 },
    );
  }, 600_000);
});
