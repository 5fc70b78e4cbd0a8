// Critical assets, their dependencies, and the analysis over them.
import { DEPENDENCY_KINDS, TLP_MARKINGS } from "@bulwark/core";
import { z } from "zod";
import { Id, Name, PageQuery, Problem, Sector, Timestamp } from "./common.ts";
import { Area, AssetStatus, Latitude, Longitude, Ring } from "./geo.ts";

export { Area, AssetStatus };

export const TlpMarking = z
  .enum(TLP_MARKINGS)
  .describe("TLP 2.0 marking: who beyond the operator may see it.");
export const DependencyKind = z.enum(DEPENDENCY_KINDS);
const Ref = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s,;"]+$/, "Use letters, digits and - _ . : / (no spaces, commas or quotes).")
  .describe("The operator's identifier of the asset, unique in the registry (the id column of CSV files).");
export const Asset = z
  .object({
    id: Id,
    ref: z.string(),
    name: z.string(),
    sector: Sector,
    subsector: z.string().nullable(),
    operator: z.object({ id: Id, name: z.string() }),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    area: Area.nullable(),
    status: AssetStatus,
    populationServed: z.number().int(),
    capacity: z.number().nullable(),
    capacityUnit: z.string().nullable(),
    recoveryTargetHours: z
      .number()
      .nullable()
      .describe("Hours within which the operator aims to restore it after an outage; null: none set."),
    marking: TlpMarking,
    tags: z.array(z.string()),
    attributes: z.record(z.string(), z.string()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Asset" });
export type Asset = z.infer<typeof Asset>;

const assetFields = {
  ref: Ref,
  name: Name(300),
  sector: Sector,
  subsector: z.string().trim().max(100).nullable(),
  operatorId: Id,
  lat: Latitude.nullable(),
  lon: Longitude.nullable(),
  area: Area.nullable(),
  status: AssetStatus,
  populationServed: z.number().int().min(0).max(10_000_000_000),
  capacity: z.number().min(0).nullable(),
  capacityUnit: z.string().trim().max(30).nullable(),
  recoveryTargetHours: z.number().gt(0).max(8760).nullable(),
  marking: TlpMarking,
  tags: z.array(z.string().trim().min(1).max(50)).max(50),
  attributes: z.record(z.string().max(100), z.string().max(2000)),
};
const bothOrNeither = (value: { lat?: number | null; lon?: number | null }) =>
  (value.lat === undefined || value.lat === null) === (value.lon === undefined || value.lon === null);
export const AssetCreate = z
  .object({
    ...assetFields,
    subsector: assetFields.subsector.optional(),
    lat: assetFields.lat.optional(),
    lon: assetFields.lon.optional(),
    area: assetFields.area.optional(),
    status: assetFields.status.default("operational"),
    populationServed: assetFields.populationServed.default(0),
    capacity: assetFields.capacity.optional(),
    capacityUnit: assetFields.capacityUnit.optional(),
    recoveryTargetHours: assetFields.recoveryTargetHours.optional(),
    marking: assetFields.marking.default("amber"),
    tags: assetFields.tags.default([]),
    attributes: assetFields.attributes.default({}),
  })
  .refine(bothOrNeither, { message: "Give both lat and lon, or neither.", path: ["lon"] });
export type AssetCreate = z.input<typeof AssetCreate>;
export const AssetUpdate = z
  .object(assetFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Give at least one field to change." });
export type AssetUpdate = z.input<typeof AssetUpdate>;
export const AssetQuery = PageQuery.extend({
  sector: Sector.optional(),
  operatorId: Id.optional(),
  status: AssetStatus.optional(),
});

export const AssetRef = z.object({ id: Id, ref: z.string(), name: z.string(), sector: Sector });
export const Dependency = z
  .object({
    id: Id,
    dependent: AssetRef,
    supplier: AssetRef,
    service: z.string(),
    kind: DependencyKind,
    k: z.number().int(),
    bufferHours: z.number(),
    createdAt: Timestamp,
  })
  .meta({ id: "Dependency" });
export type Dependency = z.infer<typeof Dependency>;
export const DependencyCreate = z.object({
  dependentId: Id,
  supplierId: Id,
  service: z.string().trim().toLowerCase().min(1).max(50),
  kind: DependencyKind.default("physical"),
  k: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1)
    .describe("The dependent needs at least k suppliers of this service."),
  bufferHours: z
    .number()
    .min(0)
    .max(100_000)
    .default(0)
    .describe("Hours it keeps running after losing the service."),
});
export type DependencyCreate = z.input<typeof DependencyCreate>;
export const AssetDependencies = z.object({
  suppliers: z.array(Dependency),
  dependents: z.array(Dependency),
});

export const CascadeRequest = z
  .object({
    assetIds: z.array(Id).max(10_000).optional().describe("The assets attacked."),
    circle: z.object({ lat: Latitude, lon: Longitude, radiusKm: z.number().positive().max(5000) }).optional(),
    polygon: Ring.optional().describe("Every asset inside this ring of [lon, lat] points is attacked."),
  })
  .refine((value) => Boolean(value.assetIds?.length || value.circle || value.polygon), {
    message: "Name the assets attacked, or an area (circle or polygon).",
  });
export type CascadeRequest = z.input<typeof CascadeRequest>;
const Total = z.object({ assets: z.number().int(), population: z.number() });
export const CascadeReport = z
  .object({
    failed: z.array(
      AssetRef.extend({ hours: z.number(), causeId: Id.nullable(), populationServed: z.number() }),
    ),
    totals: Total.extend({
      bySector: z.record(z.string(), Total),
      timeline: z.array(z.object({ hours: z.number(), assets: z.number().int(), population: z.number() })),
    }),
    scope: z
      .object({ assets: z.number().int(), dependencies: z.number().int() })
      .describe("The part of the registry analysed: what you may see."),
  })
  .meta({ id: "CascadeReport" });
export type CascadeReport = z.infer<typeof CascadeReport>;
export const CriticalityQuery = z.object({ top: z.coerce.number().int().min(1).max(100_000).default(100) });
export const CriticalityReport = z.object({
  ranking: z.array(
    AssetRef.extend({ assets: z.number().int(), population: z.number(), singlePointOfFailure: z.boolean() }),
  ),
  method: z.enum(["dominators", "sweeps"]),
  scope: z.object({ assets: z.number().int(), dependencies: z.number().int() }),
});

export const RegistryFiles = z
  .object({
    assets: z
      .string()
      .max(200_000_000)
      .describe(
        "assets.csv: id, name, sector; optional subsector, operator, lat, lon, population_served, status, marking, capacity, capacity_unit, recovery_target_hours; other columns are kept as attributes.",
      ),
    dependencies: z
      .string()
      .max(200_000_000)
      .optional()
      .describe(
        "dependencies.csv: dependent_id, supplier_id, service; optional k, buffer_hours, kind. Replaces all dependencies of the dependents it names.",
      ),
  })
  .meta({ id: "RegistryFiles" });
export const ImportReport = z.object({
  assets: z.object({ created: z.number().int(), updated: z.number().int() }),
  dependencies: z.object({ dependents: z.number().int(), rows: z.number().int() }),
});

export const AssetFeatureCollection = z
  .object({
    type: z.literal("FeatureCollection"),
    features: z.array(
      z.object({
        type: z.literal("Feature"),
        id: z.string(),
        geometry: z.union([
          z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]) }),
          Area,
          z.null(),
        ]),
        properties: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      }),
    ),
  })
  .meta({ id: "AssetFeatureCollection" })
  .describe("GeoJSON (RFC 7946): one feature per asset, its polygon when it has one, else its point.");

