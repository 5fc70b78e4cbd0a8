// Browsing a community's STIX collection in the web app: the latest version a member may see of
// each object, filters, counts per type and paging; AMBER+STRICT objects of another organisation
// and collections of other communities stay out of sight (404, as TAXII answers).
import { ApiError, type Client } from "@bulwark/contracts";
import { TLP_2_0_MARKING_IDS } from "@bulwark/core";
import { insertCommunity, setCommunityOrganisations } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let admin: Client; // authority, publishes up to CLEAR
let auditor: Client; // authority, member, may not publish (but reads)
let analyst: Client; // grid operator, publishes up to GREEN
let outsider: Client; // water utility, not a member
let energy: string;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const object = (type: string, n: number, marking: keyof typeof TLP_2_0_MARKING_IDS, over = {}) => ({
  type,
  spec_version: "2.1",
  id: `${type}--${uuid(n)}`,
  created: "2026-01-05T10:00:00.000Z",
  modified: "2026-01-05T10:00:00.000Z",
  object_marking_refs: [TLP_2_0_MARKING_IDS[marking]],
  ...over,
});
const bundle = (...objects: unknown[]) => ({
  type: "bundle",
  id: "bundle--0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
  objects,
});

const clearMalware = object("malware", 1, "clear", { name: "GridRat loader", is_family: true });
const amberIndicator = object("indicator", 2, "amber", {
  name: "Relay domain",
  pattern: "[domain-name:value = 'relay.example.org']",
  pattern_type: "stix",
  valid_from: "2026-01-05T10:00:00Z",
});
const amberTool = object("tool", 3, "amber", { name: "Substation scanner" });
const unnamed = object("ipv4-addr", 4, "clear", { value: "198.51.100.7" });
delete (unnamed as Record<string, unknown>).created;
delete (unnamed as Record<string, unknown>).modified;
const strictMalware = object("malware", 5, "amber+strict", {
  name: "Operator-only implant",
  is_family: false,
});

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  energy = await insertCommunity(server.db, { name: "Energy ISAC", description: "" }, server.context.clock());
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  [admin, auditor, analyst, outsider] = await Promise.all([
    server.client("admin@authority.example"),
    server.client("auditor@authority.example"),
    server.client("analyst@grid.example"),
    server.client("member@water.example"),
  ]);
  const imported = await admin.call("importStixBundle", {
    query: { collection: energy },
    body: bundle(clearMalware, amberIndicator, amberTool, unnamed),
  });
  expect(imported).toMatchObject({ added: 4, refused: [] });
  server.advance(1000);
  // The grid operator's own AMBER+STRICT object, and a newer version of the tool the authority
  // must not see (held AMBER+STRICT by the operator).
  const strict = await analyst.call("importStixBundle", {
    query: { collection: energy },
    body: bundle(strictMalware, {
      ...amberTool,
      ...object("tool", 3, "amber+strict"),
      name: "Scanner v2",
      modified: "2026-02-01T00:00:00.000Z",
    }),
  });
  expect(strict).toMatchObject({ added: 2, refused: [] });
});
afterAll(() => server.close());

const list = (client: Client, query: Record<string, unknown> = {}, collection = energy) =>
  client.call("listStixCollectionObjects", { params: { id: collection }, query: query as never });

