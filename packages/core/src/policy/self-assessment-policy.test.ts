import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { selfAssessmentPolicy } from "./self-assessment-policy.ts";

const actor = (
  roles: Actor["roles"],
  organisationKind: Actor["organisationKind"] = "public-operator",
): Actor => ({
  userId: "u",
  organisationId: "org",
  roles,
  organisationKind,
});
const draft = { organisationId: "org", state: "draft", archived: false } as const;

describe("selfAssessmentPolicy", () => {
  it("keeps runs within their organisation, for administrators and coordinators too", () => {
    expect(selfAssessmentPolicy.readScope(actor(["member"]))).toEqual({
      kind: "organisation",
      organisationId: "org",
    });
    expect(selfAssessmentPolicy.readScope(actor(["platform-admin"]))).toEqual({
      kind: "organisation",
      organisationId: "org",
    });
    expect(selfAssessmentPolicy.readScope(actor(["coordinator"], "national-authority")).kind).toBe(
      "organisation",
    );
    expect(selfAssessmentPolicy.readScope(actor(["auditor"])).kind).toBe("none");
  });

  it("lets members answer drafts of their organisation only", () => {
    expect(selfAssessmentPolicy.answer(actor(["member"]), draft).allowed).toBe(true);
    expect(selfAssessmentPolicy.answer(actor(["member"]), { ...draft, state: "submitted" }).allowed).toBe(
      false,
    );
    expect(
      selfAssessmentPolicy.answer(actor(["member"]), { ...draft, organisationId: "other" }).allowed,
    ).toBe(false);
    expect(selfAssessmentPolicy.answer(actor(["auditor"]), draft).allowed).toBe(false);
  });

  it("lets administrators and coordinators submit", () => {
    expect(selfAssessmentPolicy.submit(actor(["organisation-admin"]), draft).allowed).toBe(true);
    expect(selfAssessmentPolicy.submit(actor(["coordinator"]), draft).allowed).toBe(true);
    expect(selfAssessmentPolicy.submit(actor(["member"]), draft).allowed).toBe(false);
  });

  it("lets administrators and coordinators archive, and an archived draft is neither answered nor submitted", () => {
    expect(selfAssessmentPolicy.archive(actor(["organisation-admin"]), draft).allowed).toBe(true);
    expect(selfAssessmentPolicy.archive(actor(["coordinator"]), draft).allowed).toBe(true);
    expect(selfAssessmentPolicy.archive(actor(["member"]), draft).allowed).toBe(false);
    expect(
      selfAssessmentPolicy.archive(actor(["coordinator"]), { ...draft, organisationId: "other" }).allowed,
    ).toBe(false);
    const archived = { ...draft, archived: true };
    expect(selfAssessmentPolicy.answer(actor(["member"]), archived).allowed).toBe(false);
    expect(selfAssessmentPolicy.submit(actor(["coordinator"]), archived).allowed).toBe(false);
  });

  it("gives the aggregation to platform admins and international organisations' coordinators", () => {
    expect(selfAssessmentPolicy.aggregate(actor(["platform-admin"])).allowed).toBe(true);
    expect(selfAssessmentPolicy.aggregate(actor(["coordinator"], "international-organisation")).allowed).toBe(
      true,
    );
    expect(selfAssessmentPolicy.aggregate(actor(["coordinator"], "national-authority")).allowed).toBe(false);
    expect(selfAssessmentPolicy.aggregate(actor(["member"], "international-organisation")).allowed).toBe(
      false,
    );
  });
});
