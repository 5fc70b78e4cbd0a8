import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { compendiumPolicy, isCompendiumModerator } from "./compendium-policy.ts";

const actor = (roles: Actor["roles"], organisationKind: Actor["organisationKind"], id = "u1"): Actor => ({
  userId: id,
  organisationId: "org-1",
  roles,
  organisationKind,
});

describe("compendium policy", () => {
  it.each([
    [["platform-admin"], "private-operator", true],
    [["coordinator"], "national-authority", true],
    [["coordinator"], "international-organisation", true],
    [["coordinator"], "private-operator", false],
    [["organisation-admin"], "national-authority", false],
    [["analyst"], "international-organisation", false],
  ] as const)("roles %j in a %s moderate: %s", (roles, kind, expected) => {
    const who = actor(roles, kind);
    expect(isCompendiumModerator(who)).toBe(expected);
    expect(compendiumPolicy.moderate(who).allowed).toBe(expected);
    expect(compendiumPolicy.readScope(who).kind).toBe(expected ? "all" : "marking");
    expect(compendiumPolicy.proposalScope(who).kind).toBe(expected ? "all" : "organisation");
  });

  it("lets every member propose, but not an auditor", () => {
    expect(compendiumPolicy.propose(actor(["member"], "private-operator")).allowed).toBe(true);
    expect(compendiumPolicy.propose(actor(["auditor"], "national-authority")).allowed).toBe(false);
  });

  it("lets only the author revise, and only while the proposal is open", () => {
    const author = actor(["member"], "private-operator", "author");
    const facts = { authorId: "author", organisationId: "org-1", state: "open" };
    expect(compendiumPolicy.revise(author, facts).allowed).toBe(true);
    expect(compendiumPolicy.revise(author, { ...facts, state: "changes-requested" }).allowed).toBe(true);
    expect(compendiumPolicy.revise(author, { ...facts, state: "approved" }).allowed).toBe(false);
    expect(compendiumPolicy.revise(actor(["member"], "private-operator", "colleague"), facts).allowed).toBe(
      false,
    );
  });

  it("keeps the discussion of a proposal within its organisation and the moderators", () => {
    const facts = { authorId: "author", organisationId: "org-2", state: "open" };
    expect(compendiumPolicy.comment(actor(["member"], "private-operator"), facts).allowed).toBe(false);
    expect(compendiumPolicy.comment(actor(["coordinator"], "national-authority"), facts).allowed).toBe(true);
    expect(
      compendiumPolicy.comment(actor(["coordinator"], "national-authority"), { ...facts, state: "rejected" })
        .allowed,
    ).toBe(false);
  });
});
