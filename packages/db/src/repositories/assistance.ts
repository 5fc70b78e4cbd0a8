// Assistance needs, offers and engagements (issue 20). Every read of a need or an offer takes the
// viewer and filters with visibleAssistanceNeeds / visibleAssistanceOffers (sharing-scope.ts: the
// TLP recipient clause of shared items), so a need the state did not address to a provider never
// reaches it: not in lists, counts, matches or engagements. Engagements are read through
// engagementScope: the two parties only.
import type { EngagementScope, SharingAudience, SharingViewer } from "@bulwark/core";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import {
  assistanceEngagements,
  assistanceNeedAudience,
  assistanceNeeds,
  assistanceOfferAudience,
  assistanceOffers,
  organisations,
} from "../schema.ts";
import { iso, sqlArray } from "../scope.ts";
import { visibleAssistanceNeeds, visibleAssistanceOffers } from "./sharing-scope.ts";

export interface NeedFields {
  title: string;
  description: string;
  theme: string;
  sectors: string[];
  section: string | null;
  urgency: string;
  languages: string[];
  modality: string;
  neededBy: string | null;
  tlp: string;
}

export interface NeedRecord extends NeedFields {
  id: string;
  status: string;
  organisation: { id: string; name: string; country: string };
  recorder: { id: string; name: string };
  source: { runId: string | null; questionId: string | null; actionId: string | null };
  createdAt: string;
  updatedAt: string;
}

const needColumns = {
  need: assistanceNeeds,
  recorderName: sql<string>`(select name from users where users.id = assistance_needs.recorder_id)`,
  organisationName: organisations.name,
  country: organisations.country,
};
type NeedRow = {
  need: typeof assistanceNeeds.$inferSelect;
  recorderName: string;
  organisationName: string;
  country: string;
};

const presentNeed = ({ need, recorderName, organisationName, country }: NeedRow): NeedRecord => ({
  id: need.id,
  title: need.title,
  description: need.description,
  theme: need.theme,
  sectors: need.sectors,
  section: need.section,
  urgency: need.urgency,
  languages: need.languages,
  modality: need.modality,
  neededBy: need.neededBy,
  tlp: need.tlp,
  status: need.status,
  organisation: { id: need.organisationId, name: organisationName, country },
  recorder: { id: need.recorderId, name: recorderName },
  source: { runId: need.sourceRunId, questionId: need.sourceQuestionId, actionId: need.sourceActionId },
  createdAt: iso(need.createdAt),
  updatedAt: iso(need.updatedAt),
});

export interface NeedFilter {
  status?: string | undefined;
  theme?: string | undefined;
  /** Any of these themes. */
  themes?: readonly string[] | undefined;
  organisationId?: string | undefined;
  limit: number;
  offset: number;
}

/** One need the viewer may see (null: none such, or hidden from them; they cannot tell which). */
export async function findNeed(db: Executor, viewer: SharingViewer, id: string): Promise<NeedRecord | null> {
  const [row] = await db
    .select(needColumns)
    .from(assistanceNeeds)
    .innerJoin(organisations, eq(organisations.id, assistanceNeeds.organisationId))
    .where(and(eq(assistanceNeeds.id, id), visibleAssistanceNeeds(viewer)));
  return row ? presentNeed(row) : null;
}

/** The needs the viewer may see, most urgent first, then the sooner needed, then the newest. */
export async function listNeeds(
  db: Executor,
  viewer: SharingViewer,
  filter: NeedFilter,
): Promise<{ items: NeedRecord[]; total: number }> {
  const conditions: SQL[] = [visibleAssistanceNeeds(viewer)];
  if (filter.status) conditions.push(eq(assistanceNeeds.status, filter.status));
  if (filter.theme) conditions.push(eq(assistanceNeeds.theme, filter.theme));
  if (filter.themes) conditions.push(sql`assistance_needs.theme = any(${sqlArray(filter.themes)})`);
  if (filter.organisationId) conditions.push(eq(assistanceNeeds.organisationId, filter.organisationId));
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select(needColumns)
      .from(assistanceNeeds)
      .innerJoin(organisations, eq(organisations.id, assistanceNeeds.organisationId))
      .where(where)
      .orderBy(
        sql`case assistance_needs.urgency when 'high' then 0 when 'medium' then 1 else 2 end,
          assistance_needs.needed_by asc nulls last, assistance_needs.created_at desc, assistance_needs.id`,
      )
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(assistanceNeeds).where(where),
  ]);
  return { items: rows.map(presentNeed), total: Number(count?.total ?? 0) };
}

