// STIX objects have owners (ADR 0015): another organisation's newer version, revocation or
// deletion of an object never reaches the owner's readers nor locks the owner out, Bulwark's own
// mirror of a published item included; nobody publishes in another Bulwark organisation's name;
// and what a poster is told (added, duplicate) never depends on what other organisations hold.
import type { Client } from "@bulwark/contracts";
import { itemStixId, organisationStixId, TLP_2_0_MARKING_IDS, type TlpMarking } from "@bulwark/core";
import { insertCommunity, setCommunityOrganisations } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";

const MEDIA = "application/taxii+json;version=2.1";
const basic = (email: string) => `Basic ${Buffer.from(`${email}:${PASSWORD}`).toString("base64")}`;
const AUTHORITY = basic("admin@authority.example"); // platform admin of the authority
const GRID = basic("member@grid.example"); // member of the grid operator
const WATER = basic("member@water.example"); // member of the water utility: a third reader

let server: TestServer;
let energy: string; // authority, grid operator and water utility
let waterClient: Client;
let gridBoss: Client;

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a TAXII resource is read field by field in the checks
  json: any;
}
async function taxii(url: string, auth: string, method: "GET" | "POST" | "DELETE" = "GET", body?: unknown) {
  const response = await server.inject({
    method,
    url,
    headers: {
      authorization: auth,
      accept: MEDIA,
      ...(body !== undefined ? { "content-type": MEDIA } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: response.statusCode, json: response.body ? JSON.parse(response.body) : null } as Answer;
}
const objectsUrl = () => `/taxii2/api/collections/${energy}/objects/`;
const post = async (auth: string, ...objects: unknown[]) =>
  (await taxii(objectsUrl(), auth, "POST", { objects })).json;

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const at = (day: number) => `2026-01-${String(day).padStart(2, "0")}T10:00:00.000Z`;
const tool = (n: number, day: number, name: string, tlp: TlpMarking = "amber", over = {}) => ({
  type: "tool",
  spec_version: "2.1",
  id: `tool--${uuid(n)}`,
  created: at(1),
  modified: at(day),
  name,
  object_marking_refs: [TLP_2_0_MARKING_IDS[tlp]],
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  energy = await insertCommunity(server.db, { name: "Energy ISAC", description: "" }, server.context.clock());
  await setCommunityOrganisations(server.db, energy, [
    organisations.authority,
    organisations.operator,
    organisations.other,
  ]);
  [waterClient, gridBoss] = await Promise.all([
    server.client("member@water.example"),
    server.client("boss@grid.example"),
  ]);
});
afterAll(() => server.close());

/** What each reader is served of one object: its name and versions, over TAXII and the browser. */
async function served(auth: string, client: Client | null, id: string) {
  const url = `${objectsUrl()}${id}/`;
  const last = await taxii(url, auth);
  const all = await taxii(`${url}?match[version]=all`, auth);
  const versions = await taxii(`${url}versions/`, auth);
  const manifest = await taxii(
    `/taxii2/api/collections/${energy}/manifest/?match[id]=${id}&match[version]=all`,
    auth,
  );
  const browsed = client
    ? await client.call("getStixCollectionObject", { params: { id: energy, stixId: id } })
    : null;
  return {
    name: last.json.objects?.[0]?.name,
    names: (all.json.objects ?? []).map((o: { name: string }) => o.name),
    versions: versions.json.versions,
    manifest: (manifest.json.objects ?? []).map((o: { version: string }) => o.version),
    browsed: browsed ? [browsed.name, browsed.version] : null,
  };
}

describe("another organisation's versions of an object", () => {
  it("never reach the owner's readers, and a forged revocation does not lock the owner out", async () => {
    const id = `tool--${uuid(1)}`;
    expect((await post(AUTHORITY, tool(1, 2, "Substation scanner"))).success_count).toBe(1);
    server.advance(1000);
    // The grid operator posts a newer version, then revokes the object.
    const forged = await post(GRID, tool(1, 3, "Forged scanner"));
    const revoked = await post(GRID, tool(1, 4, "Forged scanner", "amber", { revoked: true }));
    expect([forged.success_count, revoked.success_count]).toEqual([1, 1]);
    for (const [auth, client] of [
      [WATER, waterClient],
      [AUTHORITY, null],
    ] as const)
      expect(await served(auth, client, id)).toEqual({
        name: "Substation scanner",
        names: ["Substation scanner"],
        versions: [at(2)],
        manifest: [at(2)],
        browsed: client ? ["Substation scanner", at(2)] : null,
      });
    // The owner goes on versioning its object, and its readers follow.
    const next = await post(AUTHORITY, tool(1, 5, "Substation scanner v2"));
    expect(next).toMatchObject({ success_count: 1, failure_count: 0 });
    expect(await served(WATER, waterClient, id)).toMatchObject({
      name: "Substation scanner v2",
      versions: [at(2), at(5)],
      browsed: ["Substation scanner v2", at(5)],
    });
  });

  it("are deleted only from their own organisation's versions", async () => {
    const id = `tool--${uuid(2)}`;
    await post(AUTHORITY, tool(2, 2, "Relay scanner"));
    await post(GRID, tool(2, 3, "Relay scanner, forged"));
    const all = `${objectsUrl()}${id}/?match[version]=all`;
    // The water utility holds no version of it: refused.
    expect((await taxii(all, WATER, "DELETE")).status).toBe(403);
    // The grid operator's DELETE removes the grid operator's own version, never the authority's.
    expect((await taxii(all, GRID, "DELETE")).status).toBe(200);
    expect((await taxii(all, GRID, "DELETE")).status).toBe(403);
    expect(await served(WATER, waterClient, id)).toMatchObject({
      names: ["Relay scanner"],
      versions: [at(2)],
    });
  });
});

describe("Bulwark's own mirror of a published item", () => {
  it("stays its author's: another organisation cannot version it, nor publish in its author's name", async () => {
    const draft = await gridBoss.call("createSharedItem", {
      body: {
        type: "report",
        title: "Substation fence cut",
        body: "A fence was cut at night.",
        sectors: ["energy-electricity"],
        tlp: "green",
        audience: { communityIds: [energy] },
      },
    });
    const item = await gridBoss.call("submitSharedItem", { params: { id: draft.id } });
    const id = itemStixId({ id: item.id, type: "report", pattern: null });
    const mirrored = await waterClient.call("getStixCollectionObject", {
      params: { id: energy, stixId: id },
    });
    expect(mirrored.name).toBe("Substation fence cut");
    const object = mirrored.object as Record<string, unknown>;
    const later = "2099-01-01T00:00:00.000Z";
    // In the author's name: refused.
    const named = await post(AUTHORITY, { ...object, modified: later, name: "Forged report" });
    expect(named.failures).toEqual([
      expect.objectContaining({
        id,
        message: expect.stringMatching(/created_by_ref names another Bulwark organisation/),
      }),
    ]);
    // Without a creator: held as the authority's own version, never served as the item.
    const { created_by_ref: _creator, ...anonymous } = object;
    const revoking = await post(AUTHORITY, { ...anonymous, modified: later, name: "Forged", revoked: true });
    expect(revoking.success_count).toBe(1);
    const after = await taxii(`${objectsUrl()}${id}/?match[version]=all`, WATER);
    expect(after.json.objects.map((o: { name: string }) => o.name)).toEqual(["Substation fence cut"]);
    expect(after.json.objects[0].revoked).toBeUndefined();
  });

  it("refuses another Bulwark organisation's identity", async () => {
    const identity = {
      type: "identity",
      spec_version: "2.1",
      id: organisationStixId(server.cast.organisations.operator),
      created: at(1),
      modified: "2099-01-01T00:00:00.000Z",
      name: "Grid operator (forged)",
      identity_class: "organization",
    };
    const refused = await post(AUTHORITY, identity);
    expect(refused.failures).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/another Bulwark organisation's identity/) }),
    ]);
    expect((await post(GRID, identity)).success_count).toBe(1);
  });
});

describe("what a poster is told", () => {
  // A STIX observable's id is deterministic (a UUIDv5 of its value): anyone can compute it.
  const address = (n: number, tlp: TlpMarking) => ({
    type: "ipv4-addr",
    spec_version: "2.1",
    id: `ipv4-addr--${uuid(100 + n)}`,
    value: `203.0.113.${n}`,
    object_marking_refs: [TLP_2_0_MARKING_IDS[tlp]],
  });

  it("is the same whether or not another organisation holds the object at AMBER+STRICT", async () => {
    expect((await post(AUTHORITY, address(1, "amber+strict"))).success_count).toBe(1);
    // The grid operator posts the object the authority holds, and one nobody holds.
    const held = await post(GRID, address(1, "amber"));
    const fresh = await post(GRID, address(2, "amber"));
    const entries = (status: { successes?: unknown[]; failures?: unknown[] }) => ({
      successes: (status.successes ?? []).map((s) => ({ ...(s as object), id: "x", version: "x" })),
      failures: status.failures ?? [],
    });
    expect(entries(held)).toEqual(entries(fresh));
    expect(held.successes[0].message).toBeUndefined();
    // The same over the import endpoint.
    const analyst = await server.client("analyst@grid.example");
    const bundle = (...objects: unknown[]) => ({ type: "bundle", id: `bundle--${uuid(999)}`, objects });
    await post(AUTHORITY, address(3, "amber+strict"));
    const imported = await analyst.call("importStixBundle", {
      query: { collection: energy },
      body: bundle(address(3, "amber"), address(4, "amber")),
    });
    expect(imported).toMatchObject({ total: 2, added: 2, duplicates: 0 });
    // Its own organisation's copy is a duplicate, as before.
    const again = await post(GRID, address(1, "amber"));
    expect(again.successes[0].message).toBe("This version was already held.");
  });
});