describe("browsing a STIX collection", () => {
  it("shows a member the latest version they may see of each object, newest first, with counts", async () => {
    const page = await list(auditor);
    expect(page.collection).toEqual({ id: energy, title: "Energy ISAC" });
    expect(page.total).toBe(4);
    expect(page.types).toEqual([
      { type: "indicator", count: 1 },
      { type: "ipv4-addr", count: 1 },
      { type: "malware", count: 1 },
      { type: "tool", count: 1 },
    ]);
    const byId = new Map(page.items.map((item) => [item.stixId, item]));
    expect(byId.has(strictMalware.id)).toBe(false);
    // The grid operator holds its own AMBER+STRICT version of the tool (a lineage of its own): the
    // authority is served its own lineage, the old one.
    expect(byId.get(amberTool.id)).toMatchObject({
      name: "Substation scanner",
      tlp: "amber",
      version: "2026-01-05T10:00:00.000Z",
      source: "import",
      revoked: false,
      sharedItemId: null,
    });
    expect(byId.get(unnamed.id)).toMatchObject({ name: unnamed.id, type: "ipv4-addr", tlp: "clear" });
    expect(byId.get(clearMalware.id)).toMatchObject({ name: "GridRat loader", tlp: "clear" });
    const added = page.items.map((item) => item.dateAdded);
    expect(added).toEqual([...added].sort().reverse());
  });

  it("shows the owner organisation its AMBER+STRICT objects and versions", async () => {
    const page = await list(analyst);
    expect(page.total).toBe(5);
    expect(page.types).toContainEqual({ type: "malware", count: 2 });
    const byId = new Map(page.items.map((item) => [item.stixId, item]));
    expect(byId.get(strictMalware.id)).toMatchObject({ tlp: "amber+strict", name: "Operator-only implant" });
    expect(byId.get(amberTool.id)).toMatchObject({ tlp: "amber+strict", name: "Scanner v2" });
    // Newest addition first: the operator's two objects lead.
    expect(
      page.items
        .slice(0, 2)
        .map((item) => item.stixId)
        .sort(),
    ).toEqual([amberTool.id, strictMalware.id].sort());
    const detail = await analyst.call("getStixCollectionObject", {
      params: { id: energy, stixId: strictMalware.id },
    });
    expect(detail.object).toEqual(strictMalware);
  });

  it("keeps another organisation's AMBER+STRICT object out of detail, filters and search", async () => {
    expect(
      await statusOf(
        auditor.call("getStixCollectionObject", { params: { id: energy, stixId: strictMalware.id } }),
      ),
    ).toBe(404);
    const tool = await auditor.call("getStixCollectionObject", {
      params: { id: energy, stixId: amberTool.id },
    });
    expect(tool.object).toEqual(amberTool);
    expect(await list(auditor, { tlp: "amber+strict" })).toMatchObject({ total: 0, items: [], types: [] });
    expect((await list(auditor, { q: "implant" })).total).toBe(0);
    expect((await list(auditor, { type: "malware" })).items.map((item) => item.stixId)).toEqual([
      clearMalware.id,
    ]);
  });

  it("filters by type, name text and TLP, and pages", async () => {
    const malware = await list(admin, { type: "malware" });
    expect(malware.total).toBe(1);
    expect(malware.types).toHaveLength(4); // counts ignore the type filter
    const search = await list(admin, { q: "RELAY" });
    expect(search.items.map((item) => item.stixId)).toEqual([amberIndicator.id]);
    expect(search.types).toEqual([{ type: "indicator", count: 1 }]);
    expect((await list(admin, { q: "100%" })).total).toBe(0); // % is text, not a wildcard
    const amber = await list(admin, { tlp: "amber" });
    expect(amber.items.map((item) => item.stixId).sort()).toEqual([amberIndicator.id, amberTool.id].sort());
    const all = (await list(admin)).items.map((item) => item.stixId);
    const first = await list(admin, { limit: 3 });
    const second = await list(admin, { limit: 3, offset: 3 });
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(1);
    expect(second.total).toBe(4);
    expect([...first.items, ...second.items].map((item) => item.stixId)).toEqual(all);
  });

  it("answers 404 to a non-member, for the collection and its objects", async () => {
    expect(await statusOf(list(outsider))).toBe(404);
    expect(
      await statusOf(
        outsider.call("getStixCollectionObject", { params: { id: energy, stixId: clearMalware.id } }),
      ),
    ).toBe(404);
    expect(await statusOf(list(admin, {}, "7d1a2b3c-4d5e-4f60-8a1b-2c3d4e5f6a7b"))).toBe(404);
  });

  it("refuses bad queries with 400 problem+json", async () => {
    const { cookie } = await signedIn(server, "admin@authority.example");
    for (const url of [
      `/api/sharing/stix/collections/${energy}/objects?limit=0`,
      `/api/sharing/stix/collections/${energy}/objects?limit=201`,
      `/api/sharing/stix/collections/${energy}/objects?tlp=red`,
      `/api/sharing/stix/collections/${energy}/objects?tlp=purple`,
      `/api/sharing/stix/collections/${energy}/objects?offset=-1`,
      `/api/sharing/stix/collections/${energy}/objects?type=Not%20a%20type`,
      "/api/sharing/stix/collections/not-a-uuid/objects",
      `/api/sharing/stix/collections/${energy}/objects/not-a-stix-id`,
    ]) {
      const answer = await server.inject({ method: "GET", url, headers: { cookie } });
      expect(answer.statusCode, url).toBe(400);
      expect(answer.headers["content-type"], url).toMatch(/^application\/problem\+json/);
    }
    const error = await list(admin, { limit: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
  });
});
