import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { federationPolicy } from "./federation-policy.ts";

const actor = (roles: Actor["roles"], organisationKind: Actor["organisationKind"]): Actor => ({
  userId: "u",
  organisationId: "o",
  roles,
  organisationKind,
});

describe("federationPolicy", () => {
  it("lets only a national authority's administrators speak for the state", () => {
    expect(federationPolicy.speakForState(actor(["organisation-admin"], "national-authority")).allowed).toBe(
      true,
    );
    expect(federationPolicy.speakForState(actor(["member"], "national-authority")).allowed).toBe(false);
    expect(federationPolicy.speakForState(actor(["coordinator"], "national-authority")).allowed).toBe(false);
    expect(federationPolicy.speakForState(actor(["organisation-admin"], "private-operator")).allowed).toBe(
      false,
    );
    expect(federationPolicy.speakForState(actor(["platform-admin"], "regulator")).allowed).toBe(false);
  });

  it("lets platform administrators manage peers", () => {
    expect(federationPolicy.managePeers(actor(["platform-admin"], "national-authority")).allowed).toBe(true);
    expect(federationPolicy.managePeers(actor(["organisation-admin"], "national-authority")).allowed).toBe(
      false,
    );
  });

  it("shows the regional picture to the bodies that support states, and compiles the same rule", () => {
    const cases: [Actor, boolean][] = [
      [actor(["platform-admin"], "national-authority"), true],
      [actor(["coordinator"], "international-organisation"), true],
      [actor(["member"], "international-organisation"), false],
      [actor(["coordinator"], "national-authority"), false],
      [actor(["auditor"], "national-authority"), false],
    ];
    for (const [who, allowed] of cases) {
      expect(federationPolicy.readRegional(who).allowed).toBe(allowed);
      expect(federationPolicy.regionalScope(who).kind).toBe(allowed ? "all" : "none");
    }
  });
});