type AudienceTable = typeof assistanceNeedAudience | typeof assistanceOfferAudience;

async function audienceOf(db: Executor, table: AudienceTable, key: SQL): Promise<SharingAudience> {
  const rows = await db
    .select({ communityId: table.communityId, organisationId: table.organisationId, userId: table.userId })
    .from(table)
    .where(key);
  const of = (name: "communityId" | "organisationId" | "userId") =>
    rows.flatMap((row) => (row[name] ? [row[name]] : []));
  return { communityIds: of("communityId"), organisationIds: of("organisationId"), userIds: of("userId") };
}

export const needAudienceOf = (db: Executor, id: string) =>
  audienceOf(db, assistanceNeedAudience, eq(assistanceNeedAudience.needId, id));
export const offerAudienceOf = (db: Executor, id: string) =>
  audienceOf(db, assistanceOfferAudience, eq(assistanceOfferAudience.offerId, id));

/** The audiences of several needs (or offers) in one query, by id. */
export async function audiencesOf(
  db: Executor,
  of: "needs" | "offers",
  ids: readonly string[],
): Promise<Map<string, SharingAudience>> {
  const table = of === "needs" ? sql.raw("assistance_need_audience") : sql.raw("assistance_offer_audience");
  const key = of === "needs" ? sql.raw("need_id") : sql.raw("offer_id");
  const found = new Map<string, { communityIds: string[]; organisationIds: string[]; userIds: string[] }>(
    ids.map((id) => [id, { communityIds: [], organisationIds: [], userIds: [] }]),
  );
  if (ids.length === 0) return found;
  const rows = rowsOf<{
    owner: string;
    community_id: string | null;
    organisation_id: string | null;
    user_id: string | null;
  }>(
    await db.execute(sql`select ${key} as owner, community_id, organisation_id, user_id from ${table}
      where ${key} = any(${sqlArray(ids, "uuid")})`),
  );
  for (const row of rows) {
    const audience = found.get(row.owner);
    if (!audience) continue;
    if (row.community_id) audience.communityIds.push(row.community_id);
    if (row.organisation_id) audience.organisationIds.push(row.organisation_id);
    if (row.user_id) audience.userIds.push(row.user_id);
  }
  return found;
}

const audienceRows = (audience: SharingAudience) => [
  ...audience.communityIds.map((communityId) => ({ communityId })),
  ...audience.organisationIds.map((organisationId) => ({ organisationId })),
  ...audience.userIds.map((userId) => ({ userId })),
];

async function replaceNeedAudience(db: Executor, needId: string, audience: SharingAudience) {
  await db.delete(assistanceNeedAudience).where(eq(assistanceNeedAudience.needId, needId));
  const rows = audienceRows(audience).map((row) => ({ ...row, needId }));
  if (rows.length > 0) await db.insert(assistanceNeedAudience).values(rows);
}

async function replaceOfferAudience(db: Executor, offerId: string, audience: SharingAudience) {
  await db.delete(assistanceOfferAudience).where(eq(assistanceOfferAudience.offerId, offerId));
  const rows = audienceRows(audience).map((row) => ({ ...row, offerId }));
  if (rows.length > 0) await db.insert(assistanceOfferAudience).values(rows);
}

export async function insertNeed(
  db: Executor,
  input: NeedFields & {
    organisationId: string;
    recorderId: string;
    audience: SharingAudience;
    sourceRunId: string | null;
    sourceQuestionId: string | null;
    sourceActionId: string | null;
    now: Date;
  },
): Promise<string> {
  const { audience, now, ...fields } = input;
  const [row] = await db
    .insert(assistanceNeeds)
    .values({ ...fields, status: "open", createdAt: now, updatedAt: now })
    .returning({ id: assistanceNeeds.id });
  if (!row) throw new Error("The need was not recorded.");
  await replaceNeedAudience(db, row.id, audience);
  return row.id;
}

