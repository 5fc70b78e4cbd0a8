// STIX 2.1 export through the API: every bundle validates against the OASIS JSON schemas; nobody
// exports an item or an asset they may not see; personal data leaves pseudonymised, even for the
// author; a second export keeps the ids and moves `modified` on.
import type { Client, SharedItemComposeInput } from "@bulwark/contracts";
import {
  assetStixId,
  CRITICAL_ASSET_TYPE,
  itemStixId,
  type StixObject,
  TLP_2_0_MARKING_IDS,
} from "@bulwark/core";
import { insertCommunity, schema, setCommunityOrganisations } from "@bulwark/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { stixProblems } from "./stix-schemas.test-support.ts";

let server: TestServer;
let admin: Client; // platform administrator (authority): registers assets, sees the whole registry
let gridAdmin: Client; // the grid operator's organisation administrator: publishes
let gridMember: Client;
let outsider: Client; // the water utility: outside the energy community
let energy: string;

interface Bundle {
  type: string;
  id: string;
  objects?: StixObject[];
  [key: string]: unknown;
}

const parse = (file: { bytes: Uint8Array }): Bundle => JSON.parse(new TextDecoder().decode(file.bytes));
const objectsOf = (bundle: Bundle) => bundle.objects ?? [];
const expectValid = (bundle: Bundle) => expect(stixProblems(bundle)).toEqual([]);

const alert = (over: Partial<SharedItemComposeInput> = {}): SharedItemComposeInput => ({
  type: "alert",
  title: "Drone sightings near substations",
  body: "Unidentified drones were reported over two substations at night.",
  sectors: ["energy-electricity"],
  tlp: "amber",
  audience: { communityIds: [energy] },
  ...over,
});

async function publish(client: Client, input: SharedItemComposeInput) {
  const draft = await client.call("createSharedItem", { body: input });
  return client.call("submitSharedItem", { params: { id: draft.id } });
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, server.context.clock());
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  [admin, gridAdmin, gridMember, outsider] = await Promise.all([
    server.client("admin@authority.example"),
    server.client("boss@grid.example"),
    server.client("member@grid.example"),
    server.client("member@water.example"),
  ]);
});
afterAll(() => server.close());

