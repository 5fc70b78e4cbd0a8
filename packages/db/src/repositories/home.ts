// What a person's home lists: the things that wait for them, each read under the reader's own
// scope (the same SQL filters the capabilities' pages use), a few of each with the total count,
// and the key figures and first steps of their organisation. Counts come from the same WHERE as
// the lists, so a number never counts what the list would hide.

import type { AudienceScope, Scope, SharingViewer } from "@bulwark/core";
import { CLOSED_ACTION_STATUSES } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { scopeFilter, sqlArray } from "../scope.ts";
import { assetScope } from "./assets.ts";
import { questionAudience } from "./discussions.ts";
import { actionOverdueSql } from "./event-actions.ts";
import { eventScope } from "./events.ts";
import { visibleSharedItems } from "./sharing-scope.ts";

export interface HomeList<T> {
  total: number;
  items: T[];
}

/** Runs the list and its count over the same WHERE. */
async function listed<T>(
  db: Executor,
  from: SQL,
  where: SQL,
  columns: SQL,
  order: SQL,
  limit: number,
): Promise<HomeList<T>> {
  const [items, counted] = await Promise.all([
    db.execute(sql`select ${columns} ${from} where ${where} order by ${order} limit ${limit}`),
    db.execute(sql`select count(*)::int as total ${from} where ${where}`),
  ]);
  return {
    total: Number(rowsOf<{ total: number | string }>(counted)[0]?.total ?? 0),
    items: rowsOf<T>(items),
  };
}

const at = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

export interface HomeSharedItem {
  id: string;
  title: string;
  publicTitle: string;
  tlp: string;
  type: string;
  organisationId: string;
  organisationName: string;
  at: string | null;
}

type SharedRow = Omit<HomeSharedItem, "at"> & { at: string | Date | null };

const sharedColumns = sql`shared_items.id, shared_items.title, shared_items.public_title as "publicTitle",
  shared_items.tlp, shared_items.type, shared_items.author_organisation_id as "organisationId",
  o.name as "organisationName", coalesce(shared_items.published_at, shared_items.updated_at) as at`;
const sharedFrom = sql`from shared_items join organisations as o on o.id = shared_items.author_organisation_id`;
const presentShared = (list: HomeList<SharedRow>): HomeList<HomeSharedItem> => ({
  total: list.total,
  items: list.items.map((row) => ({ ...row, at: at(row.at) })),
});

/**
 * Published items addressed to the viewer (a RED item naming them; any other item addressing their
 * organisation or one of its communities, from another organisation) that they have not
 * acknowledged: the people listRecipients counts as pending.
 */
export async function itemsToAcknowledge(
  db: Executor,
  viewer: SharingViewer,
  limit: number,
): Promise<HomeList<HomeSharedItem>> {
  const where = sql`${visibleSharedItems(viewer)}
    and shared_items.status = 'published'
    and shared_items.author_id <> ${viewer.userId}
    and not exists (select 1 from shared_item_acknowledgements as k
      where k.item_id = shared_items.id and k.user_id = ${viewer.userId})
    and ((shared_items.tlp = 'red' and exists (select 1 from shared_item_audience as a
          where a.item_id = shared_items.id and a.user_id = ${viewer.userId}))
      or (shared_items.tlp <> 'red' and shared_items.author_organisation_id <> ${viewer.organisationId}
        and exists (select 1 from shared_item_audience as a where a.item_id = shared_items.id
          and (a.organisation_id = ${viewer.organisationId}
            or a.community_id = any(${sqlArray(viewer.communityIds, "uuid")})))))`;
  return presentShared(
    await listed<SharedRow>(
      db,
      sharedFrom,
      where,
      sharedColumns,
      sql`coalesce(shared_items.published_at, shared_items.updated_at) desc, shared_items.id`,
      limit,
    ),
  );
}

/** Items of the viewer's organisation awaiting a second person's approval, not written by the viewer. */
export async function itemsToApprove(
  db: Executor,
  viewer: SharingViewer,
  limit: number,
): Promise<HomeList<HomeSharedItem>> {
  const where = sql`${visibleSharedItems(viewer)}
    and shared_items.status = 'awaiting-approval'
    and shared_items.author_organisation_id = ${viewer.organisationId}
    and shared_items.author_id <> ${viewer.userId}`;
  return presentShared(
    await listed<SharedRow>(
      db,
      sharedFrom,
      where,
      sharedColumns,
      sql`shared_items.updated_at, shared_items.id`,
      limit,
    ),
  );
}

export interface HomeAction {
  id: string;
  title: string;
  eventId: string;
  eventTitle: string;
  country: string;
  organisationName: string;
  dueOn: string;
  status: string;
}

/**
 * Follow-up actions not done or dropped, of the events the viewer may see, owned by their
 * organisation (or, with `country`, of that whole country): overdue ones, or those due from
 * today to `until`.
 */
export async function homeActions(
  db: Executor,
  viewer: { scope: Scope; organisationId: string; country: string | null; today: string },
  which: { overdue: true } | { overdue: false; until: string },
  limit: number,
): Promise<HomeList<HomeAction>> {
  const whose =
    viewer.country === null
      ? sql`a.owner_organisation_id = ${viewer.organisationId}`
      : sql`(a.owner_organisation_id = ${viewer.organisationId} or a.country = ${viewer.country})`;
  const when = which.overdue
    ? actionOverdueSql(viewer.today)
    : sql`not (a.status = any(${sqlArray(CLOSED_ACTION_STATUSES)}))
        and a.due_on between ${viewer.today}::date and ${which.until}::date`;
  return listed<HomeAction>(
    db,
    sql`from event_actions as a join events as ev on ev.id = a.event_id
      join organisations as owner on owner.id = a.owner_organisation_id`,
    sql`${eventScope(viewer.scope, "ev")} and ${whose} and ${when}`,
    sql`a.id, a.title, ev.id as "eventId", ev.title as "eventTitle", a.country,
      owner.name as "organisationName", a.due_on::text as "dueOn", a.status`,
    sql`a.due_on, a.title, a.id`,
    limit,
  );
}

