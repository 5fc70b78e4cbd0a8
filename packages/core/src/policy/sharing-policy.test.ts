import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES, TLP_MARKINGS, type TlpMarking } from "../vocabulary.ts";
import {
  checkComposition,
  checkReshare,
  isPublicItem,
  isWider,
  needsFourEyes,
  type SharedItemFacts,
  type SharingViewer,
  sharingAbilities,
  widestPublishable,
} from "./sharing-policy.ts";

const viewer = (over: Partial<SharingViewer> = {}): SharingViewer => ({
  userId: "u-reader",
  organisationId: "org-reader",
  roles: ["member"],
  communityIds: [],
  ...over,
});

const item = (over: Partial<SharedItemFacts> = {}): SharedItemFacts => ({
  authorId: "u-author",
  authorOrganisationId: "org-author",
  approverId: null,
  status: "published",
  tlp: "amber",
  audience: { communityIds: [], organisationIds: [], userIds: [] },
  revealAudience: false,
  ...over,
});

const audience = (over: Partial<SharedItemFacts["audience"]> = {}) => ({
  communityIds: [],
  organisationIds: [],
  userIds: [],
  ...over,
});

describe("TLP 2.0 visibility", () => {
  it("shows CLEAR to everyone signed in", () => {
    expect(sharingAbilities(viewer(), item({ tlp: "clear" })).maySee).toBe(true);
  });

  it("shows GREEN to the organisations of the communities addressed, not to others", () => {
    const green = item({ tlp: "green", audience: audience({ communityIds: ["c-energy"] }) });
    expect(sharingAbilities(viewer({ communityIds: ["c-energy"] }), green).maySee).toBe(true);
    expect(sharingAbilities(viewer({ communityIds: ["c-water"] }), green).maySee).toBe(false);
  });

  it("shows AMBER and AMBER+STRICT to the organisations addressed and the author's organisation", () => {
    for (const tlp of ["amber", "amber+strict"] as const) {
      const marked = item({ tlp, audience: audience({ organisationIds: ["org-reader"] }) });
      expect(sharingAbilities(viewer(), marked).maySee).toBe(true);
      expect(sharingAbilities(viewer({ organisationId: "org-author" }), marked).maySee).toBe(true);
      expect(sharingAbilities(viewer({ organisationId: "org-third" }), marked).maySee).toBe(false);
    }
  });

  it("shows RED only to the named people, the author and the approver, not to their colleagues", () => {
    const red = item({ tlp: "red", approverId: "u-approver", audience: audience({ userIds: ["u-reader"] }) });
    expect(sharingAbilities(viewer(), red).maySee).toBe(true);
    expect(sharingAbilities(viewer({ userId: "u-colleague" }), red).maySee).toBe(false);
    expect(sharingAbilities(viewer({ userId: "u-author", organisationId: "org-author" }), red).maySee).toBe(
      true,
    );
    expect(sharingAbilities(viewer({ userId: "u-approver", organisationId: "org-author" }), red).maySee).toBe(
      true,
    );
    expect(
      sharingAbilities(
        viewer({ userId: "u-other", organisationId: "org-author", roles: ["coordinator"] }),
        red,
      ).maySee,
    ).toBe(false);
  });

  it("keeps drafts and pending items with the author and their organisation's approvers", () => {
    for (const status of ["draft", "awaiting-approval"] as const) {
      const draft = item({ status, tlp: "clear" });
      expect(
        sharingAbilities(viewer({ userId: "u-author", organisationId: "org-author" }), draft).maySee,
      ).toBe(true);
      expect(
        sharingAbilities(viewer({ organisationId: "org-author", roles: ["coordinator"] }), draft).maySee,
      ).toBe(true);
      expect(
        sharingAbilities(viewer({ organisationId: "org-author", roles: ["member"] }), draft).maySee,
      ).toBe(false);
      expect(sharingAbilities(viewer({ roles: ["platform-admin"] }), draft).maySee).toBe(false);
    }
  });

  it("lets a second approver of the author's organisation approve, never the author", () => {
    const pending = item({ status: "awaiting-approval" });
    const approver = viewer({ organisationId: "org-author", roles: ["organisation-admin"] });
    expect(sharingAbilities(approver, pending).mayApprove).toBe(true);
    const authorApprover = viewer({
      userId: "u-author",
      organisationId: "org-author",
      roles: ["coordinator"],
    });
    expect(sharingAbilities(authorApprover, pending).mayApprove).toBe(false);
    expect(sharingAbilities(viewer({ roles: ["coordinator"] }), pending).mayApprove).toBe(false);
  });

  it("hides a confidential audience's names from recipients unless the author reveals them", () => {
    for (const tlp of ["amber+strict", "red"] as const) {
      const confidential = item({
        tlp,
        audience:
          tlp === "red" ? audience({ userIds: ["u-reader"] }) : audience({ organisationIds: ["org-reader"] }),
      });
      expect(sharingAbilities(viewer(), confidential).maySeeAudienceNames).toBe(false);
      expect(sharingAbilities(viewer(), { ...confidential, revealAudience: true }).maySeeAudienceNames).toBe(
        true,
      );
      expect(
        sharingAbilities(viewer({ userId: "u-author", organisationId: "org-author" }), confidential)
          .maySeeAudienceNames,
      ).toBe(true);
    }
    const amber = item({ tlp: "amber", audience: audience({ organisationIds: ["org-reader"] }) });
    expect(sharingAbilities(viewer(), amber).maySeeAudienceNames).toBe(true);
  });
});

