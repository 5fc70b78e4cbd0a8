// A TAXII round trip between two Bulwark instances, each on its own database: A serves a
// community's collection at /taxii2/ on an ephemeral port; B subscribes one of its communities to
// it over HTTP (Basic auth as one of A's members), pulls, and holds what that member may read on A,
// under the markings the objects carry. Pulling again adds nothing; a new version on A arrives on B
// as a version; AMBER+STRICT objects of another organisation and RED never leave A.
import type { AddressInfo } from "node:net";
import type { Client } from "@bulwark/contracts";
import { TLP_2_0_MARKING_IDS } from "@bulwark/core";
import { insertCommunity, rowsOf, setCommunityOrganisations } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";

let a: TestServer;
let b: TestServer;
let apiRoot: string;
let aCommunity: string;
let bCommunity: string;
let aAdmin: Client; // A: the authority's platform administrator, imports into the collection
let bAdmin: Client; // B: an organisation administrator, runs the subscription
let subscription: string;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const stamp = "2026-11-01T00:00:00.000Z";
const object = (n: number, name: string, marking?: keyof typeof TLP_2_0_MARKING_IDS, modified = stamp) => ({
  type: "indicator",
  spec_version: "2.1",
  id: `indicator--${uuid(n)}`,
  created: stamp,
  modified,
  name,
  pattern: `[ipv4-addr:value = '198.51.100.${n}']`,
  pattern_type: "stix",
  valid_from: stamp,
  ...(marking ? { object_marking_refs: [TLP_2_0_MARKING_IDS[marking]] } : {}),
});
const bundle = (objects: unknown[]) => ({
  type: "bundle",
  id: `bundle--${uuid(900 + objects.length)}`,
  objects,
});

const heldOnB = async () =>
  rowsOf<{ name: string; tlp: string; source: string; version: string }>(
    await b.db.execute(sql`select object->>'name' as name, tlp, source,
      to_char(version at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as version
      from stix_objects where collection_id = ${bCommunity} order by object->>'name', version`),
  );

beforeAll(async () => {
  // B reaches A on loopback, which the outbound guard refuses unless allowed.
  [a, b] = await Promise.all([
    startTestServer(),
    startTestServer({ env: { BULWARK_OUTBOUND_ALLOW: "127.0.0.1" } }),
  ]);
  await a.app.listen({ port: 0, host: "127.0.0.1" });
  apiRoot = `http://127.0.0.1:${(a.app.server.address() as AddressInfo).port}/taxii2/api/`;
  aCommunity = await insertCommunity(a.db, { name: "Energy ISAC", description: "" }, a.context.clock());
  await setCommunityOrganisations(a.db, aCommunity, [
    a.cast.organisations.authority,
    a.cast.organisations.operator,
  ]);
  bCommunity = await insertCommunity(b.db, { name: "Regional feed", description: "" }, b.context.clock());
  await setCommunityOrganisations(b.db, bCommunity, [b.cast.organisations.operator]);
  aAdmin = await a.client("admin@authority.example");
  bAdmin = await b.client("boss@grid.example");
  const imported = await aAdmin.call("importStixBundle", {
    query: { collection: aCommunity },
    body: bundle([
      object(1, "Substation scanner", "green"),
      object(2, "Unmarked beacon"),
      object(3, "Authority eyes only", "amber+strict"),
      object(4, "Named people only", "red"),
      object(5, "Public list", "clear"),
    ]),
  });
  expect(imported).toMatchObject({ added: 4, refused: [{ id: `indicator--${uuid(4)}` }] });
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe("a TAXII round trip between two Bulwark instances", () => {
  it("tests the connection: A shows B's credentials the collection, readable", async () => {
    const report = await bAdmin.call("testTaxiiConnection", {
      body: {
        communityId: bCommunity,
        apiRootUrl: apiRoot,
        collectionId: aCommunity,
        auth: { kind: "basic", username: "member@grid.example", password: PASSWORD },
      },
    });
    expect(report).toMatchObject({ ok: true, collectionFound: true, canRead: true, error: null });
  });

  it("pulls what A's member may read, under its markings; AMBER+STRICT of another organisation and RED stay on A", async () => {
    subscription = (
      await bAdmin.call("createTaxiiSubscription", {
        body: {
          communityId: bCommunity,
          name: "A's Energy ISAC",
          apiRootUrl: apiRoot,
          collectionId: aCommunity,
          auth: { kind: "basic", username: "member@grid.example", password: PASSWORD },
          defaultTlp: "green",
        },
      })
    ).id;
    const run = await bAdmin.call("pullTaxiiSubscription", { params: { id: subscription } });
    expect(run.lastRun).toMatchObject({ outcome: "ok", received: 3, added: 3, refused: 0, error: null });
    expect(run.cursor).not.toBeNull();
    expect(await heldOnB()).toEqual([
      { name: "Public list", tlp: "clear", source: "subscription", version: stamp },
      { name: "Substation scanner", tlp: "green", source: "subscription", version: stamp },
      // Unmarked on the wire: held under the subscription's default.
      { name: "Unmarked beacon", tlp: "green", source: "subscription", version: stamp },
    ]);
  });

  it("adds nothing when pulled again", async () => {
    const run = await bAdmin.call("pullTaxiiSubscription", { params: { id: subscription } });
    expect(run.lastRun).toMatchObject({ outcome: "ok", received: 0, added: 0 });
    expect(await heldOnB()).toHaveLength(3);
  });

  it("brings a new version on A across as a version", async () => {
    a.advance(60_000);
    await aAdmin.call("importStixBundle", {
      query: { collection: aCommunity },
      body: bundle([object(1, "Substation scanner", "green", "2026-11-02T00:00:00.000Z")]),
    });
    const run = await bAdmin.call("pullTaxiiSubscription", { params: { id: subscription } });
    expect(run.lastRun).toMatchObject({ outcome: "ok", received: 1, added: 1 });
    expect(
      (await heldOnB()).filter((row) => row.name === "Substation scanner").map((row) => row.version),
    ).toEqual([stamp, "2026-11-02T00:00:00.000Z"]);
  });

  it("reports A's 401 for a wrong password as the last run's error, and works with a bearer token", async () => {
    await bAdmin.call("updateTaxiiSubscription", {
      params: { id: subscription },
      body: { auth: { kind: "basic", username: "member@grid.example", password: "not the password" } },
    });
    const refused = await bAdmin.call("pullTaxiiSubscription", { params: { id: subscription } });
    expect(refused.lastRun?.outcome).toBe("failed");
    expect(refused.lastRun?.error).toMatch(/401 Unauthorized/);
    expect(refused.lastRun?.error).not.toContain("not the password");

    const member = await a.client("member@grid.example");
    const { token } = await member.call("createToken", {
      body: { name: "Regional feed on B", scopes: ["taxii"] },
    });
    await bAdmin.call("updateTaxiiSubscription", {
      params: { id: subscription },
      body: { auth: { kind: "bearer", token } },
    });
    const run = await bAdmin.call("pullTaxiiSubscription", { params: { id: subscription } });
    expect(run.lastRun).toMatchObject({ outcome: "ok", added: 0, error: null });
  });
});
