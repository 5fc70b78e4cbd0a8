import { describe, expect, it } from "vitest";
import type { Role } from "../vocabulary.ts";
import type { Actor } from "./actor.ts";
import {
  abilitiesOf,
  assignableRoles,
  auditPolicy,
  communityPolicy,
  organisationPolicy,
  userPolicy,
} from "./policy.ts";

const actor = (roles: Role[], organisationId = "org-a", userId = "u-1"): Actor => ({
  userId,
  organisationId,
  roles,
});
const admin = actor(["platform-admin"]);
const orgAdmin = actor(["organisation-admin"]);
const member = actor(["member"]);
const auditor = actor(["auditor"], "org-oversight");
const coordinator = actor(["coordinator"]);

describe("organisation policy", () => {
  it.each([
    ["platform admin", admin, true],
    ["organisation admin", orgAdmin, false],
    ["member", member, false],
  ] as const)("%s may register organisations: %s", (_name, who, allowed) => {
    expect(organisationPolicy.create(who).allowed).toBe(allowed);
  });

  it("lets an organisation admin edit their own organisation only", () => {
    expect(organisationPolicy.update(orgAdmin, "org-a").allowed).toBe(true);
    const other = organisationPolicy.update(orgAdmin, "org-b");
    expect(other.allowed).toBe(false);
    expect(other.allowed ? "" : other.reason).toMatch(/administrators/);
    expect(organisationPolicy.update(member, "org-a").allowed).toBe(false);
  });
});

describe("user policy", () => {
  it("scopes reads to the own organisation unless the actor does oversight", () => {
    expect(userPolicy.readScope(member)).toEqual({ kind: "organisation", organisationId: "org-a" });
    expect(userPolicy.readScope(admin)).toEqual({ kind: "all" });
    expect(userPolicy.readScope(auditor)).toEqual({ kind: "all" });
    expect(userPolicy.read(member, { organisationId: "org-b", roles: ["member"] }).allowed).toBe(false);
    expect(userPolicy.read(member, { organisationId: "org-a", roles: ["member"] }).allowed).toBe(true);
  });

  it.each([
    ["member manages nobody", member, { organisationId: "org-a", roles: ["member"] }, undefined, false],
    [
      "org admin adds a member at home",
      orgAdmin,
      { organisationId: "org-a", roles: ["analyst"] },
      undefined,
      true,
    ],
    [
      "org admin adds into another org",
      orgAdmin,
      { organisationId: "org-b", roles: ["member"] },
      undefined,
      false,
    ],
    ["org admin grants auditor", orgAdmin, { organisationId: "org-a", roles: ["auditor"] }, undefined, false],
    [
      "org admin grants platform admin",
      orgAdmin,
      { organisationId: "org-a", roles: ["platform-admin"] },
      undefined,
      false,
    ],
    [
      "org admin moves a user out of another org",
      orgAdmin,
      { organisationId: "org-a", roles: ["member"] },
      { organisationId: "org-b", roles: ["member"] },
      false,
    ],
    [
      "org admin demotes a platform admin",
      orgAdmin,
      { organisationId: "org-a", roles: ["member"] },
      { organisationId: "org-a", roles: ["platform-admin"] },
      false,
    ],
    ["platform admin does anything", admin, { organisationId: "org-z", roles: ["auditor"] }, undefined, true],
  ] as const)("%s", (_name, who, target, current, allowed) => {
    expect(userPolicy.manage(who, target, current).allowed).toBe(allowed);
  });
});

describe("community policy", () => {
  const energy = { organisationIds: ["org-a", "org-c"], moderatorIds: ["u-9"] };
  it("lets members' organisations read and moderators manage", () => {
    expect(communityPolicy.read(member, energy).allowed).toBe(true);
    expect(communityPolicy.read(actor(["member"], "org-b"), energy).allowed).toBe(false);
    expect(communityPolicy.manage(member, energy).allowed).toBe(false);
    expect(communityPolicy.manage(actor(["member"], "org-a", "u-9"), energy).allowed).toBe(true);
    expect(communityPolicy.manage(admin, energy).allowed).toBe(true);
  });
  it("lets coordinators and platform admins create communities", () => {
    expect(communityPolicy.create(coordinator).allowed).toBe(true);
    expect(communityPolicy.create(admin).allowed).toBe(true);
    expect(communityPolicy.create(member).allowed).toBe(false);
  });
});