/** Hold the need's row until the transaction ends: changes and engagements of one need queue. */
export async function lockNeed(db: Executor, id: string): Promise<void> {
  await db.execute(sql`select id from assistance_needs where id = ${id} for update`);
}

export async function updateNeed(
  db: Executor,
  id: string,
  change: Partial<NeedFields> & { status?: string; audience?: SharingAudience },
  now: Date,
): Promise<void> {
  const { audience, ...fields } = change;
  await db
    .update(assistanceNeeds)
    .set({ ...fields, updatedAt: now })
    .where(eq(assistanceNeeds.id, id));
  if (audience) await replaceNeedAudience(db, id, audience);
}

export interface OfferFields {
  title: string;
  description: string;
  themes: string[];
  sectors: string[];
  regions: string[];
  languages: string[];
  modalities: string[];
  capacity: number | null;
  availableFrom: string | null;
  availableUntil: string | null;
  tlp: string;
}

export interface OfferRecord extends OfferFields {
  id: string;
  status: string;
  organisation: { id: string; name: string; kind: string };
  recorder: { id: string; name: string };
  /** Engagements of it under way. */
  active: number;
  createdAt: string;
  updatedAt: string;
}

const offerColumns = {
  offer: assistanceOffers,
  recorderName: sql<string>`(select name from users where users.id = assistance_offers.recorder_id)`,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
  active: sql<number>`(select count(*)::int from assistance_engagements as e
    where e.offer_id = assistance_offers.id and e.status = 'active')`,
};
type OfferRow = {
  offer: typeof assistanceOffers.$inferSelect;
  recorderName: string;
  organisationName: string;
  organisationKind: string;
  active: number;
};

const presentOffer = ({
  offer,
  recorderName,
  organisationName,
  organisationKind,
  active,
}: OfferRow): OfferRecord => ({
  id: offer.id,
  title: offer.title,
  description: offer.description,
  themes: offer.themes,
  sectors: offer.sectors,
  regions: offer.regions,
  languages: offer.languages,
  modalities: offer.modalities,
  capacity: offer.capacity,
  availableFrom: offer.availableFrom,
  availableUntil: offer.availableUntil,
  tlp: offer.tlp,
  status: offer.status,
  organisation: { id: offer.organisationId, name: organisationName, kind: organisationKind },
  recorder: { id: offer.recorderId, name: recorderName },
  active: Number(active),
  createdAt: iso(offer.createdAt),
  updatedAt: iso(offer.updatedAt),
});

export interface OfferFilter {
  status?: string | undefined;
  theme?: string | undefined;
  organisationId?: string | undefined;
  limit: number;
  offset: number;
}

export async function findOffer(
  db: Executor,
  viewer: SharingViewer,
  id: string,
): Promise<OfferRecord | null> {
  const [row] = await db
    .select(offerColumns)
    .from(assistanceOffers)
    .innerJoin(organisations, eq(organisations.id, assistanceOffers.organisationId))
    .where(and(eq(assistanceOffers.id, id), visibleAssistanceOffers(viewer)));
  return row ? presentOffer(row) : null;
}

/** The offers the viewer may see, newest first. */
export async function listOffers(
  db: Executor,
  viewer: SharingViewer,
  filter: OfferFilter,
): Promise<{ items: OfferRecord[]; total: number }> {
  const conditions: SQL[] = [visibleAssistanceOffers(viewer)];
  if (filter.status) conditions.push(eq(assistanceOffers.status, filter.status));
  if (filter.theme) conditions.push(sql`${filter.theme} = any(assistance_offers.themes)`);
  if (filter.organisationId) conditions.push(eq(assistanceOffers.organisationId, filter.organisationId));
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select(offerColumns)
      .from(assistanceOffers)
      .innerJoin(organisations, eq(organisations.id, assistanceOffers.organisationId))
      .where(where)
      .orderBy(sql`assistance_offers.created_at desc, assistance_offers.id`)
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(assistanceOffers).where(where),
  ]);
  return { items: rows.map(presentOffer), total: Number(count?.total ?? 0) };
}

