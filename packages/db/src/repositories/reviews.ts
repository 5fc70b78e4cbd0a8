// The after-action review of an incident and its follow-up actions (issue 18). Reads take the
// viewer and filter with visibleIncidents: whoever sees the incident reads its lessons; no one else
// learns there are any.
import type { SharingViewer } from "@bulwark/core";
import { sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { incidentReviewActions, incidentReviews } from "../schema.ts";
import { actionOverdueSql } from "./event-actions.ts";
import { visibleIncidents } from "./sharing-scope.ts";

export interface IncidentReviewRecord {
  id: string;
  incidentId: string;
  wentWell: string;
  toImprove: string;
  author: { id: string; name: string };
  organisation: { id: string; name: string };
  proposalId: string | null;
  createdAt: string;
  actions: {
    id: string;
    title: string;
    description: string;
    ownerOrganisation: { id: string; name: string };
    dueOn: string;
    status: string;
    overdue: boolean;
  }[];
}

/** The incident's review as the viewer may see it (null: none yet, or the incident is hidden). */
export async function findIncidentReview(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  today: string,
): Promise<IncidentReviewRecord | null> {
  const [row] = rowsOf<{
    id: string;
    went_well: string;
    to_improve: string;
    author_id: string;
    author_name: string;
    organisation_id: string;
    organisation_name: string;
    proposal_id: string | null;
    created_at: string | Date;
  }>(
    await db.execute(sql`select r.id, r.went_well, r.to_improve, r.author_id, u.name as author_name,
        r.organisation_id, o.name as organisation_name, r.proposal_id, r.created_at
      from incident_reviews as r
      join incidents on incidents.id = r.incident_id
      join users as u on u.id = r.author_id
      join organisations as o on o.id = r.organisation_id
      where r.incident_id = ${incidentId} and ${visibleIncidents(viewer)}`),
  );
  if (!row) return null;
  const actions = rowsOf<{
    id: string;
    title: string;
    description: string;
    owner_id: string;
    owner_name: string;
    due_on: string;
    status: string;
    overdue: boolean;
  }>(
    await db.execute(sql`select a.id, a.title, a.description, a.owner_organisation_id as owner_id,
        o.name as owner_name, a.due_on::text as due_on, a.status, ${actionOverdueSql(today)} as overdue
      from incident_review_actions as a join organisations as o on o.id = a.owner_organisation_id
      where a.review_id = ${row.id} order by a.due_on, a.title, a.id`),
  );
  return {
    id: row.id,
    incidentId,
    wentWell: row.went_well,
    toImprove: row.to_improve,
    author: { id: row.author_id, name: row.author_name },
    organisation: { id: row.organisation_id, name: row.organisation_name },
    proposalId: row.proposal_id,
    createdAt: new Date(row.created_at).toISOString(),
    actions: actions.map((action) => ({
      id: action.id,
      title: action.title,
      description: action.description,
      ownerOrganisation: { id: action.owner_id, name: action.owner_name },
      dueOn: action.due_on,
      status: action.status,
      overdue: action.overdue === true,
    })),
  };
}

export async function insertIncidentReview(
  db: Executor,
  input: {
    incidentId: string;
    wentWell: string;
    toImprove: string;
    authorId: string;
    organisationId: string;
    actions: { title: string; description: string; ownerOrganisationId: string; dueOn: string }[];
    now: Date;
  },
): Promise<string> {
  const { actions, now, ...fields } = input;
  const [row] = await db
    .insert(incidentReviews)
    .values({ ...fields, createdAt: now })
    .returning({ id: incidentReviews.id });
  if (!row) throw new Error("The review was not recorded.");
  if (actions.length > 0)
    await db
      .insert(incidentReviewActions)
      .values(actions.map((action) => ({ ...action, reviewId: row.id, createdAt: now, updatedAt: now })));
  return row.id;
}

export async function setReviewActionStatus(
  db: Executor,
  reviewId: string,
  actionId: string,
  status: string,
  now: Date,
): Promise<void> {
  await db.execute(sql`update incident_review_actions set status = ${status}, updated_at = ${now.toISOString()}
    where id = ${actionId} and review_id = ${reviewId}`);
}

export async function linkReviewProposal(db: Executor, reviewId: string, proposalId: string): Promise<void> {
  await db.execute(sql`update incident_reviews set proposal_id = ${proposalId} where id = ${reviewId}`);
}

/** The organisations an incident involves: its filer's, its notices', its audience's (by id). */
export async function incidentOrganisations(
  db: Executor,
  incidentId: string,
): Promise<{ id: string; name: string; country: string }[]> {
  return rowsOf<{ id: string; name: string; country: string }>(
    await db.execute(sql`select o.id, o.name, o.country from organisations as o where o.id in (
        select filer_organisation_id from incidents where id = ${incidentId}
        union select filer_organisation_id from incident_notices where incident_id = ${incidentId}
        union select organisation_id from incident_audience where incident_id = ${incidentId} and organisation_id is not null)
      order by o.name`),
  );
}
