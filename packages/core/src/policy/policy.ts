// Bulwark's access policy for the foundation's resources: the one place that decides who may do
// what. The server asks it before every change and compiles its scopes into SQL for every read;
// the web app receives the resulting abilities and shows only what they allow.
import { ROLES, type Role } from "../vocabulary.ts";
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { compendiumPolicy, isCompendiumModerator } from "./compendium-policy.ts";
import { ALL, allow, type Decision, deny, NONE, type Scope } from "./decision.ts";
import { selfAssessmentPolicy } from "./self-assessment-policy.ts";

/** Roles an organisation admin may hand out inside their own organisation. */
export const ORGANISATION_ASSIGNABLE_ROLES: readonly Role[] = [
  "organisation-admin",
  "coordinator",
  "analyst",
  "member",
];

export interface UserTarget {
  /** The account's id (absent for an account about to be created). */
  readonly id?: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role)) && b.every((role) => a.includes(role));

export interface CommunityTarget {
  readonly organisationIds: readonly string[];
  readonly moderatorIds: readonly string[];
}

const sameOrganisation = (actor: Actor, organisationId: string) => actor.organisationId === organisationId;
const isOversight = (actor: Actor) => isPlatformAdmin(actor) || hasRole(actor, "auditor");

/**
 * An organisation's fields that feed every policy (what a national authority may read, who
 * moderates the compendium, who counts in anonymised comparisons): only a platform administrator
 * changes them, so that nobody can widen their own organisation's reach.
 */
export const ORGANISATION_POLICY_FIELDS = ["kind", "country", "sectors", "verified"] as const;
export type OrganisationPolicyField = (typeof ORGANISATION_POLICY_FIELDS)[number];

export const organisationPolicy = {
  /** The directory of organisations is open to every signed-in member of the community. */
  readScope: (_actor: Actor): Scope => ALL,
  create: (actor: Actor): Decision =>
    isPlatformAdmin(actor) ? allow : deny("Only a platform administrator can register organisations."),
  /**
   * Change these fields of an organisation: its profile (name, short name, website) by its own
   * administrators, the policy fields by platform administrators only. The refusal names the
   * fields the actor may not change.
   */
  update: (actor: Actor, organisationId: string, fields: readonly string[] = []): Decision => {
    if (isPlatformAdmin(actor)) return allow;
    if (!hasRole(actor, "organisation-admin") || !sameOrganisation(actor, organisationId))
      return deny("Only a platform administrator or this organisation's administrators can edit it.");
    const policyFields = ORGANISATION_POLICY_FIELDS.filter((field) => fields.includes(field));
    return policyFields.length > 0
      ? deny(`Only a platform administrator can change these fields: ${policyFields.join(", ")}.`)
      : allow;
  },
  remove: (actor: Actor): Decision =>
    isPlatformAdmin(actor) ? allow : deny("Only a platform administrator can remove organisations."),
};

export const userPolicy = {
  /** Oversight sees every account; everyone else sees the people of their own organisation. */
  readScope: (actor: Actor): Scope =>
    isOversight(actor) ? ALL : { kind: "organisation", organisationId: actor.organisationId },
  read: (actor: Actor, target: UserTarget): Decision =>
    isOversight(actor) || sameOrganisation(actor, target.organisationId)
      ? allow
      : deny("People of other organisations are not visible to you."),
  /** Create or change an account so that it ends up as `target`. */
  manage: (actor: Actor, target: UserTarget, current?: UserTarget): Decision => {
    if (isPlatformAdmin(actor)) return allow;
    if (!hasRole(actor, "organisation-admin")) return deny("Only administrators can manage accounts.");
    // Roles feed every policy: nobody below a platform administrator widens (or moves) their own.
    if (
      current?.id === actor.userId &&
      (!sameRoles(target.roles, current.roles) || target.organisationId !== current.organisationId)
    )
      return deny("You cannot change your own roles or organisation: ask another administrator.");
    if (
      !sameOrganisation(actor, target.organisationId) ||
      (current && !sameOrganisation(actor, current.organisationId))
    )
      return deny("Organisation administrators manage only the accounts of their own organisation.");
    const beyond = [...target.roles, ...(current?.roles ?? [])].filter(
      (role) => !ORGANISATION_ASSIGNABLE_ROLES.includes(role),
    );
    if (beyond.length > 0)
      return deny(
        `Only a platform administrator can grant or change these roles: ${[...new Set(beyond)].join(", ")}.`,
      );
    return allow;
  },
};

