// Shared items and their audience, reshares, acknowledgements and reads. Every read of items takes
// the viewer and filters with visibleSharedItems (sharing-scope.ts): nobody reads an item the TLP
// rule hides from them, whatever the route.
import type { SharingAudience, SharingViewer } from "@bulwark/core";
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import {
  communityOrganisations,
  organisations,
  settings,
  sharedItemAcknowledgements,
  sharedItemAudience,
  sharedItemReads,
  sharedItemReshares,
  sharedItems,
  sharingOrganisationSettings,
  users,
} from "../schema.ts";
import { iso, isoOrNull, likePattern, sqlArray } from "../scope.ts";
import { dateOf, type Param, runStatement, runWritten } from "../statement.ts";
import type { AuditAppend } from "./audit.ts";
import { publicSharedItems, visibleSharedItems } from "./sharing-scope.ts";

export interface SharedItemRecord {
  id: string;
  type: string;
  title: string;
  publicTitle: string;
  body: string;
  publicBody: string;
  personalDataRoles: string[];
  personalDataPurgedAt: string | null;
  sectors: string[];
  assetIds: string[];
  tlp: string;
  status: string;
  author: { id: string; name: string };
  organisation: { id: string; name: string };
  approver: { id: string; name: string } | null;
  revealAudience: boolean;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** Alerts: the CAP warning as stored (validated by the contracts on the way in). */
  warning: unknown;
  /** Alerts: the warning with personal values pseudonymised, as others read it (null: none). */
  publicWarning: unknown;
  /** Indicators: the STIX 2.1 pattern, if the author gave one. */
  pattern: string | null;
  /** Alerts: when each CAP message went out, oldest first. */
  capSent: string[];
  /** When the viewer first opened it (null: new for them). */
  readAt: string | null;
  /** The viewer's own acknowledgement. */
  acknowledgement: string | null;
  /** Whether the author's organisation asks for a second person's approval (four eyes). */
  organisationRequiresFourEyes: boolean;
}

/** The communities the viewer's organisation belongs to: the rest of what the rule needs. */
export async function sharingViewer(
  db: Executor,
  actor: Pick<SharingViewer, "userId" | "organisationId" | "roles">,
): Promise<SharingViewer> {
  const rows = await db
    .select({ id: communityOrganisations.communityId })
    .from(communityOrganisations)
    .where(eq(communityOrganisations.organisationId, actor.organisationId));
  return { ...actor, communityIds: rows.map((row) => row.id) };
}

/** Columns of an item as `viewerId` sees it (null: someone not signed in, who has read nothing). */
const itemColumns = (viewerId: string | null) => ({
  item: sharedItems,
  authorName: sql<string>`(select name from users where users.id = shared_items.author_id)`,
  organisationName: organisations.name,
  approverName: sql<string | null>`(select name from users where users.id = shared_items.approver_id)`,
  readAt:
    viewerId === null
      ? sql<string | null>`null::timestamptz`
      : sql<string | null>`(select read_at from shared_item_reads as r
    where r.item_id = shared_items.id and r.user_id = ${viewerId})`,
  acknowledgement:
    viewerId === null
      ? sql<string | null>`null::text`
      : sql<string | null>`(select state from shared_item_acknowledgements as k
    where k.item_id = shared_items.id and k.user_id = ${viewerId})`,
  fourEyes: sql<boolean | null>`(select s.requires_four_eyes from sharing_organisation_settings as s
    where s.organisation_id = shared_items.author_organisation_id)`,
});

type ItemRow = {
  item: typeof sharedItems.$inferSelect;
  authorName: string;
  organisationName: string;
  approverName: string | null;
  readAt: string | Date | null;
  acknowledgement: string | null;
  fourEyes: boolean | null;
};

const asIso = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

const present = (row: ItemRow): SharedItemRecord => ({
  id: row.item.id,
  type: row.item.type,
  title: row.item.title,
  publicTitle: row.item.publicTitle,
  body: row.item.body,
  publicBody: row.item.publicBody,
  personalDataRoles: row.item.personalDataRoles,
  personalDataPurgedAt: isoOrNull(row.item.personalDataPurgedAt),
  sectors: row.item.sectors,
  assetIds: row.item.assetIds,
  tlp: row.item.tlp,
  status: row.item.status,
  author: { id: row.item.authorId, name: row.authorName },
  organisation: { id: row.item.authorOrganisationId, name: row.organisationName },
  approver: row.item.approverId ? { id: row.item.approverId, name: row.approverName ?? "" } : null,
  revealAudience: row.item.revealAudience,
  createdAt: iso(row.item.createdAt),
  updatedAt: iso(row.item.updatedAt),
  publishedAt: isoOrNull(row.item.publishedAt),
  warning: row.item.warning ?? null,
  publicWarning: row.item.publicWarning ?? null,
  pattern: row.item.pattern ?? null,
  capSent: (row.item.capSent ?? []).map((at) => new Date(at).toISOString()),
  readAt: asIso(row.readAt),
  acknowledgement: row.acknowledgement,
  organisationRequiresFourEyes: row.fourEyes === true,
});