export async function insertOffer(
  db: Executor,
  input: OfferFields & { organisationId: string; recorderId: string; audience: SharingAudience; now: Date },
): Promise<string> {
  const { audience, now, ...fields } = input;
  const [row] = await db
    .insert(assistanceOffers)
    .values({ ...fields, status: "open", createdAt: now, updatedAt: now })
    .returning({ id: assistanceOffers.id });
  if (!row) throw new Error("The offer was not recorded.");
  await replaceOfferAudience(db, row.id, audience);
  return row.id;
}

export async function updateOffer(
  db: Executor,
  id: string,
  change: Partial<OfferFields> & { status?: string; audience?: SharingAudience },
  now: Date,
): Promise<void> {
  const { audience, ...fields } = change;
  await db
    .update(assistanceOffers)
    .set({ ...fields, updatedAt: now })
    .where(eq(assistanceOffers.id, id));
  if (audience) await replaceOfferAudience(db, id, audience);
}

export interface MilestoneRecord {
  title: string;
  dueOn: string | null;
  doneOn: string | null;
}

export interface DeliverableRecord {
  title: string;
  deliveredOn: string | null;
}

export interface EngagementParticipantRecord {
  id: string;
  name: string;
  organisationId: string;
}

export interface EngagementRecord {
  id: string;
  need: { id: string; title: string; theme: string; section: string | null };
  offer: { id: string; title: string } | null;
  state: { id: string; name: string; country: string };
  provider: { id: string; name: string };
  message: string;
  status: string;
  milestones: MilestoneRecord[];
  deliverables: DeliverableRecord[];
  participants: EngagementParticipantRecord[];
  outcomeConsent: boolean;
  baselineRunId: string | null;
  followUpRunId: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

/** The parties' rule of engagementPolicy.readScope, in SQL over `e`. */
export const engagementScope = (scope: EngagementScope): SQL =>
  sql`(e.state_organisation_id = ${scope.organisationId} or e.provider_organisation_id = ${scope.organisationId})`;

interface EngagementRow {
  id: string;
  need_id: string;
  need_title: string;
  need_theme: string;
  need_section: string | null;
  offer_id: string | null;
  offer_title: string | null;
  state_id: string;
  state_name: string;
  state_country: string;
  provider_id: string;
  provider_name: string;
  message: string;
  status: string;
  milestones: MilestoneRecord[];
  deliverables: DeliverableRecord[];
  participants: { id: string; name: string; organisation_id: string }[] | string;
  outcome_consent: boolean;
  baseline_run_id: string | null;
  follow_up_run_id: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  started_at: string | Date | null;
  ended_at: string | Date | null;
}

const isoOf = (value: string | Date) => new Date(value).toISOString();
const presentEngagement = (row: EngagementRow): EngagementRecord => ({
  id: row.id,
  need: { id: row.need_id, title: row.need_title, theme: row.need_theme, section: row.need_section },
  offer: row.offer_id && row.offer_title !== null ? { id: row.offer_id, title: row.offer_title } : null,
  state: { id: row.state_id, name: row.state_name, country: row.state_country },
  provider: { id: row.provider_id, name: row.provider_name },
  message: row.message,
  status: row.status,
  milestones: row.milestones,
  deliverables: row.deliverables,
  participants: (typeof row.participants === "string" ? JSON.parse(row.participants) : row.participants).map(
    (person: { id: string; name: string; organisation_id: string }) => ({
      id: person.id,
      name: person.name,
      organisationId: person.organisation_id,
    }),
  ),
  outcomeConsent: row.outcome_consent,
  baselineRunId: row.baseline_run_id,
  followUpRunId: row.follow_up_run_id,
  createdAt: isoOf(row.created_at),
  updatedAt: isoOf(row.updated_at),
  startedAt: row.started_at === null ? null : isoOf(row.started_at),
  endedAt: row.ended_at === null ? null : isoOf(row.ended_at),
});

export interface EngagementFilter {
  id?: string | undefined;
  needId?: string | undefined;
  offerId?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

export async function listEngagements(
  db: Executor,
  scope: EngagementScope,
  filter: EngagementFilter,
): Promise<{ items: EngagementRecord[]; total: number }> {
  const parts: SQL[] = [engagementScope(scope)];
  if (filter.id) parts.push(sql`e.id = ${filter.id}`);
  if (filter.needId) parts.push(sql`e.need_id = ${filter.needId}`);
  if (filter.offerId) parts.push(sql`e.offer_id = ${filter.offerId}`);
  if (filter.status) parts.push(sql`e.status = ${filter.status}`);
  const where = sql.join(parts, sql` and `);
  const [rows, totals] = await Promise.all([
    db.execute(sql`select e.id, e.need_id, n.title as need_title, n.theme as need_theme, n.section as need_section,
        e.offer_id, o.title as offer_title, e.state_organisation_id as state_id, s.name as state_name,
        s.country as state_country, e.provider_organisation_id as provider_id, p.name as provider_name,
        e.message, e.status, e.milestones, e.deliverables,
        coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'organisation_id', u.organisation_id)
            order by u.name, u.id)
          from users as u where u.id = any(e.participant_ids)), '[]'::json) as participants,
        e.outcome_consent, e.baseline_run_id, e.follow_up_run_id,
        e.created_at, e.updated_at, e.started_at, e.ended_at
      from assistance_engagements as e
      join assistance_needs as n on n.id = e.need_id
      left join assistance_offers as o on o.id = e.offer_id
      join organisations as s on s.id = e.state_organisation_id
      join organisations as p on p.id = e.provider_organisation_id
      where ${where}
      order by e.updated_at desc, e.id
      limit ${filter.limit} offset ${filter.offset}`),
    db.execute(sql`select count(*)::int as total from assistance_engagements as e where ${where}`),
  ]);
  return {
    items: rowsOf<EngagementRow>(rows).map(presentEngagement),
    total: Number(rowsOf<{ total: number }>(totals)[0]?.total ?? 0),
  };
}

export async function findEngagement(
  db: Executor,
  scope: EngagementScope,
  id: string,
): Promise<EngagementRecord | null> {
  const { items } = await listEngagements(db, scope, { id, limit: 1, offset: 0 });
  return items[0] ?? null;
}

/** Is an engagement of this provider on this need proposed or under way? */
export async function openEngagementExists(
  db: Executor,
  needId: string,
  providerId: string,
): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`select 1 from assistance_engagements
      where need_id = ${needId} and provider_organisation_id = ${providerId} and status in ('proposed', 'active')`),
  );
  return rows.length > 0;
}

