// The sitrep schedule: when the next report is due, which reminder is due, and who sets it.
import { describe, expect, it } from "vitest";
import type { IncidentAbilities, IncidentFacts, IncidentViewer } from "./incident-policy.ts";
import { incidentAbilities } from "./incident-policy.ts";
import { checkSitrepSchedule, nextSitrepDue, sitrepReminder } from "./sitrep-schedule-policy.ts";

const H = 3_600_000;
const T = Date.parse("2026-12-07T06:00:00.000Z");

describe("nextSitrepDue", () => {
  it.each([
    ["no report yet: a period after the schedule was set", null, T + 6 * H],
    ["a report sent before the schedule: still from the schedule", T - H, T + 6 * H],
    ["a report sent since: a period after it", T + 2 * H, T + 8 * H],
  ])("%s", (_, lastSent, due) => {
    expect(nextSitrepDue({ everyHours: 6, since: T }, lastSent)).toBe(due);
  });
});

describe("sitrepReminder", () => {
  const due = T + 6 * H;
  it.each([
    [due - 31 * 60_000, null],
    [due - 30 * 60_000, "sitrep-due"],
    [due - 1, "sitrep-due"],
    [due, "sitrep-overdue"],
    [due + 5 * H, "sitrep-overdue"],
  ] as const)("at %d: %s", (now, kind) => {
    expect(sitrepReminder(due, now)).toBe(kind);
  });
});

describe("checkSitrepSchedule", () => {
  const facts: IncidentFacts = {
    filerId: "filer",
    filerOrganisationId: "grid",
    tlp: "amber",
    audience: { communityIds: [], organisationIds: ["authority", "water"], userIds: [] },
    state: "reported",
    noticeOrganisationIds: ["grid"],
  };
  const viewer = (
    organisationId: string,
    roles: IncidentViewer["roles"],
    organisationKind: IncidentViewer["organisationKind"] = "private-operator",
  ): IncidentViewer => ({
    userId: `u-${organisationId}`,
    organisationId,
    roles,
    communityIds: [],
    organisationKind,
  });
  const incident = (v: IncidentViewer, over: Partial<IncidentFacts> = {}) => {
    const f = { ...facts, ...over };
    const abilities: IncidentAbilities = incidentAbilities(v, f);
    return { abilities, facts: f };
  };
  it("lets the owner's and the authority's coordinators set it", () => {
    const owner = viewer("grid", ["coordinator"]);
    const watch = viewer("authority", ["coordinator"], "national-authority");
    expect(checkSitrepSchedule(owner, incident(owner)).allowed).toBe(true);
    expect(checkSitrepSchedule(watch, incident(watch)).allowed).toBe(true);
  });
  it("refuses members, other organisations' coordinators and closed incidents", () => {
    const member = viewer("grid", ["member"]);
    const water = viewer("water", ["coordinator"]);
    const owner = viewer("grid", ["coordinator"]);
    expect(checkSitrepSchedule(member, incident(member)).allowed).toBe(false);
    expect(checkSitrepSchedule(water, incident(water)).allowed).toBe(false);
    expect(checkSitrepSchedule(owner, incident(owner, { state: "closed" })).allowed).toBe(false);
  });
});
