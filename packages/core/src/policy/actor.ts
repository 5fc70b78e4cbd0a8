import type { Role } from "../vocabulary.ts";

/** Who is asking: the signed-in user (by session or API token), reduced to what policy needs. */
export interface Actor {
  readonly userId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);
export const isPlatformAdmin = (actor: Actor): boolean => hasRole(actor, "platform-admin");