describe("publishing limits and four eyes", () => {
  it("takes the widest limit over a person's roles", () => {
    expect(widestPublishable(["analyst"])).toBe("green");
    expect(widestPublishable(["member", "coordinator"])).toBe("clear");
    expect(widestPublishable(["auditor"])).toBeNull();
  });

  it("refuses an analyst publishing CLEAR, and an auditor anything", () => {
    const analyst = viewer({ roles: ["analyst"] });
    expect(checkComposition(analyst, "clear", audience(), { forSubmission: true }).allowed).toBe(false);
    expect(
      checkComposition(analyst, "green", audience({ organisationIds: ["o"] }), { forSubmission: true })
        .allowed,
    ).toBe(true);
    expect(
      checkComposition(viewer({ roles: ["auditor"] }), "red", audience(), { forSubmission: false }).allowed,
    ).toBe(false);
  });

  it("addresses RED to people only and the rest to communities or organisations", () => {
    const author = viewer({ roles: ["coordinator"], communityIds: ["c1"] });
    expect(
      checkComposition(author, "red", audience({ communityIds: ["c1"] }), { forSubmission: true }).allowed,
    ).toBe(false);
    expect(
      checkComposition(author, "red", audience({ userIds: ["u"] }), { forSubmission: true }).allowed,
    ).toBe(true);
    expect(
      checkComposition(author, "amber", audience({ userIds: ["u"] }), { forSubmission: true }).allowed,
    ).toBe(false);
    expect(
      checkComposition(author, "amber", audience({ communityIds: ["c2"] }), { forSubmission: true }).allowed,
    ).toBe(false);
    expect(checkComposition(author, "amber", audience(), { forSubmission: true }).allowed).toBe(false);
    expect(checkComposition(author, "amber", audience(), { forSubmission: false }).allowed).toBe(true);
  });

  it("asks for four eyes on AMBER, AMBER+STRICT and RED only, and only when the organisation wants it", () => {
    expect(TLP_MARKINGS.filter((tlp) => needsFourEyes(tlp, { requiresFourEyes: true }))).toEqual([
      "amber",
      "amber+strict",
      "red",
    ]);
    expect(TLP_MARKINGS.some((tlp) => needsFourEyes(tlp, { requiresFourEyes: false }))).toBe(false);
  });
});

