import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { homePolicy } from "./home-policy.ts";

const actor = (roles: Actor["roles"], organisationKind: Actor["organisationKind"]): Actor => ({
  userId: "u1",
  organisationId: "o1",
  roles,
  organisationKind,
});

describe("the home's sections", () => {
  it("asks an operator's coordinator for no country-wide or compendium work", () => {
    const operator = actor(["coordinator"], "private-operator");
    expect(homePolicy.sections(operator)).not.toContain("review-proposals");
    expect(homePolicy.countryActions(operator)).toBe(false);
    expect(homePolicy.nationalRegister(operator)).toBe(false);
    expect(homePolicy.sections(operator)).toContain("approve-sharing");
  });

  it("gives a national authority's coordinator the compendium and the country", () => {
    const authority = actor(["coordinator"], "national-authority");
    expect(homePolicy.sections(authority)).toContain("review-proposals");
    expect(homePolicy.countryActions(authority)).toBe(true);
    expect(homePolicy.nationalRegister(authority)).toBe(true);
  });

  it("gives admin chores to platform administrators only, and nothing to an auditor", () => {
    expect(homePolicy.sections(actor(["platform-admin"], "national-authority"))).toContain(
      "verify-organisations",
    );
    expect(homePolicy.sections(actor(["organisation-admin"], "private-operator"))).not.toContain(
      "verify-organisations",
    );
    expect(homePolicy.sections(actor(["auditor"], "national-authority"))).toEqual([]);
    expect(homePolicy.gettingStarted(actor(["member"], "private-operator"))).toBe(false);
  });
});
