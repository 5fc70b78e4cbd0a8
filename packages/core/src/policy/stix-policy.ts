// Who reads and writes the STIX objects of a community's TAXII collection (ADR 0009):
//   a collection is its community: only members' organisations read it, and only members whose
//   roles may publish at all write to it;
//   CLEAR, GREEN and AMBER objects are read by every member (the community is their audience);
//   AMBER+STRICT objects only by the organisation that put them there;
//   RED objects are refused on arrival: a collection is never a list of named people.
// The database compiles the read rule into SQL (packages/db/src/repositories/stix-scope.ts);
// tests compare the two.
import type { Role, TlpMarking } from "../vocabulary.ts";
import { isWider, type SharingViewer, widestPublishable } from "./sharing-policy.ts";

export interface StixObjectFacts {
  /** The collection's community. */
  readonly collectionId: string;
  readonly tlp: TlpMarking;
  /** The organisation whose member (or subscription) put the object in the collection. */
  readonly ownerOrganisationId: string;
}

export interface CollectionAbilities {
  readonly mayRead: boolean;
  readonly mayWrite: boolean;
}

export function collectionAbilities(viewer: SharingViewer, collectionId: string): CollectionAbilities {
  const member = viewer.communityIds.includes(collectionId);
  return { mayRead: member, mayWrite: member && widestPublishable(viewer.roles) !== null };
}

/** May this viewer read this object of a collection? */
export function maySeeStixObject(viewer: SharingViewer, object: StixObjectFacts): boolean {
  if (!viewer.communityIds.includes(object.collectionId)) return false;
  switch (object.tlp) {
    case "clear":
    case "green":
    case "amber":
      return true;
    case "amber+strict":
      return viewer.organisationId === object.ownerOrganisationId;
    case "red":
      return false;
  }
}

/**
 * Why an object under this marking may not enter a collection from this writer, or null when it
 * may. (Membership and write rights are checked apart, once per request.)
 */
export function stixArrivalRefusal(writer: SharingViewer, tlp: TlpMarking): string | null {
  if (tlp === "red")
    return "TLP:RED objects are for named people only; a community collection cannot hold them.";
  const widest = widestPublishable(writer.roles);
  if (widest === null) return "Your roles may not publish to a community.";
  if (isWider(tlp, widest))
    return `Your roles may publish up to TLP:${widest.toUpperCase()}; this object is TLP:${tlp.toUpperCase()}.`;
  return null;
}

/** Roles that run a community's TAXII subscriptions (they pull other platforms' objects into it). */
export const SUBSCRIPTION_MANAGER_ROLES: readonly Role[] = ["coordinator", "organisation-admin"];

export interface SubscriptionAbilities {
  /** See the community's subscriptions (remote, status; never their credentials). */
  readonly mayView: boolean;
  /** Create, change, delete, test and pull now. */
  readonly mayManage: boolean;
}

/**
 * Who sees and runs the TAXII subscriptions of a community: every member sees them (what flows
 * into their collection, and from where); coordinators and organisation administrators of a
 * member organisation create, change, delete and run them. Outsiders learn nothing of them.
 */
export function subscriptionAbilities(viewer: SharingViewer, communityId: string): SubscriptionAbilities {
  const member = viewer.communityIds.includes(communityId);
  return {
    mayView: member,
    mayManage: member && SUBSCRIPTION_MANAGER_ROLES.some((role) => viewer.roles.includes(role)),
  };
}