describe("one item as STIX", () => {
  let id = "";
  it("exports a published alert as a valid bundle: report, author identity, TLP 2.0 marking", async () => {
    id = (await publish(gridAdmin, alert())).id;
    const response = await server.inject({
      method: "GET",
      url: `/api/sharing/items/${id}/stix`,
      headers: { cookie: (await signedIn(server, "member@grid.example")).cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/stix+json;version=2.1");
    expect(response.headers["content-disposition"]).toMatch(
      new RegExp(`^attachment; filename="bulwark-alert-${id}\\.stix\\.json"`),
    );
    const bundle: Bundle = response.json();
    expectValid(bundle);
    const report = objectsOf(bundle).find((o) => o.type === "report");
    expect(report).toMatchObject({
      id: itemStixId({ id, type: "alert" }),
      name: "Drone sightings near substations",
      object_marking_refs: [TLP_2_0_MARKING_IDS.amber],
    });
    const author = objectsOf(bundle).find((o) => o.id === report?.created_by_ref);
    expect(author).toMatchObject({
      type: "identity",
      name: "Test Grid Operator",
      identity_class: "organization",
    });
    expect(objectsOf(bundle).map((o) => o.id)).toContain(TLP_2_0_MARKING_IDS.amber);
  });

  it("is not found for someone outside the audience, nor for an id that does not exist", async () => {
    expect(await statusOf(outsider.call("exportSharedItemStix", { params: { id } }))).toBe(404);
    expect(
      await statusOf(
        outsider.call("exportSharedItemStix", { params: { id: "00000000-0000-4000-8000-000000000000" } }),
      ),
    ).toBe(404);
  });

  it("keeps its ids on a second export, with a newer modified; withdrawn, it is revoked", async () => {
    const first = parse(await gridMember.call("exportSharedItemStix", { params: { id } }));
    const again = parse(await gridMember.call("exportSharedItemStix", { params: { id } }));
    expect(objectsOf(again)).toEqual(objectsOf(first));
    server.advance(60_000);
    await gridAdmin.call("withdrawSharedItem", { params: { id } });
    const withdrawn = parse(await gridMember.call("exportSharedItemStix", { params: { id } }));
    expectValid(withdrawn);
    const before = objectsOf(first)[0];
    const after = objectsOf(withdrawn)[0];
    expect(after?.id).toBe(before?.id);
    expect(String(after?.modified) > String(before?.modified)).toBe(true);
    expect(after?.revoked).toBe(true);
  });

  it("is refused for a draft (its author sees it) and not found for anyone else", async () => {
    const draft = await gridAdmin.call("createSharedItem", { body: alert({ title: "Not yet" }) });
    expect(await statusOf(gridAdmin.call("exportSharedItemStix", { params: { id: draft.id } }))).toBe(409);
    expect(await statusOf(gridMember.call("exportSharedItemStix", { params: { id: draft.id } }))).toBe(404);
  });

  it("carries the pseudonymised body, even for the author", async () => {
    const body = "Call the night guard at jane.doe@grid.example, [[pii:Jane Doe]], about the drones.";
    const item = await publish(gridAdmin, alert({ title: "Guard report", body }));
    // The author reads the body as written on the item page ...
    expect((await gridAdmin.call("getSharedItem", { params: { id: item.id } })).body).toContain("Jane Doe");
    // ... but the STIX export holds the public body.
    const bundle = parse(await gridAdmin.call("exportSharedItemStix", { params: { id: item.id } }));
    const text = JSON.stringify(bundle);
    expect(text).not.toContain("jane.doe@grid.example");
    expect(text).not.toContain("Jane Doe");
    const [row] = await server.db
      .select({ publicBody: schema.sharedItems.publicBody })
      .from(schema.sharedItems)
      .where(eq(schema.sharedItems.id, item.id));
    expect(objectsOf(bundle)[0]?.description).toBe(row?.publicBody);
    expect(row?.publicBody).not.toBe(body);
  });
});

describe("a set of items as STIX", () => {
  let red = "";
  let incident = "";
  it("exports what the caller may see by the feed's filters, every type valid", async () => {
    incident = (
      await publish(
        gridAdmin,
        alert({ type: "incident-notice", title: "Fence cut at the north substation", tlp: "green" }),
      )
    ).id;
    await publish(gridAdmin, alert({ type: "indicator", title: "Drone models seen", tlp: "clear" }));
    await publish(gridAdmin, alert({ type: "report", title: "Quarterly drone report", tlp: "clear" }));
    const bundle = parse(await gridMember.call("exportSharingStix", { body: { filter: {} } }));
    expectValid(bundle);
    const types = objectsOf(bundle).map((o) => o.type);
    expect(types).toEqual(expect.arrayContaining(["report", "incident", "identity", "marking-definition"]));
    expect(
      objectsOf(bundle)
        .filter((o) => o.type === "report")
        .map((o) => o.report_types),
    ).toEqual(expect.arrayContaining([["indicator"], ["threat-report"]]));
    const incidents = parse(
      await gridMember.call("exportSharingStix", { body: { filter: { type: "incident-notice" } } }),
    );
    expect(objectsOf(incidents).filter((o) => o.type === "report" || o.type === "incident")).toEqual([
      expect.objectContaining({ id: itemStixId({ id: incident, type: "incident-notice" }) }),
    ]);
  });

  it("leaves out items the caller may not see, even when named, as if they did not exist", async () => {
    const grid = await gridAdmin.call("listSharedItems", { query: {} });
    const gridMemberId = server.cast.users.member;
    red = (
      await publish(
        gridAdmin,
        alert({ title: "Named only", tlp: "red", audience: { userIds: [gridMemberId] } }),
      )
    ).id;
    const ids = [...grid.items.map((item) => item.id), red];
    const seen = parse(await outsider.call("exportSharingStix", { body: { ids } }));
    expectValid(seen);
    const exported = objectsOf(seen).filter((o) => o.type === "report" || o.type === "incident");
    // The water utility sees only the CLEAR items; the AMBER, GREEN and RED ones are absent.
    expect(exported.map((o) => o.name).sort()).toEqual(["Drone models seen", "Quarterly drone report"]);
    expect(JSON.stringify(seen)).not.toContain(itemStixId({ id: red, type: "alert" }));
    expect(JSON.stringify(seen)).not.toContain(itemStixId({ id: incident, type: "incident-notice" }));
    // Named by the named person, the RED item is there.
    const named = parse(await gridMember.call("exportSharingStix", { body: { ids: [red] } }));
    expect(objectsOf(named)[0]).toMatchObject({ object_marking_refs: [TLP_2_0_MARKING_IDS.red] });
    // Nothing visible: a bundle without objects, still valid.
    const none = parse(await outsider.call("exportSharingStix", { body: { ids: [red] } }));
    expect(none.objects).toBeUndefined();
    expectValid(none);
  });

  it("refuses requests naming nothing or more than 1000 items", async () => {
    expect(await statusOf(gridMember.call("exportSharingStix", { body: {} }))).toBe(400);
    const many = Array.from(
      { length: 1001 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    expect(await statusOf(gridMember.call("exportSharingStix", { body: { ids: many } }))).toBe(400);
  });
});

describe("an indicator with a STIX pattern", () => {
  const pattern =
    "[ipv4-addr:value = '198.51.100.7/32' OR domain-name:value = 'update.example.com'] REPEATS 2 TIMES WITHIN 600 SECONDS";
  const indicator = (over: Partial<SharedItemComposeInput> = {}) =>
    alert({ type: "indicator", title: "Drone controller beacons", tlp: "green", pattern, ...over });
  // Raw requests: the typed client would check the body before sending it.
  const compose = async (body: unknown) => {
    const boss = await signedIn(server, "boss@grid.example");
    return server.inject({
      method: "POST",
      url: "/api/sharing/items",
      headers: boss.headers({ "content-type": "application/json" }),
      payload: JSON.stringify(body),
    });
  };
  const count = async () =>
    (await server.db.select({ id: schema.sharedItems.id }).from(schema.sharedItems)).length;

  it("exports as a STIX indicator that validates against the OASIS schemas", async () => {
    const item = await publish(gridAdmin, indicator());
    expect((await gridMember.call("getSharedItem", { params: { id: item.id } })).pattern).toBe(pattern);
    const bundle = parse(await gridMember.call("exportSharedItemStix", { params: { id: item.id } }));
    expectValid(bundle);
    const [main] = objectsOf(bundle);
    expect(main).toMatchObject({
      type: "indicator",
      id: itemStixId({ id: item.id, type: "indicator", pattern }),
      name: "Drone controller beacons",
      pattern,
      pattern_type: "stix",
      pattern_version: "2.1",
      valid_from: item.publishedAt ? new Date(item.publishedAt).toISOString() : "",
      object_marking_refs: [TLP_2_0_MARKING_IDS.green],
    });
    expect(objectsOf(bundle).some((o) => o.type === "report")).toBe(false);
    // In the feed's export too, next to an indicator item without a pattern (still a report).
    const plain = await publish(gridAdmin, indicator({ title: "Beacons, in prose", pattern: undefined }));
    const feed = parse(await gridMember.call("exportSharingStix", { body: { ids: [item.id, plain.id] } }));
    expectValid(feed);
    expect(
      objectsOf(feed)
        .filter((o) => o.type === "indicator" || o.type === "report")
        .map((o) => [o.type, o.name])
        .sort(),
    ).toEqual([
      ["indicator", "Drone controller beacons"],
      ["report", "Beacons, in prose"],
    ]);
  });

  it("refuses a pattern that does not parse, naming the field and the place, and stores nothing", async () => {
    const before = await count();
    const response = await compose({ ...indicator(), pattern: "[ipv4-addr:value = '198.51.100.7'" });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem.errors).toEqual([
      expect.objectContaining({
        path: "body.pattern",
        message: expect.stringMatching(/Not a STIX 2\.1 pattern: Expected '\]'.*position 34/),
      }),
    ]);
    expect(await count()).toBe(before);
  });

  it("refuses a pattern nested thousands deep with a 400 naming the depth limit (never a 500)", async () => {
    const before = await count();
    // Within the field's 10,000 characters; deep enough to exhaust the stack of a parser without a bound.
    const deep = `${"(".repeat(4_980)}[ipv4-addr:value = '198.51.100.7']${")".repeat(4_980)}`;
    const response = await compose({ ...indicator(), pattern: deep });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({
        path: "body.pattern",
        message: expect.stringMatching(/nest more than 100 deep/),
      }),
    ]);
    expect(await count()).toBe(before);
  });

  it("is set, changed and dropped while the item is a draft", async () => {
    const draft = await gridAdmin.call("createSharedItem", { body: indicator({ pattern: undefined }) });
    expect(draft.pattern).toBeNull();
    const set = await gridAdmin.call("updateSharedItem", { params: { id: draft.id }, body: indicator() });
    expect(set.pattern).toBe(pattern);
    const other = "[url:value = 'https://relay.example.com/beacon']";
    const changed = await gridAdmin.call("updateSharedItem", {
      params: { id: draft.id },
      body: indicator({ pattern: other }),
    });
    expect(changed.pattern).toBe(other);
    const report = await gridAdmin.call("updateSharedItem", {
      params: { id: draft.id },
      body: indicator({ type: "report", pattern: undefined }),
    });
    expect(report.pattern).toBeNull();
  });

  it("refuses a pattern on an alert, a report or an incident notice", async () => {
    const before = await count();
    for (const type of ["alert", "report", "incident-notice"] as const) {
      const response = await compose({ ...indicator(), type });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        expect.objectContaining({ path: "body.pattern", message: expect.stringMatching(/Only indicators/) }),
      ]);
    }
    expect(await count()).toBe(before);
  });
});

