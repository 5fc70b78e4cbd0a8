// Files attached to incidents. Every read joins the incident under its TLP rule in SQL
// (visibleIncidents, the clause of every incident query): no one reads a file of an incident
// hidden from them, whatever the route.
import type { SharingViewer } from "@bulwark/core";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { incidentAttachments, incidents } from "../schema.ts";
import { iso } from "../scope.ts";
import { visibleIncidents } from "./sharing-scope.ts";

export interface IncidentAttachmentRecord {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedBy: { id: string; name: string };
  addedAt: string;
}

const columns = {
  id: incidentAttachments.id,
  filename: incidentAttachments.filename,
  mediaType: incidentAttachments.mediaType,
  size: incidentAttachments.size,
  sha256: incidentAttachments.sha256,
  addedById: incidentAttachments.addedBy,
  addedByName: sql<string>`(select name from users where users.id = ${incidentAttachments.addedBy})`,
  addedAt: incidentAttachments.addedAt,
};

type Row = { addedById: string; addedByName: string; addedAt: Date } & Omit<
  IncidentAttachmentRecord,
  "addedBy" | "addedAt"
>;
const present = ({ addedById, addedByName, addedAt, ...row }: Row): IncidentAttachmentRecord => ({
  ...row,
  addedBy: { id: addedById, name: addedByName },
  addedAt: iso(addedAt),
});

export async function listIncidentAttachments(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
): Promise<IncidentAttachmentRecord[]> {
  const rows = await db
    .select(columns)
    .from(incidentAttachments)
    .innerJoin(incidents, eq(incidents.id, incidentAttachments.incidentId))
    .where(and(eq(incidentAttachments.incidentId, incidentId), visibleIncidents(viewer)))
    .orderBy(asc(incidentAttachments.addedAt), asc(incidentAttachments.id));
  return rows.map(present);
}

/** One file with its bytes, when the viewer may see its incident. */
export async function readIncidentAttachment(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  attachmentId: string,
): Promise<(IncidentAttachmentRecord & { content: Uint8Array }) | null> {
  const [row] = await db
    .select({ ...columns, content: incidentAttachments.content })
    .from(incidentAttachments)
    .innerJoin(incidents, eq(incidents.id, incidentAttachments.incidentId))
    .where(
      and(
        eq(incidentAttachments.id, attachmentId),
        eq(incidentAttachments.incidentId, incidentId),
        visibleIncidents(viewer),
      ),
    );
  if (!row) return null;
  const { content, ...rest } = row;
  return { ...present(rest), content: new Uint8Array(content) };
}

/** How many files an incident holds and their total size. */
export async function incidentAttachmentTotals(
  db: Executor,
  incidentId: string,
): Promise<{ files: number; bytes: number }> {
  const [row] = rowsOf<{ files: number | string; bytes: number | string }>(
    await db.execute(sql`select count(*) as files, coalesce(sum(size), 0) as bytes
      from incident_attachments where incident_id = ${incidentId}`),
  );
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export async function insertIncidentAttachment(
  db: Executor,
  input: {
    incidentId: string;
    filename: string;
    mediaType: string;
    sha256: string;
    content: Uint8Array;
    addedBy: string;
    now: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(incidentAttachments)
    .values({
      incidentId: input.incidentId,
      filename: input.filename,
      mediaType: input.mediaType,
      size: input.content.byteLength,
      sha256: input.sha256,
      content: input.content,
      addedBy: input.addedBy,
      addedAt: input.now,
    })
    .returning({ id: incidentAttachments.id });
  if (!row) throw new Error("The attachment was not recorded.");
  return row.id;
}

export async function deleteIncidentAttachment(
  db: Executor,
  incidentId: string,
  attachmentId: string,
): Promise<boolean> {
  const rows = await db
    .delete(incidentAttachments)
    .where(and(eq(incidentAttachments.id, attachmentId), eq(incidentAttachments.incidentId, incidentId)))
    .returning({ id: incidentAttachments.id });
  return rows.length > 0;
}