export async function insertEngagement(
  db: Executor,
  input: {
    needId: string;
    offerId: string | null;
    stateOrganisationId: string;
    providerOrganisationId: string;
    proposedBy: string;
    message: string;
    now: Date;
  },
): Promise<string> {
  const { now, ...fields } = input;
  const [row] = await db
    .insert(assistanceEngagements)
    .values({ ...fields, status: "proposed", createdAt: now, updatedAt: now })
    .returning({ id: assistanceEngagements.id });
  if (!row) throw new Error("The engagement was not recorded.");
  return row.id;
}

export async function lockEngagement(db: Executor, id: string): Promise<void> {
  await db.execute(sql`select id from assistance_engagements where id = ${id} for update`);
}

export async function updateEngagement(
  db: Executor,
  id: string,
  change: {
    status?: string;
    milestones?: MilestoneRecord[];
    deliverables?: DeliverableRecord[];
    participantIds?: string[];
    outcomeConsent?: boolean;
    baselineRunId?: string | null;
    followUpRunId?: string | null;
    startedAt?: Date;
    endedAt?: Date;
  },
  now: Date,
): Promise<void> {
  await db
    .update(assistanceEngagements)
    .set({ ...change, updatedAt: now })
    .where(eq(assistanceEngagements.id, id));
}

/** Which of these people belong to one of these organisations (an engagement's two parties). */
export async function peopleOfParties(
  db: Executor,
  userIds: readonly string[],
  organisationIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from users
      where id in (${sql.join(
        userIds.map((id) => sql`${id}`),
        sql`, `,
      )}) and organisation_id in (${sql.join(
        organisationIds.map((id) => sql`${id}`),
        sql`, `,
      )})`),
  );
  return rows.map((row) => row.id);
}
