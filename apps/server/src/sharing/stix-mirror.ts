// Bulwark's own items in the TAXII collections of the communities they are addressed to (ADR
// 0009). A published CLEAR, GREEN or AMBER item goes into the collection of each community in its
// audience (the author's and every reshare's) as STIX objects, source "bulwark"; a change adds a
// version, a withdrawal a revoked one. AMBER+STRICT and RED items never enter a collection: their
// audience is organisations or named people, not communities. Whoever may read a collection reads
// the same stored objects, so they name only TLP:CLEAR assets (the public's asset scope): an asset
// visible to the author is not thereby visible to every reader of the collection.
import { assetPolicy, type TlpMarking } from "@bulwark/core";
import {
  type AuditAppend,
  audienceIds,
  findSharedItem,
  listAudience,
  organisationsForStixLocking,
  putStixObjects,
  type SharedItemRecord,
  sharedItemAuthor,
  type Transaction,
} from "@bulwark/db";
import { exportable, itemsAsStix } from "./stix.service.ts";

const MIRRORED: readonly TlpMarking[] = ["clear", "green", "amber"];

/** What a change that leaves author and audience as they are already read under the item's lock. */
export interface MirrorKnown {
  author: { userId: string; organisationId: string };
  communityIds: readonly string[];
  /** The item as the change left it, when the caller knows it (read under the lock, plus its writes). */
  item?: SharedItemRecord;
}

/**
 * Brings the item's objects in its communities' collections up to date, inside the change's
 * transaction (after the change). `known`: its author and communities, when the change kept them
 * and the caller read them in this transaction, so they are not read again. `audit`: the change's
 * audit entry, appended with the last collection's objects (one round trip fewer); true when it
 * was, false when the item goes into no collection (the caller then appends it).
 */
export async function mirrorSharedItem(
  tx: Transaction,
  itemId: string,
  now: Date,
  known?: MirrorKnown,
  audit?: AuditAppend,
): Promise<boolean> {
  const author = known?.author ?? (await sharedItemAuthor(tx, itemId));
  if (!author) return false;
  // Read as its author, who always sees it.
  const item = known?.item ?? (await findSharedItem(tx, { ...author, roles: [], communityIds: [] }, itemId));
  if (!item || !exportable(item) || !MIRRORED.includes(item.tlp as TlpMarking)) return false;
  const communityIds = known?.communityIds ?? audienceIds(await listAudience(tx, itemId)).communityIds;
  if (communityIds.length === 0) return false;
  // The collections' locks are taken with the read of the author's organisation, in a steady
  // order (two mirrors to the same communities queue rather than deadlock), so each put after it
  // asks none; they are held until commit, as putStixObjects' own would be.
  const collections = [...new Set(communityIds)].sort();
  const organisations = await organisationsForStixLocking(tx, [item.organisation.id], collections);
  const arrivals = (await itemsAsStix(tx, [item], assetPolicy.viewScope(null), organisations)).map(
    (object) => ({
      stixId: object.id,
      type: object.type,
      specVersion: "2.1",
      version:
        typeof object.modified === "string"
          ? object.modified
          : typeof object.created === "string"
            ? object.created
            : null,
      tlp: item.tlp as TlpMarking,
      revoked: object.revoked === true,
      object,
    }),
  );
  const last = collections.at(-1);
  for (const collectionId of collections)
    await putStixObjects(
      tx,
      {
        collectionId,
        ownerOrganisationId: author.organisationId,
        addedBy: author.userId,
        source: "bulwark",
        sharedItemId: itemId,
        locked: true,
        ...(audit && collectionId === last ? { audit } : {}),
      },
      arrivals,
      now,
    );
  return true;
}
