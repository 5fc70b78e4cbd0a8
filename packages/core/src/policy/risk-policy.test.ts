import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { type AssessmentFacts, riskPolicy } from "./risk-policy.ts";

const actor = (
  roles: Actor["roles"],
  organisationKind: Actor["organisationKind"],
  organisationId = "reader",
): Actor => ({
  userId: "u1",
  organisationId,
  roles,
  organisationKind,
});
const assessment = (marking: AssessmentFacts["marking"]): AssessmentFacts => ({
  organisationId: "owner",
  sector: "energy-electricity",
  marking,
  communityIds: ["energy-community"],
});
const energyRegulator = { sectors: ["energy-electricity"], communityIds: [] };
const waterRegulator = { sectors: ["water-drinking"], communityIds: [] };
const energyPeer = { sectors: [], communityIds: ["energy-community"] };

describe("risk policy: who reads an assessment", () => {
  it.each([
    [
      "the owner, whatever the marking",
      actor(["member"], "private-operator", "owner"),
      energyPeer,
      "amber+strict",
      true,
    ],
    ["oversight", actor(["auditor"], "national-authority"), waterRegulator, "amber+strict", true],
    ["a regulator of the sector, AMBER", actor(["analyst"], "regulator"), energyRegulator, "amber", true],
    [
      "a regulator of the sector, AMBER+STRICT",
      actor(["analyst"], "regulator"),
      energyRegulator,
      "amber+strict",
      false,
    ],
    ["a regulator of another sector", actor(["analyst"], "regulator"), waterRegulator, "green", false],
    [
      "an operator in the chosen community, GREEN",
      actor(["member"], "private-operator"),
      energyPeer,
      "green",
      true,
    ],
    [
      "an operator in the chosen community, AMBER",
      actor(["member"], "private-operator"),
      energyPeer,
      "amber",
      false,
    ],
    [
      "an operator with the sector but no community",
      actor(["member"], "private-operator"),
      energyRegulator,
      "green",
      false,
    ],
  ] as const)("%s: %s", (_what, who, reader, marking, expected) => {
    expect(riskPolicy.read(who, reader, assessment(marking)).allowed).toBe(expected);
  });

  it("gives oversight everything and others the sharing rule", () => {
    expect(riskPolicy.readScope(actor(["platform-admin"], "national-authority")).kind).toBe("all");
    expect(riskPolicy.readScope(actor(["coordinator"], "national-authority")).kind).toBe("marking");
  });
});

describe("risk policy: who changes what", () => {
  it("lets editors assess, and revise only their organisation's assessments", () => {
    expect(riskPolicy.assess(actor(["analyst"], "private-operator")).allowed).toBe(true);
    expect(riskPolicy.assess(actor(["member"], "private-operator")).allowed).toBe(false);
    expect(
      riskPolicy.revise(actor(["analyst"], "private-operator", "owner"), { organisationId: "owner" }).allowed,
    ).toBe(true);
    expect(riskPolicy.revise(actor(["analyst"], "regulator"), { organisationId: "owner" }).allowed).toBe(
      false,
    );
  });

  it("lets authorities and platform administrators add scenarios", () => {
    expect(riskPolicy.addScenario(actor(["coordinator"], "national-authority")).allowed).toBe(true);
    expect(riskPolicy.addScenario(actor(["analyst"], "regulator")).allowed).toBe(true);
    expect(riskPolicy.addScenario(actor(["platform-admin"], "private-operator")).allowed).toBe(true);
    expect(riskPolicy.addScenario(actor(["organisation-admin"], "private-operator")).allowed).toBe(false);
    expect(riskPolicy.addScenario(actor(["member"], "national-authority")).allowed).toBe(false);
  });

  it("lets an organisation's administrators set its methodology", () => {
    expect(
      riskPolicy.setMethodology(actor(["organisation-admin"], "private-operator", "owner"), "owner").allowed,
    ).toBe(true);
    expect(
      riskPolicy.setMethodology(actor(["organisation-admin"], "private-operator"), "owner").allowed,
    ).toBe(false);
    expect(riskPolicy.setMethodology(actor(["analyst"], "private-operator", "owner"), "owner").allowed).toBe(
      false,
    );
  });
});
