// A registry import written in slices (ADR 0040). Its new assets and their dependencies go into the
// live tables a few hundred rows a statement, outside any transaction, so that other requests get
// the database between slices (on PGlite, one session that a transaction would hold throughout).
// Each new asset carries the import's id, and while the import is listed in staged_imports every
// read hides it (assetScope); a dependency is hidden with its dependent. Publishing is one short
// statement (the import's staged_imports row deleted); failing deletes the rows, slice by slice.
// A STIX import is staged the same way (ADR 0047): each slice of objects goes into stix_objects in a
// short transaction of its own and is listed in staged_stix_slices, which hides the collection from
// that slice's first date_added on (stixPublished) until the staged_imports row goes.
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { assets, dependencies, stagedImports } from "../schema.ts";
import { type AssetFields, assetScope } from "./assets.ts";

/** Between two slices: a promise to let other work through (setImmediate), awaited. */
export type Between = () => Promise<void>;

export async function beginStagedImport(db: Executor, id: string, now: Date): Promise<void> {
  await db.insert(stagedImports).values({ id, startedAt: now, touchedAt: now });
}

/** The import is alive (the sweep leaves it alone). */
export async function touchStagedImport(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(stagedImports).set({ touchedAt: now }).where(eq(stagedImports.id, id));
}

/** New assets, staged (hidden until published); their ids, in the order given. */
export async function stageAssets(
  db: Executor,
  importId: string,
  rows: readonly AssetFields[],
  now: Date,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(assets)
    .values(rows.map((row) => ({ ...row, importId, createdAt: now, updatedAt: now })))
    .returning({ id: assets.id, ref: assets.ref, operatorId: assets.operatorId });
  const idOf = new Map(inserted.map((row) => [`${row.operatorId}/${row.ref}`, row.id]));
  return rows.map((row) => idOf.get(`${row.operatorId}/${row.ref}`) ?? "");
}

/** Dependencies of staged assets (hidden with their dependent). */
export async function stageDependencies(
  db: Executor,
  rows: readonly {
    dependentId: string;
    supplierId: string;
    service: string;
    kind: string;
    k: number;
    bufferHours: number;
  }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(dependencies).values(rows.map((row) => ({ ...row, createdAt: now })));
}

/** The one short final step: every staged row of the import becomes visible at once. */
export async function publishStagedImport(db: Executor, id: string): Promise<void> {
  const deleted = await db
    .delete(stagedImports)
    .where(eq(stagedImports.id, id))
    .returning({ id: stagedImports.id });
  // The sweep took it for dead and is discarding its rows: publishing now would show half of them.
  if (deleted.length === 0) throw new Error(`staged import ${id} is gone`);
}

/**
 * Delete the import's staged rows (their dependencies go with them), `slice` at a time, then its
 * staged_imports row. Rows are never visible on the way: the import stays listed until the end.
 */
export async function discardStagedImport(
  db: Executor,
  id: string,
  between: Between,
  slice = 500,
): Promise<number> {
  let removed = 0;
  for (;;) {
    const gone = rowsOf<{ id: string }>(
      await db.execute(sql`delete from assets where id in (
          select id from assets where import_id = ${id}
            and exists (select 1 from staged_imports where staged_imports.id = ${id})
          limit ${slice})
        returning id`),
    );
    removed += gone.length;
    if (gone.length < slice) break;
    await between();
  }
  removed += await discardStixSlices(db, id, between);
  await db.delete(stagedImports).where(eq(stagedImports.id, id));
  return removed;
}

/**
 * A slice of a STIX import, just written in the caller's transaction under the collection's lock:
 * the collection's rows with date_added from `first` to `last` (RFC 3339 with microseconds). The
 * transaction's commit then does not wait for its WAL to reach the disk (synchronous_commit off,
 * ADR 0058): the publication's commit waits for its own WAL, which follows the slices', so nothing
 * shown can be lost; a crash can lose only slices never shown, of an import that died with it.
 */
export async function stageStixSlice(
  tx: Executor,
  importId: string,
  collectionId: string,
  first: string,
  last: string,
): Promise<void> {
  await tx.execute(sql`insert into staged_stix_slices (import_id, collection_id, first_added, last_added)
    select ${importId}, ${collectionId}, ${first}::timestamptz, ${last}::timestamptz
    from (select set_config('synchronous_commit', 'off', true)) as unflushed`);
}

/**
 * Delete the objects of a STIX import's staged slices, a slice a statement, latest first: each slice
 * is listed until its objects are gone, so the collection stays hidden from the import's first
 * slice on until everything of it is deleted.
 */
async function discardStixSlices(db: Executor, id: string, between: Between): Promise<number> {
  const slices = rowsOf<{ collection_id: string; first_added: string; last_added: string }>(
    await db.execute(sql`select collection_id, first_added::text, last_added::text from staged_stix_slices
      where import_id = ${id} order by first_added desc`),
  );
  let removed = 0;
  for (const slice of slices) {
    const gone = rowsOf(
      await db.execute(sql`delete from stix_objects where collection_id = ${slice.collection_id}
          and date_added between ${slice.first_added}::timestamptz and ${slice.last_added}::timestamptz
        returning seq`),
    );
    removed += gone.length;
    await db.execute(sql`delete from staged_stix_slices
      where import_id = ${id} and first_added = ${slice.first_added}::timestamptz`);
    await between();
  }
  return removed;
}

/** Staged imports silent since `before`: their process died (the sweep discards them). */
export async function silentStagedImports(db: Executor, before: Date): Promise<string[]> {
  const rows = await db
    .select({ id: stagedImports.id })
    .from(stagedImports)
    .where(lt(stagedImports.touchedAt, before));
  return rows.map((row) => row.id);
}

const dependent = alias(assets, "dependent");

/**
 * The whole registry as the import would publish it (every asset, the import's staged ones
 * included; every dependency of those), read `page` rows a statement, for the redundancy rules.
 */
export async function registryWithStaged(db: Executor, importId: string, between: Between, page = 2000) {
  const assetRows: {
    id: string;
    ref: string;
    name: string;
    sector: string;
    population: number;
    lat: number | null;
    lon: number | null;
  }[] = [];
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db
      .select({
        id: assets.id,
        ref: assets.ref,
        name: assets.name,
        sector: assets.sector,
        population: assets.populationServed,
        lat: assets.lat,
        lon: assets.lon,
      })
      .from(assets)
      .where(and(gt(assets.id, after), assetScope({ kind: "all" }, "assets", importId)))
      .orderBy(asc(assets.id))
      .limit(page);
    assetRows.push(...rows);
    if (rows.length < page) break;
    after = rows[rows.length - 1]?.id ?? after;
    await between();
  }
  const dependencyRows: {
    id: string;
    dependent: string;
    supplier: string;
    service: string;
    k: number;
    bufferHours: number;
  }[] = [];
  after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db
      .select({
        id: dependencies.id,
        dependent: dependencies.dependentId,
        supplier: dependencies.supplierId,
        service: dependencies.service,
        k: dependencies.k,
        bufferHours: dependencies.bufferHours,
      })
      .from(dependencies)
      .innerJoin(dependent, eq(dependent.id, dependencies.dependentId))
      .where(and(gt(dependencies.id, after), assetScope({ kind: "all" }, "dependent", importId)))
      .orderBy(asc(dependencies.id))
      .limit(page);
    dependencyRows.push(...rows);
    if (rows.length < page) break;
    after = rows[rows.length - 1]?.id ?? after;
    await between();
  }
  return { assets: assetRows, dependencies: dependencyRows };
}
