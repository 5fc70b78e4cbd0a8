// The compendium: published entries (one row each, the current version denormalised for search),
// their versions, and search with facets. Every read takes the policy's scope; a `marking` scope
// becomes the TLP rule in SQL: own entries, CLEAR ones, GREEN ones of organisations sharing a
// community.
import type { Scope } from "@bulwark/core";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { compendiumEntries, compendiumVersions, organisations, users } from "../schema.ts";
import { iso, markedFor, scopeFilter, sqlArray } from "../scope.ts";

/** An entry's content as stored in versions and proposals (the API's EntryContent). */
export interface EntryContentRecord {
  title: string;
  type: string;
  toolKind: string | null;
  summary: string;
  body: string;
  language: string;
  phases: string[];
  sectors: string[];
  threats: string[];
  themes: string[];
  regions: string[];
  countries: string[];
  languages: string[];
  marking: string;
  source: {
    citation: string;
    url: string | null;
    publisher: string | null;
    year: number | null;
    licence: string | null;
  };
}

export interface EntryRecord extends EntryContentRecord {
  id: string;
  slug: string;
  version: number;
  organisation: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export const entryScope = (scope: Scope, table = "compendium_entries"): SQL | undefined =>
  scopeFilter(
    scope,
    () => sql`false`,
    (organisationId) => markedFor(table, "organisation_id", organisationId),
  );

type EntryRow = typeof compendiumEntries.$inferSelect;

const contentOf = (row: EntryRow): EntryContentRecord => ({
  title: row.title,
  type: row.type,
  toolKind: row.toolKind,
  summary: row.summary,
  body: row.body,
  language: row.language,
  phases: row.phases,
  sectors: row.sectors,
  threats: row.threats,
  themes: row.themes,
  regions: row.regions,
  countries: row.countries,
  languages: row.languages,
  marking: row.marking,
  source: row.source as EntryContentRecord["source"],
});

const present = (row: EntryRow, organisationName: string | null): EntryRecord => ({
  id: row.id,
  slug: row.slug,
  version: row.version,
  organisation:
    row.organisationId && organisationName ? { id: row.organisationId, name: organisationName } : null,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  ...contentOf(row),
});

const entryColumns = {
  entry: compendiumEntries,
  organisationName: organisations.name,
};

/** The columns written from content (the search vector follows by itself). */
const columnsOf = (content: EntryContentRecord) => ({
  title: content.title,
  type: content.type,
  toolKind: content.toolKind,
  summary: content.summary,
  body: content.body,
  language: content.language,
  phases: content.phases,
  sectors: content.sectors,
  threats: content.threats,
  themes: content.themes,
  regions: content.regions,
  countries: content.countries,
  languages: content.languages,
  marking: content.marking,
  source: content.source,
});

export async function findEntry(db: Executor, scope: Scope, slug: string): Promise<EntryRecord | null> {
  const [row] = await db
    .select(entryColumns)
    .from(compendiumEntries)
    .leftJoin(organisations, eq(organisations.id, compendiumEntries.organisationId))
    .where(and(eq(compendiumEntries.slug, slug), entryScope(scope)));
  return row ? present(row.entry, row.organisationName) : null;
}

/** The entries named by `slugs` that the scope may see, in the order named (others are left out). */
export async function findEntries(
  db: Executor,
  scope: Scope,
  slugs: readonly string[],
): Promise<EntryRecord[]> {
  if (slugs.length === 0) return [];
  const rows = await db
    .select(entryColumns)
    .from(compendiumEntries)
    .leftJoin(organisations, eq(organisations.id, compendiumEntries.organisationId))
    .where(and(inArray(compendiumEntries.slug, [...slugs]), entryScope(scope)));
  const bySlug = new Map(rows.map((row) => [row.entry.slug, present(row.entry, row.organisationName)]));
  return slugs.flatMap((slug) => {
    const entry = bySlug.get(slug);
    return entry ? [entry] : [];
  });
}

/** Every entry the scope may see, in slug order (for pack export). */
export async function listEntries(db: Executor, scope: Scope): Promise<EntryRecord[]> {
  const rows = await db
    .select(entryColumns)
    .from(compendiumEntries)
    .leftJoin(organisations, eq(organisations.id, compendiumEntries.organisationId))
    .where(entryScope(scope))
    .orderBy(compendiumEntries.slug);
  return rows.map((row) => present(row.entry, row.organisationName));
}

/** Unscoped: whether a slug is taken (slugs are unique whoever may see the entry). */
export async function entryIdOfSlug(
  db: Executor,
  slug: string,
): Promise<{ id: string; version: number } | null> {
  const [row] = await db
    .select({ id: compendiumEntries.id, version: compendiumEntries.version })
    .from(compendiumEntries)
    .where(eq(compendiumEntries.slug, slug));
  return row ?? null;
}

export interface PublishInput {
  slug: string;
  content: EntryContentRecord;
  /** Owner of a new entry (null for the shipped pack); an existing entry keeps its owner. */
  organisationId: string | null;
  authorId: string | null;
  note: string | null;
  now: Date;
}

/** Publish a new version of the entry with this slug (creating it at version 1). Run in a transaction. */
export async function publishEntry(
  db: Executor,
  input: PublishInput,
): Promise<{ id: string; version: number; created: boolean }> {
  const existing = await entryIdOfSlug(db, input.slug);
  let id: string;
  let version: number;
  if (existing) {
    version = existing.version + 1;
    id = existing.id;
    await db
      .update(compendiumEntries)
      .set({ ...columnsOf(input.content), version, updatedAt: input.now })
      .where(eq(compendiumEntries.id, id));
  } else {
    version = 1;
    const [row] = await db
      .insert(compendiumEntries)
      .values({
        slug: input.slug,
        organisationId: input.organisationId,
        version,
        ...columnsOf(input.content),
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: compendiumEntries.id });
    if (!row) throw new Error("The entry was not created.");
    id = row.id;
  }
  await db.insert(compendiumVersions).values({
    entryId: id,
    version,
    content: input.content,
    authorId: input.authorId,
    note: input.note,
    createdAt: input.now,
  });
  return { id, version, created: !existing };
}

export interface VersionRecord {
  version: number;
  author: { id: string; name: string } | null;
  note: string | null;
  createdAt: string;
  content: EntryContentRecord;
}

export async function listVersions(db: Executor, entryId: string): Promise<VersionRecord[]> {
  const rows = await db
    .select({ version: compendiumVersions, authorName: users.name })
    .from(compendiumVersions)
    .leftJoin(users, eq(users.id, compendiumVersions.authorId))
    .where(eq(compendiumVersions.entryId, entryId))
    .orderBy(desc(compendiumVersions.version));
  return rows.map(({ version, authorName }) => ({
    version: version.version,
    author: version.authorId && authorName ? { id: version.authorId, name: authorName } : null,
    note: version.note,
    createdAt: iso(version.createdAt),
    content: version.content as EntryContentRecord,
  }));
}

export async function findVersion(
  db: Executor,
  entryId: string,
  version: number,
): Promise<VersionRecord | null> {
  const all = await db
    .select({ version: compendiumVersions, authorName: users.name })
    .from(compendiumVersions)
    .leftJoin(users, eq(users.id, compendiumVersions.authorId))
    .where(and(eq(compendiumVersions.entryId, entryId), eq(compendiumVersions.version, version)));
  const row = all[0];
  if (!row) return null;
  return {
    version: row.version.version,
    author:
      row.version.authorId && row.authorName ? { id: row.version.authorId, name: row.authorName } : null,
    note: row.version.note,
    createdAt: iso(row.version.createdAt),
    content: row.version.content as EntryContentRecord,
  };
}

export interface RelatedRecord {
  id: string;
  slug: string;
  title: string;
  type: string;
  summary: string;
  marking: string;
  phases: string[];
  sectors: string[];
  themes: string[];
  regions: string[];
  year: number | null;
  publisher: string | null;
}

/** Entries sharing the most tags with `entry` (themes and threats weigh most). */
export async function relatedEntries(
  db: Executor,
  scope: Scope,
  entry: EntryRecord,
  limit = 5,
): Promise<RelatedRecord[]> {
  const shared = (column: string, values: readonly string[]) =>
    sql`coalesce(cardinality(array(select unnest(${sql.raw(`e.${column}`)}) intersect select unnest(${sqlArray(values)}))), 0)`;
  const visible = entryScope(scope, "e");
  const result = await db.execute(sql`
    select e.id, e.slug, e.title, e.type, e.summary, e.marking, e.phases, e.sectors, e.themes, e.regions,
      (e.source->>'year')::int as year, e.source->>'publisher' as publisher
    from compendium_entries as e
    where e.id <> ${entry.id}
      and (e.themes && ${sqlArray(entry.themes)} or e.threats && ${sqlArray(entry.threats)}
        or e.sectors && ${sqlArray(entry.sectors)} or e.type = ${entry.type})
      ${visible ? sql`and ${visible}` : sql``}
    order by ${shared("themes", entry.themes)} * 3 + ${shared("threats", entry.threats)} * 2
      + ${shared("sectors", entry.sectors)} + ${shared("phases", entry.phases)}
      + case when e.type = ${entry.type} then 1 else 0 end desc, e.title
    limit ${limit}`);
  return rowsOf<RelatedRecord>(result);
}

const clearIn = (scope: Scope): SQL | undefined =>
  and(eq(compendiumEntries.marking, "clear"), entryScope(scope));

/**
 * The CLEAR entries the scope may see (every one, unless it sees none), in slug order: the copy a
 * device keeps for offline reading. GREEN and AMBER never leave the server this way.
 */
export async function listClearEntries(db: Executor, scope: Scope): Promise<EntryRecord[]> {
  const rows = await db
    .select(entryColumns)
    .from(compendiumEntries)
    .leftJoin(organisations, eq(organisations.id, compendiumEntries.organisationId))
    .where(clearIn(scope))
    .orderBy(compendiumEntries.slug);
  return rows.map((row) => present(row.entry, row.organisationName));
}

/**
 * Names the current set of CLEAR entries without reading their text: their count and a hash of
 * each one's id, version and time of change. Any publication, edit or change of marking moves it.
 */
export async function clearEntriesVersion(db: Executor, scope: Scope): Promise<string> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      hash: sql<string>`coalesce(md5(string_agg(${compendiumEntries.id}::text || ':' || ${compendiumEntries.version}
        || ':' || floor(extract(epoch from ${compendiumEntries.updatedAt}) * 1000)::bigint, ',' order by ${compendiumEntries.id})), '')`,
    })
    .from(compendiumEntries)
    .where(clearIn(scope));
  return `${row?.count ?? 0}-${row?.hash ?? ""}`;
}
