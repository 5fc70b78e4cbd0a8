import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  BULWARK_IDENTITY_ID,
  CRITICAL_ASSET_EXTENSION_ID,
  CRITICAL_ASSET_TYPE,
  DEPENDENCY_EXTENSION_ID,
  SHARED_ITEM_EXTENSION_ID,
} from "./bulwark-extensions.ts";
import { stixIdOf, uuidV5 } from "./ids.ts";
import { assetStixId, itemStixId, itemStixObjects, type StixItemInput } from "./items.ts";
import { TLP_2_0_EXTENSION_ID, TLP_2_0_MARKING_IDS, tlpMarkingDefinition } from "./markings.ts";
import { checkExportedStix, type StixObject, stixBundle } from "./objects.ts";
import { registryStixObjects, type StixAssetInput } from "./registry.ts";
import { STIX_INDUSTRY_SECTORS, stixSectors } from "./vocabulary.ts";

const OASIS_ID_PATTERN =
  /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
const MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** UUIDv5 by the book, with Node's SHA-1, to compare with core's own. */
function nodeUuidV5(namespace: string, name: string): string {
  const hash = createHash("sha1")
    .update(Buffer.concat([Buffer.from(namespace.replaceAll("-", ""), "hex"), Buffer.from(name, "utf8")]))
    .digest()
    .subarray(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const organisation = {
  id: "0b6f3c52-8a0e-4b8e-9d51-3f1e2a7c9d10",
  name: "Northern Grid Operator",
  sectors: ["energy-electricity", "telecommunications"] as const,
  createdAt: "2026-01-05T08:00:00.000Z",
  updatedAt: "2026-02-01T10:30:00.000Z",
};

const item = (change: Partial<StixItemInput> = {}): StixItemInput => ({
  id: "6f1d3c1a-2b4e-4c7d-8e9f-0a1b2c3d4e5f",
  type: "alert",
  title: "Drone seen over the substation",
  publicBody: "Call [pseudonym:3f9a2c] about it.",
  sectors: ["energy-electricity"],
  assetIds: ["9c2e7d41-5a3b-4f6c-8d1e-2f3a4b5c6d7e"],
  tlp: "amber",
  status: "published",
  createdAt: "2026-03-01T09:00:00.000Z",
  updatedAt: "2026-03-01T09:05:00.000Z",
  publishedAt: "2026-03-01T09:05:00.000Z",
  organisation: { ...organisation, sectors: [...organisation.sectors] },
  ...change,
});

const asset = (change: Partial<StixAssetInput> = {}): StixAssetInput => ({
  id: "9c2e7d41-5a3b-4f6c-8d1e-2f3a4b5c6d7e",
  ref: "SUB-01",
  name: "North substation",
  sector: "energy-electricity",
  subsector: "transmission",
  operatorId: organisation.id,
  lat: 59.91,
  lon: 10.75,
  area: null,
  status: "operational",
  populationServed: 120_000,
  capacity: 400,
  capacityUnit: "MVA",
  marking: "green",
  tags: ["substation"],
  attributes: { voltage: "400 kV" },
  createdAt: "2026-01-10T12:00:00.000Z",
  updatedAt: "2026-01-11T12:00:00.000Z",
  ...change,
});

const byType = (objects: readonly StixObject[], type: string) => objects.filter((o) => o.type === type);

describe("deterministic STIX ids", () => {
  it("derives UUIDv5 as RFC 9562 does (its example, and Node's SHA-1 on random names)", () => {
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
    for (const name of [
      "",
      "a",
      "x".repeat(55),
      "y".repeat(56),
      "z".repeat(64),
      `é${randomUUID()}`.repeat(9),
    ]) {
      const namespace = randomUUID();
      expect(uuidV5(namespace, name)).toBe(nodeUuidV5(namespace, name));
    }
  });

  it("gives ids the OASIS identifier pattern accepts, the same on every export", () => {
    const id = stixIdOf("report", "shared-item", item().id);
    expect(id).toMatch(OASIS_ID_PATTERN);
    expect(stixIdOf("report", "shared-item", item().id)).toBe(id);
    expect(stixIdOf("report", "shared-item", randomUUID())).not.toBe(id);
  });
});

describe("TLP 2.0 marking definitions", () => {
  it("are the objects OASIS publishes (cti-stix-common-objects, tlp-2.0 examples)", () => {
    expect(tlpMarkingDefinition("amber+strict")).toEqual({
      type: "marking-definition",
      spec_version: "2.1",
      id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
      created: "2022-10-01T00:00:00.000Z",
      name: "TLP:AMBER+STRICT",
      extensions: {
        "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
          extension_type: "property-extension",
          tlp_2_0: "amber+strict",
        },
      },
    });
    expect(tlpMarkingDefinition("clear").name).toBe("TLP:CLEAR");
    expect(tlpMarkingDefinition("red").id).toBe(TLP_2_0_MARKING_IDS.red);
  });
});

describe("industry sectors", () => {
  it("maps every Bulwark sector to industry-sector-ov values", () => {
    for (const values of Object.values(STIX_INDUSTRY_SECTORS)) expect(values.length).toBeGreaterThan(0);
    expect(stixSectors(["energy-electricity", "energy-oil", "health"])).toEqual([
      "energy",
      "healthcare",
      "utilities",
    ]);
  });
});

describe("a shared item as STIX", () => {
  it("exports an alert as a report by its author's identity, marked with its TLP", () => {
    const objects = itemStixObjects(item());
    const [report] = objects;
    expect(report).toMatchObject({
      type: "report",
      spec_version: "2.1",
      name: "Drone seen over the substation",
      description: "Call [pseudonym:3f9a2c] about it.",
      report_types: ["threat-report"],
      published: "2026-03-01T09:05:00.000Z",
      created: "2026-03-01T09:00:00.000Z",
      modified: "2026-03-01T09:05:00.000Z",
      object_marking_refs: [TLP_2_0_MARKING_IDS.amber],
    });
    const [identity] = byType(objects, "identity").filter((o) => o.id !== BULWARK_IDENTITY_ID);
    expect(identity).toMatchObject({
      identity_class: "organization",
      name: "Northern Grid Operator",
      sectors: ["energy", "telecommunications", "utilities"],
    });
    expect(report?.created_by_ref).toBe(identity?.id);
    expect(report?.object_refs).toEqual([identity?.id]);
    expect(report?.extensions).toEqual({
      [SHARED_ITEM_EXTENSION_ID]: {
        extension_type: "property-extension",
        item_type: "alert",
        sectors: ["energy-electricity"],
        asset_refs: [assetStixId("9c2e7d41-5a3b-4f6c-8d1e-2f3a4b5c6d7e")],
      },
    });
    expect(objects.map((o) => o.id)).toEqual(
      expect.arrayContaining([TLP_2_0_MARKING_IDS.amber, SHARED_ITEM_EXTENSION_ID, BULWARK_IDENTITY_ID]),
    );
    expect(checkExportedStix(objects)).toEqual([]);
  });

  it("exports incident notices as incidents and indicator items as reports about indicators", () => {
    expect(itemStixObjects(item({ type: "incident-notice" }))[0]).toMatchObject({ type: "incident" });
    expect(itemStixObjects(item({ type: "incident-notice" }))[0]).not.toHaveProperty("published");
    expect(itemStixObjects(item({ type: "indicator" }))[0]).toMatchObject({
      type: "report",
      report_types: ["indicator"],
    });
    expect(itemStixObjects(item({ type: "report" }))[0]).toMatchObject({ report_types: ["threat-report"] });
  });

  it("exports an indicator item with a pattern as a STIX indicator, everything else the report carries kept", () => {
    const pattern = "[ipv4-addr:value = '198.51.100.7/32' OR domain-name:value = 'c2.example.com']";
    const objects = itemStixObjects(item({ type: "indicator", pattern }));
    const [indicator] = objects;
    expect(indicator).toMatchObject({
      type: "indicator",
      spec_version: "2.1",
      name: "Drone seen over the substation",
      description: "Call [pseudonym:3f9a2c] about it.",
      pattern,
      pattern_type: "stix",
      pattern_version: "2.1",
      valid_from: "2026-03-01T09:05:00.000Z",
      created: "2026-03-01T09:00:00.000Z",
      object_marking_refs: [TLP_2_0_MARKING_IDS.amber],
      extensions: { [SHARED_ITEM_EXTENSION_ID]: { item_type: "indicator" } },
    });
    expect(indicator?.id).toBe(itemStixId({ id: item().id, type: "indicator", pattern }));
    expect(String(indicator?.id)).toMatch(/^indicator--/);
    // The same UUIDv5 as the report the item would be without a pattern, under its own type.
    const report = itemStixObjects(item({ type: "indicator" }))[0];
    expect(String(indicator?.id).split("--")[1]).toBe(String(report?.id).split("--")[1]);
    expect(indicator).not.toHaveProperty("report_types");
    expect(indicator).not.toHaveProperty("object_refs");
    expect(indicator).not.toHaveProperty("indicator_types");
    expect(indicator?.created_by_ref).toBe(
      byType(objects, "identity").find((o) => o.id !== BULWARK_IDENTITY_ID)?.id,
    );
    expect(checkExportedStix(objects)).toEqual([]);
    const withdrawn = itemStixObjects(item({ type: "indicator", pattern, status: "withdrawn" }))[0];
    expect(withdrawn).toMatchObject({ id: indicator?.id, revoked: true });
    // A pattern on another type is not exported as one (the contracts refuse it anyway).
    expect(itemStixObjects(item({ type: "alert", pattern }))[0]).toMatchObject({ type: "report" });
    expect(itemStixObjects(item({ type: "indicator", pattern: null }))[0]).toMatchObject({ type: "report" });
  });

  it("keeps the id and moves modified on when the item changes; a withdrawn item is revoked", () => {
    const first = itemStixObjects(item())[0];
    const again = itemStixObjects(item())[0];
    const withdrawn = itemStixObjects(
      item({ status: "withdrawn", updatedAt: "2026-03-02T10:00:00.000Z" }),
    )[0];
    expect(again).toEqual(first);
    expect(withdrawn?.id).toBe(first?.id);
    expect(withdrawn?.modified).toBe("2026-03-02T10:00:00.000Z");
    expect(String(withdrawn?.modified) > String(first?.modified)).toBe(true);
    expect(withdrawn?.revoked).toBe(true);
    expect(first).not.toHaveProperty("revoked");
  });

  it("leaves out empty lists and bodies (STIX lists hold at least one value)", () => {
    const [report] = itemStixObjects(item({ sectors: [], assetIds: [], publicBody: "  " }));
    expect(report).not.toHaveProperty("description");
    expect(report?.extensions).toEqual({
      [SHARED_ITEM_EXTENSION_ID]: { extension_type: "property-extension", item_type: "alert" },
    });
  });

  it("writes timestamps in UTC with milliseconds, whatever form they came in", () => {
    const [report] = itemStixObjects(item({ createdAt: "2026-03-01T10:00:00+01:00" }));
    expect(report?.created).toBe("2026-03-01T09:00:00.000Z");
    expect(String(report?.modified)).toMatch(MILLISECONDS);
  });

  it("exports only published and withdrawn items", () => {
    expect(() => itemStixObjects(item({ status: "draft" }))).toThrow(/published/);
  });
});

describe("the registry as STIX", () => {
  const supplier = asset({
    id: "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    ref: "PLANT-01",
    name: "Hydro plant",
    lat: null,
    lon: null,
    marking: "amber",
    area: {
      type: "Polygon",
      coordinates: [
        [
          [10, 60],
          [10.1, 60],
          [10.1, 60.1],
          [10, 60],
        ],
      ],
    },
  });
  const dependency = {
    id: "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
    dependentId: asset().id,
    supplierId: supplier.id,
    service: "electricity",
    kind: "physical" as const,
    k: 1,
    bufferHours: 6,
    createdAt: "2026-01-12T00:00:00.000Z",
  };

  it("exports assets as x-bulwark-critical-asset with operator, location and dependencies", () => {
    const objects = registryStixObjects({
      assets: [asset(), supplier],
      dependencies: [dependency],
      organisations: [{ ...organisation, sectors: [...organisation.sectors] }],
    });
    const assets = byType(objects, CRITICAL_ASSET_TYPE);
    expect(assets.map((a) => a.registry_id)).toEqual(["SUB-01", "PLANT-01"]);
    expect(assets[0]).toMatchObject({
      id: assetStixId(asset().id),
      name: "North substation",
      sector: "energy-electricity",
      sectors: ["energy", "utilities"],
      population_served: 120_000,
      labels: ["substation"],
      object_marking_refs: [TLP_2_0_MARKING_IDS.green],
      extensions: { [CRITICAL_ASSET_EXTENSION_ID]: { extension_type: "new-sdo" } },
    });
    expect(assets[0]?.operator_ref).toMatch(/^identity--/);
    expect(assets[1]?.area).toEqual(supplier.area);
    expect(byType(objects, "location")).toEqual([
      expect.objectContaining({
        latitude: 59.91,
        longitude: 10.75,
        object_marking_refs: [TLP_2_0_MARKING_IDS.green],
      }),
    ]);
    const relationships = byType(objects, "relationship");
    expect(relationships.map((r) => r.relationship_type).sort()).toEqual(["depends-on", "located-at"]);
    const dependsOn = relationships.find((r) => r.relationship_type === "depends-on");
    expect(dependsOn).toMatchObject({
      source_ref: assetStixId(asset().id),
      target_ref: assetStixId(supplier.id),
      // A dependency reveals both ends: it carries the stricter marking.
      object_marking_refs: [TLP_2_0_MARKING_IDS.amber],
      extensions: {
        [DEPENDENCY_EXTENSION_ID]: {
          extension_type: "property-extension",
          service: "electricity",
          kind: "physical",
          needed_suppliers: 1,
          buffer_hours: 6,
        },
      },
    });
    expect(byType(objects, "infrastructure")).toEqual([]);
    expect(checkExportedStix(objects)).toEqual([]);
  });

  it("leaves out dependencies with an end the caller may not see", () => {
    const objects = registryStixObjects({
      assets: [asset()],
      dependencies: [dependency],
      organisations: [{ ...organisation, sectors: [...organisation.sectors] }],
    });
    expect(objects.filter((o) => o.relationship_type === "depends-on")).toEqual([]);
    expect(JSON.stringify(objects)).not.toContain(assetStixId(supplier.id));
    expect(objects.map((o) => o.id)).not.toContain(DEPENDENCY_EXTENSION_ID);
  });
});

describe("checks schemas cannot make", () => {
  it("finds seconds-only timestamps, modified before created, refs and extensions not in the bundle", () => {
    const problems = checkExportedStix([
      {
        type: "report",
        id: "report--1",
        created: "2026-01-01T00:00:00Z",
        modified: "2025-01-01T00:00:00.000Z",
        created_by_ref: "identity--missing",
        object_marking_refs: [TLP_2_0_MARKING_IDS.clear],
        extensions: { [SHARED_ITEM_EXTENSION_ID]: {}, [TLP_2_0_EXTENSION_ID]: {} },
      },
    ]);
    expect(problems).toEqual([
      "report--1: created is not a UTC timestamp with milliseconds",
      "report--1: modified is before created",
      "report--1: created_by_ref identity--missing is not in the bundle",
      `report--1: object_marking_refs ${TLP_2_0_MARKING_IDS.clear} is not in the bundle`,
      `report--1: extension ${SHARED_ITEM_EXTENSION_ID} is not defined in the bundle`,
    ]);
  });

  it("bundles each object version once", () => {
    const objects = [...itemStixObjects(item()), ...itemStixObjects(item({ id: randomUUID() }))];
    const bundle = stixBundle(objects, randomUUID());
    expect(bundle.id).toMatch(OASIS_ID_PATTERN);
    expect(new Set(bundle.objects?.map((o) => o.id)).size).toBe(bundle.objects?.length);
    expect(bundle.objects).toHaveLength(6);
    expect(stixBundle([], randomUUID())).not.toHaveProperty("objects");
  });
});
