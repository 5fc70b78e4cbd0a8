// Organisations' 24/7 points of contact (issue 18): personal data, read only through
// contactsVisible (incident-board-scope.ts): by the organisation's own members, and by members of
// organisations involved in an open incident with it that they see. Never written to the audit
// trail (counts only) nor to the logs.
import type { SharingViewer } from "@bulwark/core";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { organisationContacts } from "../schema.ts";
import { contactsVisible, involvedOrganisationsSql } from "./incident-board-scope.ts";
import { visibleIncidents } from "./sharing-scope.ts";

export interface ContactRecord {
  name: string;
  role: string;
  phone: string;
  email: string | null;
  hours: string;
}

const contactsOf = (organisationId: string) =>
  sql`(select coalesce(json_agg(json_build_object('name', c.name, 'role', c.role, 'phone', c.phone,
      'email', c.email, 'hours', c.hours) order by c.position), '[]'::json)
    from organisation_contacts as c where c.organisation_id = ${sql.raw(organisationId)})`;

const parse = <T>(value: T | string | null): T | null =>
  typeof value === "string" ? (JSON.parse(value) as T) : value;

/**
 * An organisation's points of contact for this viewer: null when there is no such organisation or
 * the viewer may not read them (the two look the same).
 */
export async function readContacts(
  db: Executor,
  viewer: SharingViewer,
  organisationId: string,
): Promise<{
  organisation: { id: string; name: string };
  contacts: ContactRecord[];
  updatedAt: string | null;
} | null> {
  const [row] = rowsOf<{
    id: string;
    name: string;
    contacts: ContactRecord[] | string | null;
    updated_at: string | Date | null;
  }>(
    await db.execute(sql`select o.id, o.name, ${contactsOf("o.id")} as contacts,
        (select max(c.updated_at) from organisation_contacts as c where c.organisation_id = o.id) as updated_at
      from organisations as o
      where o.id = ${organisationId} and ${contactsVisible(viewer, sql`o.id`)}`),
  );
  if (!row) return null;
  return {
    organisation: { id: row.id, name: row.name },
    contacts: parse(row.contacts) ?? [],
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
  };
}

/** Replace an organisation's points of contact, in the order given. */
export async function replaceContacts(
  db: Executor,
  organisationId: string,
  contacts: readonly ContactRecord[],
  now: Date,
): Promise<void> {
  await db.delete(organisationContacts).where(eq(organisationContacts.organisationId, organisationId));
  if (contacts.length > 0)
    await db
      .insert(organisationContacts)
      .values(
        contacts.map((contact, position) => ({ ...contact, organisationId, position, updatedAt: now })),
      );
}

/** How many points of contact an organisation keeps (for the audit trail: a count, never who). */
export async function contactCount(db: Executor, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(organisationContacts)
    .where(eq(organisationContacts.organisationId, organisationId));
  return Number(row?.count ?? 0);
}

/**
 * The organisations involved in an incident the viewer sees (core's involvedOrganisations), each
 * with its points of contact when the viewer may read them (contactsVisible), by name.
 * Null: no such incident, or hidden from the viewer.
 */
export async function incidentContactList(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
): Promise<{ organisation: { id: string; name: string }; contacts: ContactRecord[] }[] | null> {
  const seen = rowsOf<{ id: string }>(
    await db.execute(
      sql`select incidents.id from incidents where incidents.id = ${incidentId} and ${visibleIncidents(viewer)}`,
    ),
  );
  if (seen.length === 0) return null;
  const rows = rowsOf<{ id: string; name: string; contacts: ContactRecord[] | string | null }>(
    await db.execute(sql`select o.id, o.name,
        case when ${contactsVisible(viewer, sql`o.id`)} then ${contactsOf("o.id")} else '[]'::json end as contacts
      from incidents join organisations as o on o.id in ${involvedOrganisationsSql()}
      where incidents.id = ${incidentId} and ${visibleIncidents(viewer)}
      order by o.name, o.id`),
  );
  return rows.map((row) => ({
    organisation: { id: row.id, name: row.name },
    contacts: parse(row.contacts) ?? [],
  }));
}
