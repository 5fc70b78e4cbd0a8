// Incidents, their audience, their assets' status history, notices, reports and state changes.
// Every read of an incident takes the viewer and filters with visibleIncidents (sharing-scope.ts):
// nobody reads an incident the TLP rule hides from them, whatever the route. Every change runs
// announceIncident in its transaction, so the notification goes out at commit or not at all.
import type { AssetReadScope, SharingAudience, SharingViewer } from "@bulwark/core";
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import {
  incidentAssets,
  incidentAudience,
  incidentNotices,
  incidentReports,
  incidentStateChanges,
  incidents,
  organisations,
} from "../schema.ts";
import { iso, isoOrNull } from "../scope.ts";
import { assetReadFilter } from "./asset-mentions.ts";
import { exerciseIncidentFilter } from "./exercise-incidents.ts";
import { visibleIncidents } from "./sharing-scope.ts";

/** The channel every change of an incident is announced on, with `{"id": "<incident id>"}`. */
export const INCIDENTS_CHANNEL = "bulwark_incidents";

/** Tell every process listening (the live event stream) that this incident changed, at commit. */
export async function announceIncident(db: Executor, id: string): Promise<void> {
  await db.execute(sql`select pg_notify(${INCIDENTS_CHANNEL}, ${JSON.stringify({ id })})`);
}

export interface IncidentFields {
  title: string;
  description: string;
  type: string;
  regime: string;
  tlp: string;
  startedAt: Date;
  awareAt: Date;
  suspectedCause: string;
  threatFamily: string | null;
  causeDetails: string;
  servicesAffected: string[];
  peopleAffected: number | null;
  effectsAbroad: string[];
  effectsAbroadDetails: string;
  /** The filer's proposal (null or left out: none). */
  severity?: string | null;
}

