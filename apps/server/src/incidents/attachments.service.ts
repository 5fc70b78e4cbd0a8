// Files attached to an incident (issue 17). Whoever may see the incident lists and downloads its
// files (the repository joins every read to the incident under its TLP rule in SQL, so anyone
// else gets 404); the filing operator and the authority add and remove them, with the types,
// checks and limits of shared items' files (core's checkAttachment). Kept in the database with
// their SHA-256. Uploads, removals and downloads are audited with ids, types and sizes (never
// names, which may hold personal data); a change is announced like every change of the incident.
import { createHash } from "node:crypto";
import type { FileAnswer } from "@bulwark/contracts";
import { ATTACHMENT_LIMITS, type IncidentAttachment, type IncidentAttachments } from "@bulwark/contracts";
import {
  type Actor,
  type AttachmentProblem,
  checkAttachment,
  type IncidentAbilities,
  mediaTypeOf,
  sanitiseFilename,
} from "@bulwark/core";
import {
  deleteIncidentAttachment,
  type IncidentAttachmentRecord,
  incidentAttachmentTotals,
  insertIncidentAttachment,
  listIncidentAttachments,
  readIncidentAttachment,
  recordAudit,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden, notFound, UserError } from "../errors.ts";
import { changeIncident, incidentViewerOf, seenIncident } from "./incidents.service.ts";

const mayChange = (abilities: IncidentAbilities) => abilities.asAuthority || abilities.asFiler;

const present = ({ ...row }: IncidentAttachmentRecord): IncidentAttachment => row;

export async function incidentAttachments(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<IncidentAttachments> {
  const viewer = await incidentViewerOf(context, caller);
  const { abilities } = await seenIncident(context, viewer, id);
  const rows = await listIncidentAttachments(context.db, viewer, id);
  return { items: rows.map(present), limits: ATTACHMENT_LIMITS, mayChange: mayChange(abilities) };
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

export async function addIncidentAttachment(
  context: ServerContext,
  caller: Actor,
  id: string,
  file: { bytes: Uint8Array; contentType: string; filename: string },
): Promise<IncidentAttachment> {
  const viewer = await incidentViewerOf(context, caller);
  const mediaType = mediaTypeOf(file.contentType);
  const filename = sanitiseFilename(file.filename, mediaType);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  let added = "";
  // In the incident's locked transaction: two uploads at once cannot pass its limits together.
  await changeIncident(context, caller, viewer, id, "incidents.attach", async (tx, seen, now) => {
    if (!mayChange(seen.abilities)) throw forbidden({ key: "incident.attachFilerOrAuthority" });
    const problem = checkAttachment({ mediaType, bytes: file.bytes }, await incidentAttachmentTotals(tx, id));
    if (problem) throw refuse(problem);
    added = await insertIncidentAttachment(tx, {
      incidentId: id,
      filename,
      mediaType,
      sha256,
      content: file.bytes,
      addedBy: caller.userId,
      now,
    });
    return { attachment: added, mediaType, size: file.bytes.byteLength };
  });
  const row = (await listIncidentAttachments(context.db, viewer, id)).find((item) => item.id === added);
  if (!row) throw new Error("The attachment just added is not listed.");
  return present(row);
}

export async function removeIncidentAttachment(
  context: ServerContext,
  caller: Actor,
  id: string,
  attachmentId: string,
): Promise<void> {
  const viewer = await incidentViewerOf(context, caller);
  await changeIncident(context, caller, viewer, id, "incidents.detach", async (tx, seen) => {
    if (!mayChange(seen.abilities)) throw forbidden({ key: "incident.attachFilerOrAuthority" });
    if (!(await deleteIncidentAttachment(tx, id, attachmentId))) throw notFound("attachment");
    return { attachment: attachmentId };
  });
}

export async function downloadIncidentAttachment(
  context: ServerContext,
  caller: Actor,
  id: string,
  attachmentId: string,
): Promise<FileAnswer> {
  const viewer = await incidentViewerOf(context, caller);
  await seenIncident(context, viewer, id);
  const row = await readIncidentAttachment(context.db, viewer, id, attachmentId);
  if (!row) throw notFound("attachment");
  await recordAudit(
    context.db,
    {
      actorId: caller.userId,
      action: "incidents.attachment.download",
      targetType: "incident",
      targetId: id,
      details: { attachment: attachmentId, size: row.size },
    },
    context.clock(),
  );
  return { bytes: row.content, filename: row.filename, mediaType: row.mediaType };
}
