// The asset registry as STIX 2.1: each asset an x-bulwark-critical-asset (a new SDO defined by the
// "Bulwark critical asset" extension definition; STIX's infrastructure object describes attackers'
// systems, not defenders' assets), its operator an identity, its point a location object linked by
// located-at, and each dependency a depends-on relationship from the dependent to its supplier.
// Every object carries the asset's TLP 2.0 marking (a dependency the stricter of its two ends').

import { tlpRank } from "../policy/sharing-policy.ts";
import type { AssetStatus, DependencyKind, Sector, TlpMarking } from "../vocabulary.ts";
import {
  BULWARK_IDENTITY,
  CRITICAL_ASSET_EXTENSION,
  CRITICAL_ASSET_EXTENSION_ID,
  CRITICAL_ASSET_TYPE,
  DEPENDENCY_EXTENSION,
  DEPENDENCY_EXTENSION_ID,
  DEPENDS_ON,
} from "./bulwark-extensions.ts";
import { laterTimestamp, stixIdOf, stixTimestamp } from "./ids.ts";
import { assetStixId, organisationIdentity, type StixOrganisationInput } from "./items.ts";
import { tlpMarkingDefinition } from "./markings.ts";
import type { StixObject } from "./objects.ts";
import { stixSectors } from "./vocabulary.ts";

export interface StixAssetInput {
  readonly id: string;
  readonly ref: string;
  readonly name: string;
  readonly sector: Sector;
  readonly subsector: string | null;
  readonly operatorId: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly area: { readonly type: "Polygon"; readonly coordinates: readonly (readonly number[])[][] } | null;
  readonly status: AssetStatus;
  readonly populationServed: number;
  readonly capacity: number | null;
  readonly capacityUnit: string | null;
  readonly marking: TlpMarking;
  readonly tags: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface StixDependencyInput {
  readonly id: string;
  readonly dependentId: string;
  readonly supplierId: string;
  readonly service: string;
  readonly kind: DependencyKind;
  readonly k: number;
  readonly bufferHours: number;
  readonly createdAt: string;
}

export interface StixRegistryInput {
  readonly assets: readonly StixAssetInput[];
  /** Only dependencies whose two ends are among `assets` are exported. */
  readonly dependencies: readonly StixDependencyInput[];
  /** The operators of the assets. */
  readonly organisations: readonly StixOrganisationInput[];
}

const stricter = (a: TlpMarking, b: TlpMarking): TlpMarking => (tlpRank(a) >= tlpRank(b) ? a : b);

function assetObjects(asset: StixAssetInput, operatorRef: string | undefined): StixObject[] {
  const created = stixTimestamp(asset.createdAt);
  const modified = laterTimestamp(created, stixTimestamp(asset.updatedAt));
  const marking = [tlpMarkingDefinition(asset.marking).id];
  const id = assetStixId(asset.id);
  const stixSector = stixSectors([asset.sector]);
  const main: StixObject = {
    type: CRITICAL_ASSET_TYPE,
    spec_version: "2.1",
    id,
    created,
    modified,
    name: asset.name,
    registry_id: asset.ref,
    sector: asset.sector,
    ...(stixSector.length > 0 ? { sectors: stixSector } : {}),
    ...(asset.subsector ? { subsector: asset.subsector } : {}),
    ...(operatorRef ? { operator_ref: operatorRef } : {}),
    status: asset.status,
    population_served: asset.populationServed,
    ...(asset.capacity !== null ? { capacity: asset.capacity } : {}),
    ...(asset.capacityUnit ? { capacity_unit: asset.capacityUnit } : {}),
    ...(asset.area ? { area: asset.area } : {}),
    ...(Object.keys(asset.attributes).length > 0 ? { attributes: { ...asset.attributes } } : {}),
    ...(asset.tags.length > 0 ? { labels: [...asset.tags] } : {}),
    object_marking_refs: marking,
    extensions: { [CRITICAL_ASSET_EXTENSION_ID]: { extension_type: "new-sdo" } },
  };
  if (asset.lat === null || asset.lon === null) return [main];
  const location: StixObject = {
    type: "location",
    spec_version: "2.1",
    id: stixIdOf("location", "asset-location", asset.id),
    created,
    modified,
    latitude: asset.lat,
    longitude: asset.lon,
    object_marking_refs: marking,
  };
  const locatedAt: StixObject = {
    type: "relationship",
    spec_version: "2.1",
    id: stixIdOf("relationship", "asset-located-at", asset.id),
    created,
    modified,
    relationship_type: "located-at",
    source_ref: id,
    target_ref: location.id,
    object_marking_refs: marking,
  };
  return [main, location, locatedAt];
}

/** The registry (what the caller may read of it) as STIX objects, each once. */
export function registryStixObjects(input: StixRegistryInput): StixObject[] {
  const operators = new Map(input.organisations.map((o) => [o.id, organisationIdentity(o)]));
  const assets = new Map(input.assets.map((asset) => [asset.id, asset]));
  const objects: StixObject[] = [];
  const markings = new Set<TlpMarking>();
  const usedOperators = new Set<string>();
  for (const asset of input.assets) {
    const operator = operators.get(asset.operatorId);
    if (operator) usedOperators.add(asset.operatorId);
    markings.add(asset.marking);
    objects.push(...assetObjects(asset, operator?.id));
  }
  let dependencies = 0;
  for (const dependency of input.dependencies) {
    const dependent = assets.get(dependency.dependentId);
    const supplier = assets.get(dependency.supplierId);
    if (!dependent || !supplier) continue;
    const marking = stricter(dependent.marking, supplier.marking);
    const created = stixTimestamp(dependency.createdAt);
    dependencies++;
    objects.push({
      type: "relationship",
      spec_version: "2.1",
      id: stixIdOf("relationship", "dependency", dependency.id),
      created,
      modified: created,
      relationship_type: DEPENDS_ON,
      source_ref: assetStixId(dependent.id),
      target_ref: assetStixId(supplier.id),
      object_marking_refs: [tlpMarkingDefinition(marking).id],
      extensions: {
        [DEPENDENCY_EXTENSION_ID]: {
          extension_type: "property-extension",
          service: dependency.service,
          kind: dependency.kind,
          needed_suppliers: dependency.k,
          buffer_hours: dependency.bufferHours,
        },
      },
    });
  }
  for (const id of usedOperators) {
    const operator = operators.get(id);
    if (operator) objects.push(operator);
  }
  for (const marking of markings) objects.push(tlpMarkingDefinition(marking));
  if (input.assets.length > 0) objects.push(CRITICAL_ASSET_EXTENSION, BULWARK_IDENTITY);
  if (dependencies > 0) objects.push(DEPENDENCY_EXTENSION);
  return objects;
}
