// The assistance rule on cases known by hand: needs and offers seen as the TLP rule of shared items
// says, who records and edits them, who expresses interest, and who moves an engagement where.
import { describe, expect, it } from "vitest";
import {
  type AssistanceViewer,
  checkEngagementTransition,
  checkNeedRecording,
  checkOfferPublishing,
  type EngagementFacts,
  engagementAbilities,
  type NeedFacts,
  needAbilities,
  offerAbilities,
} from "./policy.ts";

const viewer = (over: Partial<AssistanceViewer> = {}): AssistanceViewer => ({
  userId: "u-state",
  organisationId: "state",
  roles: ["coordinator"],
  communityIds: [],
  organisationKind: "national-authority",
  ...over,
});
const provider = viewer({
  userId: "u-un",
  organisationId: "un",
  organisationKind: "international-organisation",
});
const stranger = viewer({ userId: "u-x", organisationId: "x", organisationKind: "academia" });
const need: NeedFacts = {
  recorderId: "u-state",
  organisationId: "state",
  tlp: "amber",
  audience: { communityIds: ["c1"], organisationIds: ["un"], userIds: [] },
  status: "open",
};

describe("needs", () => {
  it("are seen by the state and by the providers it addresses, not by others", () => {
    expect(needAbilities(viewer({ userId: "u-2", roles: ["member"] }), need).maySee).toBe(true);
    expect(needAbilities(provider, need).maySee).toBe(true);
    expect(needAbilities(stranger, need).maySee).toBe(false);
    expect(needAbilities({ ...stranger, communityIds: ["c1"] }, need).maySee).toBe(true);
    expect(needAbilities(stranger, { ...need, tlp: "clear" }).maySee).toBe(true);
    expect(needAbilities({ ...stranger, roles: ["platform-admin"] }, need).maySee).toBe(false);
  });

  it("are edited by their organisation's working roles, and answered by providers while open", () => {
    expect(needAbilities(viewer({ userId: "u-2", roles: ["member"] }), need).mayEdit).toBe(false);
    expect(needAbilities(viewer({ userId: "u-2" }), need).mayEdit).toBe(true);
    expect(needAbilities(provider, need)).toMatchObject({ mayEdit: false, mayExpressInterest: true });
    expect(needAbilities(provider, { ...need, status: "engaged" }).mayExpressInterest).toBe(false);
    expect(needAbilities(viewer(), need).mayExpressInterest).toBe(false);
    expect(needAbilities({ ...provider, roles: ["member"] }, need).mayExpressInterest).toBe(false);
  });

  it("are recorded by a state's organisations under the composition rule of sharing", () => {
    const audience = { communityIds: [], organisationIds: ["un"], userIds: [] };
    expect(checkNeedRecording(viewer(), "amber", audience).allowed).toBe(true);
    expect(checkNeedRecording(provider, "amber", audience).allowed).toBe(false);
    expect(checkNeedRecording(viewer({ roles: ["member"] }), "amber", audience).allowed).toBe(false);
    expect(checkNeedRecording(viewer(), "red", audience).allowed).toBe(false);
    expect(checkNeedRecording(viewer(), "green", { ...audience, organisationIds: [] }).allowed).toBe(false);
  });
});

describe("offers", () => {
  it("are published by providers only, and seen under their marking", () => {
    const audience = { communityIds: [], organisationIds: [], userIds: [] };
    expect(checkOfferPublishing(provider, "clear", audience).allowed).toBe(true);
    expect(
      checkOfferPublishing(viewer({ organisationKind: "private-operator" }), "clear", audience).allowed,
    ).toBe(false);
    const offer = {
      recorderId: "u-un",
      organisationId: "un",
      tlp: "green" as const,
      audience,
      status: "open" as const,
    };
    expect(offerAbilities(provider, offer)).toMatchObject({ maySee: true, mayEdit: true });
    expect(offerAbilities(viewer(), offer).maySee).toBe(false);
  });
});

describe("engagements", () => {
  const facts: EngagementFacts = {
    stateOrganisationId: "state",
    providerOrganisationId: "un",
    status: "proposed",
    outcomeConsent: false,
  };

  it("are seen by their two parties only", () => {
    expect(engagementAbilities(viewer(), facts).maySee).toBe(true);
    expect(engagementAbilities(provider, facts).maySee).toBe(true);
    expect(engagementAbilities(stranger, facts).maySee).toBe(false);
    expect(engagementAbilities({ ...stranger, roles: ["platform-admin"] }, facts).maySee).toBe(false);
  });

  it("are accepted or declined by the state, withdrawn by the provider, completed by either", () => {
    expect(engagementAbilities(viewer(), facts).transitions).toEqual(["active", "declined"]);
    expect(engagementAbilities(provider, facts).transitions).toEqual(["withdrawn"]);
    expect(engagementAbilities(provider, { ...facts, status: "active" }).transitions).toEqual([
      "completed",
      "withdrawn",
    ]);
    expect(engagementAbilities(viewer({ roles: ["member"] }), facts).transitions).toEqual([]);
    const state = engagementAbilities(viewer(), facts);
    expect(checkEngagementTransition(state, "proposed", "active").allowed).toBe(true);
    expect(checkEngagementTransition(state, "proposed", "completed").allowed).toBe(false);
    expect(
      checkEngagementTransition(engagementAbilities(provider, facts), "proposed", "active").allowed,
    ).toBe(false);
  });

  it("show the outcome to the provider only with the state's consent", () => {
    expect(engagementAbilities(viewer(), facts).maySeeOutcome).toBe(true);
    expect(engagementAbilities(provider, facts).maySeeOutcome).toBe(false);
    expect(engagementAbilities(provider, { ...facts, outcomeConsent: true }).maySeeOutcome).toBe(true);
    expect(engagementAbilities(provider, facts).mayManageOutcome).toBe(false);
  });
});