/** Who wrote an item (for work done on the author's behalf, such as filling TAXII collections). */
export async function sharedItemAuthor(
  db: Executor,
  id: string,
): Promise<{ userId: string; organisationId: string } | null> {
  const [row] = await db
    .select({ userId: sharedItems.authorId, organisationId: sharedItems.authorOrganisationId })
    .from(sharedItems)
    .where(eq(sharedItems.id, id));
  return row ?? null;
}

export async function findSharedItem(
  db: Executor,
  viewer: SharingViewer,
  id: string,
): Promise<SharedItemRecord | null> {
  const [row] = await db
    .select(itemColumns(viewer.userId))
    .from(sharedItems)
    .innerJoin(organisations, eq(organisations.id, sharedItems.authorOrganisationId))
    .where(and(eq(sharedItems.id, id), visibleSharedItems(viewer)));
  return row ? present(row) : null;
}

/** Who an item is addressed to, as a column of the item's row (listAudience's rows, in its order). */
const audienceColumn = sql<unknown>`(select coalesce(json_agg(json_build_object(
      'community_id', a.community_id, 'organisation_id', a.organisation_id, 'user_id', a.user_id,
      'reshare_id', a.reshare_id, 'name', coalesce(c.name, o.name, u.name),
      'user_organisation_id', u.organisation_id)
    order by coalesce(c.name, o.name, u.name), a.community_id, a.organisation_id, a.user_id), '[]'::json)
  from shared_item_audience as a
  left join communities as c on c.id = a.community_id
  left join organisations as o on o.id = a.organisation_id
  left join users as u on u.id = a.user_id
  where a.item_id = shared_items.id)`;

/**
 * findSharedItem and listAudience in one statement: the item as the viewer sees it (null: absent
 * or hidden from them) and every addressee of it. Every change of an item reads it so under its
 * lock: its columns are written once as SQL (ITEM_FIELDS) rather than built by Drizzle per call.
 */
export async function findSharedItemWithAudience(
  db: Executor,
  viewer: SharingViewer,
  id: string,
): Promise<{ item: SharedItemRecord; members: AudienceMember[] } | null> {
  const [row] = rowsOf<ItemFieldsRow & { audience: unknown }>(
    await db.execute(sql`select ${ITEM_FIELDS},
        (select read_at from shared_item_reads as r
          where r.item_id = shared_items.id and r.user_id = ${viewer.userId}) as read_at,
        (select state from shared_item_acknowledgements as k
          where k.item_id = shared_items.id and k.user_id = ${viewer.userId}) as acknowledgement,
        ${audienceColumn} as audience
      from shared_items join organisations on organisations.id = shared_items.author_organisation_id
      where shared_items.id = ${id} and ${visibleSharedItems(viewer)}`),
  );
  if (!row) return null;
  const audience = (
    typeof row.audience === "string" ? JSON.parse(row.audience) : row.audience
  ) as AudienceRow[];
  return { item: present(itemRowOf(row)), members: audience.map(memberOf) };
}

/**
 * itemColumns' fields (the viewer's read mark and acknowledgement apart) as SQL text. Arrays are
 * read as JSON, which both drivers parse alike (Drizzle's own parsing of timestamptz[] is skipped
 * for raw statements).
 */
const ITEM_FIELDS = sql.raw(`shared_items.id, shared_items.type, shared_items.title,
  shared_items.public_title, shared_items.body, shared_items.public_body, shared_items.public_warning,
  shared_items.public_texts_version, to_json(shared_items.personal_data_roles) as personal_data_roles,
  shared_items.personal_data_purged_at, to_json(shared_items.sectors) as sectors,
  to_json(shared_items.asset_ids) as asset_ids, shared_items.tlp, shared_items.author_id,
  shared_items.author_organisation_id, shared_items.status, shared_items.approver_id,
  shared_items.reveal_audience, shared_items.warning, shared_items.pattern,
  to_json(shared_items.cap_sent) as cap_sent, shared_items.created_at, shared_items.updated_at,
  shared_items.published_at,
  (select name from users where users.id = shared_items.author_id) as author_name,
  organisations.name as organisation_name,
  (select name from users where users.id = shared_items.approver_id) as approver_name,
  (select s.requires_four_eyes from sharing_organisation_settings as s
    where s.organisation_id = shared_items.author_organisation_id) as four_eyes`);

interface ItemFieldsRow {
  id: string;
  type: string;
  title: string;
  public_title: string;
  body: string;
  public_body: string;
  public_warning: unknown;
  public_texts_version: number;
  personal_data_roles: string[];
  personal_data_purged_at: string | Date | null;
  sectors: string[];
  asset_ids: string[];
  tlp: string;
  author_id: string;
  author_organisation_id: string;
  status: string;
  approver_id: string | null;
  reveal_audience: boolean;
  warning: unknown;
  pattern: string | null;
  cap_sent: string[];
  created_at: string | Date;
  updated_at: string | Date;
  published_at: string | Date | null;
  author_name: string;
  organisation_name: string;
  approver_name: string | null;
  read_at: string | Date | null;
  acknowledgement: string | null;
  four_eyes: boolean | null;
}

