// Reading a collection in the web app (ADR 0009): the latest version the caller may see of each
// object, and one object's JSON. Membership decides whether the collection exists for the caller
// (404 otherwise, as TAXII answers); the TLP rule is applied in SQL by visibleStixObjects.
import type { StixCollectionObjects, StixObjectDetail } from "@bulwark/contracts";
import { type Actor, collectionAbilities, type SharingViewer } from "@bulwark/core";
import { browseStixCollection, browseStixObject, stixCollections } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { viewerOf } from "../sharing/sharing.service.ts";

async function readableCollection(context: ServerContext, caller: Actor, collectionId: string) {
  const viewer: SharingViewer = await viewerOf(context, caller);
  if (!collectionAbilities(viewer, collectionId).mayRead) throw notFound("collection");
  const collection = (await stixCollections(context.db, viewer)).find((entry) => entry.id === collectionId);
  if (!collection) throw notFound("collection");
  return { viewer, collection };
}

/** GET /api/sharing/stix/collections/:id/objects */
export async function listCollectionObjects(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
  query: {
    limit: number;
    offset: number;
    type?: string | undefined;
    q?: string | undefined;
    tlp?: string | undefined;
  },
): Promise<StixCollectionObjects> {
  const { viewer, collection } = await readableCollection(context, caller, collectionId);
  const page = await browseStixCollection(context.db, viewer, { collectionId, ...query });
  return {
    collection: { id: collection.id, title: collection.title },
    total: page.total,
    types: page.types,
    items: page.items as StixCollectionObjects["items"],
  };
}

/** GET /api/sharing/stix/collections/:id/objects/:stixId */
export async function getCollectionObject(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
  stixId: string,
): Promise<StixObjectDetail> {
  const { viewer } = await readableCollection(context, caller, collectionId);
  const object = await browseStixObject(context.db, viewer, collectionId, stixId);
  if (!object) throw notFound("STIX object");
  return object as StixObjectDetail;
}
