// Import and export of the registry as files: assets.csv or assets.geojson, and dependencies.csv
// (the files `bulwark analyse` reads). An import is all or nothing: every bad row is reported with
// its file, line (or feature) and column, and nothing is written unless the whole import is valid,
// including the registry it produces.
import {
  type Actor,
  ASSET_COLUMNS,
  type AssetArea,
  assetPolicy,
  type CsvAsset,
  type CsvRecordOf,
  featureLocation,
  readAssetsCsvInSlices,
  readAssetsGeoJson,
  readDependenciesCsvInSlices,
  unstorableIndex,
  unstorableSentence,
  writeCsv,
} from "@bulwark/core";
import { assetsByRef, exportRegistry, organisationNames } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { invalid } from "../errors.ts";
import type { Message } from "../i18n/messages.ts";
import { breathe, SLICES, writeSliced } from "./import-write.ts";

/** The assets once, as CSV (assets) or GeoJSON (assetsGeoJson); dependencies as CSV. */
export interface ImportFiles {
  readonly assets?: string | undefined;
  readonly assetsGeoJson?: string | undefined;
  readonly dependencies?: string | undefined;
}

export interface ImportReport {
  readonly assets: { created: number; updated: number };
  readonly dependencies: { dependents: number; rows: number };
}

/** reading the files, checking them against the registry, then (in the transaction) writing. */
export type ImportPhase = "reading" | "references" | "assets" | "dependencies" | "rules";
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

interface Problem {
  readonly path: string;
  /** What is wrong, said in the caller's language (core's checks name their sentences). */
  readonly message: Message;
}
// The core lists up to 1000 problems per file; so do we, in one answer.
const MAX_SHOWN = 1000;

const FILE_NAMES: Readonly<Record<keyof ImportFiles, string>> = {
  assets: "assets.csv",
  assetsGeoJson: "assets.geojson",
  dependencies: "dependencies.csv",
};

function fail(problems: Problem[]): never {
  throw invalid(
    problems.length > MAX_SHOWN
      ? { key: "registry.importFailedFirst", values: { count: problems.length, shown: MAX_SHOWN } }
      : { key: "registry.importFailed", values: { count: problems.length } },
    problems.slice(0, MAX_SHOWN),
  );
}

type AssetRow = CsvRecordOf<CsvAsset & { readonly area?: AssetArea | null }>;

/** The assets file read, and how to name one of its rows and a column of it in a problem. */
interface AssetFile {
  readonly rows: AssetRow[] | null;
  readonly problems: Problem[];
  /** "assets.csv:12:operator", "assets.geojson:features[11] (SUB-1):properties.operator". */
  readonly at: (row: AssetRow, column: string) => string;
  /** Another row with the same id: "appears twice (also line 12)", "… (also features[11])". */
  readonly twice: (row: AssetRow, first: AssetRow) => Message;
  readonly format: "csv" | "geojson";
}

async function readAssetFile(files: ImportFiles): Promise<AssetFile> {
  if ((files.assets === undefined) === (files.assetsGeoJson === undefined))
    throw invalid({ key: "registry.assetsOnce" }, [
      { path: "assets", message: { key: "registry.assetsFile" } },
    ]);
  if (files.assetsGeoJson !== undefined) {
    const read = readAssetsGeoJson(files.assetsGeoJson);
    const path = (feature: number | null, id: string | undefined, property: string) =>
      `assets.geojson:${featureLocation(feature, id)}${property ? `:${property}` : ""}`;
    return {
      rows: read.rows,
      problems: read.problems.map((p) => ({
        path: path(p.feature, p.id, p.property),
        message: { ...p.sentence },
      })),
      at: (row, column) => path(row.line, row.value.id || undefined, `properties.${column}`),
      twice: (row, first) => ({
        key: "registry.twiceFeature",
        values: { id: row.value.id, feature: featureLocation(first.line) },
      }),
      format: "geojson",
    };
  }
  // In slices: 100,000 rows are seconds of parsing, during which the server answered nothing else.
  const read = await readAssetsCsvInSlices(files.assets ?? "", breathe);
  return {
    rows: read.rows,
    problems: read.problems.map((p) => ({
      path: `assets.csv:${p.line}:${p.column}`,
      message: { ...p.sentence },
    })),
    at: (row, column) => `assets.csv:${row.line}:${column}`,
    twice: (row, first) => ({ key: "registry.twiceLine", values: { id: row.value.id, line: first.line } }),
    format: "csv",
  };
}