const dateOrNull = (value: string | Date | null): Date | null => (value === null ? null : dateOf(value));

/** A row of ITEM_FIELDS as Drizzle's select of itemColumns would have given it. */
const itemRowOf = (row: ItemFieldsRow): ItemRow => ({
  item: {
    id: row.id,
    type: row.type,
    title: row.title,
    publicTitle: row.public_title,
    body: row.body,
    publicBody: row.public_body,
    publicWarning: row.public_warning,
    publicTextsVersion: row.public_texts_version,
    personalDataRoles: row.personal_data_roles,
    personalDataPurgedAt: dateOrNull(row.personal_data_purged_at),
    sectors: row.sectors,
    assetIds: row.asset_ids,
    tlp: row.tlp,
    authorId: row.author_id,
    authorOrganisationId: row.author_organisation_id,
    status: row.status,
    approverId: row.approver_id,
    revealAudience: row.reveal_audience,
    warning: row.warning,
    pattern: row.pattern,
    capSent: row.cap_sent.map(dateOf),
    createdAt: dateOf(row.created_at),
    updatedAt: dateOf(row.updated_at),
    publishedAt: dateOrNull(row.published_at),
  },
  authorName: row.author_name,
  organisationName: row.organisation_name,
  approverName: row.approver_name,
  readAt: row.read_at,
  acknowledgement: row.acknowledgement,
  fourEyes: row.four_eyes,
});

export interface FeedFilter {
  tlp?: string[] | undefined;
  type?: string | undefined;
  sector?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  unread?: boolean | undefined;
  /** Only items whose author is in the viewer's organisation. */
  sent?: boolean | undefined;
  /** Only these items (a STIX export naming them). */
  ids?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

export interface FeedCounts {
  tlp: Record<string, number>;
  type: Record<string, number>;
  sector: Record<string, number>;
  unread: number;
}

/**
 * Hand-marked personal data, [[pii:...]], as core's personal-data.ts finds it (PostgreSQL ARE, with
 * the flags 'gi'): closed by the first run of two or more "]", or open to the end of the text.
 * (Full-width markup is not unwrapped here: this only serves the author's own organisation.)
 */
const PII_MARKUP = String.raw`\[\[pii:(.*?)(\]\](?!\])|$)`;

/** The filters of a feed query, each by name so facet counts can leave their own out. */
function feedFilters(viewer: SharingViewer, filter: FeedFilter) {
  const unread = sql`not exists (select 1 from shared_item_reads as r
    where r.item_id = shared_items.id and r.user_id = ${viewer.userId})`;
  return {
    base: [
      visibleSharedItems(viewer),
      filter.status
        ? eq(sharedItems.status, filter.status)
        : sql`shared_items.status in ('published', 'withdrawn')`,
      // Outside the author's organisation, text search reads the pseudonymised title and body:
      // searching for a person's address must not reveal which items name them. Inside it, the
      // text as its people read it (hand markup [[pii:...]] removed, as in core's revealPersonalData).
      filter.q
        ? sql`(case when shared_items.author_organisation_id = ${viewer.organisationId}
              then regexp_replace(shared_items.title || ' ' || shared_items.body, ${PII_MARKUP}::text, ${String.raw`\1`}::text, 'gi')
              else shared_items.public_title || ' ' || shared_items.public_body end)
            ilike ${likePattern(filter.q)}`
        : undefined,
      filter.sent ? eq(sharedItems.authorOrganisationId, viewer.organisationId) : undefined,
      filter.ids ? sql`shared_items.id = any(${sqlArray(filter.ids, "uuid")})` : undefined,
    ],
    tlp: filter.tlp?.length ? sql`shared_items.tlp = any(${sqlArray(filter.tlp)})` : undefined,
    type: filter.type ? eq(sharedItems.type, filter.type) : undefined,
    sector: filter.sector ? sql`${filter.sector} = any(shared_items.sectors)` : undefined,
    unread: filter.unread ? unread : undefined,
    unreadAlways: unread,
  };
}

const tally = (rows: { key: string; n: number | string }[]): Record<string, number> =>
  Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));