export interface IncidentRecord extends Omit<IncidentFields, "startedAt" | "awareAt" | "severity"> {
  id: string;
  severity: string | null;
  state: string;
  startedAt: string;
  awareAt: string;
  filer: { id: string; name: string };
  organisation: { id: string; name: string };
  /** True once the authority set the severity. */
  severityAssessed: boolean;
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

const columns = {
  incident: incidents,
  filerName: sql<string>`(select name from users where users.id = incidents.filer_id)`,
  organisationName: organisations.name,
};

type Row = { incident: typeof incidents.$inferSelect; filerName: string; organisationName: string };

const present = ({ incident, filerName, organisationName }: Row): IncidentRecord => ({
  id: incident.id,
  title: incident.title,
  description: incident.description,
  type: incident.type,
  state: incident.state,
  regime: incident.regime,
  tlp: incident.tlp,
  startedAt: iso(incident.startedAt),
  awareAt: iso(incident.awareAt),
  suspectedCause: incident.suspectedCause,
  threatFamily: incident.threatFamily,
  causeDetails: incident.causeDetails,
  servicesAffected: incident.servicesAffected,
  peopleAffected: incident.peopleAffected,
  effectsAbroad: incident.effectsAbroad,
  effectsAbroadDetails: incident.effectsAbroadDetails,
  severity: incident.severity,
  severityAssessed: incident.severityAssessed,
  filer: { id: incident.filerId, name: filerName },
  organisation: { id: incident.filerOrganisationId, name: organisationName },
  mergedIntoId: incident.mergedIntoId,
  createdAt: iso(incident.createdAt),
  updatedAt: iso(incident.updatedAt),
  closedAt: isoOrNull(incident.closedAt),
});

/** One incident the viewer may see (null: none such, or hidden from them; they cannot tell which). */
export async function findIncident(
  db: Executor,
  viewer: SharingViewer,
  id: string,
): Promise<IncidentRecord | null> {
  const [row] = await db
    .select(columns)
    .from(incidents)
    .innerJoin(organisations, eq(organisations.id, incidents.filerOrganisationId))
    .where(and(eq(incidents.id, id), visibleIncidents(viewer)));
  return row ? present(row) : null;
}

export interface IncidentFilter {
  /** Only these states. */
  states?: readonly string[];
  limit: number;
  offset: number;
  /** An exercise's incidents (filed in exercise mode); absent: real incidents only. */
  exerciseId?: string;
}

/** How many assets an incident names: those the reader may see, and the others. */
export interface IncidentAssetCounts {
  visible: number;
  hidden: number;
}

/**
 * The incidents the viewer may see (merged ones left out: they live on in the one they joined),
 * newest first, each with how many of its assets `assetScope` lets the reader see and how many
 * others it names: the rule of the incident's page (readableAssets over its status history; an
 * asset removed from the registry counts as hidden), counted in SQL.
 */
export async function listIncidents(
  db: Executor,
  viewer: SharingViewer,
  filter: IncidentFilter,
  assetScope: AssetReadScope,
): Promise<{ items: (IncidentRecord & { assetCounts: IncidentAssetCounts })[]; total: number }> {
  const conditions: SQL[] = [
    visibleIncidents(viewer),
    sql`incidents.merged_into_id is null`,
    exerciseIncidentFilter(filter.exerciseId),
  ];
  if (filter.states && filter.states.length > 0)
    conditions.push(
      sql`incidents.state in (${sql.join(
        filter.states.map((state) => sql`${state}`),
        sql`, `,
      )})`,
    );
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        ...columns,
        assetsNamed: sql<number>`(select count(distinct ia.asset_id)::int from incident_assets as ia
          where ia.incident_id = incidents.id)`,
        assetsVisible: sql<number>`(select count(distinct ia.asset_id)::int from incident_assets as ia
          join assets as a on a.id = ia.asset_id
          where ia.incident_id = incidents.id and ${assetReadFilter(assetScope, "a") ?? sql`true`})`,
      })
      .from(incidents)
      .innerJoin(organisations, eq(organisations.id, incidents.filerOrganisationId))
      .where(where)
      .orderBy(sql`incidents.aware_at desc, incidents.id`)
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(incidents).where(where),
  ]);
  return {
    items: rows.map((row) => {
      const visible = Number(row.assetsVisible);
      return { ...present(row), assetCounts: { visible, hidden: Number(row.assetsNamed) - visible } };
    }),
    total: Number(count?.total ?? 0),
  };
}

/** Hold the incident's row until the transaction ends: the changes of one incident queue. */
export async function lockIncident(db: Executor, id: string): Promise<boolean> {
  return rowsOf(await db.execute(sql`select id from incidents where id = ${id} for update`)).length > 0;
}

export async function incidentAudienceOf(db: Executor, id: string): Promise<SharingAudience> {
  const rows = await db
    .select({
      communityId: incidentAudience.communityId,
      organisationId: incidentAudience.organisationId,
      userId: incidentAudience.userId,
    })
    .from(incidentAudience)
    .where(eq(incidentAudience.incidentId, id));
  const of = (key: "communityId" | "organisationId" | "userId") =>
    rows.flatMap((row) => (row[key] ? [row[key]] : []));
  return { communityIds: of("communityId"), organisationIds: of("organisationId"), userIds: of("userId") };
}

/** Who the incident's audience names, with names (for the incident page). */
export async function incidentAudienceMembers(
  db: Executor,
  id: string,
): Promise<{ kind: "community" | "organisation" | "user"; id: string; name: string }[]> {
  const rows = rowsOf<{
    community_id: string | null;
    organisation_id: string | null;
    user_id: string | null;
    name: string;
  }>(
    await db.execute(sql`select a.community_id, a.organisation_id, a.user_id,
        coalesce(c.name, o.name, u.name) as name
      from incident_audience as a
      left join communities as c on c.id = a.community_id
      left join organisations as o on o.id = a.organisation_id
      left join users as u on u.id = a.user_id
      where a.incident_id = ${id}
      order by 4, 1, 2, 3`),
  );
  return rows.map((row) => ({
    kind: row.community_id ? "community" : row.organisation_id ? "organisation" : "user",
    id: row.community_id ?? row.organisation_id ?? row.user_id ?? "",
    name: row.name,
  }));
}