/** `actor` null: the operator at the console, who may change everything. */
export async function importRegistry(
  context: ServerContext,
  actor: Actor | null,
  files: ImportFiles,
  progress: ImportProgress = () => undefined,
): Promise<ImportReport> {
  progress("reading", 0, 0);
  // Text the database cannot store, named by file and line (the CLI reads files with no HTTP hook).
  const unstorable = (Object.entries(FILE_NAMES) as [keyof ImportFiles, string][]).flatMap(([key, name]) => {
    const text = files[key];
    const sentence = text === undefined ? null : unstorableSentence(text);
    const at = text === undefined ? -1 : unstorableIndex(text);
    return sentence && text !== undefined
      ? [{ path: `${name}:${text.slice(0, at).split("\n").length}`, message: { ...sentence } }]
      : [];
  });
  if (unstorable.length > 0) fail(unstorable);
  const assetFile = await readAssetFile(files);
  const dependencyRead =
    files.dependencies === undefined
      ? { rows: [], problems: [] }
      : await readDependenciesCsvInSlices(files.dependencies, breathe);
  const problems: Problem[] = [...assetFile.problems];
  problems.push(
    ...dependencyRead.problems.map((p) => ({
      path: `dependencies.csv:${p.line}:${p.column}`,
      message: { ...p.sentence },
    })),
  );
  if (!assetFile.rows || !dependencyRead.rows) fail(problems);
  const assetRows = assetFile.rows;
  const dependencyRows = dependencyRead.rows;
  await breathe();
  const rowCount = assetRows.length + dependencyRows.length;
  progress("references", 0, rowCount);

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
  // Refs are unique per operator and resolved among the assets the importer may see only, so no
  // answer depends on an asset hidden from them (issue 12, finding 16). Whoever may write an
  // operator's assets sees all of them, so a row's (operator, ref) is found whenever it exists.
  const scope = actor ? assetPolicy.readScope(actor) : ({ kind: "all" } as const);
  const visible = await assetsByRef(context.db, refs, scope, { size: SLICES.reads, wait: breathe });
  const may = (operatorId: string) => !actor || assetPolicy.manage(actor, operatorId).allowed;
  const existingOf = (ref: string, operatorId: string) =>
    visible.get(ref)?.find((asset) => asset.operatorId === operatorId);
  const inFile = new Map<string, AssetRow>();
  const fields = assetRows.map((row) => {
    const { value, attributes } = row;
    const problem = (column: string, message: Message) =>
      problems.push({ path: assetFile.at(row, column), message });
    const first = inFile.get(value.id);
    if (first) problem("id", assetFile.twice(row, first));
    else inFile.set(value.id, row);
    const operatorId = value.operator ? operators.get(value.operator.toLowerCase()) : actor?.organisationId;
    if (!operatorId)
      problem(
        "operator",
        value.operator
          ? { key: "registry.noOrganisation", values: { name: value.operator } }
          : { key: "rows.required" },
      );
    else if (!may(operatorId)) problem("operator", { key: "registry.mayNotOperator" });
    return {
      ref: value.id,
      name: value.name,
      sector: value.sector,
      subsector: value.subsector ?? null,
      operatorId: operatorId ?? "",
      lat: value.lat ?? null,
      lon: value.lon ?? null,
      // GeoJSON says where an asset is (point or polygon); assets.csv leaves a stored polygon alone.
      ...(value.area === undefined ? {} : { area: value.area }),
      status: value.status ?? "operational",
      populationServed: Math.round(value.population ?? 0),
      capacity: value.capacity ?? null,
      capacityUnit: value.capacityUnit ?? null,
      recoveryTargetHours: value.recoveryTargetHours ?? null,
      marking: value.marking ?? "amber",
      tags: [],
      attributes,
    };
  });
  for (const { line, value } of dependencyRows) {
    const problem = (column: string, message: Message) =>
      problems.push({ path: `dependencies.csv:${line}:${column}`, message });
    const noAsset = (ref: string): Message => ({ key: "graph.noAsset", values: { ref } });
    const several = (ref: string): Message => ({ key: "registry.severalOperators", values: { ref } });
    const dependentInFile = inFile.has(value.dependent);
    const dependents = visible.get(value.dependent) ?? [];
    if (!dependentInFile && dependents.length === 0) problem("dependent_id", noAsset(value.dependent));
    else if (!dependentInFile && dependents.length > 1) problem("dependent_id", several(value.dependent));
    else if (!dependentInFile && dependents.some((asset) => !may(asset.operatorId)))
      problem("dependent_id", { key: "registry.mayNotDepend" });
    const suppliers = visible.get(value.supplier) ?? [];
    if (!inFile.has(value.supplier) && suppliers.length === 0)
      problem("supplier_id", noAsset(value.supplier));
    else if (!inFile.has(value.supplier) && suppliers.length > 1)
      problem("supplier_id", several(value.supplier));
  }
  if (problems.length > 0) fail(problems);
  progress("references", rowCount, rowCount);
  const now = context.clock();
  const created = fields.filter((row) => !existingOf(row.ref, row.operatorId)).length;
  await writeSliced(
    context,
    actor,
    { fields, dependencyRows, existingOf, visible, format: assetFile.format },
    progress,
    fail,
    now,
  );
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
        "recovery_target_hours",
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
        a.recoveryTargetHours,
      ]),
    ),
    dependencies: writeCsv(
      ["dependent_id", "supplier_id", "service", "k", "buffer_hours", "kind"],
      dependencies.map((d) => [d.dependent.ref, d.supplier.ref, d.service, d.k, d.bufferHours, d.kind]),
    ),
  };
}

const COLUMNS: readonly string[] = [...ASSET_COLUMNS.required, ...ASSET_COLUMNS.optional];

/**
 * The assets the actor may see as a GeoJSON FeatureCollection (RFC 7946, WGS84): the file an import
 * takes as assetsGeoJson, and gives back unchanged.
 */
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
        // Attributes (but none named like a field, which the API lets in) become properties.
        ...Object.fromEntries(Object.entries(asset.attributes).filter(([key]) => !COLUMNS.includes(key))),
        id: asset.ref,
        name: asset.name,
        sector: asset.sector,
        subsector: asset.subsector,
        operator: asset.operator.name,
        status: asset.status,
        population_served: asset.populationServed,
        capacity: asset.capacity,
        capacity_unit: asset.capacityUnit,
        recovery_target_hours: asset.recoveryTargetHours,
        marking: `TLP:${asset.marking.toUpperCase()}`,
        // A polygon's asset may also have a point (for distances and the map): keep it.
        ...(asset.area && asset.lat !== null && asset.lon !== null ? { lat: asset.lat, lon: asset.lon } : {}),
      },
    })),
  };
}
