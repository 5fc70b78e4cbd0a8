// STIX 2.1 import through the API: MITRE ATT&CK for ICS (custom x-mitre types), MISP- and
// OpenCTI-shaped bundles, duplicates and versions, markings on arrival, bad bundles that change
// nothing, and who may import into which collection.
import { readFileSync } from "node:fs";
import { ApiError, type Client } from "@bulwark/contracts";
import { TLP_2_0_MARKING_IDS } from "@bulwark/core";
import { insertCommunity, listAudit, rowsOf, setCommunityOrganisations } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

// A copy of MITRE's release, with its licence: third-party/README.md.
const ICS = new URL("../../../../third-party/mitre-attack-ics/ics-attack.json", import.meta.url);
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as {
    type: string;
    id: string;
    objects: Record<string, unknown>[];
  };

let server: TestServer;
let admin: Client; // authority, platform-admin: publishes up to CLEAR
let analyst: Client; // grid operator, analyst: publishes up to GREEN
let auditor: Client; // authority, member of the community, may not publish
let outsider: Client; // water utility, not a member
let energy: string;
let rail: string;

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  energy = await insertCommunity(server.db, { name: "Energy ISAC", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  rail = await insertCommunity(server.db, { name: "Rail ISAC", description: "" }, now);
  await setCommunityOrganisations(server.db, rail, [organisations.authority]);
  [admin, analyst, auditor, outsider] = await Promise.all([
    server.client("admin@authority.example"),
    server.client("analyst@grid.example"),
    server.client("auditor@authority.example"),
    server.client("member@water.example"),
  ]);
});
afterAll(() => server.close());

const importInto = (
  client: Client,
  bundle: unknown,
  collection = energy,
  defaultTlp?: "clear" | "green" | "amber",
) =>
  client.call("importStixBundle", {
    query: { collection, ...(defaultTlp ? { defaultTlp } : {}) },
    body: bundle,
  });

const rowCount = async (collection = energy) =>
  Number(
    rowsOf<{ n: string }>(
      await server.db.execute(
        sql`select count(*) as n from stix_objects where collection_id = ${collection}`,
      ),
    )[0]?.n,
  );

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).problem;
}

const bundleOf = (...objects: unknown[]) => ({
  type: "bundle",
  id: "bundle--0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
  objects,
});
const indicator = (over: Record<string, unknown> = {}) => ({
  type: "indicator",
  spec_version: "2.1",
  id: "indicator--1f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7b",
  created: "2026-01-05T10:00:00.000Z",
  modified: "2026-01-05T10:00:00.000Z",
  pattern: "[domain-name:value = 'relay.example.org']",
  pattern_type: "stix",
  valid_from: "2026-01-05T10:00:00Z",
  ...over,
});
/** A RED indicator and a CLEAR one: an analyst may publish neither (their roles stop at GREEN). */
const redAndClear = (redId: string, clearId: string) => ({
  red: indicator({ id: redId, object_marking_refs: [TLP_2_0_MARKING_IDS.red] }),
  clear: indicator({ id: clearId, object_marking_refs: [TLP_2_0_MARKING_IDS.clear] }),
});

