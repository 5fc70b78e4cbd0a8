// The incident board's rules as a specification: entries narrowed by the TLP rule of shared items,
// tasks assigned by the owner's and the authority's coordinators and moved on by their assignee,
// points of contact shared between organisations involved together.
import { describe, expect, it } from "vitest";
import {
  checkContactsWrite,
  checkLogEntry,
  checkTaskCreate,
  checkTaskUpdate,
  involvedOrganisations,
  isTaskOverdue,
  logEntryVisible,
} from "./incident-board-policy.ts";
import { type IncidentFacts, type IncidentViewer, incidentAbilities } from "./incident-policy.ts";

const facts: IncidentFacts = {
  filerId: "filer",
  filerOrganisationId: "grid",
  tlp: "amber",
  audience: { communityIds: [], organisationIds: ["authority", "police", "water"], userIds: [] },
  state: "responding",
  noticeOrganisationIds: ["grid"],
};
const viewer = (
  userId: string,
  organisationId: string,
  roles: IncidentViewer["roles"],
  organisationKind: IncidentViewer["organisationKind"] = "private-operator",
): IncidentViewer => ({ userId, organisationId, roles, communityIds: [], organisationKind });

const officer = viewer("officer", "police", ["analyst"], "law-enforcement");
const detective = viewer("detective", "police", ["member"], "law-enforcement");
const operator = viewer("duty", "water", ["coordinator"]);
const stranger = viewer("teller", "bank", ["organisation-admin"]);
const watch = viewer("watch", "authority", ["coordinator"], "national-authority");
const gridBoss = viewer("boss", "grid", ["organisation-admin"]);
const incidentOf = (who: IncidentViewer, over: Partial<IncidentFacts> = {}) => {
  const f = { ...facts, ...over };
  return { facts: f, abilities: incidentAbilities(who, f) };
};

describe("log entries", () => {
  const strict = {
    authorId: "officer",
    authorOrganisationId: "police",
    tlp: "amber+strict",
    recipientIds: [],
  } as const;
  it("keeps an AMBER+STRICT entry to its author's organisation", () => {
    expect(logEntryVisible(detective, incidentOf(detective).abilities, strict)).toBe(true);
    expect(logEntryVisible(operator, incidentOf(operator).abilities, strict)).toBe(false);
    expect(logEntryVisible(watch, incidentOf(watch).abilities, strict)).toBe(false);
  });
  it("shows AMBER and GREEN entries to everyone who sees the incident, and nothing to others", () => {
    const amber = { ...strict, tlp: "amber" } as const;
    expect(logEntryVisible(operator, incidentOf(operator).abilities, amber)).toBe(true);
    expect(logEntryVisible(stranger, incidentOf(stranger).abilities, amber)).toBe(false);
  });
  it("shows RED to the people named and the author only", () => {
    const red = { ...strict, tlp: "red", recipientIds: ["watch"] } as const;
    expect(logEntryVisible(watch, incidentOf(watch).abilities, red)).toBe(true);
    expect(logEntryVisible(detective, incidentOf(detective).abilities, red)).toBe(false);
    expect(logEntryVisible(officer, incidentOf(officer).abilities, red)).toBe(true);
  });
  it("lets people write within their roles' limit, on open incidents they see", () => {
    expect(checkLogEntry(officer, incidentOf(officer), "amber+strict", []).allowed).toBe(true);
    expect(checkLogEntry(detective, incidentOf(detective), "clear", []).allowed).toBe(false);
    expect(checkLogEntry(stranger, incidentOf(stranger), "amber", []).allowed).toBe(false);
    expect(checkLogEntry(officer, incidentOf(officer, { state: "closed" }), "amber", []).allowed).toBe(false);
    expect(checkLogEntry(officer, incidentOf(officer), "red", []).allowed).toBe(false);
    expect(checkLogEntry(officer, incidentOf(officer), "amber", ["watch"]).allowed).toBe(false);
  });
});

describe("tasks", () => {
  const task = { assigneeOrganisationId: "water", assigneeUserId: null, status: "open" } as const;
  it("are assigned by coordinators of the owner and of the authority only", () => {
    expect(checkTaskCreate(gridBoss, incidentOf(gridBoss)).allowed).toBe(true);
    expect(checkTaskCreate(watch, incidentOf(watch)).allowed).toBe(true);
    expect(checkTaskCreate(operator, incidentOf(operator)).allowed).toBe(false);
    expect(checkTaskCreate(officer, incidentOf(officer)).allowed).toBe(false);
  });
  it("are moved on by their assignee, forward only; cancelled and edited by assigners only", () => {
    const mine = incidentOf(operator);
    expect(
      checkTaskUpdate(operator, mine, task, { status: "acknowledged", otherFields: false }).allowed,
    ).toBe(true);
    expect(checkTaskUpdate(operator, mine, task, { status: "cancelled", otherFields: false }).allowed).toBe(
      false,
    );
    expect(checkTaskUpdate(operator, mine, task, { otherFields: true }).allowed).toBe(false);
    expect(
      checkTaskUpdate(officer, incidentOf(officer), task, { status: "done", otherFields: false }).allowed,
    ).toBe(false);
    expect(
      checkTaskUpdate(
        watch,
        incidentOf(watch),
        { ...task, status: "done" },
        { status: "open", otherFields: false },
      ).allowed,
    ).toBe(false);
    expect(
      checkTaskUpdate(watch, incidentOf(watch), task, { status: "cancelled", otherFields: true }).allowed,
    ).toBe(true);
  });
  it("are overdue past their due time until done or cancelled", () => {
    expect(isTaskOverdue({ status: "open", dueAt: 10 }, 11)).toBe(true);
    expect(isTaskOverdue({ status: "open", dueAt: 10 }, 10)).toBe(false);
    expect(isTaskOverdue({ status: "done", dueAt: 10 }, 11)).toBe(false);
    expect(isTaskOverdue({ status: "open", dueAt: null }, 11)).toBe(false);
  });
});

describe("points of contact", () => {
  it("involve the owner, the notices' organisations, the tasked and (unless confidential) the addressed", () => {
    expect(involvedOrganisations(facts, ["fire"]).sort()).toEqual([
      "authority",
      "fire",
      "grid",
      "police",
      "water",
    ]);
    expect(involvedOrganisations({ ...facts, tlp: "amber+strict" }, ["fire"]).sort()).toEqual([
      "fire",
      "grid",
    ]);
  });
  it("are kept by the organisation's administrators only", () => {
    expect(checkContactsWrite(gridBoss, "grid").allowed).toBe(true);
    expect(checkContactsWrite(gridBoss, "water").allowed).toBe(false);
    expect(checkContactsWrite(watch, "authority").allowed).toBe(false);
  });
});
