// Risk assessment storage: scenarios, organisations' methodologies, assessments and their
// versions. Reads of assessments take the policy's scope; a `marking` scope becomes the sharing
// rule of riskPolicy in SQL: the reader's own organisation's assessments; AMBER and GREEN ones of
// a sector the reader's organisation oversees (national authorities and regulators); GREEN ones
// shared with a community the reader's organisation belongs to.
import type { Scope } from "@bulwark/core";
import { and, asc, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { organisations, users } from "../schema/base.ts";
import { riskAssessments, riskAssessmentVersions, riskMethodologies, riskScenarios } from "../schema/risk.ts";
import { iso, likePattern, scopeFilter } from "../scope.ts";

// ---- Scenarios -----------------------------------------------------------------------------------

export interface ScenarioRecord {
  id: string;
  slug: string;
  organisation: { id: string; name: string } | null;
  family: string;
  title: string;
  content: unknown;
}

const scenarioColumns = { scenario: riskScenarios, organisationName: organisations.name };
const presentScenario = (row: {
  scenario: typeof riskScenarios.$inferSelect;
  organisationName: string | null;
}): ScenarioRecord => ({
  id: row.scenario.id,
  slug: row.scenario.slug,
  organisation:
    row.scenario.organisationId && row.organisationName
      ? { id: row.scenario.organisationId, name: row.organisationName }
      : null,
  family: row.scenario.family,
  title: row.scenario.title,
  content: row.scenario.content,
});

/** The catalogue is open to everyone signed in: scenarios describe threats, not anyone's assets. */
export async function listScenarios(db: Executor): Promise<ScenarioRecord[]> {
  const rows = await db
    .select(scenarioColumns)
    .from(riskScenarios)
    .leftJoin(organisations, eq(organisations.id, riskScenarios.organisationId))
    .orderBy(asc(riskScenarios.family), asc(riskScenarios.title));
  return rows.map(presentScenario);
}

export async function findScenario(db: Executor, slug: string): Promise<ScenarioRecord | null> {
  const [row] = await db
    .select(scenarioColumns)
    .from(riskScenarios)
    .leftJoin(organisations, eq(organisations.id, riskScenarios.organisationId))
    .where(eq(riskScenarios.slug, slug));
  return row ? presentScenario(row) : null;
}

/** Insert a scenario, or replace the content of the one with this slug; says what happened. */
export async function upsertScenario(
  db: Executor,
  input: {
    slug: string;
    organisationId: string | null;
    family: string;
    title: string;
    content: unknown;
    now: Date;
  },
): Promise<{ id: string; outcome: "created" | "updated" | "unchanged" }> {
  const [existing] = await db.select().from(riskScenarios).where(eq(riskScenarios.slug, input.slug));
  if (existing) {
    if (JSON.stringify(existing.content) === JSON.stringify(input.content))
      return { id: existing.id, outcome: "unchanged" };
    await db
      .update(riskScenarios)
      .set({ family: input.family, title: input.title, content: input.content, updatedAt: input.now })
      .where(eq(riskScenarios.id, existing.id));
    return { id: existing.id, outcome: "updated" };
  }
  const [row] = await db
    .insert(riskScenarios)
    .values({
      slug: input.slug,
      organisationId: input.organisationId,
      family: input.family,
      title: input.title,
      content: input.content,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: riskScenarios.id });
  if (!row) throw new Error("The scenario was not created.");
  return { id: row.id, outcome: "created" };
}

// ---- Methodologies -------------------------------------------------------------------------------

export async function findMethodology(db: Executor, organisationId: string): Promise<unknown | null> {
  const [row] = await db
    .select({ content: riskMethodologies.content })
    .from(riskMethodologies)
    .where(eq(riskMethodologies.organisationId, organisationId));
  return row ? row.content : null;
}

export async function saveMethodology(
  db: Executor,
  organisationId: string,
  content: unknown,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .insert(riskMethodologies)
    .values({ organisationId, content, updatedBy: userId, updatedAt: now })
    .onConflictDoUpdate({
      target: riskMethodologies.organisationId,
      set: { content, updatedBy: userId, updatedAt: now },
    });
}

// ---- Assessments ---------------------------------------------------------------------------------

export const assessmentScope = (scope: Scope): SQL | undefined =>
  scopeFilter(
    scope,
    (organisationId) => sql`${riskAssessments.organisationId} = ${organisationId}`,
    (organisationId) => sql`(${riskAssessments.organisationId} = ${organisationId}
      or (${riskAssessments.marking} in ('green', 'amber') and exists (
        select 1 from organisations as reader
        where reader.id = ${organisationId}
          and reader.kind in ('national-authority', 'regulator')
          and ${riskAssessments.sector} = any(reader.sectors)))
      or (${riskAssessments.marking} = 'green' and exists (
        select 1 from community_organisations as member
        where member.organisation_id = ${organisationId}
          and member.community_id = any(${riskAssessments.communityIds}))))`,
  );

/** The columns of the current version, computed by the service. */
export interface AssessmentColumns {
  organisationId: string;
  scenarioId: string;
  sector: string;
  assetIds: string[];
  title: string;
  marking: string;
  communityIds: string[];
  likelihood: number;
  vulnerability: number;
  consequence: number;
  score: number;
  exposure: number;
  band: string;
  aboveAppetite: boolean;
  residualScore: number;
  reviewDate: string;
  record: unknown;
}

export interface AssessmentRow extends AssessmentColumns {
  id: string;
  version: number;
  organisationName: string;
  scenarioSlug: string;
  scenarioTitle: string;
  scenarioFamily: string;
  createdAt: string;
  updatedAt: string;
}

const assessmentColumns = {
  assessment: riskAssessments,
  organisationName: organisations.name,
  scenarioSlug: riskScenarios.slug,
  scenarioTitle: riskScenarios.title,
  scenarioFamily: riskScenarios.family,
};

const presentAssessment = (row: {
  assessment: typeof riskAssessments.$inferSelect;
  organisationName: string;
  scenarioSlug: string;
  scenarioTitle: string;
  scenarioFamily: string;
}): AssessmentRow => {
  const { createdAt, updatedAt, id, version, ...columns } = row.assessment;
  return {
    ...columns,
    id,
    version,
    organisationName: row.organisationName,
    scenarioSlug: row.scenarioSlug,
    scenarioTitle: row.scenarioTitle,
    scenarioFamily: row.scenarioFamily,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
  };
};

/** Write version 1 of a new assessment. Run in a transaction. */
export async function insertAssessment(
  db: Executor,
  columns: AssessmentColumns,
  authorId: string | null,
  now: Date,
  id?: string,
): Promise<string> {
  const [row] = await db
    .insert(riskAssessments)
    .values({ ...(id ? { id } : {}), ...columns, version: 1, createdAt: now, updatedAt: now })
    .returning({ id: riskAssessments.id });
  if (!row) throw new Error("The assessment was not created.");
  await db.insert(riskAssessmentVersions).values({
    assessmentId: row.id,
    version: 1,
    score: columns.score,
    record: columns.record,
    authorId,
    createdAt: now,
  });
  return row.id;
}

/** Write the next version of an assessment (the organisation never changes). Run in a transaction. */
export async function reviseAssessment(
  db: Executor,
  id: string,
  columns: Omit<AssessmentColumns, "organisationId">,
  authorId: string | null,
  now: Date,
): Promise<number> {
  const [row] = await db
    .update(riskAssessments)
    .set({ ...columns, version: sql`${riskAssessments.version} + 1`, updatedAt: now })
    .where(eq(riskAssessments.id, id))
    .returning({ version: riskAssessments.version });
  if (!row) throw new Error("The assessment was not found.");
  await db.insert(riskAssessmentVersions).values({
    assessmentId: id,
    version: row.version,
    score: columns.score,
    record: columns.record,
    authorId,
    createdAt: now,
  });
  return row.version;
}

export async function findAssessment(db: Executor, scope: Scope, id: string): Promise<AssessmentRow | null> {
  const [row] = await db
    .select(assessmentColumns)
    .from(riskAssessments)
    .innerJoin(organisations, eq(organisations.id, riskAssessments.organisationId))
    .innerJoin(riskScenarios, eq(riskScenarios.id, riskAssessments.scenarioId))
    .where(and(eq(riskAssessments.id, id), assessmentScope(scope)));
  return row ? presentAssessment(row) : null;
}

export interface RegisterFilters {
  sector?: string | undefined;
  scenario?: string | undefined;
  band?: string | undefined;
  aboveAppetite?: boolean | undefined;
  /** overdue: review date before `today`; due-soon: from `today` to `dueSoonUntil`. */
  review?: "overdue" | "due-soon" | undefined;
  organisationId?: string | undefined;
  /** The assessing organisation's country. */
  country?: string | undefined;
  /** Text in the title (case-insensitive). */
  q?: string | undefined;
  today: string;
  dueSoonUntil: string;
}

export type RegisterSortKey = "score" | "-score" | "reviewDate" | "-reviewDate" | "title" | "-updatedAt";

function registerWhere(scope: Scope, filters: RegisterFilters): SQL | undefined {
  const where: (SQL | undefined)[] = [assessmentScope(scope)];
  if (filters.sector) where.push(eq(riskAssessments.sector, filters.sector));
  if (filters.scenario) where.push(eq(riskScenarios.slug, filters.scenario));
  if (filters.band) where.push(eq(riskAssessments.band, filters.band));
  if (filters.q) where.push(ilike(riskAssessments.title, likePattern(filters.q)));
  if (filters.aboveAppetite !== undefined)
    where.push(eq(riskAssessments.aboveAppetite, filters.aboveAppetite));
  if (filters.organisationId) where.push(eq(riskAssessments.organisationId, filters.organisationId));
  if (filters.country)
    where.push(
      sql`exists (select 1 from organisations as owner where owner.id = ${riskAssessments.organisationId} and owner.country = ${filters.country})`,
    );
  if (filters.review === "overdue") where.push(sql`${riskAssessments.reviewDate} < ${filters.today}::date`);
  if (filters.review === "due-soon")
    where.push(
      sql`${riskAssessments.reviewDate} between ${filters.today}::date and ${filters.dueSoonUntil}::date`,
    );
  return and(...where);
}

const SORTS: Record<RegisterSortKey, SQL[]> = {
  score: [asc(riskAssessments.score)],
  "-score": [desc(riskAssessments.score)],
  reviewDate: [asc(riskAssessments.reviewDate)],
  "-reviewDate": [desc(riskAssessments.reviewDate)],
  title: [asc(riskAssessments.title)],
  "-updatedAt": [desc(riskAssessments.updatedAt)],
};

export async function listAssessments(
  db: Executor,
  scope: Scope,
  filters: RegisterFilters,
  page: { sort: RegisterSortKey; limit: number; offset: number },
): Promise<{ items: AssessmentRow[]; total: number }> {
  const where = registerWhere(scope, filters);
  const [rows, [count]] = await Promise.all([
    db
      .select(assessmentColumns)
      .from(riskAssessments)
      .innerJoin(organisations, eq(organisations.id, riskAssessments.organisationId))
      .innerJoin(riskScenarios, eq(riskScenarios.id, riskAssessments.scenarioId))
      .where(where)
      .orderBy(...SORTS[page.sort], asc(riskAssessments.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(riskAssessments)
      .innerJoin(riskScenarios, eq(riskScenarios.id, riskAssessments.scenarioId))
      .where(where),
  ]);
  return { items: rows.map(presentAssessment), total: Number(count?.total ?? 0) };
}

export interface RegisterCounts {
  cells: { exposure: number; consequence: number; count: number }[];
  bands: { band: string; count: number }[];
  overdue: number;
  dueSoon: number;
  aboveAppetite: number;
}

/** Counts over every matching assessment (not just a page): heat map, bands, reviews due. */
export async function registerCounts(
  db: Executor,
  scope: Scope,
  filters: RegisterFilters,
): Promise<RegisterCounts> {
  const where = registerWhere(scope, filters);
  const base = () =>
    db
      .select({
        exposure: riskAssessments.exposure,
        consequence: riskAssessments.consequence,
        band: riskAssessments.band,
        count: sql<number>`count(*)::int`,
        overdue: sql<number>`count(*) filter (where ${riskAssessments.reviewDate} < ${filters.today}::date)::int`,
        dueSoon: sql<number>`count(*) filter (where ${riskAssessments.reviewDate} between ${filters.today}::date and ${filters.dueSoonUntil}::date)::int`,
        aboveAppetite: sql<number>`count(*) filter (where ${riskAssessments.aboveAppetite})::int`,
      })
      .from(riskAssessments)
      .innerJoin(riskScenarios, eq(riskScenarios.id, riskAssessments.scenarioId))
      .where(where)
      .groupBy(riskAssessments.exposure, riskAssessments.consequence, riskAssessments.band);
  const rows = await base();
  const bands = new Map<string, number>();
  let overdue = 0;
  let dueSoon = 0;
  let aboveAppetite = 0;
  const cells = new Map<string, { exposure: number; consequence: number; count: number }>();
  for (const row of rows) {
    const key = `${row.exposure}:${row.consequence}`;
    const cell = cells.get(key) ?? { exposure: row.exposure, consequence: row.consequence, count: 0 };
    cell.count += Number(row.count);
    cells.set(key, cell);
    bands.set(row.band, (bands.get(row.band) ?? 0) + Number(row.count));
    overdue += Number(row.overdue);
    dueSoon += Number(row.dueSoon);
    aboveAppetite += Number(row.aboveAppetite);
  }
  return {
    cells: [...cells.values()],
    bands: [...bands].map(([band, count]) => ({ band, count })),
    overdue,
    dueSoon,
    aboveAppetite,
  };
}

/** Every version's score of the matching assessments, oldest first (for the trend). */
export async function registerHistory(
  db: Executor,
  scope: Scope,
  filters: RegisterFilters,
  limit = 5000,
): Promise<{ assessmentId: string; score: number; createdAt: string }[]> {
  const where = registerWhere(scope, filters);
  const rows = await db
    .select({
      assessmentId: riskAssessmentVersions.assessmentId,
      score: riskAssessmentVersions.score,
      createdAt: riskAssessmentVersions.createdAt,
    })
    .from(riskAssessmentVersions)
    .innerJoin(riskAssessments, eq(riskAssessments.id, riskAssessmentVersions.assessmentId))
    .innerJoin(riskScenarios, eq(riskScenarios.id, riskAssessments.scenarioId))
    .where(where)
    .orderBy(asc(riskAssessmentVersions.createdAt), asc(riskAssessmentVersions.version))
    .limit(limit);
  return rows.map((row) => ({ ...row, createdAt: iso(row.createdAt) }));
}

export interface AssessmentVersionRecord {
  version: number;
  score: number;
  record: unknown;
  author: { id: string; name: string } | null;
  createdAt: string;
}

/** The versions of an assessment already found visible, newest first. */
export async function listAssessmentVersions(db: Executor, id: string): Promise<AssessmentVersionRecord[]> {
  const rows = await db
    .select({ version: riskAssessmentVersions, authorName: users.name })
    .from(riskAssessmentVersions)
    .leftJoin(users, eq(users.id, riskAssessmentVersions.authorId))
    .where(eq(riskAssessmentVersions.assessmentId, id))
    .orderBy(desc(riskAssessmentVersions.version));
  return rows.map(({ version, authorName }) => ({
    version: version.version,
    score: version.score,
    record: version.record,
    author: version.authorId && authorName ? { id: version.authorId, name: authorName } : null,
    createdAt: iso(version.createdAt),
  }));
}

/** The communities an organisation belongs to. */
export async function communitiesOf(db: Executor, organisationId: string): Promise<string[]> {
  const result = await db.execute(
    sql`select community_id::text as id from community_organisations where organisation_id = ${organisationId}`,
  );
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}
