// The resource requests' state machine and who moves it, as a table and as a property over random
// viewers and sequences of moves.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkResourceRequestMove,
  RESOURCE_REQUEST_MOVES,
  RESOURCE_REQUEST_STATES,
  type ResourceRequestFacts,
  type ResourceRequestState,
  type ResourceRequestViewer,
  resourceRequestAbilities,
} from "./resource-request-policy.ts";

const FROM = "org-from";
const TO = "org-to";
const viewer = (
  organisationId: string,
  over: Partial<ResourceRequestViewer> = {},
): ResourceRequestViewer => ({
  userId: `user-${organisationId}`,
  organisationId,
  organisationKind: "private-operator",
  roles: ["coordinator"],
  ...over,
});
const facts = (
  state: ResourceRequestState,
  incidentId: string | null = "incident",
): ResourceRequestFacts => ({
  fromOrganisationId: FROM,
  toOrganisationId: TO,
  incidentId,
  state,
});

describe("resource request policy", () => {
  it("lets each side make its own moves only", () => {
    expect(resourceRequestAbilities(viewer(TO), facts("requested"), false).moves).toEqual([
      "approved",
      "declined",
    ]);
    expect(resourceRequestAbilities(viewer(FROM), facts("requested"), false).moves).toEqual(["cancelled"]);
    expect(resourceRequestAbilities(viewer(TO), facts("approved"), false).moves).toEqual(["assigned"]);
    expect(resourceRequestAbilities(viewer(FROM), facts("assigned"), false).moves).toEqual([
      "delivered",
      "cancelled",
    ]);
    expect(resourceRequestAbilities(viewer(FROM, { roles: ["member"] }), facts("assigned"), false)).toEqual({
      maySee: true,
      moves: [],
    });
  });

  it("shows a request to the authority only through an incident it sees", () => {
    const authority = viewer("org-authority", { organisationKind: "national-authority" });
    expect(resourceRequestAbilities(authority, facts("requested"), true)).toEqual({
      maySee: true,
      moves: [],
    });
    expect(resourceRequestAbilities(authority, facts("requested"), false).maySee).toBe(false);
    expect(resourceRequestAbilities(authority, facts("requested", null), true).maySee).toBe(false);
    expect(resourceRequestAbilities(viewer("org-other"), facts("requested"), true).maySee).toBe(false);
    const auditor = viewer("org-authority", { organisationKind: "national-authority", roles: ["auditor"] });
    expect(resourceRequestAbilities(auditor, facts("requested"), true).maySee).toBe(false);
  });

  it("never leaves a terminal state, and every move allowed is one of the machine's, by its side", () => {
    const organisations = fc.constantFrom(FROM, TO, "org-authority", "org-other");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(organisations, fc.constantFrom(...RESOURCE_REQUEST_STATES), fc.boolean()), {
          maxLength: 20,
        }),
        (steps) => {
          let state: ResourceRequestState = "requested";
          for (const [organisationId, to, working] of steps) {
            const who = viewer(organisationId, {
              roles: working ? ["analyst"] : ["member"],
              organisationKind:
                organisationId === "org-authority" ? "national-authority" : "private-operator",
            });
            const decision = checkResourceRequestMove(who, facts(state), to, true);
            const side = RESOURCE_REQUEST_MOVES[state][to];
            if (decision.outcome === "allowed") {
              expect(side).toBeDefined();
              expect(working).toBe(true);
              expect(organisationId).toBe(side === "provider" ? TO : FROM);
              state = to;
            } else expect(decision.reason.length).toBeGreaterThan(0);
            if (["delivered", "declined", "cancelled"].includes(state))
              expect(resourceRequestAbilities(who, facts(state), true).moves).toEqual([]);
          }
        },
      ),
    );
  });
});
