// A state's implementation profile, read under the reader's scope. Whether the reader sees the
// profile at all (profileAbilities in @bulwark/core: a national authority of the state, or in the
// audience of its share) is one SQL clause, profileVisible, and the state's own figures (its
// submitted self-assessment runs) are read through it. Follow-up actions, engagements and exercises
// are read through their own rules (eventScope, the engagement parties, visibleExercises), so a
// count never holds an item the reader may not see.
import type { SharingAudience, SharingViewer } from "@bulwark/core";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { implementationProfileShareAudience, implementationProfileShares } from "../schema.ts";
import { sqlArray } from "../scope.ts";
import { engagementScope } from "./assistance.ts";
import { evaluatedExercises, visibleExercises } from "./exercises.ts";
import { type MarkedTable, recipient, visibleAssistanceNeeds } from "./sharing-scope.ts";

const PROFILE_SHARES: MarkedTable = {
  items: "implementation_profile_shares",
  audience: "implementation_profile_share_audience",
  key: "share_id",
  authorOrganisation: "organisation_id",
  approver: null,
};

/** Organisations (under the alias `alias`) that own the profile of `country`: its national authorities. */
const ownerOf = (alias: string, country: string): SQL => {
  const table = sql.raw(alias);
  return sql`(${table}.kind = 'national-authority' and ${table}.country = ${country})`;
};

/** profileAbilities(...).maySee in SQL: the reader's organisation owns the profile, or the share reaches the reader. */
export const profileVisible = (viewer: SharingViewer, country: string): SQL =>
  sql`(exists (select 1 from organisations as reader where reader.id = ${viewer.organisationId}
        and ${ownerOf("reader", country)})
    or exists (select 1 from implementation_profile_shares
      where implementation_profile_shares.country = ${country}
        and (implementation_profile_shares.shared_by = ${viewer.userId} or ${recipient(viewer, PROFILE_SHARES)})))`;

/** The countries whose profile the reader sees: its own state's (a national authority), and those shared with it. */
export async function readableProfiles(
  db: Executor,
  viewer: SharingViewer,
): Promise<{ country: string; own: boolean }[]> {
  const rows = rowsOf<{ country: string; own: boolean }>(
    await db.execute(sql`select reader.country, true as own from organisations as reader
        where reader.id = ${viewer.organisationId} and reader.kind = 'national-authority'
      union
      select implementation_profile_shares.country, false as own from implementation_profile_shares
        where implementation_profile_shares.shared_by = ${viewer.userId} or ${recipient(viewer, PROFILE_SHARES)}
      order by 1, 2 desc`),
  );
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.country) && seen.add(row.country));
}

export interface ProfileShareRecord {
  id: string;
  country: string;
  organisation: { id: string; name: string };
  sharedBy: string;
  tlp: string;
  audience: SharingAudience;
  updatedAt: string;
}

/** The share of a country's profile, for the policy to decide on (the caller shows it only to whom it allows). */
export async function findProfileShare(db: Executor, country: string): Promise<ProfileShareRecord | null> {
  const [row] = rowsOf<{
    id: string;
    organisation_id: string;
    organisation_name: string;
    shared_by: string;
    tlp: string;
    updated_at: string | Date;
  }>(
    await db.execute(sql`select s.id, s.organisation_id, o.name as organisation_name, s.shared_by, s.tlp, s.updated_at
      from implementation_profile_shares as s join organisations as o on o.id = s.organisation_id
      where s.country = ${country}`),
  );
  if (!row) return null;
  const audience = await db
    .select({
      communityId: implementationProfileShareAudience.communityId,
      organisationId: implementationProfileShareAudience.organisationId,
      userId: implementationProfileShareAudience.userId,
    })
    .from(implementationProfileShareAudience)
    .where(eq(implementationProfileShareAudience.shareId, row.id));
  const of = (name: "communityId" | "organisationId" | "userId") =>
    audience.flatMap((entry) => (entry[name] ? [entry[name]] : []));
  return {
    id: row.id,
    country,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    sharedBy: row.shared_by,
    tlp: row.tlp,
    audience: {
      communityIds: of("communityId"),
      organisationIds: of("organisationId"),
      userIds: of("userId"),
    },
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Names of a share's addressees (shown to the state's national authorities only). */
export async function audienceNames(
  db: Executor,
  audience: SharingAudience,
): Promise<{ kind: "community" | "organisation" | "person"; id: string; name: string }[]> {
  const rows = rowsOf<{ kind: "community" | "organisation" | "person"; id: string; name: string }>(
    await db.execute(sql`select 'community' as kind, id, name from communities
        where id = any(${sqlArray(audience.communityIds, "uuid")})
      union all select 'organisation', id, name from organisations
        where id = any(${sqlArray(audience.organisationIds, "uuid")})
      union all select 'person', id, name from users where id = any(${sqlArray(audience.userIds, "uuid")})
      order by 1, 3`),
  );
  return rows;
}

export async function saveProfileShare(
  db: Executor,
  input: {
    country: string;
    organisationId: string;
    sharedBy: string;
    tlp: string;
    audience: SharingAudience;
  },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(implementationProfileShares)
    .values({ ...input, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: implementationProfileShares.country,
      set: { organisationId: input.organisationId, sharedBy: input.sharedBy, tlp: input.tlp, updatedAt: now },
    })
    .returning({ id: implementationProfileShares.id });
  if (!row) throw new Error("The share was not saved.");
  await db
    .delete(implementationProfileShareAudience)
    .where(eq(implementationProfileShareAudience.shareId, row.id));
  const rows = [
    ...input.audience.communityIds.map((communityId) => ({ communityId })),
    ...input.audience.organisationIds.map((organisationId) => ({ organisationId })),
    ...input.audience.userIds.map((userId) => ({ userId })),
  ].map((entry) => ({ ...entry, shareId: row.id }));
  if (rows.length > 0) await db.insert(implementationProfileShareAudience).values(rows);
  return row.id;
}

/** Stops sharing; true when there was a share. */
export async function removeProfileShare(db: Executor, country: string): Promise<boolean> {
  const removed = await db
    .delete(implementationProfileShares)
    .where(eq(implementationProfileShares.country, country))
    .returning({ id: implementationProfileShares.id });
  return removed.length > 0;
}

export interface ProfileRunRecord {
  id: string;
  title: string;
  organisation: { id: string; name: string };
  frameworkVersion: number;
  submittedAt: string;
}

/** The submitted, unarchived runs of `frameworkId` by the state's national authorities, oldest first, if the reader sees the profile. */
export async function profileRuns(
  db: Executor,
  viewer: SharingViewer,
  country: string,
  frameworkId: string,
): Promise<ProfileRunRecord[]> {
  const rows = rowsOf<{
    id: string;
    title: string;
    organisation_id: string;
    organisation_name: string;
    framework_version: number;
    submitted_at: string | Date;
  }>(
    await db.execute(sql`select r.id, r.title, r.organisation_id, o.name as organisation_name,
        r.framework_version, r.submitted_at
      from self_assessment_runs as r join organisations as o on o.id = r.organisation_id
      where r.framework_id = ${frameworkId} and r.state = 'submitted' and r.archived_at is null
        and ${ownerOf("o", country)} and ${profileVisible(viewer, country)}
      order by r.submitted_at, r.id`),
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    frameworkVersion: Number(row.framework_version),
    submittedAt: new Date(row.submitted_at).toISOString(),
  }));
}

