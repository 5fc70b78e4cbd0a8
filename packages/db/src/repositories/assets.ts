// The asset registry. Every read takes the policy's scope; a `marking` scope becomes the TLP rule
// in SQL: own assets, CLEAR ones, and GREEN ones of operators sharing a community.
import type { AssetStatus, DependencyKind, Scope, Sector, TlpMarking } from "@bulwark/core";
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../connect.ts";
import { assets, dependencies, organisations } from "../schema.ts";
import { iso, likePattern, markedFor, scopeFilter, sqlArray } from "../scope.ts";

/**
 * The assets of `table` (an alias of assets) that the scope may read. Whatever the scope, never the
 * rows of a registry import still staged (ADR 0040), except those of the import `staged` names
 * (it checks the registry it is about to publish). Every read of assets goes through this filter,
 * and every read of dependencies through it for the dependent (a staged asset's dependencies are
 * staged with it, and hidden with it).
 */
export const assetScope = (scope: Scope, table = "assets", staged?: string): SQL | undefined =>
  and(
    published(table, staged),
    scopeFilter(
      scope,
      () => sql`false`,
      (organisationId) => markedFor(table, "operator_id", organisationId),
    ),
  );

function published(table: string, staged: string | undefined): SQL {
  const importId = sql.raw(`"${table}".import_id`);
  return sql`(${importId} is null${staged ? sql` or ${importId} = ${staged}` : sql``}
    or not exists (select 1 from staged_imports where staged_imports.id = ${importId}))`;
}

export interface AssetRecord {
  id: string;
  ref: string;
  name: string;
  sector: Sector;
  subsector: string | null;
  operator: { id: string; name: string };
  lat: number | null;
  lon: number | null;
  area: { type: "Polygon"; coordinates: [number, number][][] } | null;
  status: AssetStatus;
  populationServed: number;
  capacity: number | null;
  capacityUnit: string | null;
  recoveryTargetHours: number | null;
  marking: TlpMarking;
  tags: string[];
  attributes: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface AssetFields {
  ref: string;
  name: string;
  sector: Sector;
  subsector?: string | null;
  operatorId: string;
  lat?: number | null;
  lon?: number | null;
  area?: AssetRecord["area"];
  status: AssetStatus;
  populationServed: number;
  capacity?: number | null;
  capacityUnit?: string | null;
  recoveryTargetHours?: number | null;
  marking: TlpMarking;
  tags: string[];
  attributes: Record<string, string>;
}

const columns = { asset: assets, operatorName: organisations.name };
type Row = { asset: typeof assets.$inferSelect; operatorName: string };
// Stored values were validated on the way in, so the vocabularies hold on the way out.
const present = ({ asset, operatorName }: Row): AssetRecord => ({
  id: asset.id,
  ref: asset.ref,
  name: asset.name,
  sector: asset.sector as Sector,
  subsector: asset.subsector,
  operator: { id: asset.operatorId, name: operatorName },
  lat: asset.lat,
  lon: asset.lon,
  area: asset.area as AssetRecord["area"],
  status: asset.status as AssetStatus,
  populationServed: asset.populationServed,
  capacity: asset.capacity,
  capacityUnit: asset.capacityUnit,
  recoveryTargetHours: asset.recoveryTargetHours,
  marking: asset.marking as TlpMarking,
  tags: asset.tags,
  attributes: asset.attributes as Record<string, string>,
  createdAt: iso(asset.createdAt),
  updatedAt: iso(asset.updatedAt),
});

export interface AssetListQuery {
  limit: number;
  offset: number;
  q?: string | undefined;
  sector?: Sector | undefined;
  operatorId?: string | undefined;
  status?: AssetStatus | undefined;
  /** "match": with `q`, names equal to it first, then names and refs starting with it (search). */
  order?: "name" | "match" | undefined;
}

export async function listAssets(
  db: Executor,
  scope: Scope,
  query: AssetListQuery,
): Promise<{ items: AssetRecord[]; total: number }> {
  const filters: (SQL | undefined)[] = [assetScope(scope)];
  if (query.q)
    filters.push(or(ilike(assets.name, likePattern(query.q)), ilike(assets.ref, likePattern(query.q))));
  if (query.sector) filters.push(eq(assets.sector, query.sector));
  if (query.operatorId) filters.push(eq(assets.operatorId, query.operatorId));
  if (query.status) filters.push(eq(assets.status, query.status));
  const where = and(...filters);
  const prefix = query.q ? `${likePattern(query.q).slice(1)}` : "";
  const byMatch =
    query.order === "match" && query.q
      ? [
          sql`lower(${assets.name}) = lower(${query.q}) desc`,
          sql`(${assets.name} ilike ${prefix} or ${assets.ref} ilike ${prefix}) desc`,
        ]
      : [];
  const [rows, [count]] = await Promise.all([
    db
      .select(columns)
      .from(assets)
      .innerJoin(organisations, eq(organisations.id, assets.operatorId))
      .where(where)
      .orderBy(...byMatch, asc(assets.name), asc(assets.ref))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(assets).where(where),
  ]);
  return { items: rows.map(present), total: Number(count?.total ?? 0) };
}

export async function getAsset(db: Executor, scope: Scope, id: string): Promise<AssetRecord | null> {
  const [row] = await db
    .select(columns)
    .from(assets)
    .innerJoin(organisations, eq(organisations.id, assets.operatorId))
    .where(and(eq(assets.id, id), assetScope(scope)));
  return row ? present(row) : null;
}

/** The assets among `ids` that the scope may read, in full (for an export that names them). */
export async function getAssets(db: Executor, scope: Scope, ids: readonly string[]): Promise<AssetRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(columns)
    .from(assets)
    .innerJoin(organisations, eq(organisations.id, assets.operatorId))
    .where(and(sql`${assets.id} = any(${sqlArray([...new Set(ids)], "uuid")})`, assetScope(scope)))
    .orderBy(asc(assets.ref));
  return rows.map(present);
}

