// Who reads and writes the STIX objects of a community's TAXII collection (ADR 0009):
//   a collection is its community: only members' organisations read it, and only members whose
//   roles may publish at all write to it;
//   CLEAR, GREEN and AMBER objects are read by every member (the community is their audience);
//   AMBER+STRICT objects only by the organisation that put them there;
//   RED objects are refused on arrival: a collection is never a list of named people;
//   each organisation's versions of an id are a lineage of its own, and a reader is served one
//   lineage per object (servedStixOwner, ADR 0015): nobody versions, revokes or answers for an
//   object another organisation owns.
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

/** A held version of an object, as the choice of the lineage a reader is served needs it. */
export interface StixVersionFacts extends StixObjectFacts {
  readonly stixId: string;
  /** When it was added to the collection (RFC 3339 with microseconds: compares as text). */
  readonly dateAdded: string;
  /** "bulwark" for Bulwark's own mirror of a published item. */
  readonly source: string;
}

/**
 * Whose lineage of one object (the versions of one id in one collection) a viewer is served
 * (ADR 0015). Each organisation's versions of an id are a lineage of its own; a reader is served
 * exactly one: among the versions they may see, their own organisation's, else Bulwark's own
 * mirror of an item (its author owns it), else the lineage of the version added earliest. Only
 * what the viewer may see decides. Null when they see none.
 */
export function servedStixOwner(viewer: SharingViewer, versions: readonly StixVersionFacts[]): string | null {
  // Smaller ranks first: own lineage, then the mirror, then by date_added.
  const rank = (version: StixVersionFacts): [number, number, string] => [
    version.ownerOrganisationId === viewer.organisationId ? 0 : 1,
    version.source === "bulwark" ? 0 : 1,
    version.dateAdded,
  ];
  let best: [number, number, string] | null = null;
  let owner: string | null = null;
  for (const version of versions) {
    if (!maySeeStixObject(viewer, version)) continue;
    const r = rank(version);
    if (
      best === null ||
      r[0] < best[0] ||
      (r[0] === best[0] && (r[1] < best[1] || (r[1] === best[1] && r[2] < best[2])))
    ) {
      best = r;
      owner = version.ownerOrganisationId;
    }
  }
  return owner;
}

/** The versions a viewer is served of held versions of any objects and collections. */
export function servedStixVersions<T extends StixVersionFacts>(
  viewer: SharingViewer,
  versions: readonly T[],
): T[] {
  const groups = new Map<string, T[]>();
  for (const version of versions) {
    const key = `${version.collectionId} ${version.stixId}`;
    groups.set(key, [...(groups.get(key) ?? []), version]);
  }
  const owners = new Map([...groups].map(([key, group]) => [key, servedStixOwner(viewer, group)]));
  return versions.filter(
    (version) =>
      maySeeStixObject(viewer, version) &&
      owners.get(`${version.collectionId} ${version.stixId}`) === version.ownerOrganisationId,
  );
}

/**
 * Why an object may not enter a collection from this writer's organisation because it speaks for
 * another Bulwark organisation, or null (ADR 0015). `identityOwners` maps the STIX identity id of
 * each Bulwark organisation (the UUIDv5 ids of the STIX export) to that organisation. Only an
 * organisation itself may publish its identity or name it as an object's creator.
 */
export function stixAuthorshipRefusal(
  writer: SharingViewer,
  object: { readonly id: string; readonly type: string; readonly created_by_ref?: unknown },
  identityOwners: ReadonlyMap<string, string>,
): string | null {
  const creator =
    typeof object.created_by_ref === "string" ? identityOwners.get(object.created_by_ref) : undefined;
  if (creator !== undefined && creator !== writer.organisationId)
    return "created_by_ref names another Bulwark organisation; only that organisation may publish objects in its name.";
  const identity = object.type === "identity" ? identityOwners.get(object.id) : undefined;
  if (identity !== undefined && identity !== writer.organisationId)
    return "This is another Bulwark organisation's identity; only that organisation may publish it.";
  return null;
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
