// Random incidents for the property tests of incidents (the routes, the log): each one filed by one
// of a random world's people under a random marking and audience, written straight into the
// database, with the facts core's rule (incidentAbilities) decides on.
import { type IncidentFacts, TLP_MARKINGS } from "@bulwark/core";
import { insertIncident } from "@bulwark/db";
import fc from "fast-check";
import { at, type Population, pick, type Sizes, subset } from "../sharing/random-world.test-support.ts";
import type { TestServer } from "../testing.ts";

/** An incident of a world of `sizes`: who files it, its marking, and whom it is addressed to. */
export const arbIncident = (sizes: Sizes) => ({
  filer: pick(sizes.people),
  tlp: fc.constantFrom(...TLP_MARKINGS),
  communities: subset(sizes.communities),
  organisations: subset(sizes.organisations),
  people: subset(sizes.people),
});

export type RandomIncident = {
  [K in keyof ReturnType<typeof arbIncident>]: ReturnType<typeof arbIncident>[K] extends fc.Arbitrary<infer T>
    ? T
    : never;
};

/** Files `incident` as its filer would (state reported), titled by `n`; its id and its facts. */
export async function insertRandomIncident(
  server: TestServer,
  population: Population,
  incident: RandomIncident,
  n: number,
  now: Date,
): Promise<{ id: string; facts: IncidentFacts }> {
  const filer = at(population.people, incident.filer);
  const audience = {
    communityIds: incident.communities.map((c) => at(population.communities, c)),
    organisationIds: incident.organisations.map((o) => at(population.organisations, o)),
    userIds: incident.people.map((p) => at(population.people, p).id),
  };
  const id = await insertIncident(server.db, {
    title: `Incident ${n}`,
    description: "",
    type: "other",
    regime: "national-default",
    tlp: incident.tlp,
    startedAt: now,
    awareAt: now,
    suspectedCause: "unknown",
    threatFamily: null,
    causeDetails: "",
    servicesAffected: [],
    peopleAffected: null,
    effectsAbroad: [],
    effectsAbroadDetails: "",
    filerId: filer.id,
    filerOrganisationId: filer.organisationId,
    audience,
    assets: [],
    now,
  });
  return {
    id,
    facts: {
      filerId: filer.id,
      filerOrganisationId: filer.organisationId,
      tlp: incident.tlp,
      audience,
      state: "reported",
      noticeOrganisationIds: [filer.organisationId],
    },
  };
}
