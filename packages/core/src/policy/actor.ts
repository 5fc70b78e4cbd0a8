import type { OrganisationKind, Role } from "../vocabulary.ts";

/** Who is asking: the signed-in user (by session or API token), reduced to what policy needs. */
export interface Actor {
  readonly userId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
  /** The kind of the actor's organisation (a national authority keeps the national register). */
  readonly organisationKind?: OrganisationKind | undefined;
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);
export const isPlatformAdmin = (actor: Actor): boolean => hasRole(actor, "platform-admin");