export const NeighbourhoodQuery = z.object({
  depth: z.coerce
    .number()
    .int()
    .min(1)
    .max(3)
    .default(2)
    .describe("How many hops to follow each way: suppliers of suppliers, dependents of dependents."),
});
export const NeighbourhoodNode = z.object({
  id: Id,
  name: z.string(),
  sector: Sector,
  status: AssetStatus,
  marking: TlpMarking,
  depth: z.number().int().min(0).describe("Hops from the asset asked for (0: the asset itself)."),
  direction: z
    .enum(["self", "supplier", "dependent"])
    .describe(
      "supplier: the asset needs it, directly or through other suppliers; dependent: it needs the asset, directly or through other dependents.",
    ),
});
export type NeighbourhoodNode = z.infer<typeof NeighbourhoodNode>;
export const NeighbourhoodEdge = z.object({
  id: Id,
  dependentId: Id,
  supplierId: Id,
  service: z.string(),
  k: z.number().int(),
  bufferHours: z.number(),
  kind: DependencyKind,
});
export type NeighbourhoodEdge = z.infer<typeof NeighbourhoodEdge>;
export const AssetNeighbourhood = z
  .object({
    nodes: z.array(NeighbourhoodNode),
    edges: z.array(NeighbourhoodEdge).describe("Every dependency you may see between two of the nodes."),
    truncated: z.boolean().describe("True when the node limit cut the walk short."),
  })
  .meta({ id: "AssetNeighbourhood" });
export type AssetNeighbourhood = z.infer<typeof AssetNeighbourhood>;

/** The files of an import: assets as CSV or as GeoJSON (exactly one), and dependencies as CSV. */
export const RegistryImport = RegistryFiles.extend({
  assets: RegistryFiles.shape.assets.optional(),
  assetsGeoJson: z
    .string()
    .max(200_000_000)
    .optional()
    .describe(
      "assets.geojson instead of assets.csv: a FeatureCollection (RFC 7946, WGS84) of Point or Polygon features whose properties are the columns of assets.csv (marking as in assets.csv or TLP:AMBER); other properties are kept as attributes.",
    ),
})
  .refine((files) => (files.assets === undefined) !== (files.assetsGeoJson === undefined), {
    message: "Give the assets once: as CSV (assets) or as GeoJSON (assetsGeoJson).",
    path: ["assets"],
  })
  .meta({ id: "RegistryImport" });
export type RegistryImport = z.input<typeof RegistryImport>;

export const ImportJobState = z
  .enum(["validating", "writing", "done", "failed"])
  .describe(
    "validating: reading the files and checking them; writing: in the transaction; then done or failed.",
  );
export const ImportPhase = z
  .enum(["reading", "references", "assets", "dependencies", "rules"])
  .describe(
    "reading the files; checking ids, operators and rights against the registry; writing assets; writing dependencies; checking the redundancy rules of the registry as it would be.",
  );
export const ImportJob = z
  .object({
    id: Id,
    state: ImportJobState,
    phase: ImportPhase,
    done: z.number().int().describe("Rows of this phase done so far."),
    total: z.number().int().describe("Rows in this phase (0 while unknown)."),
    report: ImportReport.optional().describe("When done: what was imported."),
    problem: Problem.optional().describe(
      "When failed: why, with every bad row in errors; nothing was imported.",
    ),
  })
  .meta({ id: "ImportJob" });
export type ImportJob = z.infer<typeof ImportJob>;
