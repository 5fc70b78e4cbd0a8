// Files attached to shared items. Every read takes the viewer and joins the item under
// visibleSharedItems (sharing-scope.ts): nobody lists or downloads an attachment of an item the
// TLP rule hides from them.
import type { SharingViewer } from "@bulwark/core";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sharedItemAttachments, sharedItems } from "../schema.ts";
import { iso, isoOrNull } from "../scope.ts";
import { runStatement } from "../statement.ts";
import { visibleSharedItems } from "./sharing-scope.ts";

export interface AttachmentRecord {
  id: string;
  itemId: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  personal: boolean;
  addedBy: { id: string; name: string };
  addedAt: string;
  purgedAt: string | null;
}

const columns = {
  id: sharedItemAttachments.id,
  itemId: sharedItemAttachments.itemId,
  filename: sharedItemAttachments.filename,
  mediaType: sharedItemAttachments.mediaType,
  size: sharedItemAttachments.size,
  sha256: sharedItemAttachments.sha256,
  personal: sharedItemAttachments.personal,
  addedById: sharedItemAttachments.addedBy,
  addedByName: sql<string>`(select name from users where users.id = ${sharedItemAttachments.addedBy})`,
  addedAt: sharedItemAttachments.addedAt,
  purgedAt: sharedItemAttachments.purgedAt,
};

type Row = {
  id: string;
  itemId: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  personal: boolean;
  addedById: string;
  addedByName: string;
  addedAt: Date;
  purgedAt: Date | null;
};

const present = (row: Row): AttachmentRecord => ({
  id: row.id,
  itemId: row.itemId,
  filename: row.filename,
  mediaType: row.mediaType,
  size: row.size,
  sha256: row.sha256,
  personal: row.personal,
  addedBy: { id: row.addedById, name: row.addedByName },
  addedAt: iso(row.addedAt),
  purgedAt: isoOrNull(row.purgedAt),
});

/** The attachments of an item the viewer may see (none otherwise), oldest first. */
export async function listAttachments(
  db: Executor,
  viewer: SharingViewer,
  itemId: string,
): Promise<AttachmentRecord[]> {
  const rows = await db
    .select(columns)
    .from(sharedItemAttachments)
    .innerJoin(sharedItems, eq(sharedItems.id, sharedItemAttachments.itemId))
    .where(and(eq(sharedItemAttachments.itemId, itemId), visibleSharedItems(viewer)))
    .orderBy(asc(sharedItemAttachments.addedAt), asc(sharedItemAttachments.id));
  return rows.map(present);
}

/** One attachment with its bytes (null once purged), if the viewer may see its item. */
export async function readAttachment(
  db: Executor,
  viewer: SharingViewer,
  itemId: string,
  attachmentId: string,
): Promise<(AttachmentRecord & { content: Uint8Array | null }) | null> {
  const [row] = await db
    .select({ ...columns, content: sharedItemAttachments.content })
    .from(sharedItemAttachments)
    .innerJoin(sharedItems, eq(sharedItems.id, sharedItemAttachments.itemId))
    .where(
      and(
        eq(sharedItemAttachments.id, attachmentId),
        eq(sharedItemAttachments.itemId, itemId),
        visibleSharedItems(viewer),
      ),
    );
  return row ? { ...present(row), content: row.content } : null;
}

/**
 * Hold the item's row until the transaction ends: every change of an item (its state, its files)
 * takes this first, so the changes of one item queue and each reads, under the lock, what the one
 * before it committed. False when there is no such item.
 */
export async function lockSharedItem(db: Executor, itemId: string): Promise<boolean> {
  // Written once as SQL (runStatement): every change of an item runs it.
  const locked = await runStatement(db, "select id from shared_items where id = $1::uuid for update", [
    itemId,
  ]);
  return locked.length > 0;
}

/** How many files an item holds and their total size (purged ones count for nothing). */
export async function attachmentTotals(
  db: Executor,
  itemId: string,
): Promise<{ files: number; bytes: number }> {
  const [row] = rowsOf<{ files: number | string; bytes: number | string }>(
    await db.execute(sql`select count(*) as files, coalesce(sum(size) filter (where purged_at is null), 0) as bytes
      from shared_item_attachments where item_id = ${itemId}`),
  );
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export async function insertAttachment(
  db: Executor,
  input: {
    itemId: string;
    filename: string;
    mediaType: string;
    sha256: string;
    content: Uint8Array;
    personal: boolean;
    addedBy: string;
    now: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(sharedItemAttachments)
    .values({
      itemId: input.itemId,
      filename: input.filename,
      mediaType: input.mediaType,
      size: input.content.byteLength,
      sha256: input.sha256,
      content: input.content,
      personal: input.personal,
      addedBy: input.addedBy,
      addedAt: input.now,
    })
    .returning({ id: sharedItemAttachments.id });
  if (!row) throw new Error("The attachment was not recorded.");
  return row.id;
}

export async function deleteAttachment(db: Executor, itemId: string, attachmentId: string): Promise<boolean> {
  const rows = await db
    .delete(sharedItemAttachments)
    .where(and(eq(sharedItemAttachments.id, attachmentId), eq(sharedItemAttachments.itemId, itemId)))
    .returning({ id: sharedItemAttachments.id });
  return rows.length > 0;
}

/**
 * Remove the bytes of the personal attachments of items of this type created before
 * `createdBefore`; the rows stay, with purged_at set. Returns how many were purged.
 */
/** The names of an item's attachments, for the purge of the personal values they hold. */
export async function attachmentNames(db: Executor, itemId: string) {
  return db
    .select({ id: sharedItemAttachments.id, filename: sharedItemAttachments.filename })
    .from(sharedItemAttachments)
    .where(eq(sharedItemAttachments.itemId, itemId));
}

export async function renameAttachment(db: Executor, id: string, filename: string): Promise<void> {
  await db.update(sharedItemAttachments).set({ filename }).where(eq(sharedItemAttachments.id, id));
}

export async function purgePersonalAttachments(
  db: Executor,
  type: string,
  createdBefore: Date,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(sharedItemAttachments)
    .set({ content: null, purgedAt: now })
    .where(
      and(
        eq(sharedItemAttachments.personal, true),
        isNull(sharedItemAttachments.purgedAt),
        sql`${sharedItemAttachments.itemId} in (select id from shared_items
          where type = ${type} and created_at < ${createdBefore.toISOString()}::timestamptz)`,
      ),
    )
    .returning({ id: sharedItemAttachments.id });
  return rows.length;
}