// Random worlds: a few organisations, communities and people, and items among them.
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const ORGS = ids("org", 4);
const COMMUNITIES = ids("c", 3);
const USERS = ids("u", 6);
const arbViewer = fc.record({
  userId: fc.constantFrom(...USERS),
  organisationId: fc.constantFrom(...ORGS),
  roles: fc.subarray([...ROLES], { minLength: 1, maxLength: 2 }),
  communityIds: fc.subarray(COMMUNITIES),
});
const arbMarking = fc.constantFrom(...TLP_MARKINGS);
const arbItem = fc.record({
  authorId: fc.constantFrom(...USERS),
  authorOrganisationId: fc.constantFrom(...ORGS),
  approverId: fc.option(fc.constantFrom(...USERS), { nil: null }),
  status: fc.constantFrom("draft", "awaiting-approval", "published", "withdrawn"),
  tlp: arbMarking,
  audience: fc.record({
    communityIds: fc.subarray(COMMUNITIES),
    organisationIds: fc.subarray(ORGS),
    userIds: fc.subarray(USERS),
  }),
  revealAudience: fc.boolean(),
}) satisfies fc.Arbitrary<SharedItemFacts>;

describe("TLP properties", () => {
  it("never lets anyone outside the author and their approvers see an unpublished item", () => {
    fc.assert(
      fc.property(arbViewer, arbItem, (who, it) => {
        if (it.status !== "draft" && it.status !== "awaiting-approval") return;
        const seen = sharingAbilities(who, it).maySee;
        const entitled =
          who.userId === it.authorId ||
          (who.organisationId === it.authorOrganisationId &&
            who.roles.some((role) => role === "organisation-admin" || role === "coordinator"));
        expect(seen).toBe(entitled);
      }),
    );
  });

  it("shows a RED item to no one but its author, approver and named people", () => {
    fc.assert(
      fc.property(arbViewer, arbItem, (who, it) => {
        const red = { ...it, tlp: "red" as const, status: "published" as const };
        if (sharingAbilities(who, red).maySee)
          expect([red.authorId, red.approverId, ...red.audience.userIds]).toContain(who.userId);
      }),
    );
  });

  it("shows a non-RED item to at least everyone a narrower marking shows it to", () => {
    fc.assert(
      fc.property(arbViewer, arbItem, arbMarking, arbMarking, (who, it, a, b) => {
        const [wide, narrow]: TlpMarking[] = isWider(a, b) ? [a, b] : [b, a];
        if (wide === undefined || narrow === undefined || narrow === "red") return;
        if (sharingAbilities(who, { ...it, tlp: narrow }).maySee)
          expect(sharingAbilities(who, { ...it, tlp: wide }).maySee).toBe(true);
      }),
    );
  });

  it("allows a reshare only of CLEAR and GREEN, and GREEN only into the resharer's communities", () => {
    fc.assert(
      fc.property(
        arbViewer,
        arbItem,
        fc.subarray(COMMUNITIES),
        fc.subarray(ORGS),
        (who, it, communityIds, organisationIds) => {
          const decision = checkReshare(who, it, { communityIds, organisationIds });
          if (!decision.allowed) return;
          expect(it.status).toBe("published");
          expect(["clear", "green"]).toContain(it.tlp);
          expect(sharingAbilities(who, it).maySee).toBe(true);
          if (it.tlp === "green") for (const c of communityIds) expect(who.communityIds).toContain(c);
        },
      ),
    );
  });

  it("never accepts a marking wider than the author's roles allow", () => {
    fc.assert(
      fc.property(arbViewer, arbMarking, (who, tlp) => {
        const widest = widestPublishable(who.roles);
        const decision = checkComposition(who, tlp, audience(), { forSubmission: false });
        if (decision.allowed) {
          expect(widest).not.toBeNull();
          if (widest) expect(isWider(tlp, widest)).toBe(false);
        }
      }),
    );
  });
});

describe("public disclosure (CAP messages and the public alert feed)", () => {
  it("is for TLP:CLEAR items that went out, and for nothing else", () => {
    for (const tlp of TLP_MARKINGS)
      for (const status of ["draft", "awaiting-approval", "published", "withdrawn"] as const)
        expect(isPublicItem(item({ tlp, status }))).toBe(
          tlp === "clear" && (status === "published" || status === "withdrawn"),
        );
  });

  it("never opens to strangers what the TLP rule hides from a signed-in viewer outside the audience", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TLP_MARKINGS), (tlp) => {
        const facts = item({ tlp });
        if (isPublicItem(facts)) expect(sharingAbilities(viewer(), facts).maySee).toBe(true);
      }),
    );
  });
});