describe("audit policy", () => {
  it("opens the audit trail to auditors and platform admins only", () => {
    expect(auditPolicy.read(auditor).allowed).toBe(true);
    expect(auditPolicy.read(admin).allowed).toBe(true);
    expect(auditPolicy.read(orgAdmin).allowed).toBe(false);
    expect(auditPolicy.readScope(member)).toEqual({ kind: "none" });
  });
});

describe("abilities", () => {
  it("derives what the UI may offer from the same rules", () => {
    expect(abilitiesOf(member)).toEqual(["compendium:propose"]);
    expect(abilitiesOf(auditor)).toEqual(["audit:read"]);
    expect(abilitiesOf(orgAdmin)).toEqual(["user:manage", "compendium:propose"]);
    expect(abilitiesOf(admin)).toEqual([
      "organisation:create",
      "organisation:remove",
      "user:manage",
      "user:grant-any-role",
      "community:create",
      "audit:read",
      "compendium:propose",
      "compendium:moderate",
      "self-assessment:aggregate",
    ]);
    expect(assignableRoles(orgAdmin)).not.toContain("platform-admin");
    expect(assignableRoles(member)).toEqual([]);
  });
});

describe("fields that feed the policy", () => {
  it("are changed by platform admins only; the refusal names them", () => {
    expect(organisationPolicy.update(admin, "org-b", ["kind", "verified"]).allowed).toBe(true);
    expect(organisationPolicy.update(orgAdmin, "org-a", ["name", "website"]).allowed).toBe(true);
    const refused = organisationPolicy.update(orgAdmin, "org-a", ["name", "kind", "country"]);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.reason).toContain("kind, country");
    expect(organisationPolicy.update(orgAdmin, "org-a", ["sectors"]).allowed).toBe(false);
    expect(organisationPolicy.update(orgAdmin, "org-a", ["verified"]).allowed).toBe(false);
  });

  it("keep one's own roles and organisation out of one's own hands below a platform admin", () => {
    const self = { id: orgAdmin.userId, organisationId: "org-a", roles: ["organisation-admin"] as Role[] };
    expect(
      userPolicy.manage(orgAdmin, { ...self, roles: ["organisation-admin", "coordinator"] }, self).allowed,
    ).toBe(false);
    expect(userPolicy.manage(orgAdmin, self, self).allowed).toBe(true);
    const other = { id: "u-2", organisationId: "org-a", roles: ["member"] as Role[] };
    expect(userPolicy.manage(orgAdmin, { ...other, roles: ["coordinator"] }, other).allowed).toBe(true);
  });

  it("let organisations into communities only by their own administrators' consent or a platform admin", () => {
    const community = { organisationIds: ["org-a"], moderatorIds: [coordinator.userId] };
    expect(communityPolicy.addDirectly(admin).allowed).toBe(true);
    expect(communityPolicy.addDirectly(coordinator).allowed).toBe(false);
    expect(communityPolicy.invite(coordinator, community).allowed).toBe(true);
    expect(communityPolicy.invite(actor(["member"], "org-a", "u-9"), community).allowed).toBe(false);
    expect(communityPolicy.decide(actor(["organisation-admin"], "org-b"), "org-b").allowed).toBe(true);
    expect(communityPolicy.decide(actor(["member"], "org-b"), "org-b").allowed).toBe(false);
    expect(communityPolicy.decide(admin, "org-b").allowed).toBe(false);
    expect(
      communityPolicy.removeOrganisation(actor(["organisation-admin"], "org-b"), community, "org-b").allowed,
    ).toBe(true);
    expect(
      communityPolicy.removeOrganisation(actor(["member"], "org-b", "u-9"), community, "org-b").allowed,
    ).toBe(false);
  });
});
