// Import and export of the registry as CSV files (the same files `bulwark analyse` reads). An
// import is all or nothing: every bad row is reported with its file, line and column, and nothing
// is written unless the whole import is valid, including the registry it produces.
import {
  type Actor,
  assetPolicy,
  buildGraph,
  type CsvProblem,
  readAssetsCsv,
  readDependenciesCsv,
  writeCsv,
} from "@bulwark/core";
import {
  appendAudit,
  assetsByRef,
  exportRegistry,
  graphInput,
  organisationNames,
  replaceDependencies,
  upsertAssets,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { invalid } from "../errors.ts";
import { bumpRegistry } from "./registry.service.ts";

export interface ImportFiles {
  readonly assets: string;
  readonly dependencies?: string | undefined;
}

export interface ImportReport {
  readonly assets: { created: number; updated: number };
  readonly dependencies: { dependents: number; rows: number };
}

export type ImportProgress = (
  phase: "assets" | "dependencies" | "checking",
  done: number,
  total: number,
) => void;

type Problem = CsvProblem & { file: string };
const MAX_SHOWN = 200;

function fail(problems: Problem[]): never {
  const shown = problems.slice(0, MAX_SHOWN);
  throw invalid(
    `${problems.length} problem(s) in the files: nothing was imported.${problems.length > MAX_SHOWN ? ` The first ${MAX_SHOWN} are listed.` : ""}`,
    shown.map((p) => ({ path: `${p.file}:${p.line}:${p.column}`, message: p.message })),
  );
}

/** `actor` null: the operator at the console, who may change everything. */
export async function importRegistry(
  context: ServerContext,
  actor: Actor | null,
  files: ImportFiles,
  progress: ImportProgress = () => undefined,
): Promise<ImportReport> {
  const problems: Problem[] = [];
  const assetRead = readAssetsCsv(files.assets);
  const dependencyRead =
    files.dependencies === undefined ? { rows: [], problems: [] } : readDependenciesCsv(files.dependencies);
  problems.push(...assetRead.problems.map((p) => ({ ...p, file: "assets.csv" })));
  problems.push(...dependencyRead.problems.map((p) => ({ ...p, file: "dependencies.csv" })));
  if (!assetRead.rows || !dependencyRead.rows) fail(problems);
  const assetRows = assetRead.rows;
  const dependencyRows = dependencyRead.rows;

  // Operators by id, name or short name (case-insensitive).
  const operators = new Map<string, string>();
  for (const org of await organisationNames(context.db)) {
    operators.set(org.id, org.id);
    operators.set(org.name.toLowerCase(), org.id);
    if (org.shortName) operators.set(org.shortName.toLowerCase(), org.id);
  }
  const refs = [
    ...assetRows.map((row) => row.value.id),
    ...dependencyRows.flatMap((row) => [row.value.dependent, row.value.supplier]),
  ];
  const existing = await assetsByRef(context.db, refs);
  const scope = actor ? assetPolicy.readScope(actor) : ({ kind: "all" } as const);
  const visible =
    scope.kind === "all" ? existing : await assetsByRef(context.db, [...existing.keys()], scope);
  const may = (operatorId: string) => !actor || assetPolicy.manage(actor, operatorId).allowed;

  const inFile = new Map<string, string>();
  const fields = assetRows.map(({ line, value, attributes }) => {
    const problem = (column: string, message: string) =>
      problems.push({ file: "assets.csv", line, column, message });
    if (inFile.has(value.id))
      problem("id", `"${value.id}" appears twice (also line ${inFile.get(value.id)})`);
    inFile.set(value.id, String(line));
    const operatorId = value.operator ? operators.get(value.operator.toLowerCase()) : actor?.organisationId;
    if (!operatorId)
      problem("operator", value.operator ? `no organisation "${value.operator}"` : "is required");
    else if (!may(operatorId)) problem("operator", "you may not register or change assets of this operator");
    const current = existing.get(value.id);
    if (current && (!visible.has(value.id) || !may(current.operatorId)))
      problem("id", "an asset with this id exists and you may not change it");
    return {
      ref: value.id,
      name: value.name,
      sector: value.sector,
      subsector: value.subsector ?? null,
      operatorId: operatorId ?? "",
      lat: value.lat ?? null,
      lon: value.lon ?? null,
      status: value.status ?? "operational",
      populationServed: Math.round(value.population ?? 0),
      capacity: value.capacity ?? null,
      capacityUnit: value.capacityUnit ?? null,
      marking: value.marking ?? "amber",
      tags: [],
      attributes,
    };
  });
  for (const { line, value } of dependencyRows) {
    const problem = (column: string, message: string) =>
      problems.push({ file: "dependencies.csv", line, column, message });
    const dependentInFile = inFile.has(value.dependent);
    const dependent = existing.get(value.dependent);
    if (!dependentInFile && !(dependent && visible.has(value.dependent)))
      problem("dependent_id", `no asset "${value.dependent}"`);
    else if (!dependentInFile && dependent && !may(dependent.operatorId))
      problem("dependent_id", "you may not change what this asset depends on");
    if (!inFile.has(value.supplier) && !visible.has(value.supplier))
      problem("supplier_id", `no asset "${value.supplier}"`);
  }
  if (problems.length > 0) fail(problems);

  const now = context.clock();
  const created = fields.filter((row) => !existing.has(row.ref)).length;
  await context.db.transaction(async (tx) => {
    await upsertAssets(tx, fields, now, (done) => progress("assets", done, fields.length));
    const ids = await assetsByRef(tx, refs);
    const idOf = (ref: string) => ids.get(ref)?.id ?? "";
    const dependents = [...new Set(dependencyRows.map((row) => idOf(row.value.dependent)))];
    const rows = dependencyRows.map(({ value }) => ({
      dependentId: idOf(value.dependent),
      supplierId: idOf(value.supplier),
      service: value.service.toLowerCase(),
      kind: value.kind ?? "physical",
      k: value.k ?? 1,
      bufferHours: value.bufferHours ?? 0,
    }));
    await replaceDependencies(tx, dependents, rows, now, (done) =>
      progress("dependencies", done, rows.length),
    );
    progress("checking", 0, 1);
    // The registry as it would be: redundancy rules must hold across old and new rows alike.
    const whole = await graphInput(tx, { kind: "all" });
    const built = buildGraph(whole.assets, whole.dependencies);
    if (!built.graph) {
      const refOf = new Map(whole.assets.map((asset) => [asset.id, asset.ref]));
      const lineOf = new Map(
        dependencyRows.map((row) => [`${row.value.dependent}/${row.value.service.toLowerCase()}`, row.line]),
      );
      fail(
        built.issues.map((issue) => {
          const row = issue.list === "dependencies" ? whole.dependencies[issue.index] : undefined;
          const dependentRef = refOf.get(row?.dependent ?? "") ?? "?";
          return {
            file: "dependencies.csv",
            line: lineOf.get(`${dependentRef}/${row?.service}`) ?? 0,
            column: issue.field,
            message: `${dependentRef} (${row?.service ?? "?"}): ${issue.message}`,
          };
        }),
      );
    }
    await bumpRegistry(tx, now);
    const details = {
      assetsCreated: created,
      assetsUpdated: fields.length - created,
      dependents: dependents.length,
      dependencies: rows.length,
      via: actor ? "api" : "cli",
    };
    await appendAudit(
      tx,
      {
        actorId: actor?.userId ?? null,
        action: "registry.import",
        targetType: "registry",
        targetId: null,
        details,
      },
      now,
    );
  });
  return {
    assets: { created, updated: fields.length - created },
    dependencies: {
      dependents: new Set(dependencyRows.map((row) => row.value.dependent)).size,
      rows: dependencyRows.length,
    },
  };
}

/** The registry the actor may see (all of it for the console: null), as the files an import takes. */
export async function exportFiles(
  context: ServerContext,
  actor: Actor | null,
): Promise<{ assets: string; dependencies: string }> {
  // null: the operator at the console, who sees the whole register.
  const scope = actor ? assetPolicy.readScope(actor) : ({ kind: "all" } as const);
  const { assets, dependencies } = await exportRegistry(context.db, scope);
  return {
    assets: writeCsv(
      [
        "id",
        "name",
        "sector",
        "subsector",
        "operator",
        "lat",
        "lon",
        "population_served",
        "status",
        "marking",
        "capacity",
        "capacity_unit",
      ],
      assets.map((a) => [
        a.ref,
        a.name,
        a.sector,
        a.subsector,
        a.operator.name,
        a.lat,
        a.lon,
        a.populationServed,
        a.status,
        a.marking,
        a.capacity,
        a.capacityUnit,
      ]),
    ),
    dependencies: writeCsv(
      ["dependent_id", "supplier_id", "service", "k", "buffer_hours", "kind"],
      dependencies.map((d) => [d.dependent.ref, d.supplier.ref, d.service, d.k, d.bufferHours, d.kind]),
    ),
  };
}

/** The assets the actor may see as a GeoJSON FeatureCollection (RFC 7946, WGS84). */
export async function exportGeoJson(context: ServerContext, actor: Actor | null) {
  const { assets } = await exportRegistry(context.db, actor ? assetPolicy.readScope(actor) : { kind: "all" });
  return {
    type: "FeatureCollection" as const,
    features: assets.map((asset) => ({
      type: "Feature" as const,
      id: asset.ref,
      geometry:
        asset.area ??
        (asset.lat !== null && asset.lon !== null
          ? { type: "Point" as const, coordinates: [asset.lon, asset.lat] as [number, number] }
          : null),
      properties: {
        id: asset.ref,
        name: asset.name,
        sector: asset.sector,
        subsector: asset.subsector,
        operator: asset.operator.name,
        status: asset.status,
        population_served: asset.populationServed,
        capacity: asset.capacity,
        capacity_unit: asset.capacityUnit,
        marking: `TLP:${asset.marking.toUpperCase()}`,
      },
    })),
  };
}
