// Who sees and changes critical assets and their dependencies. Asset data is sensitive (default
// TLP:AMBER): the national authority keeps the national register and sees and edits all of it;
// an operator sees and edits its own assets; others see what the marking allows (CLEAR: everyone
// signed in; GREEN: organisations that share a community with the operator; AMBER, AMBER+STRICT
// and RED: nobody beyond the operator and the national authority).
import type { Role, TlpMarking } from "../vocabulary.ts";
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { ALL, allow, type Decision, deny, type Scope } from "./decision.ts";

const EDITOR_ROLES: readonly Role[] = ["organisation-admin", "coordinator", "analyst"];
const isEditor = (actor: Actor) => EDITOR_ROLES.some((role) => hasRole(actor, role));
const isNationalAuthority = (actor: Actor) => actor.organisationKind === "national-authority";

/**
 * What a reader may see of the registry: a policy scope for someone signed in, or `public` for
 * anyone (a public CAP message): TLP:CLEAR assets only. Every view that names assets (by name,
 * ref, id or location) reads them through this, at read time (ADR 0014).
 */
export type AssetReadScope = Scope | { readonly kind: "public" };

/** What a view may show of the assets it names: those the reader may see, and how many others. */
export interface AssetMentions<A> {
  readonly visible: readonly A[];
  /** Named but not shown: hidden from the reader, or removed since (the reader cannot tell which). */
  readonly hidden: number;
}

export const assetPolicy = {
  readScope: (actor: Actor): Scope =>
    isPlatformAdmin(actor) || hasRole(actor, "auditor") || isNationalAuthority(actor)
      ? ALL
      : { kind: "marking", organisationId: actor.organisationId },
  /** The reader's scope, or the public's when nobody is signed in. */
  viewScope: (actor: Actor | null): AssetReadScope =>
    actor ? assetPolicy.readScope(actor) : { kind: "public" },
  /**
   * The read rule over plain data (the SQL twin is `assetScope` in packages/db): the operator's own,
   * CLEAR ones, and GREEN ones of operators sharing a community with the reader.
   */
  mayRead: (
    scope: AssetReadScope,
    asset: { readonly operatorId: string; readonly marking: TlpMarking },
    shareCommunity: (organisationId: string, operatorId: string) => boolean,
  ): boolean => {
    switch (scope.kind) {
      case "all":
        return true;
      case "none":
      case "organisation":
        return false;
      case "public":
        return asset.marking === "clear";
      case "marking":
        return (
          asset.operatorId === scope.organisationId ||
          asset.marking === "clear" ||
          (asset.marking === "green" && shareCommunity(scope.organisationId, asset.operatorId))
        );
    }
  },
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
