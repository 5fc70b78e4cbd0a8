// Situation reports (issue 18). Every read takes the viewer and filters with visibleSitreps, the
// SQL twin of sitrepAbilities(...).maySee in @bulwark/core: the author's organisation's people who
// see the incident, and (once sent) whoever the sharing rule shows the shared item it went out as.
import type { SharingAudience, SharingViewer } from "@bulwark/core";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { organisations, sitreps } from "../schema.ts";
import { iso, isoOrNull } from "../scope.ts";
import { visibleIncidents, visibleSharedItems } from "./sharing-scope.ts";

/** Sitreps (the table `sitreps`, under that name) the viewer may see. */
export const visibleSitreps = (viewer: SharingViewer): SQL =>
  sql`((sitreps.author_organisation_id = ${viewer.organisationId}
      and exists (select 1 from incidents where incidents.id = sitreps.incident_id and ${visibleIncidents(viewer)}))
    or (sitreps.status = 'sent' and exists (select 1 from shared_items
      where shared_items.id = sitreps.shared_item_id and ${visibleSharedItems(viewer)})))`;

export interface SitrepTexts {
  situation: string;
  actions: string;
  resources: string;
  nextSteps: string;
}

export interface SitrepRecord extends SitrepTexts {
  id: string;
  incidentId: string;
  number: number;
  status: string;
  asOf: string;
  tlp: string;
  audience: SharingAudience;
  author: { id: string; name: string };
  organisation: { id: string; name: string };
  approver: { id: string; name: string } | null;
  approvedAt: string | null;
  sharedItemId: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = {
  sitrep: sitreps,
  authorName: sql<string>`(select name from users where users.id = sitreps.author_id)`,
  approverName: sql<string | null>`(select name from users where users.id = sitreps.approver_id)`,
  organisationName: organisations.name,
};

type Row = {
  sitrep: typeof sitreps.$inferSelect;
  authorName: string;
  approverName: string | null;
  organisationName: string;
};

const audienceOf = (value: unknown): SharingAudience => {
  const record = (value ?? {}) as Partial<Record<keyof SharingAudience, unknown>>;
  const ids = (key: keyof SharingAudience) =>
    Array.isArray(record[key]) ? (record[key] as unknown[]).filter((id) => typeof id === "string") : [];
  return {
    communityIds: ids("communityIds"),
    organisationIds: ids("organisationIds"),
    userIds: ids("userIds"),
  };
};

const present = ({ sitrep, authorName, approverName, organisationName }: Row): SitrepRecord => ({
  id: sitrep.id,
  incidentId: sitrep.incidentId,
  number: sitrep.number,
  status: sitrep.status,
  asOf: iso(sitrep.asOf),
  situation: sitrep.situation,
  actions: sitrep.actions,
  resources: sitrep.resources,
  nextSteps: sitrep.nextSteps,
  tlp: sitrep.tlp,
  audience: audienceOf(sitrep.audience),
  author: { id: sitrep.authorId, name: authorName },
  organisation: { id: sitrep.authorOrganisationId, name: organisationName },
  approver: sitrep.approverId ? { id: sitrep.approverId, name: approverName ?? "" } : null,
  approvedAt: isoOrNull(sitrep.approvedAt),
  sharedItemId: sitrep.sharedItemId,
  sentAt: isoOrNull(sitrep.sentAt),
  createdAt: iso(sitrep.createdAt),
  updatedAt: iso(sitrep.updatedAt),
});

const select = (db: Executor) =>
  db
    .select(columns)
    .from(sitreps)
    .innerJoin(organisations, eq(organisations.id, sitreps.authorOrganisationId));

/** The sitreps of an incident the viewer may see, by number. */
export async function listSitreps(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
): Promise<SitrepRecord[]> {
  const rows = await select(db)
    .where(and(eq(sitreps.incidentId, incidentId), visibleSitreps(viewer)))
    .orderBy(asc(sitreps.number));
  return rows.map(present);
}

/** Sitrep `number` of an incident, if the viewer may see it (null: none such, or hidden). */
export async function findSitrep(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  number: number,
): Promise<SitrepRecord | null> {
  const [row] = await select(db).where(
    and(eq(sitreps.incidentId, incidentId), eq(sitreps.number, number), visibleSitreps(viewer)),
  );
  return row ? present(row) : null;
}

/** Hold the sitrep's row until the transaction ends: the changes of one report queue. */
export async function lockSitrep(db: Executor, incidentId: string, number: number): Promise<boolean> {
  return (
    rowsOf(
      await db.execute(
        sql`select id from sitreps where incident_id = ${incidentId} and number = ${number} for update`,
      ),
    ).length > 0
  );
}

/**
 * A new draft, numbered after the incident's last one. Run under the incident's lock
 * (lockIncident), so that two drafts of one incident never draw the same number.
 */
export async function insertSitrep(
  db: Executor,
  input: SitrepTexts & {
    incidentId: string;
    tlp: string;
    audience: SharingAudience;
    authorId: string;
    authorOrganisationId: string;
    now: Date;
  },
): Promise<number> {
  const { now, ...fields } = input;
  const [row] = await db
    .insert(sitreps)
    .values({
      ...fields,
      audience: { ...fields.audience },
      number: sql`(select coalesce(max(number), 0) + 1 from sitreps where incident_id = ${input.incidentId})`,
      status: "draft",
      asOf: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ number: sitreps.number });
  if (!row) throw new Error("The situation report was not recorded.");
  return row.number;
}

export async function updateSitrep(
  db: Executor,
  id: string,
  change: Partial<SitrepTexts> & {
    tlp?: string;
    audience?: SharingAudience;
    asOf?: Date;
    status?: "approved" | "sent";
    approverId?: string;
    approvedAt?: Date;
    sharedItemId?: string;
    sentAt?: Date;
    now: Date;
  },
): Promise<void> {
  const { now, audience, ...fields } = change;
  await db
    .update(sitreps)
    .set({ ...fields, ...(audience ? { audience: { ...audience } } : {}), updatedAt: now })
    .where(eq(sitreps.id, id));
}