describe("the registry as STIX", () => {
  const ids: Record<string, string> = {};
  it("exports the assets the caller may read, and only dependencies between them", async () => {
    const { organisations } = server.cast;
    const create = async (ref: string, operatorId: string, marking: "amber" | "green", lat: number | null) =>
      (
        await admin.call("createAsset", {
          body: {
            ref,
            name: `Asset ${ref}`,
            sector: "energy-electricity",
            operatorId,
            marking,
            lat,
            lon: lat === null ? null : 20.25,
            populationServed: 1000,
          },
        })
      ).id;
    ids.sub = await create("SUB-1", organisations.operator, "amber", 10.5);
    ids.line = await create("LINE-1", organisations.operator, "green", null);
    ids.pump = await create("PUMP-1", organisations.other, "amber", 11.5);
    await admin.call("createDependency", {
      body: { dependentId: ids.sub, supplierId: ids.line, service: "electricity" },
    });
    await admin.call("createDependency", {
      body: { dependentId: ids.pump, supplierId: ids.sub, service: "electricity" },
    });

    const whole = parse(await admin.call("exportRegistryStix"));
    expectValid(whole);
    const assets = objectsOf(whole).filter((o) => o.type === CRITICAL_ASSET_TYPE);
    expect(assets.map((o) => o.registry_id).sort()).toEqual(["LINE-1", "PUMP-1", "SUB-1"]);
    expect(objectsOf(whole).filter((o) => o.relationship_type === "depends-on")).toHaveLength(2);
    expect(objectsOf(whole).filter((o) => o.type === "location")).toHaveLength(2);
    expect(objectsOf(whole).some((o) => o.type === "infrastructure")).toBe(false);

    // The grid operator reads its own assets, not the water utility's AMBER pump, nor the
    // dependency that would reveal it.
    const grid = parse(await gridMember.call("exportRegistryStix"));
    expectValid(grid);
    const text = JSON.stringify(grid);
    expect(
      objectsOf(grid)
        .filter((o) => o.type === CRITICAL_ASSET_TYPE)
        .map((o) => o.registry_id)
        .sort(),
    ).toEqual(["LINE-1", "SUB-1"]);
    expect(text).not.toContain(assetStixId(ids.pump));
    expect(text).not.toContain("Test Water Utility");
    const dependsOn = objectsOf(grid).filter((o) => o.relationship_type === "depends-on");
    expect(dependsOn).toEqual([
      expect.objectContaining({ source_ref: assetStixId(ids.sub), target_ref: assetStixId(ids.line) }),
    ]);

    // The water utility reads its pump only.
    const water = parse(await outsider.call("exportRegistryStix"));
    expectValid(water);
    expect(
      objectsOf(water)
        .filter((o) => o.type === CRITICAL_ASSET_TYPE)
        .map((o) => o.registry_id),
    ).toEqual(["PUMP-1"]);
    expect(
      objectsOf(water).filter((o) => o.type === "relationship" && o.relationship_type === "depends-on"),
    ).toEqual([]);
  });
});

describe("the schema check itself", () => {
  it("rejects what the OASIS schemas and our asset schema forbid", async () => {
    const bundle = parse(await gridMember.call("exportRegistryStix"));
    const objects = objectsOf(bundle);
    const broken = objects.map((o) => {
      if (o.type === CRITICAL_ASSET_TYPE) {
        const { registry_id: _gone, ...rest } = o;
        return { ...rest, status: "sunk" };
      }
      if (o.type === "marking-definition") {
        const { created: _gone, ...rest } = o;
        return rest;
      }
      if (o.type === "location") return { ...o, latitude: 123 };
      return o;
    });
    const problems = stixProblems({ ...bundle, objects: broken });
    expect(problems.some((p) => p.includes("registry_id"))).toBe(true);
    expect(problems.some((p) => p.includes("status"))).toBe(true);
    expect(problems.some((p) => p.startsWith("marking-definition--"))).toBe(true);
    expect(problems.some((p) => p.startsWith("location--"))).toBe(true);
  });
});
