// Resource requests between organisations (issue 18). Every read takes the viewer and filters with
// visibleResourceRequests, the SQL twin of resourceRequestAbilities(...).maySee in @bulwark/core:
// the requesting and the providing organisation, and the authority coordinating the response of an
// incident the request names, if it may see that incident.
import type { SharingViewer } from "@bulwark/core";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { resourceRequestChanges, resourceRequests } from "../schema.ts";
import { iso } from "../scope.ts";
import { visibleIncidents } from "./sharing-scope.ts";

/** A viewer of requests: `coordinates` is core's coordinatesResponse for them. */
export interface ResourceRequestReader extends SharingViewer {
  readonly coordinates: boolean;
}

/** Requests (the table `resource_requests`, under that name) the viewer may see. */
export const visibleResourceRequests = (viewer: ResourceRequestReader): SQL => {
  const coordinated = viewer.coordinates
    ? sql`or (resource_requests.incident_id is not null and exists (select 1 from incidents
        where incidents.id = resource_requests.incident_id and ${visibleIncidents(viewer)}))`
    : sql``;
  return sql`(resource_requests.from_organisation_id = ${viewer.organisationId}
    or resource_requests.to_organisation_id = ${viewer.organisationId} ${coordinated})`;
};

export interface ResourceRequestFields {
  incidentId: string | null;
  what: string;
  quantity: number;
  unit: string;
  deliverTo: string;
  neededBy: Date;
  priority: string;
  details: string;
  fromOrganisationId: string;
  toOrganisationId: string;
}

export interface ResourceRequestRecord extends Omit<ResourceRequestFields, "neededBy"> {
  id: string;
  neededBy: string;
  state: string;
  fromOrganisationName: string;
  toOrganisationName: string;
  requestedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

const columns = {
  request: resourceRequests,
  requesterName: sql<string>`(select name from users where users.id = resource_requests.requested_by)`,
  fromName: sql<string>`(select name from organisations where organisations.id = resource_requests.from_organisation_id)`,
  toName: sql<string>`(select name from organisations where organisations.id = resource_requests.to_organisation_id)`,
};

type Row = {
  request: typeof resourceRequests.$inferSelect;
  requesterName: string;
  fromName: string;
  toName: string;
};

const present = ({ request, requesterName, fromName, toName }: Row): ResourceRequestRecord => ({
  id: request.id,
  incidentId: request.incidentId,
  what: request.what,
  quantity: request.quantity,
  unit: request.unit,
  deliverTo: request.deliverTo,
  neededBy: iso(request.neededBy),
  priority: request.priority,
  details: request.details,
  fromOrganisationId: request.fromOrganisationId,
  toOrganisationId: request.toOrganisationId,
  fromOrganisationName: fromName,
  toOrganisationName: toName,
  state: request.state,
  requestedBy: { id: request.requestedBy, name: requesterName },
  createdAt: iso(request.createdAt),
  updatedAt: iso(request.updatedAt),
});

export interface ResourceRequestFilter {
  incidentId?: string;
  states?: readonly string[];
  limit: number;
  offset: number;
}

/** The requests the viewer may see, most recently changed first. */
export async function listResourceRequests(
  db: Executor,
  viewer: ResourceRequestReader,
  filter: ResourceRequestFilter,
): Promise<{ items: ResourceRequestRecord[]; total: number }> {
  const conditions: SQL[] = [visibleResourceRequests(viewer)];
  if (filter.incidentId) conditions.push(eq(resourceRequests.incidentId, filter.incidentId));
  if (filter.states && filter.states.length > 0)
    conditions.push(
      sql`resource_requests.state in (${sql.join(
        filter.states.map((state) => sql`${state}`),
        sql`, `,
      )})`,
    );
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select(columns)
      .from(resourceRequests)
      .where(where)
      .orderBy(desc(resourceRequests.updatedAt), asc(resourceRequests.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(resourceRequests).where(where),
  ]);
  return { items: rows.map(present), total: Number(count?.total ?? 0) };
}

export async function findResourceRequest(
  db: Executor,
  viewer: ResourceRequestReader,
  id: string,
): Promise<ResourceRequestRecord | null> {
  const [row] = await db
    .select(columns)
    .from(resourceRequests)
    .where(and(eq(resourceRequests.id, id), visibleResourceRequests(viewer)));
  return row ? present(row) : null;
}

export async function lockResourceRequest(db: Executor, id: string): Promise<boolean> {
  return (
    rowsOf(await db.execute(sql`select id from resource_requests where id = ${id} for update`)).length > 0
  );
}

export async function insertResourceRequest(
  db: Executor,
  input: ResourceRequestFields & { requestedBy: string; note: string; now: Date },
): Promise<string> {
  const { now, note, ...fields } = input;
  const [row] = await db
    .insert(resourceRequests)
    .values({ ...fields, state: "requested", createdAt: now, updatedAt: now })
    .returning({ id: resourceRequests.id });
  if (!row) throw new Error("The resource request was not recorded.");
  await db
    .insert(resourceRequestChanges)
    .values({ requestId: row.id, state: "requested", note, userId: input.requestedBy, at: now });
  return row.id;
}

export async function moveResourceRequest(
  db: Executor,
  id: string,
  state: string,
  note: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db.update(resourceRequests).set({ state, updatedAt: now }).where(eq(resourceRequests.id, id));
  await db.insert(resourceRequestChanges).values({ requestId: id, state, note, userId, at: now });
}

/** The states a request went through, oldest first (call only for a request the viewer may see). */
export async function resourceRequestHistory(db: Executor, id: string) {
  const rows = await db
    .select({
      state: resourceRequestChanges.state,
      note: resourceRequestChanges.note,
      at: resourceRequestChanges.at,
      userId: resourceRequestChanges.userId,
      userName: sql<string>`(select name from users where users.id = resource_request_changes.user_id)`,
    })
    .from(resourceRequestChanges)
    .where(eq(resourceRequestChanges.requestId, id))
    // The machine has no cycle, so a request's states come in its order: that order breaks ties of
    // moves made in the same millisecond.
    .orderBy(
      asc(resourceRequestChanges.at),
      sql`array_position(array['requested', 'approved', 'assigned', 'delivered', 'declined', 'cancelled'], resource_request_changes.state)`,
    );
  return rows.map((row) => ({
    state: row.state,
    note: row.note,
    at: iso(row.at),
    user: { id: row.userId, name: row.userName },
  }));
}
