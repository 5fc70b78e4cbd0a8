// The incident board's rules of core (incident-board-policy.ts) in SQL, built from the sharing
// rule's own clauses (sharing-scope.ts): a log entry is read by whoever sees its incident
// (visibleIncidents), narrowed for AMBER+STRICT and RED by the recipient clause over the entry
// (its author's organisation; the people it names). Tasks follow their incident. Points of contact
// are read by their own organisation and by organisations involved in an open incident with it
// (involvedOrganisations of core), among incidents the reader sees.
import { type SQL, sql } from "drizzle-orm";
import { type MarkedTable, recipient, type SharingViewerOf, visibleIncidents } from "./sharing-scope.ts";

const LOG_ENTRIES: MarkedTable = {
  items: "incident_log_entries",
  audience: "incident_log_recipients",
  key: "entry_id",
  authorOrganisation: "author_organisation_id",
  approver: null,
};

/** The incident of the row `incidentIdColumn` names is one the viewer sees. */
export const incidentSeen = (viewer: SharingViewerOf, incidentIdColumn: SQL): SQL =>
  sql`exists (select 1 from incidents where incidents.id = ${incidentIdColumn} and ${visibleIncidents(viewer)})`;

/** Entries (the table `incident_log_entries`, under that name) the viewer may read: logEntryVisible. */
export const visibleLogEntries = (viewer: SharingViewerOf): SQL =>
  sql`(${incidentSeen(viewer, sql`incident_log_entries.incident_id`)}
    and (incident_log_entries.tlp in ('clear', 'green', 'amber')
      or incident_log_entries.author_id = ${viewer.userId}
      or ${recipient(viewer, LOG_ENTRIES)}))`;

/** The organisations involved in the incident `incidents` (core's involvedOrganisations), as a subquery. */
export const involvedOrganisationsSql = (): SQL => sql`(
  select incidents.filer_organisation_id
  union select n.filer_organisation_id from incident_notices as n where n.incident_id = incidents.id
  union select t.assignee_organisation_id from incident_tasks as t
    where t.incident_id = incidents.id and t.assignee_organisation_id is not null
  union select u.organisation_id from incident_tasks as t join users as u on u.id = t.assignee_user_id
    where t.incident_id = incidents.id
  union select a.organisation_id from incident_audience as a
    where a.incident_id = incidents.id and a.organisation_id is not null
      and incidents.tlp not in ('amber+strict', 'red'))`;

/** May the viewer read the points of contact of the organisation `organisationId` (a column or value)? */
export const contactsVisible = (viewer: SharingViewerOf, organisationId: SQL | string): SQL =>
  sql`(${organisationId}::uuid = ${viewer.organisationId}::uuid
    or exists (select 1 from incidents
      where incidents.state <> 'closed' and incidents.merged_into_id is null
        and ${visibleIncidents(viewer)}
        and ${viewer.organisationId}::uuid in ${involvedOrganisationsSql()}
        and ${organisationId}::uuid in ${involvedOrganisationsSql()}))`;