export async function addIncidentAudience(
  db: Executor,
  id: string,
  audience: SharingAudience,
): Promise<void> {
  const rows = [
    ...audience.communityIds.map((communityId) => ({ incidentId: id, communityId })),
    ...audience.organisationIds.map((organisationId) => ({ incidentId: id, organisationId })),
    ...audience.userIds.map((userId) => ({ incidentId: id, userId })),
  ];
  if (rows.length > 0) await db.insert(incidentAudience).values(rows);
}

export interface AssetStatusRow {
  assetId: string;
  status: string;
  at: string;
}

export async function insertIncident(
  db: Executor,
  input: IncidentFields & {
    filerId: string;
    filerOrganisationId: string;
    audience: SharingAudience;
    assets: { assetId: string; status: string; at: Date }[];
    now: Date;
  },
): Promise<string> {
  const { audience, assets, now, ...fields } = input;
  const [row] = await db
    .insert(incidents)
    .values({ ...fields, state: "reported", createdAt: now, updatedAt: now })
    .returning({ id: incidents.id });
  if (!row) throw new Error("The incident was not recorded.");
  await addIncidentAudience(db, row.id, audience);
  await db.insert(incidentNotices).values({
    incidentId: row.id,
    fromIncidentId: row.id,
    filerId: fields.filerId,
    filerOrganisationId: fields.filerOrganisationId,
    title: fields.title,
    description: fields.description,
    tlp: fields.tlp,
    filedAt: now,
  });
  await db
    .insert(incidentStateChanges)
    .values({ incidentId: row.id, state: "reported", userId: fields.filerId, at: now });
  await insertAssetStatuses(db, row.id, assets, fields.filerId, now);
  return row.id;
}

export async function insertAssetStatuses(
  db: Executor,
  incidentId: string,
  changes: readonly { assetId: string; status: string; at: Date }[],
  userId: string,
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insert(incidentAssets)
    .values(changes.map((change) => ({ incidentId, ...change, recordedBy: userId, recordedAt: now })));
  await touchIncident(db, incidentId, now);
}

const touchIncident = (db: Executor, id: string, now: Date) =>
  db.update(incidents).set({ updatedAt: now }).where(eq(incidents.id, id));

/** The status history of the incident's assets, oldest first (the order recorded breaks ties). */
export async function incidentAssetHistory(db: Executor, incidentId: string): Promise<AssetStatusRow[]> {
  const rows = await db
    .select({ assetId: incidentAssets.assetId, status: incidentAssets.status, at: incidentAssets.at })
    .from(incidentAssets)
    .where(eq(incidentAssets.incidentId, incidentId))
    .orderBy(asc(incidentAssets.at), asc(incidentAssets.recordedAt));
  return rows.map((row) => ({ ...row, at: iso(row.at) }));
}

export async function setIncidentState(
  db: Executor,
  id: string,
  state: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .update(incidents)
    .set({ state, updatedAt: now, ...(state === "closed" ? { closedAt: now } : {}) })
    .where(eq(incidents.id, id));
  await db.insert(incidentStateChanges).values({ incidentId: id, state, userId, at: now });
}

/** Set the severity; `assessed` when the authority sets it. */
export async function setIncidentSeverity(
  db: Executor,
  id: string,
  severity: string,
  assessed: boolean,
  now: Date,
): Promise<void> {
  await db
    .update(incidents)
    .set({ severity, severityAssessed: assessed, updatedAt: now })
    .where(eq(incidents.id, id));
}

export async function incidentStates(db: Executor, id: string) {
  const rows = await db
    .select({
      state: incidentStateChanges.state,
      userId: incidentStateChanges.userId,
      at: incidentStateChanges.at,
    })
    .from(incidentStateChanges)
    .where(eq(incidentStateChanges.incidentId, id))
    .orderBy(
      asc(incidentStateChanges.at),
      // States only move forward: at the same moment, the later state came later.
      sql`array_position(array['reported', 'acknowledged', 'responding', 'recovering', 'closed'], ${incidentStateChanges.state})`,
    );
  return rows.map((row) => ({ ...row, at: iso(row.at) }));
}

