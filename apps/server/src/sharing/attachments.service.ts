// Files attached to shared items. Who may see an item may list and download its files: the
// repository joins every read to the item under the TLP filter, so anyone else gets 404. Files
// marked personal follow the item's personal-data rule: their bytes (and name) only for the
// author's organisation and the roles the author allowed, each download audited; the bytes are
// removed when the item type's retention runs out. Like the rest of an item, files change only
// while it is a draft, by its author. Uploads and removals are audited with ids, types and sizes
// (never names, which may hold personal data).
import { createHash } from "node:crypto";
import { ATTACHMENT_LIMITS, type Attachment, type Attachments, type FileAnswer } from "@bulwark/contracts";
import {
  type Actor,
  ATTACHMENT_KINDS,
  type AttachmentProblem,
  checkAttachment,
  mayReadPersonalData,
  mediaTypeOf,
  type Role,
  sanitiseFilename,
} from "@bulwark/core";
import {
  type AttachmentRecord,
  appendAudit,
  attachmentTotals,
  deleteAttachment,
  insertAttachment,
  listAttachments,
  lockSharedItem,
  readAttachment,
  recordAudit,
  type SharedItemRecord,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden, notFound, UserError } from "../errors.ts";
import { attachmentNamer } from "./personal-data.service.ts";
import { viewerOf, visibleItem } from "./sharing.service.ts";

const readsPersonalData = (
  viewer: { organisationId: string; roles: readonly Role[] },
  item: SharedItemRecord,
) =>
  mayReadPersonalData(viewer, {
    authorOrganisationId: item.organisation.id,
    personalDataRoles: item.personalDataRoles as Role[],
  });

function present(
  row: AttachmentRecord,
  index: number,
  asWritten: boolean,
  nameOf: (filename: string) => string,
): Attachment {
  const withheld = row.personal && !asWritten;
  const extension = ATTACHMENT_KINDS[row.mediaType]?.extensions[0] ?? "bin";
  return {
    id: row.id,
    // Any file's name may name a person: pseudonyms outside, like the item's text.
    filename: withheld ? `personal-file-${index + 1}.${extension}` : nameOf(row.filename),
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    personal: row.personal,
    addedBy: row.addedBy,
    addedAt: row.addedAt,
    purgedAt: row.purgedAt,
    download: row.purgedAt === null && !withheld,
  };
}

/** Only the author changes a draft: its text, its audience, its files. */
async function draftOfAuthor(context: ServerContext, caller: Actor, itemId: string) {
  const viewer = await viewerOf(context, caller);
  const { item, abilities } = await visibleItem(context, viewer, itemId);
  if (!abilities.mayEdit || item.status !== "draft")
    throw forbidden("Only the author adds or removes files, while the item is a draft.");
  return item;
}

export async function itemAttachments(
  context: ServerContext,
  caller: Actor,
  itemId: string,
): Promise<Attachments> {
  const viewer = await viewerOf(context, caller);
  const { item, abilities } = await visibleItem(context, viewer, itemId);
  const asWritten = readsPersonalData(viewer, item);
  const rows = await listAttachments(context.db, viewer, itemId);
  const nameOf = await attachmentNamer(context, item.organisation.id, asWritten);
  return {
    items: rows.map((row, index) => present(row, index, asWritten, nameOf)),
    limits: ATTACHMENT_LIMITS,
    mayChange: abilities.mayEdit && item.status === "draft",
  };
}

const STATUS: Readonly<Record<AttachmentProblem["kind"], [number, string]>> = {
  empty: [400, "Empty file"],
  "too-large": [413, "Too large"],
  "unsupported-type": [415, "Unsupported media type"],
  mismatch: [422, "Not what it claims to be"],
};

const refuse = (problem: AttachmentProblem) => {
  const [status, title] = STATUS[problem.kind];
  return new UserError(status, title, problem.detail, `urn:bulwark:problem:attachment-${problem.kind}`);
};

export async function addAttachment(
  context: ServerContext,
  caller: Actor,
  itemId: string,
  file: { bytes: Uint8Array; contentType: string; filename: string; personal: boolean },
): Promise<Attachment> {
  await draftOfAuthor(context, caller, itemId);
  const mediaType = mediaTypeOf(file.contentType);
  const filename = sanitiseFilename(file.filename, mediaType);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    // One upload at a time per item, so two at once cannot pass the item's limits together.
    await lockSharedItem(tx, itemId);
    const problem = checkAttachment({ mediaType, bytes: file.bytes }, await attachmentTotals(tx, itemId));
    if (problem) throw refuse(problem);
    const added = await insertAttachment(tx, {
      itemId,
      filename,
      mediaType,
      sha256,
      content: file.bytes,
      personal: file.personal,
      addedBy: caller.userId,
      now,
    });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "sharing.attach",
        targetType: "shared-item",
        targetId: itemId,
        details: { attachment: added, mediaType, size: file.bytes.byteLength, personal: file.personal },
      },
      now,
    );
    return added;
  });
  const listed = await itemAttachments(context, caller, itemId);
  const added = listed.items.find((row) => row.id === id);
  if (!added) throw new Error("The attachment just added is not listed.");
  return added;
}

export async function removeAttachment(
  context: ServerContext,
  caller: Actor,
  itemId: string,
  attachmentId: string,
): Promise<void> {
  await draftOfAuthor(context, caller, itemId);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await deleteAttachment(tx, itemId, attachmentId))) throw notFound("attachment");
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "sharing.detach",
        targetType: "shared-item",
        targetId: itemId,
        details: { attachment: attachmentId },
      },
      now,
    );
  });
}

export async function downloadAttachment(
  context: ServerContext,
  caller: Actor,
  itemId: string,
  attachmentId: string,
): Promise<FileAnswer> {
  const viewer = await viewerOf(context, caller);
  const { item } = await visibleItem(context, viewer, itemId);
  const row = await readAttachment(context.db, viewer, itemId, attachmentId);
  if (!row) throw notFound("attachment");
  if (row.content === null)
    throw new UserError(
      410,
      "Removed",
      "This file held personal data; it was removed when the item type's retention ran out.",
      "urn:bulwark:problem:purged",
    );
  if (row.personal) {
    if (!readsPersonalData(viewer, item))
      throw forbidden(
        "This file holds personal data: only the author's organisation and the roles the author allowed may download it.",
      );
    await recordAudit(
      context.db,
      {
        actorId: viewer.userId,
        action: "sharing.read-personal-data",
        targetType: "shared-item",
        targetId: itemId,
        details: { attachment: attachmentId },
      },
      context.clock(),
    );
  }
  const nameOf = await attachmentNamer(context, item.organisation.id, readsPersonalData(viewer, item));
  return { bytes: row.content, filename: nameOf(row.filename), mediaType: row.mediaType };
}
