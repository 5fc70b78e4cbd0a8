import { describe, expect, it } from "vitest";
import { checkReview, checkReviewActionProgress } from "./review-policy.ts";

describe("who writes the lessons of an incident", () => {
  it("the authority or the filer, once the incident is closed", () => {
    expect(checkReview({ asAuthority: true, asFiler: false }, "recovering").allowed).toBe(false);
    expect(checkReview({ asAuthority: true, asFiler: false }, "closed").allowed).toBe(true);
    expect(checkReview({ asAuthority: false, asFiler: true }, "closed").allowed).toBe(true);
    expect(checkReview({ asAuthority: false, asFiler: false }, "closed").allowed).toBe(false);
  });

  it("a follow-up action moves on by the authority or a working role of its organisation", () => {
    const analyst = { organisationId: "o", roles: ["analyst" as const] };
    expect(checkReviewActionProgress(analyst, { asAuthority: false }, "o").allowed).toBe(true);
    expect(checkReviewActionProgress(analyst, { asAuthority: false }, "p").allowed).toBe(false);
    expect(
      checkReviewActionProgress({ ...analyst, roles: ["member"] }, { asAuthority: false }, "o").allowed,
    ).toBe(false);
    expect(
      checkReviewActionProgress({ ...analyst, roles: ["member"] }, { asAuthority: true }, "p").allowed,
    ).toBe(true);
  });
});
