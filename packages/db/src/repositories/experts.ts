// Expert profiles: opt-in, one per user, found by words and tags. Every read takes the policy's
// audience scope and compiles it to SQL (audienceFilter), so a profile its expert did not open to
// the reader is neither found, nor counted, nor read. The e-mail leaves the database only when the
// expert chose to show it.
import type { AudienceScope } from "@bulwark/core";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { expertProfiles } from "../schema.ts";
import { likePattern, sqlArray } from "../scope.ts";

/**
 * expertsPolicy's audience rule (core's inAudience) in SQL, for a thing owned by `owner` of
 * `organisation` opened to `visibility`: the owner; everyone for "platform"; the owner's
 * organisation for "organisation" and "communities"; organisations sharing a community with the
 * owner's for "communities".
 */
export function audienceFilter(
  scope: AudienceScope,
  columns: { owner: string; organisation: string; visibility: string },
): SQL | undefined {
  if (scope.kind === "all") return undefined;
  const owner = sql.raw(columns.owner);
  const organisation = sql.raw(columns.organisation);
  const visibility = sql.raw(columns.visibility);
  return sql`(${owner} = ${scope.userId}
    or ${visibility} = 'platform'
    or (${visibility} in ('organisation', 'communities') and ${organisation} = ${scope.organisationId})
    or (${visibility} = 'communities' and exists (
      select 1 from community_organisations as mine
      join community_organisations as theirs on theirs.community_id = mine.community_id
      where mine.organisation_id = ${scope.organisationId} and theirs.organisation_id = ${organisation})))`;
}

const profileAudience = (scope: AudienceScope) =>
  audienceFilter(scope, {
    owner: "p.user_id",
    organisation: "u.organisation_id",
    visibility: "p.visibility",
  }) ?? sql`true`;

export interface ProfileFields {
  headline: string;
  bio: string;
  expertise: string[];
  sectors: string[];
  phases: string[];
  themes: string[];
  threats: string[];
  languages: string[];
  region: string | null;
  country: string | null;
  visibility: string;
  showEmail: boolean;
}

export interface ProfileRecord extends ProfileFields {
  userId: string;
  name: string;
  /** Null unless the expert shows it. */
  email: string | null;
  organisation: { id: string; name: string };
  answerCount: number;
  createdAt: string;
  updatedAt: string;
}

type ProfileRow = Omit<ProfileRecord, "organisation" | "createdAt" | "updatedAt"> & {
  organisationId: string;
  organisationName: string;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const profileSelect = sql`select p.user_id as "userId", u.name, case when p.show_email then u.email end as email,
    p.headline, p.bio, p.expertise, p.sectors, p.phases, p.themes, p.threats, p.languages, p.region, p.country,
    p.visibility, p.show_email as "showEmail", p.created_at as "createdAt", p.updated_at as "updatedAt",
    o.id as "organisationId", o.name as "organisationName",
    (select count(*)::int from discussion_posts as a
      where a.author_id = p.user_id and a.question_id is not null and a.parent_id is null
        and a.state = 'visible') as "answerCount"
  from expert_profiles as p
  join users as u on u.id = p.user_id
  join organisations as o on o.id = u.organisation_id`;

const present = ({
  organisationId,
  organisationName,
  createdAt,
  updatedAt,
  ...row
}: ProfileRow): ProfileRecord => ({
  ...row,
  organisation: { id: organisationId, name: organisationName },
  createdAt: new Date(createdAt).toISOString(),
  updatedAt: new Date(updatedAt).toISOString(),
});

export async function findProfile(
  db: Executor,
  scope: AudienceScope,
  userId: string,
): Promise<ProfileRecord | null> {
  const result = await db.execute(
    sql`${profileSelect} where p.user_id = ${userId} and u.active and ${profileAudience(scope)}`,
  );
  const [row] = rowsOf<ProfileRow>(result);
  return row ? present(row) : null;
}

export interface ProfileSearch {
  /** Words that must all appear in the headline, the expertise keywords or the bio. */
  q?: string | undefined;
  sector?: string | undefined;
  theme?: string | undefined;
  language?: string | undefined;
  region?: string | undefined;
  limit: number;
  offset: number;
}

export async function searchProfiles(
  db: Executor,
  scope: AudienceScope,
  search: ProfileSearch,
): Promise<{ total: number; items: ProfileRecord[] }> {
  const words = (search.q ?? "").split(/\s+/).filter(Boolean).slice(0, 10).map(likePattern);
  const conditions: SQL[] = [sql`u.active`, profileAudience(scope)];
  if (words.length > 0)
    conditions.push(sql`(select bool_and(p.headline || ' ' || array_to_string(p.expertise, ' ') || ' ' || p.bio
      ilike pattern) from unnest(${sqlArray(words)}) as pattern)`);
  if (search.sector) conditions.push(sql`${search.sector} = any(p.sectors)`);
  if (search.theme) conditions.push(sql`${search.theme} = any(p.themes)`);
  if (search.language) conditions.push(sql`${search.language} = any(p.languages)`);
  if (search.region) conditions.push(sql`p.region = ${search.region}`);
  const where = sql.join(conditions, sql` and `);
  const [items, counted] = await Promise.all([
    db.execute(sql`${profileSelect} where ${where} order by "answerCount" desc, u.name, p.user_id
      limit ${search.limit} offset ${search.offset}`),
    db.execute(sql`select count(*)::int as total from expert_profiles as p join users as u on u.id = p.user_id
      where ${where}`),
  ]);
  return {
    total: rowsOf<{ total: number }>(counted)[0]?.total ?? 0,
    items: rowsOf<ProfileRow>(items).map(present),
  };
}

/** Unscoped: whether this user has a profile (their own, to choose create or update). */
export async function hasProfile(db: Executor, userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: expertProfiles.userId })
    .from(expertProfiles)
    .where(eq(expertProfiles.userId, userId));
  return rows.length > 0;
}

export async function insertProfile(
  db: Executor,
  userId: string,
  fields: ProfileFields,
  now: Date,
): Promise<void> {
  await db.insert(expertProfiles).values({ userId, ...fields, createdAt: now, updatedAt: now });
}

export async function updateProfile(
  db: Executor,
  userId: string,
  fields: ProfileFields,
  now: Date,
): Promise<void> {
  await db
    .update(expertProfiles)
    .set({ ...fields, updatedAt: now })
    .where(eq(expertProfiles.userId, userId));
}

export async function deleteProfile(db: Executor, userId: string): Promise<boolean> {
  const rows = await db
    .delete(expertProfiles)
    .where(eq(expertProfiles.userId, userId))
    .returning({ userId: expertProfiles.userId });
  return rows.length > 0;
}