/**
 * The resolution 2341 sections the reader can tie each of these actions to: through an exercise's
 * objective (for the exercise's controllers and evaluators, who read its corrective actions) or a
 * need drafted from the action (for those who see the need).
 */
export async function actionSections(
  db: Executor,
  viewer: SharingViewer,
  actionIds: readonly string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (actionIds.length === 0) return found;
  const ids = sqlArray(actionIds, "uuid");
  const rows = rowsOf<{ action_id: string; section: string }>(
    await db.execute(sql`select c.action_id, ob.section
        from exercise_corrective_actions as c
        join exercise_objectives as ob on ob.id = c.objective_id
        join exercises on exercises.id = c.exercise_id
        where c.action_id = any(${ids}) and ob.section is not null and ${evaluatedExercises(viewer.organisationId)}
      union
      select assistance_needs.source_action_id, assistance_needs.section from assistance_needs
        where assistance_needs.source_action_id = any(${ids}) and assistance_needs.section is not null
          and ${visibleAssistanceNeeds(viewer)}`),
  );
  for (const row of rows) found.set(row.action_id, [...(found.get(row.action_id) ?? []), row.section]);
  return found;
}

export interface ProfileEngagementRecord {
  id: string;
  needId: string;
  title: string;
  section: string | null;
  provider: string;
  status: string;
}

/** Engagements with a state's organisation of `country` of which the reader's organisation is a party. */
export async function profileEngagements(
  db: Executor,
  organisationId: string,
  country: string,
): Promise<ProfileEngagementRecord[]> {
  const rows = rowsOf<{
    id: string;
    need_id: string;
    title: string;
    section: string | null;
    provider: string;
    status: string;
  }>(
    await db.execute(sql`select e.id, e.need_id, n.title, n.section, p.name as provider, e.status
      from assistance_engagements as e
      join assistance_needs as n on n.id = e.need_id
      join organisations as s on s.id = e.state_organisation_id
      join organisations as p on p.id = e.provider_organisation_id
      where s.country = ${country} and ${engagementScope({ kind: "parties", organisationId })}
      order by e.updated_at desc, e.id`),
  );
  return rows.map((row) => ({
    id: row.id,
    needId: row.need_id,
    title: row.title,
    section: row.section,
    provider: row.provider,
    status: row.status,
  }));
}

export interface ProfileExerciseRecord {
  id: string;
  title: string;
  type: string;
  status: string;
  sections: string[];
}

/** Exercises that an organisation of `country` plans or takes part in, among those the reader's organisation takes part in. */
export async function profileExercises(
  db: Executor,
  organisationId: string,
  country: string,
): Promise<ProfileExerciseRecord[]> {
  const rows = rowsOf<{ id: string; title: string; type: string; status: string; sections: string[] | null }>(
    await db.execute(sql`select exercises.id, exercises.title, exercises.type, exercises.status,
        (select array_agg(distinct ob.section order by ob.section) from exercise_objectives as ob
          where ob.exercise_id = exercises.id and ob.section is not null) as sections
      from exercises
      where ${visibleExercises(organisationId)}
        and (exists (select 1 from organisations as o where o.id = exercises.owner_organisation_id and o.country = ${country})
          or exists (select 1 from exercise_participants as taking
            join organisations as o on o.id = taking.organisation_id
            where taking.exercise_id = exercises.id and o.country = ${country}))
      order by exercises.updated_at desc, exercises.id`),
  );
  return rows.map((row) => ({ ...row, sections: row.sections ?? [] }));
}