export const communityPolicy = {
  /** Oversight sees every community; others see the communities their organisation belongs to. */
  readScope: (actor: Actor): Scope =>
    isOversight(actor) ? ALL : { kind: "organisation", organisationId: actor.organisationId },
  read: (actor: Actor, target: CommunityTarget): Decision =>
    isOversight(actor) || target.organisationIds.includes(actor.organisationId)
      ? allow
      : deny("Your organisation is not a member of this community."),
  create: (actor: Actor): Decision =>
    isPlatformAdmin(actor) || hasRole(actor, "coordinator")
      ? allow
      : deny("Only a platform administrator or a coordinator can create communities."),
  manage: (actor: Actor, target: CommunityTarget): Decision =>
    isPlatformAdmin(actor) || target.moderatorIds.includes(actor.userId)
      ? allow
      : deny("Only the community's moderators or a platform administrator can change it."),
  /**
   * Membership widens what every member reads (GREEN items, assets, staff directory), so an
   * organisation joins only by its own consent: everyone else's additions are invitations.
   * A platform administrator may add organisations directly.
   */
  addDirectly: (actor: Actor): Decision =>
    isPlatformAdmin(actor)
      ? allow
      : deny("Only a platform administrator adds organisations directly; others invite them."),
  /** Invite an organisation, or withdraw an invitation: the community's moderators. */
  invite: (actor: Actor, target: CommunityTarget): Decision =>
    isPlatformAdmin(actor) || target.moderatorIds.includes(actor.userId)
      ? allow
      : deny("Only the community's moderators or a platform administrator invite organisations."),
  /** Accept or decline an invitation: the invited organisation's administrators. */
  decide: (actor: Actor, invitedOrganisationId: string): Decision =>
    hasRole(actor, "organisation-admin") && sameOrganisation(actor, invitedOrganisationId)
      ? allow
      : deny("Only the invited organisation's administrators accept or decline its invitations."),
  /** Take an organisation out: its own administrators, the community's moderators, platform admins. */
  removeOrganisation: (actor: Actor, target: CommunityTarget, organisationId: string): Decision =>
    isPlatformAdmin(actor) ||
    target.moderatorIds.includes(actor.userId) ||
    (hasRole(actor, "organisation-admin") && sameOrganisation(actor, organisationId))
      ? allow
      : deny(
          "Only the organisation's administrators, the community's moderators or a platform administrator can take it out.",
        ),
};

export const auditPolicy = {
  readScope: (actor: Actor): Scope => (isOversight(actor) ? ALL : NONE),
  read: (actor: Actor): Decision =>
    isOversight(actor) ? allow : deny("Only auditors and platform administrators can read the audit trail."),
};

/** What the web app may offer this actor, derived from the same rules (never decided by the UI). */
export const ABILITIES = [
  "organisation:create",
  "organisation:remove",
  "user:manage",
  "user:grant-any-role",
  "community:create",
  "audit:read",
  "compendium:propose",
  "compendium:moderate",
  "self-assessment:aggregate",
] as const;
export type Ability = (typeof ABILITIES)[number];

export function abilitiesOf(actor: Actor): Ability[] {
  const abilities: Ability[] = [];
  if (organisationPolicy.create(actor).allowed) abilities.push("organisation:create");
  if (organisationPolicy.remove(actor).allowed) abilities.push("organisation:remove");
  if (isPlatformAdmin(actor) || hasRole(actor, "organisation-admin")) abilities.push("user:manage");
  if (isPlatformAdmin(actor)) abilities.push("user:grant-any-role");
  if (communityPolicy.create(actor).allowed) abilities.push("community:create");
  if (auditPolicy.read(actor).allowed) abilities.push("audit:read");
  if (compendiumPolicy.propose(actor).allowed) abilities.push("compendium:propose");
  if (isCompendiumModerator(actor)) abilities.push("compendium:moderate");
  if (selfAssessmentPolicy.aggregate(actor).allowed) abilities.push("self-assessment:aggregate");
  return abilities;
}

/** Roles this actor may hand out (for forms), in the vocabulary's order. */
export const assignableRoles = (actor: Actor): Role[] =>
  isPlatformAdmin(actor)
    ? [...ROLES]
    : hasRole(actor, "organisation-admin")
      ? [...ORGANISATION_ASSIGNABLE_ROLES]
      : [];
export { type AssetMentions, type AssetReadScope, assetPolicy } from "./asset-policy.ts";

export { compendiumPolicy, isCompendiumModerator, type ProposalFacts } from "./compendium-policy.ts";

export { type RunFacts, selfAssessmentPolicy } from "./self-assessment-policy.ts";
