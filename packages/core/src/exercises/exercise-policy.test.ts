import { describe, expect, it } from "vitest";
import type { Actor } from "../policy/actor.ts";
import { type ExerciseFacts, exerciseAbilities, exercisePolicy } from "./exercise-policy.ts";

const facts: ExerciseFacts = {
  ownerOrganisationId: "authority",
  status: "running",
  participants: [
    { organisationId: "grid", role: "player" },
    { organisationId: "water", role: "player" },
    { organisationId: "inspectorate", role: "evaluator" },
    { organisationId: "police", role: "controller" },
  ],
};
const actor = (organisationId: string, roles: Actor["roles"]): Actor => ({
  userId: "u",
  organisationId,
  roles,
});

describe("exercise policy", () => {
  it.each([
    ["the owner's coordinator", actor("authority", ["coordinator"]), "controller", true, true, true],
    ["the owner's member", actor("authority", ["member"]), "controller", true, false, true],
    ["the owner's auditor", actor("authority", ["auditor"]), "controller", true, false, false],
    ["a co-controller's admin", actor("police", ["organisation-admin"]), "controller", true, true, true],
    ["an evaluator's member", actor("inspectorate", ["member"]), "evaluator", true, false, true],
    ["a player's admin", actor("grid", ["organisation-admin"]), "player", false, false, false],
  ] as const)("%s: role, sees all, controls, observes", (_name, who, role, seesAll, control, observe) => {
    const abilities = exerciseAbilities(who, facts);
    expect(abilities).toEqual({ maySee: true, role, seesAll, control, observe });
  });

  it("hides the exercise from organisations taking no part, platform administrators included", () => {
    for (const who of [actor("elsewhere", ["organisation-admin"]), actor("elsewhere", ["platform-admin"])])
      expect(exerciseAbilities(who, facts)).toMatchObject({ maySee: false, role: null, seesAll: false });
  });

  it("lets designers plan exercises, controllers edit the MSEL until completed, evaluators observe once started", () => {
    expect(exercisePolicy.create(actor("grid", ["coordinator"])).allowed).toBe(true);
    expect(exercisePolicy.create(actor("grid", ["member", "analyst"])).allowed).toBe(false);
    const controller = exerciseAbilities(actor("authority", ["coordinator"]), facts);
    expect(exercisePolicy.editMsel(controller, "running").allowed).toBe(true);
    expect(exercisePolicy.editMsel(controller, "completed").allowed).toBe(false);
    expect(exercisePolicy.changeInject(controller, "running", false).allowed).toBe(true);
    expect(exercisePolicy.changeInject(controller, "running", true).allowed).toBe(false);
    expect(exercisePolicy.changeInject(controller, "completed", false).allowed).toBe(false);
    const evaluator = exerciseAbilities(actor("inspectorate", ["member"]), facts);
    expect(exercisePolicy.editMsel(evaluator, "planning").allowed).toBe(false);
    expect(exercisePolicy.changeInject(evaluator, "planning", false).allowed).toBe(false);
    expect(exercisePolicy.observe(evaluator, "planning").allowed).toBe(false);
    expect(exercisePolicy.observe(evaluator, "paused").allowed).toBe(true);
    const player = exerciseAbilities(actor("grid", ["coordinator"]), facts);
    expect(exercisePolicy.observe(player, "running").allowed).toBe(false);
    expect(exercisePolicy.evaluate(player).allowed).toBe(false);
  });

  it("lets controllers and evaluators take the design away, never players", () => {
    expect(exercisePolicy.share(exerciseAbilities(actor("authority", ["member"]), facts)).allowed).toBe(true);
    expect(exercisePolicy.share(exerciseAbilities(actor("inspectorate", ["auditor"]), facts)).allowed).toBe(
      true,
    );
    expect(
      exercisePolicy.share(exerciseAbilities(actor("grid", ["organisation-admin"]), facts)).allowed,
    ).toBe(false);
  });
});

describe("exercise policy: participants and exercise-mode answers", () => {
  const of = (who: Actor) => exerciseAbilities(who, facts);
  it.each([
    ["the owner's coordinator, running", actor("authority", ["coordinator"]), "running", true],
    ["the owner's coordinator, completed", actor("authority", ["coordinator"]), "completed", false],
    ["the owner's member", actor("authority", ["member"]), "planning", false],
    ["a player's admin", actor("grid", ["organisation-admin"]), "running", false],
    ["an evaluator's admin", actor("inspectorate", ["organisation-admin"]), "paused", false],
  ] as const)("edits participants: %s", (_name, who, status, allowed) => {
    expect(exercisePolicy.editParticipants(of(who), status).allowed).toBe(allowed);
  });
  it.each([
    ["a player's member, running", actor("grid", ["member"]), "running", true],
    ["a player's member, paused", actor("water", ["member"]), "paused", true],
    ["a player's member, planning", actor("grid", ["member"]), "planning", false],
    ["a player's member, completed", actor("grid", ["member"]), "completed", false],
    ["a player's auditor", actor("grid", ["auditor"]), "running", false],
    ["the owner's member", actor("authority", ["member"]), "running", true],
    ["an evaluator's member", actor("inspectorate", ["member"]), "running", false],
    ["an outsider", actor("bank", ["organisation-admin"]), "running", false],
  ] as const)("answers with an incident: %s", (_name, who, status, allowed) => {
    expect(exercisePolicy.respond(of(who), status, who).allowed).toBe(allowed);
  });
  it("shows an exercise incident to the exercise's organisations only", () => {
    for (const organisationId of ["authority", "grid", "water", "inspectorate", "police"])
      expect(exercisePolicy.seesExerciseIncident(facts, organisationId)).toBe(true);
    expect(exercisePolicy.seesExerciseIncident(facts, "bank")).toBe(false);
  });
});