export interface IncidentNoticeRecord {
  id: string;
  fromIncidentId: string;
  filer: { id: string; name: string };
  organisation: { id: string; name: string };
  title: string;
  description: string;
  tlp: string;
  filedAt: string;
  mergedAt: string | null;
}

export async function incidentNoticesOf(db: Executor, id: string): Promise<IncidentNoticeRecord[]> {
  const rows = await db
    .select({
      notice: incidentNotices,
      filerName: sql<string>`(select name from users where users.id = incident_notices.filer_id)`,
      organisationName: organisations.name,
    })
    .from(incidentNotices)
    .innerJoin(organisations, eq(organisations.id, incidentNotices.filerOrganisationId))
    .where(eq(incidentNotices.incidentId, id))
    .orderBy(asc(incidentNotices.filedAt), asc(incidentNotices.id));
  return rows.map(({ notice, filerName, organisationName }) => ({
    id: notice.id,
    fromIncidentId: notice.fromIncidentId,
    filer: { id: notice.filerId, name: filerName },
    organisation: { id: notice.filerOrganisationId, name: organisationName },
    title: notice.title,
    description: notice.description,
    tlp: notice.tlp,
    filedAt: iso(notice.filedAt),
    mergedAt: isoOrNull(notice.mergedAt),
  }));
}

/**
 * Move everything `mergedId` gathered (its notices, its assets' history, its reports) into
 * `targetId`, and mark it merged. Its audience and state stay its own.
 */
export async function mergeIncidentInto(
  db: Executor,
  targetId: string,
  mergedId: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .update(incidentNotices)
    .set({ incidentId: targetId, mergedAt: now, mergedBy: userId })
    .where(eq(incidentNotices.incidentId, mergedId));
  await db
    .update(incidentAssets)
    .set({ incidentId: targetId })
    .where(eq(incidentAssets.incidentId, mergedId));
  await db
    .update(incidentReports)
    .set({ incidentId: targetId })
    .where(eq(incidentReports.incidentId, mergedId));
  await db
    .update(incidents)
    .set({ mergedIntoId: targetId, updatedAt: now })
    .where(and(eq(incidents.id, mergedId), isNull(incidents.mergedIntoId)));
  await touchIncident(db, targetId, now);
}

export interface IncidentReportRecord {
  id: string;
  report: string;
  body: string;
  filer: { id: string; name: string };
  organisation: { id: string; name: string };
  filedAt: string;
}

export async function insertIncidentReport(
  db: Executor,
  input: {
    incidentId: string;
    report: string;
    body: string;
    filerId: string;
    filerOrganisationId: string;
    now: Date;
  },
): Promise<string> {
  const { now, ...rest } = input;
  const [row] = await db
    .insert(incidentReports)
    .values({ ...rest, filedAt: now })
    .returning({ id: incidentReports.id });
  if (!row) throw new Error("The report was not recorded.");
  await touchIncident(db, input.incidentId, now);
  return row.id;
}

export async function incidentReportsOf(db: Executor, id: string): Promise<IncidentReportRecord[]> {
  const rows = await db
    .select({
      report: incidentReports,
      filerName: sql<string>`(select name from users where users.id = incident_reports.filer_id)`,
      organisationName: organisations.name,
    })
    .from(incidentReports)
    .innerJoin(organisations, eq(organisations.id, incidentReports.filerOrganisationId))
    .where(eq(incidentReports.incidentId, id))
    .orderBy(asc(incidentReports.filedAt), asc(incidentReports.id));
  return rows.map(({ report, filerName, organisationName }) => ({
    id: report.id,
    report: report.report,
    body: report.body,
    filer: { id: report.filerId, name: filerName },
    organisation: { id: report.filerOrganisationId, name: organisationName },
    filedAt: iso(report.filedAt),
  }));
}