/** Whether the operator already has another asset with this ref (refs are unique per operator). */
export async function assetRefTaken(
  db: Executor,
  operatorId: string,
  ref: string,
  except?: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: assets.id })
    .from(assets)
    .where(
      and(
        eq(assets.operatorId, operatorId),
        eq(assets.ref, ref),
        except ? sql`${assets.id} <> ${except}` : undefined,
      ),
    );
  return Boolean(row);
}

export async function insertAsset(db: Executor, fields: AssetFields, now: Date): Promise<string> {
  const [row] = await db
    .insert(assets)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .returning({ id: assets.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export async function updateAsset(
  db: Executor,
  id: string,
  fields: Partial<AssetFields>,
  now: Date,
): Promise<void> {
  await db
    .update(assets)
    .set({ ...fields, updatedAt: now })
    .where(eq(assets.id, id));
}

export async function deleteAsset(db: Executor, id: string): Promise<void> {
  await db.delete(assets).where(eq(assets.id, id));
}

export interface DependencyRecord {
  id: string;
  dependent: { id: string; ref: string; name: string; sector: Sector };
  supplier: { id: string; ref: string; name: string; sector: Sector };
  service: string;
  kind: DependencyKind;
  k: number;
  bufferHours: number;
  createdAt: string;
}

const dependent = alias(assets, "dependent");
const supplier = alias(assets, "supplier");

/** Dependencies whose two ends the scope may see (a hidden end would reveal a hidden asset). */
export async function listDependencies(
  db: Executor,
  scope: Scope,
  filter: { dependentId?: string; supplierId?: string; id?: string },
): Promise<DependencyRecord[]> {
  const rows = await db
    .select({
      id: dependencies.id,
      service: dependencies.service,
      kind: dependencies.kind,
      k: dependencies.k,
      bufferHours: dependencies.bufferHours,
      createdAt: dependencies.createdAt,
      dependent: { id: dependent.id, ref: dependent.ref, name: dependent.name, sector: dependent.sector },
      supplier: { id: supplier.id, ref: supplier.ref, name: supplier.name, sector: supplier.sector },
    })
    .from(dependencies)
    .innerJoin(dependent, eq(dependent.id, dependencies.dependentId))
    .innerJoin(supplier, eq(supplier.id, dependencies.supplierId))
    .where(
      and(
        filter.id ? eq(dependencies.id, filter.id) : undefined,
        filter.dependentId ? eq(dependencies.dependentId, filter.dependentId) : undefined,
        filter.supplierId ? eq(dependencies.supplierId, filter.supplierId) : undefined,
        assetScope(scope, "dependent"),
        assetScope(scope, "supplier"),
      ),
    )
    // The id last: names repeat, and ties would come in whatever order the plan gives.
    .orderBy(asc(dependencies.service), asc(supplier.name), asc(dependent.name), asc(dependencies.id));
  return rows.map((row) => ({
    ...row,
    kind: row.kind as DependencyKind,
    dependent: { ...row.dependent, sector: row.dependent.sector as Sector },
    supplier: { ...row.supplier, sector: row.supplier.sector as Sector },
    createdAt: iso(row.createdAt),
  }));
}

/** The rule (k, buffer) already set for a dependent's service, if any: all its suppliers share it. */
export async function serviceRule(
  db: Executor,
  dependentId: string,
  service: string,
): Promise<{ k: number; bufferHours: number; suppliers: number } | null> {
  const rows = await db
    .select({ k: dependencies.k, bufferHours: dependencies.bufferHours })
    .from(dependencies)
    .where(and(eq(dependencies.dependentId, dependentId), eq(dependencies.service, service)));
  const [first] = rows;
  return first ? { ...first, suppliers: rows.length } : null;
}

export async function insertDependency(
  db: Executor,
  fields: {
    dependentId: string;
    supplierId: string;
    service: string;
    kind: DependencyKind;
    k: number;
    bufferHours: number;
  },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(dependencies)
    .values({ ...fields, createdAt: now })
    .returning({ id: dependencies.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export async function deleteDependency(db: Executor, id: string): Promise<void> {
  await db.delete(dependencies).where(eq(dependencies.id, id));
}

/**
 * What the analysis engine needs, for the assets the scope may see. A supplier the scope may not
 * see is taken to keep working: a dependent that needs k of n suppliers, h of them hidden, needs
 * k - h of the visible ones (and cannot lose the service through them at all when k <= h).
 */
export async function graphInput(db: Executor, scope: Scope) {
  const supplierVisible = assetScope(scope, "supplier") ?? sql`true`;
  const [assetRows, dependencyRows] = await Promise.all([
    db
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
      .where(assetScope(scope))
      // In a stable order (by ref): the engine keeps it among assets that tie, whatever the plan.
      .orderBy(asc(assets.ref), asc(assets.id)),
    db
      .select({
        dependent: dependencies.dependentId,
        supplier: dependencies.supplierId,
        service: dependencies.service,
        k: dependencies.k,
        bufferHours: dependencies.bufferHours,
        visible: sql<boolean>`(${supplierVisible})`,
      })
      .from(dependencies)
      .innerJoin(dependent, eq(dependent.id, dependencies.dependentId))
      .innerJoin(supplier, eq(supplier.id, dependencies.supplierId))
      .where(assetScope(scope, "dependent"))
      .orderBy(asc(dependencies.dependentId), asc(dependencies.service), asc(dependencies.supplierId)),
  ]);
  const groups = new Map<string, { rows: typeof dependencyRows; hidden: number }>();
  for (const row of dependencyRows) {
    const key = `${row.dependent}/${row.service}`;
    const group = groups.get(key) ?? { rows: [], hidden: 0 };
    if (row.visible) group.rows.push(row);
    else group.hidden += 1;
    groups.set(key, group);
  }
  const visibleDependencies = [...groups.values()].flatMap(({ rows, hidden }) =>
    rows
      .filter((row) => row.k - hidden > 0)
      .map((row) => ({
        dependent: row.dependent,
        supplier: row.supplier,
        service: row.service,
        k: row.k - hidden,
        bufferHours: row.bufferHours,
      })),
  );
  return {
    assets: assetRows.map((row) => ({
      ...row,
      sector: row.sector as Sector,
      lat: row.lat ?? undefined,
      lon: row.lon ?? undefined,
    })),
    dependencies: visibleDependencies,
  };
}

const BATCH = 1000;
const batches = <T>(items: readonly T[], size = BATCH): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The assets with these refs that the scope may see (all by default): their id and operator, per
 * ref (one ref may name assets of several operators).
 */
export async function assetsByRef(
  db: Executor,
  refs: readonly string[],
  scope: Scope = { kind: "all" },
  /** Awaited between two statements (to let other requests through), with `size` refs each. */
  between?: { size: number; wait: () => Promise<void> },
): Promise<Map<string, { id: string; operatorId: string }[]>> {
  const found = new Map<string, { id: string; operatorId: string }[]>();
  let first = true;
  for (const chunk of batches([...new Set(refs)], between?.size ?? 5000)) {
    if (!first) await between?.wait();
    first = false;
    const rows = await db
      .select({ id: assets.id, ref: assets.ref, operatorId: assets.operatorId })
      .from(assets)
      .where(and(inArray(assets.ref, chunk), assetScope(scope)))
      .orderBy(asc(assets.ref), asc(assets.operatorId));
    for (const row of rows)
      found.set(row.ref, [...(found.get(row.ref) ?? []), { id: row.id, operatorId: row.operatorId }]);
  }
  return found;
}

/** Insert or update (by operator and ref) many assets at once. */
export async function upsertAssets(
  db: Executor,
  rows: readonly AssetFields[],
  now: Date,
  /** Told after each batch; a promise it returns is awaited (to let other requests through). */
  progress?: (done: number) => void | Promise<void>,
): Promise<void> {
  let done = 0;
  for (const chunk of batches(rows)) {
    await db
      .insert(assets)
      .values(chunk.map((row) => ({ ...row, createdAt: now, updatedAt: now })))
      .onConflictDoUpdate({
        target: [assets.operatorId, assets.ref],
        set: {
          name: sql`excluded.name`,
          sector: sql`excluded.sector`,
          subsector: sql`excluded.subsector`,
          lat: sql`excluded.lat`,
          lon: sql`excluded.lon`,
          status: sql`excluded.status`,
          populationServed: sql`excluded.population_served`,
          capacity: sql`excluded.capacity`,
          capacityUnit: sql`excluded.capacity_unit`,
          recoveryTargetHours: sql`excluded.recovery_target_hours`,
          marking: sql`excluded.marking`,
          attributes: sql`excluded.attributes`,
          updatedAt: now,
        },
      });
    done += chunk.length;
    await progress?.(done);
  }
}

/** Replace all dependencies of these dependents with the rows given. */
export async function replaceDependencies(
  db: Executor,
  dependentIds: readonly string[],
  rows: readonly {
    dependentId: string;
    supplierId: string;
    service: string;
    kind: DependencyKind;
    k: number;
    bufferHours: number;
  }[],
  now: Date,
  /** Told after each batch; a promise it returns is awaited (to let other requests through). */
  progress?: (done: number) => void | Promise<void>,
): Promise<void> {
  for (const chunk of batches(dependentIds, 5000))
    await db.delete(dependencies).where(inArray(dependencies.dependentId, chunk));
  let done = 0;
  for (const chunk of batches(rows)) {
    await db.insert(dependencies).values(chunk.map((row) => ({ ...row, createdAt: now })));
    done += chunk.length;
    await progress?.(done);
  }
}

/** Every asset and dependency the scope may see, for export. */
export async function exportRegistry(db: Executor, scope: Scope) {
  const [assetRows, dependencyRows] = await Promise.all([
    db
      .select({ asset: assets, operatorName: organisations.name })
      .from(assets)
      .innerJoin(organisations, eq(organisations.id, assets.operatorId))
      .where(assetScope(scope))
      .orderBy(asc(assets.ref)),
    listDependencies(db, scope, {}),
  ]);
  return { assets: assetRows.map(present), dependencies: dependencyRows };
}

/** An asset as the maps draw it: only what they show and filter on. */
export interface MapAssetRecord {
  ref: string;
  name: string;
  sector: Sector;
  status: AssetStatus;
  operator: string;
  population: number;
  point: [number, number] | null;
  area: AssetRecord["area"];
}

/**
 * Every asset the scope may see that has a place (a point or a polygon), in the few columns a map
 * needs: the same rows and the same scope as exportRegistry, without the dependencies.
 */
export async function listMapAssets(db: Executor, scope: Scope): Promise<MapAssetRecord[]> {
  const rows = await db
    .select({
      ref: assets.ref,
      name: assets.name,
      sector: assets.sector,
      status: assets.status,
      operator: organisations.name,
      population: assets.populationServed,
      lat: assets.lat,
      lon: assets.lon,
      area: assets.area,
    })
    .from(assets)
    .innerJoin(organisations, eq(organisations.id, assets.operatorId))
    .where(and(assetScope(scope), or(sql`${assets.area} is not null`, sql`${assets.lat} is not null`)))
    .orderBy(asc(assets.ref));
  return rows.flatMap((row) => {
    const point: [number, number] | null = row.lat !== null && row.lon !== null ? [row.lon, row.lat] : null;
    const area = row.area as AssetRecord["area"];
    if (!point && !area) return [];
    return [
      {
        ref: row.ref,
        name: row.name,
        sector: row.sector as Sector,
        status: row.status as AssetStatus,
        operator: row.operator,
        population: row.population,
        point,
        area,
      },
    ];
  });
}
