// STIX 2.1 export of shared items: one item, or a set named by id and/or the feed's filters.
// Visibility is the sharing repository's (visibleSharedItems in SQL): an item the caller may not
// see is "not found" alone and simply absent from a set, so an export never tells it exists. The
// body exported is always the public one (personal data pseudonymised), whoever asks (ADR 0009).
import { randomUUID } from "node:crypto";
import { type FileAnswer, STIX_EXPORT_MAX_ITEMS, type StixExportRequest } from "@bulwark/contracts";
import {
  type Actor,
  type AssetReadScope,
  assetPolicy,
  itemStixObjects,
  type Sector,
  type SharedItemStatus,
  type SharedItemType,
  type StixObject,
  stixBundle,
  type TlpMarking,
} from "@bulwark/core";
import {
  type Executor,
  findSharedItem,
  listSharedItems,
  mentionsIn,
  organisationsForStix,
  readableAssets,
  recordAudit,
  type SharedItemRecord,
  type StixOrganisationRecord,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import { viewerOf } from "./sharing.service.ts";

type ExportRequest = z.output<typeof StixExportRequest>;

export const exportable = (item: SharedItemRecord): item is SharedItemRecord & { publishedAt: string } =>
  item.publishedAt !== null && (item.status === "published" || item.status === "withdrawn");

/**
 * The STIX objects of these items (each already checked visible and exportable), naming only the
 * assets `scope` may read (asset_refs are derived from asset ids).
 */
export async function itemsAsStix(
  db: Executor,
  items: readonly (SharedItemRecord & { publishedAt: string })[],
  scope: AssetReadScope,
  /** The items' organisations, when the caller read them already (organisationsForStixLocking). */
  read?: readonly StixOrganisationRecord[],
): Promise<StixObject[]> {
  const readable = await readableAssets(
    db,
    scope,
    items.flatMap((item) => item.assetIds),
  );
  const organisations = new Map<string, StixOrganisationRecord>(
    (
      read ??
      (await organisationsForStix(
        db,
        items.map((item) => item.organisation.id),
      ))
    ).map((o) => [o.id, o]),
  );
  return items.flatMap((item) => {
    const organisation = organisations.get(item.organisation.id);
    if (!organisation) throw new Error("An item's organisation is missing.");
    return itemStixObjects({
      id: item.id,
      // Stored values were validated on the way in.
      type: item.type as SharedItemType,
      title: item.publicTitle,
      publicBody: item.publicBody,
      sectors: item.sectors as Sector[],
      assetIds: mentionsIn(item.assetIds, readable).visible.map((asset) => asset.id),
      tlp: item.tlp as TlpMarking,
      status: item.status as SharedItemStatus,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      publishedAt: item.publishedAt,
      pattern: item.pattern,
      organisation,
    });
  });
}

function answer(objects: StixObject[], filename: string): FileAnswer {
  const bundle = stixBundle(objects, randomUUID());
  return { bytes: new TextEncoder().encode(JSON.stringify(bundle)), filename };
}

const audit = (context: ServerContext, caller: Actor, targetId: string | null, items: number) =>
  recordAudit(
    context.db,
    {
      actorId: caller.userId,
      action: "sharing.export-stix",
      targetType: targetId ? "shared-item" : null,
      targetId,
      details: { items },
    },
    context.clock(),
  );

export async function sharedItemStix(context: ServerContext, caller: Actor, id: string): Promise<FileAnswer> {
  const viewer = await viewerOf(context, caller);
  const item = await findSharedItem(context.db, viewer, id);
  if (!item) throw notFound("shared item");
  if (!exportable(item))
    throw conflict("Only published or withdrawn items are exported to STIX: this one has not been sent yet.");
  const objects = await itemsAsStix(context.db, [item], assetPolicy.readScope(caller));
  await audit(context, caller, id, 1);
  return answer(objects, `bulwark-${item.type}-${item.id}.stix.json`);
}

export async function sharingStixExport(
  context: ServerContext,
  caller: Actor,
  request: ExportRequest,
): Promise<FileAnswer> {
  const viewer = await viewerOf(context, caller);
  const filter = request.filter ?? {};
  const page = await listSharedItems(context.db, viewer, {
    ...filter,
    ids: request.ids,
    limit: STIX_EXPORT_MAX_ITEMS + 1,
    offset: 0,
  });
  if (page.total > STIX_EXPORT_MAX_ITEMS)
    throw invalid({ key: "stix.exportTooMany", values: { total: page.total, max: STIX_EXPORT_MAX_ITEMS } });
  const items = page.items.filter(exportable);
  const objects = await itemsAsStix(context.db, items, assetPolicy.readScope(caller));
  await audit(context, caller, null, items.length);
  const day = context.clock().toISOString().slice(0, 10);
  return answer(objects, `bulwark-items-${day}.stix.json`);
}