describe("importing STIX 2.1 bundles", () => {
  it("imports MITRE ATT&CK for ICS and keeps its custom objects unchanged", async () => {
    const bundle = JSON.parse(readFileSync(ICS, "utf8")) as { objects: Record<string, unknown>[] };
    const report = await importInto(admin, bundle, rail);
    expect(report).toMatchObject({ total: 1826, added: 1826, duplicates: 0, revoked: 0, refused: [] });
    expect(
      report.dateAddedFirst && report.dateAddedLast && report.dateAddedFirst < report.dateAddedLast,
    ).toBe(true);
    const custom = bundle.objects.filter((object) => String(object.type).startsWith("x-mitre-"));
    expect(custom.length).toBeGreaterThan(200);
    const held = rowsOf<{ stix_id: string; object: unknown }>(
      await server.db.execute(
        sql`select stix_id, object from stix_objects where collection_id = ${rail} and type like 'x-mitre-%'`,
      ),
    );
    const byId = new Map(held.map((row) => [row.stix_id, row.object]));
    for (const object of custom) expect(byId.get(String(object.id))).toEqual(object);
    // And out again through TAXII, as another platform would read them.
    const types = [...new Set(custom.map((object) => String(object.type)))].join(",");
    const served = await server.inject({
      method: "GET",
      url: `/taxii2/api/collections/${rail}/objects/?match[type]=${types}&limit=10000`,
      headers: {
        authorization: `Basic ${Buffer.from(`admin@authority.example:${PASSWORD}`).toString("base64")}`,
        accept: "application/taxii+json;version=2.1",
      },
    });
    const envelope = JSON.parse(served.body) as { objects: Record<string, unknown>[] };
    expect(envelope.objects).toHaveLength(custom.length);
    const out = new Map(envelope.objects.map((object) => [String(object.id), object]));
    for (const object of custom) expect(out.get(String(object.id))).toEqual(object);
    // ATT&CK carries its own statement marking, no TLP: the default (AMBER) applies.
    const tlps = rowsOf<{ tlp: string }>(
      await server.db.execute(sql`select distinct tlp from stix_objects where collection_id = ${rail}`),
    );
    expect(tlps).toEqual([{ tlp: "amber" }]);
  });

  it("imports MISP- and OpenCTI-shaped exports cleanly, markings read from the objects", async () => {
    for (const name of ["misp-event", "opencti-export"]) {
      const bundle = fixture(name);
      const report = await importInto(analyst, bundle, energy, "green");
      expect(report).toMatchObject({
        total: bundle.objects.length,
        added: bundle.objects.length,
        refused: [],
      });
    }
    const held = rowsOf<{ stix_id: string; tlp: string }>(
      await server.db.execute(sql`select stix_id, tlp from stix_objects where collection_id = ${energy}`),
    );
    const tlpOf = new Map(held.map((row) => [row.stix_id, row.tlp]));
    expect(tlpOf.get("infrastructure--b6c7d8e9-f0a1-4b23-8345-e6f708192031")).toBe("amber");
    expect(tlpOf.get("indicator--e3f4a5b6-c7d8-4e9f-8012-b3c4d5e6f708")).toBe("green");
    // TLP 1.0 GREEN of MISP's export is GREEN; an unmarked object takes the chosen default.
    expect(tlpOf.get("indicator--0c2d5c1e-7a4b-4f3e-9d12-6e5f4a3b2c10")).toBe("green");
    expect(tlpOf.get("location--c7d8e9f0-a1b2-4c34-9456-f70819203142")).toBe("green");
  });

  it("answers a re-import with duplicates only, and keeps a newer modified as a version", async () => {
    const bundle = fixture("opencti-export");
    const before = await rowCount();
    const again = await importInto(analyst, bundle, energy, "green");
    expect(again).toMatchObject({ added: 0, duplicates: bundle.objects.length, refused: [] });
    expect(await rowCount()).toBe(before);
    const report = bundle.objects.find((object) => object.type === "report");
    const newer = await importInto(
      analyst,
      bundleOf({ ...report, modified: "2026-02-14T08:00:00.000Z", description: "Revised." }),
      energy,
    );
    expect(newer).toMatchObject({ added: 1, duplicates: 0 });
    const versions = rowsOf<{ version: string }>(
      await server.db.execute(sql`select version from stix_objects
        where stix_id = ${String(report?.id)} and collection_id = ${energy} order by version`),
    );
    expect(versions).toHaveLength(2);
  });

  it("takes nothing after a revoked version", async () => {
    const id = "indicator--7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
    const revoked = await importInto(
      admin,
      bundleOf(indicator({ id, modified: "2026-01-06T00:00:00.000Z", revoked: true })),
    );
    expect(revoked.added).toBe(1);
    const later = await importInto(admin, bundleOf(indicator({ id, modified: "2026-01-07T00:00:00.000Z" })));
    expect(later).toMatchObject({ added: 0, revoked: 1 });
  });

  it("takes nothing after a revoked version earlier in the same bundle, and keeps duplicates out", async () => {
    const id = "indicator--8b7c6d5e-4f3a-4b2c-8d1e-9f8a7b6c5d4e";
    const revoked = indicator({ id, modified: "2026-01-06T00:00:00.000Z", revoked: true });
    const report = await importInto(
      admin,
      bundleOf(
        indicator({ id, modified: "2026-01-05T12:00:00.000Z" }),
        indicator({ id, modified: "2026-01-05T12:00:00.000Z" }),
        revoked,
        indicator({ id, modified: "2026-01-07T00:00:00.000Z" }),
      ),
    );
    expect(report).toMatchObject({ total: 4, added: 2, duplicates: 1, revoked: 1, refused: [] });
    const versions = rowsOf<{ revoked: boolean }>(
      await server.db.execute(sql`select revoked from stix_objects
        where stix_id = ${id} and collection_id = ${energy} order by version`),
    );
    expect(versions).toEqual([{ revoked: false }, { revoked: true }]);
  });

  it("refuses RED objects and markings wider than the writer may publish, and takes the rest", async () => {
    const { red, clear } = redAndClear(
      "indicator--2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
      "indicator--3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f",
    );
    const amber = indicator({
      id: "indicator--4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f80",
      object_marking_refs: [TLP_2_0_MARKING_IDS.amber],
    });
    const report = await importInto(analyst, bundleOf(red, clear, amber));
    expect(report.added).toBe(1);
    expect(report.refused).toEqual([
      { index: 0, id: red.id, reason: expect.stringMatching(/RED/) },
      { index: 1, id: clear.id, reason: expect.stringMatching(/up to TLP:GREEN/) },
    ]);
    const held = rowsOf<{ stix_id: string }>(
      await server.db.execute(
        sql`select stix_id from stix_objects where stix_id in (${red.id}, ${clear.id})`,
      ),
    );
    expect(held).toEqual([]);
  });

  it("gives each refusal's reason in the caller's language", async () => {
    const session = await signedIn(server, "analyst@grid.example");
    const { red, clear } = redAndClear(
      "indicator--5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8091",
      "indicator--6f7a8b9c-0d1e-4f2a-9b3c-5d6e7f809102",
    );
    const response = await server.inject({
      method: "POST",
      url: `/api/sharing/stix/imports?collection=${energy}`,
      headers: session.headers({ "accept-language": "fr" }),
      payload: bundleOf(red, clear),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().refused).toEqual([
      { index: 0, id: red.id, reason: expect.stringMatching(/^Les objets TLP:RED/) },
      {
        index: 1,
        id: clear.id,
        reason: "Vos rôles permettent de publier jusqu'à TLP:GREEN ; cet objet est TLP:CLEAR.",
      },
    ]);
  });

  it("audits an import with counts, not contents", async () => {
    const { items } = await listAudit(server.db, { kind: "all" }, { action: "stix.import", limit: 50 });
    expect(items.length).toBeGreaterThan(3);
    const last = items[0];
    expect(last?.targetId).toBe(energy);
    expect(Object.keys(last?.details ?? {}).sort()).toEqual([
      "added",
      "duplicates",
      "refused",
      "revoked",
      "total",
    ]);
  });
});

describe("bad bundles change nothing", () => {
  const cases: [string, unknown, RegExp][] = [
    ["a wrong id", bundleOf(indicator({ id: "indicator--not-a-uuid" })), /objects\[0\]\.id/],
    [
      "an id of another type",
      bundleOf(indicator({ id: "malware--1f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7b" })),
      /must start with "indicator--"/,
    ],
    [
      "STIX 2.0 content",
      { ...bundleOf(indicator({ spec_version: undefined })), spec_version: "2.0" },
      /STIX 2\.0/,
    ],
    ["a 2.0 object", bundleOf(indicator({ spec_version: undefined })), /spec_version.*2\.0/],
    [
      "a missing required property",
      bundleOf(indicator({ pattern: undefined })),
      /objects\[0\]\.pattern.*required/,
    ],
    [
      "modified before created",
      bundleOf(indicator({ modified: "2026-01-04T10:00:00.000Z" })),
      /modified.*earlier than created/,
    ],
    [
      "a timestamp without Z",
      bundleOf(indicator({ created: "2026-01-05T10:00:00+01:00" })),
      /created.*RFC 3339/,
    ],
    ["a bad property name", bundleOf(indicator({ "bad-name": 1 })), /bad-name/],
    ["a bad ref", bundleOf(indicator({ created_by_ref: "somebody" })), /created_by_ref/],
    [
      "not a bundle",
      { type: "report", id: "bundle--0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d", objects: [] },
      /bundle\.type/,
    ],
    ["objects not a list", { ...bundleOf(), objects: {} }, /bundle\.objects/],
  ];
  it.each(cases)("%s answers 422 naming the problem", async (_name, bundle, named) => {
    const before = await rowCount();
    // One good object rides along: it must not be taken either.
    const good = indicator({ id: "indicator--5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8091" });
    const withGood =
      typeof bundle === "object" && bundle && Array.isArray((bundle as { objects?: unknown }).objects)
        ? { ...bundle, objects: [...(bundle as { objects: unknown[] }).objects, good] }
        : bundle;
    const problem = await problemOf(importInto(admin, withGood));
    expect(problem.status).toBe(422);
    expect(`${problem.detail} ${JSON.stringify(problem.errors)}`).toMatch(named);
    expect(await rowCount()).toBe(before);
  });
});

describe("who may import", () => {
  it("hides a collection from non-members (404) and refuses members who may not publish (403)", async () => {
    const id = "indicator--6f7a8b9c-0d1e-4f2a-9b3c-5d6e7f8091a2";
    const bundle = bundleOf(indicator({ id }));
    expect(await statusOf(importInto(outsider, bundle))).toBe(404);
    expect(await statusOf(importInto(auditor, bundle))).toBe(403);
    expect(await statusOf(importInto(analyst, bundle, rail))).toBe(404);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await statusOf(importInto(admin, bundle, unknown))).toBe(404);
    const anonymous = await server.client();
    expect(await statusOf(importInto(anonymous, bundle))).toBe(401);
    const held = rowsOf<{ n: string }>(
      await server.db.execute(sql`select count(*) as n from stix_objects where stix_id = ${id}`),
    );
    expect(Number(held[0]?.n)).toBe(0);
  });

  it("lists a caller's collections with what they may do", async () => {
    const mine = await analyst.call("listStixCollections", {});
    expect(mine.collections).toEqual([{ id: energy, title: "Energy ISAC", canRead: true, canWrite: true }]);
    const audit = await auditor.call("listStixCollections", {});
    expect(audit.collections.map((collection) => [collection.title, collection.canWrite])).toEqual([
      ["Energy ISAC", false],
      ["Rail ISAC", false],
    ]);
    expect((await outsider.call("listStixCollections", {})).collections).toEqual([]);
  });
});
