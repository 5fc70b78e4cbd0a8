// Who sees and changes critical assets and their dependencies. Asset data is sensitive (default
// TLP:AMBER): the national authority keeps the national register and sees and edits all of it;
// an operator sees and edits its own assets; others see what the marking allows (CLEAR: everyone
// signed in; GREEN: organisations that share a community with the operator; AMBER, AMBER+STRICT
// and RED: nobody beyond the operator and the national authority).
import type { Role } from "../vocabulary.ts";
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { ALL, allow, type Decision, deny, type Scope } from "./decision.ts";

const EDITOR_ROLES: readonly Role[] = ["organisation-admin", "coordinator", "analyst"];
const isEditor = (actor: Actor) => EDITOR_ROLES.some((role) => hasRole(actor, role));
const isNationalAuthority = (actor: Actor) => actor.organisationKind === "national-authority";

export const assetPolicy = {
  readScope: (actor: Actor): Scope =>
    isPlatformAdmin(actor) || hasRole(actor, "auditor") || isNationalAuthority(actor)
      ? ALL
      : { kind: "marking", organisationId: actor.organisationId },
  /** Create, change or remove an asset operated by `operatorId` (and its dependencies). */
  manage: (actor: Actor, operatorId: string): Decision => {
    if (isPlatformAdmin(actor)) return allow;
    if (!isEditor(actor))
      return deny(
        "Only organisation administrators, coordinators and analysts can change the asset registry.",
      );
    if (isNationalAuthority(actor) || actor.organisationId === operatorId) return allow;
    return deny("Operators change only their own assets; the national authority changes all.");
  },
};
