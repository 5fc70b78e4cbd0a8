import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { expertsPolicy, inAudience } from "./experts-policy.ts";

const actor = (roles: Actor["roles"], organisationId = "org-1", userId = "u1"): Actor => ({
  userId,
  organisationId,
  roles,
  organisationKind: "private-operator",
});

describe("experts policy: who is in a profile's or question's audience", () => {
  const profile = (visibility: "organisation" | "communities" | "platform") => ({
    ownerId: "expert",
    organisationId: "org-expert",
    visibility,
  });
  it.each([
    // visibility, reader's organisation, shares a community, expected
    ["organisation", "org-expert", false, true],
    ["organisation", "org-other", true, false],
    ["communities", "org-expert", false, true],
    ["communities", "org-other", true, true],
    ["communities", "org-other", false, false],
    ["platform", "org-other", false, true],
  ] as const)(
    "%s profile, reader of %s (shares a community: %s): %s",
    (visibility, org, shares, expected) => {
      expect(inAudience(actor(["member"], org), profile(visibility), { sharesCommunity: shares })).toBe(
        expected,
      );
      expect(
        expertsPolicy.readProfile(actor(["member"], org), profile(visibility), { sharesCommunity: shares })
          .allowed,
      ).toBe(expected);
    },
  );

  it("always shows the owner their own, and oversight everything", () => {
    const none = { sharesCommunity: false };
    expect(inAudience(actor(["member"], "elsewhere", "expert"), profile("organisation"), none)).toBe(true);
    expect(inAudience(actor(["auditor"], "elsewhere"), profile("organisation"), none)).toBe(true);
    expect(inAudience(actor(["platform-admin"], "elsewhere"), profile("organisation"), none)).toBe(true);
    expect(expertsPolicy.profileScope(actor(["auditor"])).kind).toBe("all");
    expect(expertsPolicy.profileScope(actor(["member"])).kind).toBe("audience");
  });
});

describe("experts policy: changes", () => {
  it("lets the asker or a compendium moderator accept an answer, nobody else", () => {
    const question = { askerId: "asker", status: "open" };
    expect(expertsPolicy.accept(actor(["member"], "org-1", "asker"), question).allowed).toBe(true);
    expect(expertsPolicy.accept(actor(["member"], "org-1", "someone"), question).allowed).toBe(false);
    expect(expertsPolicy.accept(actor(["platform-admin"], "org-1", "someone"), question).allowed).toBe(true);
  });

  it("lets only the author change a visible post, and only moderators hide one", () => {
    expect(expertsPolicy.changePost(actor(["member"]), { authorId: "u1", state: "visible" }).allowed).toBe(
      true,
    );
    expect(expertsPolicy.changePost(actor(["member"]), { authorId: "u2", state: "visible" }).allowed).toBe(
      false,
    );
    expect(expertsPolicy.changePost(actor(["member"]), { authorId: "u1", state: "hidden" }).allowed).toBe(
      false,
    );
    expect(expertsPolicy.hidePost(actor(["member"])).allowed).toBe(false);
    expect(expertsPolicy.hidePost(actor(["platform-admin"])).allowed).toBe(true);
  });

  it("keeps auditors watching", () => {
    expect(expertsPolicy.keepProfile(actor(["auditor"])).allowed).toBe(false);
    expect(expertsPolicy.ask(actor(["auditor"])).allowed).toBe(false);
    expect(expertsPolicy.post(actor(["auditor"])).allowed).toBe(false);
    expect(expertsPolicy.post(actor(["member"])).allowed).toBe(true);
  });
});
