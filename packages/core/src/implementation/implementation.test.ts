import { describe, expect, it } from "vitest";
import { checkProfileSharing, type ProfileViewer, profileAbilities } from "./policy.ts";
import { MEASURE_IN_PLACE, measuresInPlace, trendOf } from "./profile.ts";

const viewer = (over: Partial<ProfileViewer> = {}): ProfileViewer => ({
  userId: "u1",
  organisationId: "na",
  roles: ["coordinator"],
  communityIds: [],
  organisationKind: "national-authority",
  organisationCountry: "XM",
  ...over,
});
const none = { communityIds: [], organisationIds: [], userIds: [] };
const share = {
  organisationId: "na",
  sharedBy: "u1",
  tlp: "amber" as const,
  audience: { ...none, organisationIds: ["cted"], communityIds: ["regional"] },
};

describe("who reads a state's implementation profile", () => {
  it("is read by the state's national authorities, shared or not", () => {
    const abilities = profileAbilities(viewer(), { country: "XM", share: null });
    expect(abilities).toMatchObject({ maySee: true, asOwner: true, mayShare: true });
    expect(profileAbilities(viewer({ roles: ["analyst"] }), { country: "XM", share: null })).toMatchObject({
      maySee: true,
      mayShare: false,
    });
  });

  it("is not read by the state's operators, another state's authority or a platform administrator unless shared", () => {
    for (const other of [
      viewer({ organisationId: "op", organisationKind: "private-operator" }),
      viewer({ organisationId: "na2", organisationCountry: "YY" }),
      viewer({
        organisationId: "hub",
        organisationKind: "international-organisation",
        roles: ["platform-admin"],
      }),
    ])
      expect(profileAbilities(other, { country: "XM", share: null }).maySee).toBe(false);
  });

  it("is read by the organisations and communities it is shared with, and only by them", () => {
    const cted = viewer({
      userId: "u9",
      organisationId: "cted",
      organisationKind: "international-organisation",
    });
    expect(profileAbilities(cted, { country: "XM", share })).toMatchObject({ maySee: true, mayShare: false });
    const member = viewer({
      userId: "u8",
      organisationId: "x",
      organisationCountry: "YY",
      communityIds: ["regional"],
    });
    expect(profileAbilities(member, { country: "XM", share }).maySee).toBe(true);
    const stranger = viewer({ userId: "u7", organisationId: "y", organisationCountry: "YY" });
    expect(profileAbilities(stranger, { country: "XM", share }).maySee).toBe(false);
    expect(profileAbilities(stranger, { country: "XM", share: { ...share, tlp: "clear" } }).maySee).toBe(
      true,
    );
  });

  it("is shared by a national authority's administrators and coordinators, within their marking limits", () => {
    const audience = { ...none, organisationIds: ["cted"] };
    expect(checkProfileSharing(viewer(), "XM", "amber", audience).allowed).toBe(true);
    expect(checkProfileSharing(viewer(), "YY", "amber", audience).allowed).toBe(false);
    expect(checkProfileSharing(viewer({ roles: ["analyst"] }), "XM", "amber", audience).allowed).toBe(false);
    expect(checkProfileSharing(viewer(), "XM", "amber", none).allowed).toBe(false);
    expect(
      checkProfileSharing(viewer(), "XM", "green", { ...none, communityIds: ["not-mine"] }).allowed,
    ).toBe(false);
  });
});

describe("profile figures", () => {
  it("reads the direction of the last change", () => {
    expect(trendOf([])).toBe("new");
    expect(trendOf([0.4])).toBe("new");
    expect(trendOf([0.4, null, 0.6])).toBe("up");
    expect(trendOf([0.6, 0.4])).toBe("down");
    expect(trendOf([0.5, 0.51])).toBe("steady");
  });

  it("counts a measure in place from an adopted level, a yes or a figure near its target", () => {
    const framework = {
      sections: [
        {
          id: "s",
          weight: 1,
          questions: [
            { id: "m", weight: 1, answer: { type: "maturity" as const, levels: [] }, entries: [] },
            { id: "c", weight: 1, answer: { type: "choice" as const }, entries: [] },
            { id: "n", weight: 1, answer: { type: "number" as const, target: 10 }, entries: [] },
            { id: "p", weight: 1, answer: { type: "choice" as const }, entries: [] },
            { id: "t", weight: 1, answer: { type: "text" as const }, entries: [] },
          ],
        },
      ],
    };
    const answers = new Map([
      ["m", { type: "maturity" as const, level: 3 }],
      ["c", { type: "choice" as const, choice: "yes" as const }],
      ["n", { type: "number" as const, value: 5 }],
      ["p", { type: "choice" as const, choice: "partial" as const }],
      ["t", { type: "text" as const, text: "done" }],
    ]);
    expect(measuresInPlace(framework, answers).map((measure) => measure.questionId)).toEqual(["m", "c"]);
    expect(MEASURE_IN_PLACE).toBeGreaterThan(0.5);
  });
});
