import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { eventPolicy } from "./events-policy.ts";

const HOST = "host-org";
const OTHER = "other-org";
const actor = (
  organisationId: string,
  roles: Actor["roles"],
  organisationKind?: Actor["organisationKind"],
) => ({
  userId: `${organisationId}-${roles.join("+")}`,
  organisationId,
  roles,
  organisationKind,
});
const event = { hostOrganisationId: HOST };

describe("event policy", () => {
  it("lets the host's coordinators and administrators and the compendium's moderators organise", () => {
    expect(eventPolicy.create(actor(HOST, ["coordinator"], "private-operator"), event).allowed).toBe(true);
    expect(eventPolicy.edit(actor(HOST, ["organisation-admin"]), event).allowed).toBe(true);
    expect(eventPolicy.edit(actor(OTHER, ["coordinator"], "national-authority"), event).allowed).toBe(true);
    expect(eventPolicy.edit(actor(OTHER, ["platform-admin"]), event).allowed).toBe(true);
    expect(eventPolicy.edit(actor(HOST, ["member"]), event).allowed).toBe(false);
    expect(eventPolicy.edit(actor(OTHER, ["coordinator"], "private-operator"), event).allowed).toBe(false);
  });

  it("lets the owner organisation's members update an action, but not auditors or strangers", () => {
    const action = { ownerOrganisationId: OTHER };
    expect(eventPolicy.updateAction(actor(OTHER, ["member"]), event, action).allowed).toBe(true);
    expect(eventPolicy.updateAction(actor(HOST, ["coordinator"]), event, action).allowed).toBe(true);
    expect(eventPolicy.updateAction(actor(OTHER, ["auditor"]), event, action).allowed).toBe(false);
    expect(eventPolicy.updateAction(actor("third", ["member"]), event, action).allowed).toBe(false);
  });

  it("reads events under TLP and participant names only as host or participant", () => {
    expect(eventPolicy.readScope(actor(OTHER, ["member"]))).toEqual({
      kind: "marking",
      organisationId: OTHER,
    });
    expect(eventPolicy.readScope(actor(OTHER, ["auditor"]))).toEqual({ kind: "all" });
    expect(eventPolicy.participantScope(actor(OTHER, ["coordinator"], "national-authority"))).toEqual({
      kind: "host-or-participant",
      organisationId: OTHER,
      userId: `${OTHER}-coordinator`,
    });
    expect(eventPolicy.participantScope(actor(OTHER, ["platform-admin"]))).toEqual({ kind: "all" });
  });
});