export async function listSharedItems(
  db: Executor,
  viewer: SharingViewer,
  filter: FeedFilter,
): Promise<{ items: SharedItemRecord[]; total: number; counts: FeedCounts }> {
  const f = feedFilters(viewer, filter);
  const all = and(...f.base, f.tlp, f.type, f.sector, f.unread);
  const countBy = async (column: SQL, where: SQL | undefined, from = sql`shared_items`) =>
    tally(
      rowsOf<{ key: string; n: number }>(
        await db.execute(sql`select ${column} as key, count(*) as n
          from ${from} where ${where ?? sql`true`} group by 1`),
      ),
    );
  const [items, totals, tlp, type, sector] = await Promise.all([
    db
      .select(itemColumns(viewer.userId))
      .from(sharedItems)
      .innerJoin(organisations, eq(organisations.id, sharedItems.authorOrganisationId))
      .where(all)
      .orderBy(sql`coalesce(shared_items.published_at, shared_items.updated_at) desc`, asc(sharedItems.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.execute(sql`select count(*) as total, count(*) filter (where ${f.unreadAlways}) as unread
      from shared_items where ${all}`),
    countBy(sql`shared_items.tlp`, and(...f.base, f.type, f.sector, f.unread)),
    countBy(sql`shared_items.type`, and(...f.base, f.tlp, f.sector, f.unread)),
    countBy(
      sql`sector`,
      and(...f.base, f.tlp, f.type, f.unread),
      sql`shared_items cross join lateral unnest(shared_items.sectors) as sector`,
    ),
  ]);
  const [total] = rowsOf<{ total: number | string; unread: number | string }>(totals);
  return {
    items: items.map(present),
    total: Number(total?.total ?? 0),
    counts: { tlp, type, sector, unread: Number(total?.unread ?? 0) },
  };
}

export interface SharedItemInput {
  type: string;
  title: string;
  publicTitle: string;
  body: string;
  publicBody: string;
  personalDataRoles: string[];
  sectors: string[];
  assetIds: string[];
  tlp: string;
  revealAudience: boolean;
  /** Alerts: the CAP warning; null for other types. */
  warning?: unknown;
  /** The warning with personal values pseudonymised (null with no warning). */
  publicWarning?: unknown;
  /** How the public texts were made (see the schema). */
  publicTextsVersion?: number;
  /** Indicators: the STIX 2.1 pattern; null without one (and for other types). */
  pattern?: string | null;
}

type NewSharedItem = SharedItemInput & { authorId: string; authorOrganisationId: string; now: Date };

const newItemRow = (db: Executor, input: NewSharedItem) =>
  db
    .insert(sharedItems)
    .values({
      ...input,
      status: "draft",
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: sharedItems.id });

export async function insertSharedItem(db: Executor, input: NewSharedItem): Promise<string> {
  const [row] = await newItemRow(db, input);
  if (!row) throw new Error("The item was not recorded.");
  return row.id;
}

/** A jsonb column's value as its text (null for none: the column's default). */
const jsonOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

/** sqlArray written as text: one JSON text, unpacked by PostgreSQL, the same on every driver. */
const textArray = (param: Param, values: readonly string[], type: "text" | "uuid"): string =>
  `(select coalesce(array_agg(value), '{}') from jsonb_array_elements_text(${param(JSON.stringify(values))}::jsonb) as value)::${type}[]`;

const asStoredJson = (value: unknown): unknown =>
  value === null || value === undefined ? null : JSON.parse(JSON.stringify(value));

/**
 * A new draft, its author's audience, its author's read mark and its audit entry, in one statement
 * (the rows of insertSharedItem, replaceAuthorAudience with `fresh`, markSharedItemRead and
 * appendAudit), so it needs no transaction of its own: one round trip instead of four. Answered as
 * findSharedItemWithAudience would read it for `readerId` (its author) right after: what was
 * written, with the names and the organisation's four-eyes setting read in the same statement.
 * The item's id is the caller's (`input.id`), for the audit entry names it.
 */
export async function insertComposedItem(
  db: Executor,
  input: NewSharedItem & { id: string },
  audience: SharingAudience,
  readerId: string,
  audit: AuditAppend,
): Promise<{ item: SharedItemRecord; members: AudienceMember[] }> {
  // Written as text (runWritten): every composition runs it.
  const [row] = await runWritten<{
    id: string;
    author_name: string;
    organisation_name: string;
    four_eyes: boolean | null;
    audience: unknown;
    audit_seq: number | string | null;
  }>(db, (param) => {
    const at = param(input.now.toISOString());
    const author = param(input.authorId);
    const organisation = param(input.authorOrganisationId);
    const uuids = (ids: readonly string[]) => textArray(param, ids, "uuid");
    // The columns newItemRow writes, with the same defaults for what is not given.
    return `with item as (insert into shared_items (id, type, title, public_title, body, public_body,
          public_warning, public_texts_version, personal_data_roles, sectors, asset_ids, tlp, author_id,
          author_organisation_id, status, reveal_audience, warning, pattern, created_at, updated_at)
        values (${param(input.id)}::uuid, ${param(input.type)}, ${param(input.title)}, ${param(input.publicTitle)},
          ${param(input.body)}, ${param(input.publicBody)}, ${param(jsonOrNull(input.publicWarning))}::jsonb,
          coalesce(${param(input.publicTextsVersion ?? null)}::int, 1), ${textArray(param, input.personalDataRoles, "text")},
          ${textArray(param, input.sectors, "text")}, ${uuids(input.assetIds)}, ${param(input.tlp)}, ${author}::uuid,
          ${organisation}::uuid, 'draft', ${param(input.revealAudience)}::boolean, ${param(jsonOrNull(input.warning))}::jsonb,
          ${param(input.pattern ?? null)}, ${at}::timestamptz, ${at}::timestamptz)
        returning id), ${audit.ctes(param)},
      member as (
        select c as community_id, null::uuid as organisation_id, null::uuid as user_id
          from unnest(${uuids(audience.communityIds)}) as c
        union all select null, o, null from unnest(${uuids(audience.organisationIds)}) as o
        union all select null, null, u from unnest(${uuids(audience.userIds)}) as u),
      audience as (insert into shared_item_audience (item_id, community_id, organisation_id, user_id)
        select item.id, member.community_id, member.organisation_id, member.user_id from item, member),
      mark as (insert into shared_item_reads (item_id, user_id, read_at)
        select item.id, ${param(readerId)}::uuid, ${at}::timestamptz from item)
      select item.id,
        (select name from users where users.id = ${author}::uuid) as author_name,
        (select name from organisations where organisations.id = ${organisation}::uuid) as organisation_name,
        (select s.requires_four_eyes from sharing_organisation_settings as s
          where s.organisation_id = ${organisation}::uuid) as four_eyes,
        (select coalesce(json_agg(json_build_object(
            'community_id', m.community_id, 'organisation_id', m.organisation_id, 'user_id', m.user_id,
            'reshare_id', null, 'name', coalesce(c.name, o.name, u.name),
            'user_organisation_id', u.organisation_id)
          order by coalesce(c.name, o.name, u.name), m.community_id, m.organisation_id, m.user_id), '[]'::json)
          from member as m
          left join communities as c on c.id = m.community_id
          left join organisations as o on o.id = m.organisation_id
          left join users as u on u.id = m.user_id) as audience,
        (select seq from audited) as audit_seq
      from item`;
  });
  if (!row) throw new Error("The item was not recorded.");
  if (row.audit_seq === null) throw new Error("The audit entry was not recorded.");
  const at = input.now.toISOString();
  const item: SharedItemRecord = {
    id: row.id,
    type: input.type,
    title: input.title,
    publicTitle: input.publicTitle,
    body: input.body,
    publicBody: input.publicBody,
    personalDataRoles: input.personalDataRoles,
    personalDataPurgedAt: null,
    sectors: input.sectors,
    // As the database answers a uuid: lower case.
    assetIds: input.assetIds.map((id) => id.toLowerCase()),
    tlp: input.tlp,
    status: "draft",
    author: { id: input.authorId, name: row.author_name },
    organisation: { id: input.authorOrganisationId, name: row.organisation_name },
    approver: null,
    revealAudience: input.revealAudience,
    createdAt: at,
    updatedAt: at,
    publishedAt: null,
    // As a jsonb column gives them back.
    warning: asStoredJson(input.warning),
    publicWarning: asStoredJson(input.publicWarning),
    pattern: input.pattern ?? null,
    capSent: [],
    // The reader's mark, written just now.
    readAt: at,
    acknowledgement: null,
    organisationRequiresFourEyes: row.four_eyes === true,
  };
  const members = (
    typeof row.audience === "string" ? JSON.parse(row.audience) : row.audience
  ) as AudienceRow[];
  return { item, members: members.map(memberOf) };
}

export type SharedItemChange = Partial<SharedItemInput> & {
  status?: string;
  approverId?: string | null;
  publishedAt?: Date;
  personalDataPurgedAt?: Date;
  /** A CAP message goes out now (an alert published, revised or withdrawn). */
  capMessage?: true;
  /** Work on the item's stored form that is no change of it (new pseudonyms): updated_at stays. */
  keepUpdatedAt?: true;
  now: Date;
};

export async function updateSharedItem(db: Executor, id: string, change: SharedItemChange): Promise<void> {
  await updateSharedItemStatement(db, id, change);
}

/** updateSharedItem's statement, not yet run (a publication inside another statement: publicationOf). */
export function updateSharedItemStatement(db: Executor, id: string, change: SharedItemChange) {
  const { now, capMessage, keepUpdatedAt, ...rest } = change;
  return db
    .update(sharedItems)
    .set({
      ...rest,
      ...(capMessage
        ? { capSent: sql`array_append(shared_items.cap_sent, ${now.toISOString()}::timestamptz)` }
        : {}),
      ...(keepUpdatedAt ? {} : { updatedAt: now }),
    })
    .where(eq(sharedItems.id, id));
}

/**
 * A publication of an item (its status, when it was published, a CAP message for an alert, its
 * updated_at), as updateSharedItemStatement would write it but as text: for listRecipients'
 * `alongside`, so submitting writes it in the statement that finds the recipients.
 */
export const publicationOf =
  (id: string, change: { status: string; publishedAt: Date; capMessage?: true; now: Date }) =>
  (param: Param): string => {
    const now = param(change.now.toISOString());
    const capSent = change.capMessage
      ? `cap_sent = array_append(shared_items.cap_sent, ${now}::timestamptz), `
      : "";
    return `update shared_items set status = ${param(change.status)},
        published_at = ${param(change.publishedAt.toISOString())}::timestamptz, ${capSent}updated_at = ${now}::timestamptz
      where shared_items.id = ${param(id)}::uuid`;
  };

/**
 * A published (or withdrawn) TLP:CLEAR alert that has sent CAP messages, for anyone: the public
 * scope of sharing-scope.ts, never a wider one.
 */
export async function findPublicAlert(db: Executor, id: string): Promise<SharedItemRecord | null> {
  const [row] = await db
    .select(itemColumns(null))
    .from(sharedItems)
    .innerJoin(organisations, eq(organisations.id, sharedItems.authorOrganisationId))
    .where(
      and(
        eq(sharedItems.id, id),
        eq(sharedItems.type, "alert"),
        sql`cardinality(shared_items.cap_sent) > 0`,
        publicSharedItems(),
      ),
    );
  return row ? present(row) : null;
}

/**
 * Current public alerts, latest message first: TLP:CLEAR, published (not withdrawn), with a CAP
 * message out and a warning that has not expired at `now`.
 */
export async function listCurrentPublicAlerts(db: Executor, now: Date, limit = 200) {
  const rows = await db
    .select(itemColumns(null))
    .from(sharedItems)
    .innerJoin(organisations, eq(organisations.id, sharedItems.authorOrganisationId))
    .where(
      and(
        eq(sharedItems.type, "alert"),
        eq(sharedItems.status, "published"),
        sql`cardinality(shared_items.cap_sent) > 0`,
        publicSharedItems(),
        sql`(shared_items.warning->>'expires' is null
          or (shared_items.warning->>'expires')::timestamptz > ${now.toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(sql`shared_items.cap_sent[cardinality(shared_items.cap_sent)] desc`, asc(sharedItems.id))
    .limit(limit);
  return rows.map(present);
}

/** The author's audience (reshares apart) becomes exactly this (`fresh`: an item just inserted, which has none). */
export async function replaceAuthorAudience(
  db: Executor,
  itemId: string,
  audience: SharingAudience,
  options: { fresh?: boolean } = {},
) {
  if (!options.fresh)
    await db
      .delete(sharedItemAudience)
      .where(and(eq(sharedItemAudience.itemId, itemId), isNull(sharedItemAudience.reshareId)));
  await insertAudienceRows(db, itemId, audience, null);
}

async function insertAudienceRows(
  db: Executor,
  itemId: string,
  audience: SharingAudience,
  reshareId: string | null,
) {
  const rows = [
    ...audience.communityIds.map((communityId) => ({ itemId, communityId, reshareId })),
    ...audience.organisationIds.map((organisationId) => ({ itemId, organisationId, reshareId })),
    ...audience.userIds.map((userId) => ({ itemId, userId, reshareId })),
  ];
  if (rows.length > 0) await db.insert(sharedItemAudience).values(rows);
}

export interface AudienceMember {
  kind: "community" | "organisation" | "user";
  id: string;
  name: string;
  /** The organisation of a named person. */
  organisationId: string | null;
  /** Added by a reshare rather than by the author. */
  reshared: boolean;
}

/** Every addressee of an item (the caller has already checked that the viewer may see it). */
interface AudienceRow {
  community_id: string | null;
  organisation_id: string | null;
  user_id: string | null;
  reshare_id: string | null;
  name: string;
  user_organisation_id: string | null;
}

const memberOf = (row: AudienceRow): AudienceMember => ({
  kind: row.community_id ? "community" : row.organisation_id ? "organisation" : "user",
  id: row.community_id ?? row.organisation_id ?? row.user_id ?? "",
  name: row.name,
  organisationId: row.user_organisation_id,
  reshared: row.reshare_id !== null,
});

export async function listAudience(db: Executor, itemId: string): Promise<AudienceMember[]> {
  const rows = rowsOf<AudienceRow>(
    await db.execute(sql`select a.community_id, a.organisation_id, a.user_id, a.reshare_id,
        coalesce(c.name, o.name, u.name) as name, u.organisation_id as user_organisation_id
      from shared_item_audience as a
      left join communities as c on c.id = a.community_id
      left join organisations as o on o.id = a.organisation_id
      left join users as u on u.id = a.user_id
      where a.item_id = ${itemId}
      order by 5, 1, 2, 3`),
  );
  return rows.map(memberOf);
}

/** The ids of an item's whole audience, author's and reshares', as the rule takes them. */
export const audienceIds = (members: readonly AudienceMember[]): SharingAudience => ({
  communityIds: members.filter((m) => m.kind === "community").map((m) => m.id),
  organisationIds: members.filter((m) => m.kind === "organisation").map((m) => m.id),
  userIds: members.filter((m) => m.kind === "user").map((m) => m.id),
});

export async function insertReshare(
  db: Executor,
  input: { itemId: string; userId: string; organisationId: string; audience: SharingAudience; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(sharedItemReshares)
    .values({
      itemId: input.itemId,
      userId: input.userId,
      organisationId: input.organisationId,
      createdAt: input.now,
    })
    .returning({ id: sharedItemReshares.id });
  if (!row) throw new Error("The reshare was not recorded.");
  await insertAudienceRows(db, input.itemId, input.audience, row.id);
  return row.id;
}

export async function acknowledgeSharedItem(
  db: Executor,
  input: { itemId: string; userId: string; organisationId: string; state: string; now: Date },
): Promise<void> {
  await db
    .insert(sharedItemAcknowledgements)
    .values({ ...input, at: input.now })
    .onConflictDoUpdate({
      target: [sharedItemAcknowledgements.itemId, sharedItemAcknowledgements.userId],
      set: { state: input.state, at: input.now },
    });
}

export async function markSharedItemRead(db: Executor, itemId: string, userId: string, now: Date) {
  await db.insert(sharedItemReads).values({ itemId, userId, readAt: now }).onConflictDoNothing();
}

export interface RecipientRecord {
  userId: string;
  userName: string;
  organisationId: string;
  organisationName: string;
  state: string | null;
  at: string | null;
}

/**
 * The people an item reaches (active accounts; the author's organisation apart, except the named
 * people of a RED item), each with their acknowledgement, plus anyone else who acknowledged it (a
 * CLEAR item reaches everyone).
 */
export async function listRecipients(
  db: Executor,
  item: { id: string; tlp: string; authorOrganisationId: string; authorId: string },
  /**
   * A change run in the same statement, before the answer is returned (a data-modifying CTE:
   * it runs once and to completion): one that touches none of the tables read here, such as the
   * item's own row (publicationOf).
   */
  alongside?: (param: Param) => string,
): Promise<RecipientRecord[]> {
  // Written as text (runWritten): every publication runs it.
  const rows = await runWritten<{
    user_id: string;
    user_name: string;
    organisation_id: string;
    organisation_name: string;
    state: string | null;
    at: string | Date | null;
  }>(db, (param) => {
    const changed = alongside ? `changed as (${alongside(param)}),` : "";
    const id = param(item.id);
    const reached =
      item.tlp === "red"
        ? `select a.user_id as id from shared_item_audience as a where a.item_id = ${id}::uuid and a.user_id is not null`
        : `select u.id from users as u where u.active and u.organisation_id <> ${param(item.authorOrganisationId)}::uuid
          and u.organisation_id in (
            select a.organisation_id from shared_item_audience as a where a.item_id = ${id}::uuid
            union select co.organisation_id from shared_item_audience as a
              join community_organisations as co on co.community_id = a.community_id
              where a.item_id = ${id}::uuid)`;
    return `with ${changed} reached as (${reached}
        union select k.user_id from shared_item_acknowledgements as k where k.item_id = ${id}::uuid)
      select u.id as user_id, u.name as user_name, o.id as organisation_id, o.name as organisation_name,
        k.state, k.at
      from reached join users as u on u.id = reached.id
      join organisations as o on o.id = u.organisation_id
      left join shared_item_acknowledgements as k on k.item_id = ${id}::uuid and k.user_id = u.id
      where u.id <> ${param(item.authorId)}::uuid
      order by o.name, u.name`;
  });
  return rows.map((row) => ({
    userId: row.user_id,
    userName: row.user_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    state: row.state,
    at: asIso(row.at),
  }));
}

export interface AudiencePreview {
  organisations: { id: string; name: string; people: number }[];
  people: { id: string; name: string; organisationId: string }[];
  everyone: boolean;
}

/** Who an audience would reach under a marking, as the compose screen previews it. */
export async function previewAudience(
  db: Executor,
  input: { tlp: string; audience: SharingAudience; authorOrganisationId: string },
): Promise<AudiencePreview> {
  if (input.tlp === "red") {
    const people = input.audience.userIds.length
      ? await db
          .select({ id: users.id, name: users.name, organisationId: users.organisationId })
          .from(users)
          .where(
            and(
              sql`${users.id} = any(${sqlArray(input.audience.userIds, "uuid")})`,
              eq(users.active, true),
              // Only people the author may find in the directory (GET /api/sharing/people): any
              // other id is treated as unknown, so the preview never names someone by id.
              addressableBy(input.authorOrganisationId),
            ),
          )
          .orderBy(asc(users.name))
      : [];
    return { organisations: [], people, everyone: false };
  }
  const everyone = input.tlp === "clear";
  const reached = everyone
    ? sql`select id from organisations`
    : sql`select ${input.authorOrganisationId}::uuid as id
        union select unnest(${sqlArray(input.audience.organisationIds, "uuid")})
        union select organisation_id from community_organisations
          where community_id = any(${sqlArray(input.audience.communityIds, "uuid")})`;
  const rows = rowsOf<{ id: string; name: string; people: number | string }>(
    await db.execute(sql`select o.id, o.name,
        (select count(*) from users as u where u.organisation_id = o.id and u.active) as people
      from organisations as o where o.id in (${reached}) order by o.name`),
  );
  return {
    organisations: rows.map((row) => ({ id: row.id, name: row.name, people: Number(row.people) })),
    people: [],
    everyone,
  };
}

/** People of the organisation and of those sharing a community with it: its directory. */
const addressableBy = (organisationId: string): SQL =>
  sql`(${users.organisationId} = ${organisationId} or ${users.organisationId} in (
    select theirs.organisation_id from community_organisations as mine
    join community_organisations as theirs on theirs.community_id = mine.community_id
    where mine.organisation_id = ${organisationId}))`;

/** People a RED item may be addressed to: those of organisations sharing a community with the author's. */
export async function listAddressablePeople(db: Executor, organisationId: string) {
  return db
    .select({
      id: users.id,
      name: users.name,
      organisationId: users.organisationId,
      organisationName: organisations.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.active, true), addressableBy(organisationId)))
    .orderBy(asc(organisations.name), asc(users.name));
}

/**
 * Which of these ids are communities, organisations that exist, and active people the author may
 * address (their directory: `addressableBy`). A person outside it reads as one that does not exist,
 * so composing an item cannot tell whether an id is someone's.
 */
export async function existingAudience(
  db: Executor,
  audience: SharingAudience,
  authorOrganisationId: string,
): Promise<SharingAudience> {
  // An empty list asks nothing of the database.
  const none = Promise.resolve([] as { id: string }[]);
  const [c, o, u] = await Promise.all([
    audience.communityIds.length === 0
      ? none
      : // Every composition asks this: written once (runStatement).
        runStatement<{ id: string }>(db, EXISTING_COMMUNITIES, [JSON.stringify(audience.communityIds)]),
    audience.organisationIds.length === 0
      ? none
      : db
          .select({ id: organisations.id })
          .from(organisations)
          .where(sql`${organisations.id} = any(${sqlArray(audience.organisationIds, "uuid")})`),
    audience.userIds.length === 0
      ? none
      : db
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              sql`${users.id} = any(${sqlArray(audience.userIds, "uuid")})`,
              eq(users.active, true),
              addressableBy(authorOrganisationId),
            ),
          ),
  ]);
  return {
    communityIds: c.map((row) => row.id),
    organisationIds: o.map((row) => row.id),
    userIds: u.map((row) => row.id),
  };
}

/** Which of these community ids ($1: a JSON array of texts) exist. */
const EXISTING_COMMUNITIES = `select id from communities
  where id = any((select coalesce(array_agg(value), '{}') from jsonb_array_elements_text($1::jsonb) as value)::uuid[])`;

export async function readFourEyes(db: Executor, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ value: sharingOrganisationSettings.requiresFourEyes })
    .from(sharingOrganisationSettings)
    .where(eq(sharingOrganisationSettings.organisationId, organisationId));
  return row?.value ?? false;
}

export async function writeFourEyes(db: Executor, organisationId: string, value: boolean, now: Date) {
  await db
    .insert(sharingOrganisationSettings)
    .values({ organisationId, requiresFourEyes: value, updatedAt: now })
    .onConflictDoUpdate({
      target: sharingOrganisationSettings.organisationId,
      set: { requiresFourEyes: value, updatedAt: now },
    });
}

/** The texts of an item that leave its organisation, and whose they are. */
const itemTexts = {
  id: sharedItems.id,
  title: sharedItems.title,
  body: sharedItems.body,
  warning: sharedItems.warning,
  publicTitle: sharedItems.publicTitle,
  publicBody: sharedItems.publicBody,
  status: sharedItems.status,
  authorOrganisationId: sharedItems.authorOrganisationId,
  personalDataPurgedAt: sharedItems.personalDataPurgedAt,
};

/** Items whose personal data has not been purged yet, created before `createdBefore` (per type). */
export async function listUnpurgedItems(db: Executor, type: string, createdBefore: Date) {
  return (
    db
      .select(itemTexts)
      .from(sharedItems)
      .where(
        and(
          eq(sharedItems.type, type),
          isNull(sharedItems.personalDataPurgedAt),
          sql`${sharedItems.createdAt} < ${createdBefore.toISOString()}::timestamptz`,
        ),
      )
      // Two server processes purging at once each take their own rows.
      .for("update", { skipLocked: true })
  );
}

/**
 * The pseudonym key kept in `settings`: the stored one, or `candidate` when none is stored yet.
 * The first writer wins, so two processes starting together never use two keys.
 */
export async function pseudonymKey(db: Executor, candidate: string, now: Date): Promise<string> {
  const key = "sharing.pseudonym-key";
  await db.insert(settings).values({ key, value: candidate, updatedAt: now }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  if (typeof row?.value !== "string") throw new Error("The pseudonym key is missing.");
  return row.value;
}

/** Items whose public texts were made under an older version than `version` (locked, a page at a time). */
export async function listItemsWithOldPublicTexts(db: Executor, version: number, limit: number) {
  return db
    .select(itemTexts)
    .from(sharedItems)
    .where(sql`${sharedItems.publicTextsVersion} < ${version}`)
    .orderBy(asc(sharedItems.id))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/**
 * Rewrite the name and description of Bulwark's own copies of an item in TAXII collections (every
 * version: a published item's title and body never change, only its audience and status do), when
 * its public texts changed for personal-data reasons (a purge, new pseudonyms).
 */
export async function rewriteMirroredTexts(
  db: Executor,
  itemId: string,
  texts: { name: string; description: string },
): Promise<void> {
  await db.execute(sql`update stix_objects set object = case
      when object ? 'description' then jsonb_set(jsonb_set(object, '{name}', to_jsonb(${texts.name}::text)),
        '{description}', to_jsonb(${texts.description}::text))
      else jsonb_set(object, '{name}', to_jsonb(${texts.name}::text)) end
    where shared_item_id = ${itemId} and source = 'bulwark' and type in ('report', 'incident', 'indicator')`);
}
