// The TLP 2.0 rule of @bulwark/core (sharingAbilities(...).maySee) written as one SQL filter over
// `shared_items`. Every list, get, count, search, feed and acknowledgement query of the sharing
// repository goes through it; property tests compare its answers with the pure rule. Incidents are
// seen under the same rule (incidentAbilities in @bulwark/core: an incident is a published item of
// its filer), so their filter is built from the same recipient clause over their own tables; so are
// assistance needs and offers (needAbilities and offerAbilities: a published item of its recorder).
import { isSharingApprover, type SharingViewer } from "@bulwark/core";
import { SQL, sql } from "drizzle-orm";
import { sqlArray } from "../scope.ts";

/** A table of TLP-marked things with an audience table beside it. */
export interface MarkedTable {
  readonly items: string;
  readonly audience: string;
  /** The audience table's column naming the thing. */
  readonly key: string;
  readonly authorOrganisation: string;
  /** The column of a second person who approved it (a recipient of RED), if the table has one. */
  readonly approver: string | null;
}

const SHARED_ITEMS: MarkedTable = {
  items: "shared_items",
  audience: "shared_item_audience",
  key: "item_id",
  authorOrganisation: "author_organisation_id",
  approver: "approver_id",
};

const INCIDENTS: MarkedTable = {
  items: "incidents",
  audience: "incident_audience",
  key: "incident_id",
  authorOrganisation: "filer_organisation_id",
  approver: null,
};

const ASSISTANCE_NEEDS: MarkedTable = {
  items: "assistance_needs",
  audience: "assistance_need_audience",
  key: "need_id",
  authorOrganisation: "organisation_id",
  approver: null,
};

const ASSISTANCE_OFFERS: MarkedTable = {
  items: "assistance_offers",
  audience: "assistance_offer_audience",
  key: "offer_id",
  authorOrganisation: "organisation_id",
  approver: null,
};

/**
 * A viewer whose user is named by SQL (a column of the query) rather than by a value: live updates
 * ask in one query which of several people of one organisation, with the same roles, may see a
 * thing (apps/server/src/live), under the very rule every route reads through. Rules that do not
 * depend on roles (incidents and their log) may also take the organisation and its communities
 * from the query (a column, and a subquery of community ids), to answer for readers of every
 * organisation at once.
 */
export type SharingViewerOf = Omit<SharingViewer, "userId" | "organisationId" | "communityIds"> & {
  readonly userId: string | SQL;
  readonly organisationId: string | SQL;
  readonly communityIds: readonly string[] | SQL;
};

/** `column` is one of the viewer's communities (a list of ids, or a subquery of them). */
const inCommunities = (column: SQL, communityIds: SharingViewerOf["communityIds"]): SQL =>
  communityIds instanceof SQL
    ? sql`${column} in ${communityIds}`
    : sql`${column} = any(${sqlArray(communityIds, "uuid")})`;

/** isRecipient of @bulwark/core over a sent thing of `table`: who its marking and audience reach. */
export function recipient(viewer: SharingViewerOf, table: MarkedTable): SQL {
  const column = (name: string) => sql.raw(`${table.items}.${name}`);
  const audience = sql.raw(table.audience);
  const key = sql.raw(`heard.${table.key}`);
  const id = column("id");
  const tlp = column("tlp");
  const approver = table.approver ? sql`${column(table.approver)} = ${viewer.userId} or ` : sql``;
  return sql`(${tlp} = 'clear'
      or (${tlp} = 'red' and (${approver}
        exists (select 1 from ${audience} as heard
          where ${key} = ${id} and heard.user_id = ${viewer.userId})))
      or (${tlp} in ('green', 'amber', 'amber+strict') and (
        ${column(table.authorOrganisation)} = ${viewer.organisationId}
        or exists (select 1 from ${audience} as heard
          where ${key} = ${id}
            and (heard.organisation_id = ${viewer.organisationId}
              or ${inCommunities(sql`heard.community_id`, viewer.communityIds)})))))`;
}

/** Items (the table `shared_items`, under that name) the viewer may see. */
export function visibleSharedItems(viewer: SharingViewerOf): SQL {
  const approverOfOwn = isSharingApprover(viewer.roles)
    ? sql`or (shared_items.status in ('draft', 'awaiting-approval')
          and shared_items.author_organisation_id = ${viewer.organisationId})`
    : sql``;
  return sql`(shared_items.author_id = ${viewer.userId}
    ${approverOfOwn}
    or (shared_items.status in ('published', 'withdrawn') and ${recipient(viewer, SHARED_ITEMS)}))`;
}

/**
 * Incidents (the table `incidents`, under that name) the viewer may see: incidentAbilities' maySee,
 * and for an incident filed in exercise mode, only while the viewer's organisation takes part in
 * the exercise (exerciseIncidentSeen in @bulwark/core; the exercise rule of repositories/exercises.ts).
 */
export const visibleIncidents = (viewer: SharingViewerOf): SQL =>
  sql`((incidents.filer_id = ${viewer.userId} or ${recipient(viewer, INCIDENTS)})
    and ${exerciseIncidentsFor(viewer.organisationId)})`;

/** Real incidents, and exercise ones of exercises the organisation takes part in. */
const exerciseIncidentsFor = (organisationId: SharingViewerOf["organisationId"]): SQL =>
  sql`not exists (select 1 from exercise_incidents as drill
    where drill.incident_id = incidents.id
      and not exists (select 1 from exercises as drilled
        where drilled.id = drill.exercise_id
          and (drilled.owner_organisation_id = ${organisationId}
            or exists (select 1 from exercise_participants as taking
              where taking.exercise_id = drilled.id and taking.organisation_id = ${organisationId}))))`;

/** Assistance needs (the table `assistance_needs`, under that name) the viewer may see: needAbilities' maySee. */
export const visibleAssistanceNeeds = (viewer: SharingViewerOf): SQL =>
  sql`(assistance_needs.recorder_id = ${viewer.userId} or ${recipient(viewer, ASSISTANCE_NEEDS)})`;

/** Assistance offers (the table `assistance_offers`, under that name) the viewer may see: offerAbilities' maySee. */
export const visibleAssistanceOffers = (viewer: SharingViewerOf): SQL =>
  sql`(assistance_offers.recorder_id = ${viewer.userId} or ${recipient(viewer, ASSISTANCE_OFFERS)})`;

/** Items anyone may read without signing in: isPublicItem of @bulwark/core, in SQL. */
export const publicSharedItems = (): SQL =>
  sql`(shared_items.tlp = 'clear' and shared_items.status in ('published', 'withdrawn'))`;