export interface HomeRun {
  id: string;
  title: string;
  frameworkTitle: string;
  at: string | null;
}

const runScope = (scope: Scope) =>
  scopeFilter(scope, (organisationId) => sql`r.organisation_id = ${organisationId}`) ?? sql`true`;

/** The organisation's self-assessment runs still in draft, under the runs' read scope. */
export async function draftRuns(
  db: Executor,
  scope: Scope,
  organisationId: string,
  limit: number,
): Promise<HomeList<HomeRun>> {
  const list = await listed<Omit<HomeRun, "at"> & { at: string | Date | null }>(
    db,
    sql`from self_assessment_runs as r join self_assessment_frameworks as f
      on f.id = r.framework_id and f.version = r.framework_version`,
    sql`${runScope(scope)} and r.organisation_id = ${organisationId} and r.state = 'draft'
      and r.archived_at is null`,
    sql`r.id, r.title, f.title as "frameworkTitle", r.updated_at as at`,
    sql`r.updated_at desc, r.id`,
    limit,
  );
  return { total: list.total, items: list.items.map((row) => ({ ...row, at: at(row.at) })) };
}

/** The organisation's latest submitted run (the key figure's source), under the runs' read scope. */
export async function latestSubmittedRunId(
  db: Executor,
  scope: Scope,
  organisationId: string,
): Promise<string | null> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select r.id from self_assessment_runs as r
      where ${runScope(scope)} and r.organisation_id = ${organisationId} and r.state = 'submitted'
      order by r.submitted_at desc, r.id limit 1`),
  );
  return rows[0]?.id ?? null;
}

export interface HomeQuestion {
  id: string;
  title: string;
  organisationName: string;
  at: string | null;
}

/**
 * Open questions the viewer may read, asked by someone else, that share a sector or a theme with
 * the viewer's expert profile, and that the viewer has not answered yet. Without a profile: none.
 */
export async function questionsForExpert(
  db: Executor,
  scope: AudienceScope,
  userId: string,
  limit: number,
): Promise<HomeList<HomeQuestion>> {
  const list = await listed<Omit<HomeQuestion, "at"> & { at: string | Date | null }>(
    db,
    sql`from questions as q join organisations as o on o.id = q.organisation_id
      join expert_profiles as me on me.user_id = ${userId}`,
    sql`${questionAudience(scope)} and q.status = 'open' and q.asker_id <> ${userId}
      and (q.sectors && me.sectors or q.themes && me.themes)
      and not exists (select 1 from discussion_posts as p
        where p.question_id = q.id and p.author_id = ${userId} and p.state = 'visible')`,
    sql`q.id, q.title, o.name as "organisationName", q.created_at as at`,
    sql`q.created_at desc, q.id`,
    limit,
  );
  return { total: list.total, items: list.items.map((row) => ({ ...row, at: at(row.at) })) };
}

export interface HomeOrganisation {
  id: string;
  name: string;
  kind: string;
  country: string;
}

/** Organisations no platform administrator has vouched for yet (the directory is open to all). */
export async function unverifiedOrganisations(
  db: Executor,
  limit: number,
): Promise<HomeList<HomeOrganisation>> {
  return listed<HomeOrganisation>(
    db,
    sql`from organisations`,
    sql`not organisations.verified`,
    sql`id, name, kind, country`,
    sql`created_at desc, name`,
    limit,
  );
}

export interface OrganisationFacts {
  /** Assets of the organisation's register: those it operates, or its country's for a national register. */
  assets: number;
  /** Active accounts of the organisation. */
  people: number;
  /** Communities the organisation belongs to. */
  communities: number;
  /** Self-assessment runs the organisation submitted. */
  submittedRuns: number;
  country: string;
}

/**
 * Facts about the reader's own organisation (the key figures and the getting-started ticks). With
 * `nationalRegister`, its assets are those of every operator of its country (the register a national
 * authority keeps), else those it operates.
 */
export async function organisationFacts(
  db: Executor,
  organisationId: string,
  options: { nationalRegister: boolean },
): Promise<OrganisationFacts> {
  const registered = options.nationalRegister
    ? sql`(select count(*) from assets join organisations as operator on operator.id = assets.operator_id
        where operator.country = o.country and ${assetScope({ kind: "all" })})`
    : sql`(select count(*) from assets where operator_id = ${organisationId} and ${assetScope({ kind: "all" })})`;
  const [row] = rowsOf<{
    assets: number | string;
    people: number | string;
    communities: number | string;
    submitted_runs: number | string;
    country: string;
  }>(
    await db.execute(sql`select
        ${registered} as assets,
        (select count(*) from users where organisation_id = ${organisationId} and active) as people,
        (select count(*) from community_organisations where organisation_id = ${organisationId}) as communities,
        (select count(*) from self_assessment_runs
          where organisation_id = ${organisationId} and state = 'submitted') as submitted_runs,
        o.country
      from organisations as o where o.id = ${organisationId}`),
  );
  return {
    assets: Number(row?.assets ?? 0),
    people: Number(row?.people ?? 0),
    communities: Number(row?.communities ?? 0),
    submittedRuns: Number(row?.submitted_runs ?? 0),
    country: row?.country ?? "",
  };
}
