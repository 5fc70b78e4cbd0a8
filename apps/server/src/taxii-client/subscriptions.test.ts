// TAXII subscriptions through the API: who may create, see, change, test, pull and delete them;
// bad input refused with problem+json; credentials sealed at rest and never returned or audited.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Client, TaxiiSubscriptionCreateInput } from "@bulwark/contracts";
import { insertCommunity, listAudit, rowsOf, setCommunityOrganisations, writeBackup } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";
import { openCredentials } from "./credentials.ts";
import { type RemoteDouble, startRemoteDouble } from "./remote-double.ts";

let server: TestServer;
let remote: RemoteDouble;
let gridAdmin: Client; // organisation administrator of a member organisation: runs subscriptions
let gridMember: Client; // member: sees them
let outsider: Client; // water utility, not in the community
let energy: string;
let water: string;
const PASSWORD = "remote-password-that-must-not-leak";

const subscription = (over: Partial<TaxiiSubscriptionCreateInput> = {}): TaxiiSubscriptionCreateInput => ({
  communityId: energy,
  name: "Regional hub",
  apiRootUrl: remote.apiRoot,
  collectionId: "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
  auth: { kind: "basic", username: "bulwark@hub.example", password: PASSWORD },
  ...over,
});

beforeAll(async () => {
  // The stand-in remote listens on loopback, which the outbound guard refuses unless allowed.
  server = await startTestServer({ env: { BULWARK_OUTBOUND_ALLOW: "127.0.0.1" } });
  remote = await startRemoteDouble();
  const { organisations } = server.cast;
  const now = server.context.clock();
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  water = await insertCommunity(server.db, { name: "Water", description: "" }, now);
  await setCommunityOrganisations(server.db, water, [organisations.authority, organisations.other]);
  [gridAdmin, gridMember, outsider] = await Promise.all([
    server.client("boss@grid.example"),
    server.client("member@grid.example"),
    server.client("member@water.example"),
  ]);
});
afterAll(async () => {
  await remote.close();
  await server.close();
});

describe("creating a subscription", () => {
  it("refuses bad input with problem+json and stores nothing", async () => {
    const bad: [Partial<TaxiiSubscriptionCreateInput>, RegExp][] = [
      [{ apiRootUrl: "not a url" }, /apiRootUrl/],
      [{ apiRootUrl: "http://hub.example/taxii2/api1/" }, /https/],
      [{ apiRootUrl: "https://user:pw@hub.example/api1/" }, /credentials/],
      [{ apiRootUrl: "https://hub.example/api1/?x=1" }, /query/],
      [{ collectionId: "../../admin" }, /collection id/],
      [{ intervalMinutes: 1 }, /intervalMinutes/],
      [{ intervalMinutes: 20_000 }, /intervalMinutes/],
      [{ defaultTlp: "red" as "amber" }, /defaultTlp/],
      [{ auth: { kind: "basic", username: "x", password: "" } }, /auth/],
    ];
    for (const [over, message] of bad) {
      const response = await server.inject({
        method: "POST",
        url: "/api/sharing/taxii-subscriptions",
        headers: { authorization: `Bearer ${await tokenOf(gridAdmin)}` },
        payload: subscription(over),
      });
      expect(response.statusCode, JSON.stringify(over)).toBe(400);
      expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(response.body).toMatch(message);
    }
    expect(await gridAdmin.call("listTaxiiSubscriptions", { query: {} })).toEqual([]);
  });

  it("answers 404 for a community the caller's organisation is not in, 403 to members who do not run them", async () => {
    expect(
      await statusOf(
        gridAdmin.call("createTaxiiSubscription", { body: subscription({ communityId: water }) }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        gridAdmin.call("createTaxiiSubscription", {
          body: subscription({ communityId: "00000000-0000-4000-8000-000000000000" }),
        }),
      ),
    ).toBe(404);
    expect(await statusOf(outsider.call("createTaxiiSubscription", { body: subscription() }))).toBe(404);
    expect(await statusOf(gridMember.call("createTaxiiSubscription", { body: subscription() }))).toBe(403);
  });

  it("seals the credentials, never returns or audits them", async () => {
    const created = await gridAdmin.call("createTaxiiSubscription", { body: subscription() });
    expect(created).toMatchObject({
      community: { id: energy, name: "Energy" },
      apiRootUrl: remote.apiRoot,
      authKind: "basic",
      credentialsSet: true,
      defaultTlp: "amber",
      intervalMinutes: 60,
      enabled: true,
      cursor: null,
      lastRun: null,
      mayManage: true,
    });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    expect(JSON.stringify(created)).not.toContain("bulwark@hub.example");
    const [row] = rowsOf<{ credentials: string }>(
      await server.db.execute(sql`select credentials from taxii_subscriptions where id = ${created.id}`),
    );
    expect(row?.credentials).toMatch(/^v1\./);
    expect(row?.credentials).not.toContain(PASSWORD);
    expect(openCredentials(server.context.config.secret ?? "", created.id, row?.credentials ?? "")).toEqual({
      kind: "basic",
      username: "bulwark@hub.example",
      password: PASSWORD,
    });
    // Sealed for this subscription only: the same value under another id does not open.
    expect(() => openCredentials(server.context.config.secret ?? "", energy, row?.credentials ?? "")).toThrow(
      /cannot be opened/,
    );
    const audit = await listAudit(
      server.db,
      { kind: "all" },
      { action: "taxii-subscription.create", limit: 10 },
    );
    expect(audit.items).toHaveLength(1);
    expect(JSON.stringify(audit.items)).not.toContain(PASSWORD);
    // A backup copies them sealed: the key is not in the database, so not in the backup.
    const file = join(mkdtempSync(join(tmpdir(), "bulwark-taxii-")), "backup.jsonl.gz");
    await writeBackup(server.db, file, server.context.clock(), server.context.config.secret ?? "");
    const backup = gunzipSync(readFileSync(file)).toString("utf8");
    expect(backup).toContain(row?.credentials);
    expect(backup).not.toContain(PASSWORD);
    expect(backup).not.toContain(server.context.config.secret);
    await gridAdmin.call("deleteTaxiiSubscription", { params: { id: created.id } });
  });
});

describe("a community's subscriptions", () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await gridAdmin.call("createTaxiiSubscription", { body: subscription({ name: "Seen by members" }) })
    ).id;
  });

  it("are seen by members, who may not run them", async () => {
    const [seen] = await gridMember.call("listTaxiiSubscriptions", { query: { communityId: energy } });
    expect(seen).toMatchObject({ id, mayManage: false, credentialsSet: true });
    expect(await statusOf(gridMember.call("pullTaxiiSubscription", { params: { id } }))).toBe(403);
    expect(await statusOf(gridMember.call("testTaxiiSubscription", { params: { id } }))).toBe(403);
    expect(
      await statusOf(
        gridMember.call("updateTaxiiSubscription", { params: { id }, body: { enabled: false } }),
      ),
    ).toBe(403);
    expect(await statusOf(gridMember.call("deleteTaxiiSubscription", { params: { id } }))).toBe(403);
  });

  it("are invisible to people outside the community, through every route", async () => {
    expect(await outsider.call("listTaxiiSubscriptions", { query: {} })).toEqual([]);
    expect(await outsider.call("listTaxiiSubscriptions", { query: { communityId: energy } })).toEqual([]);
    expect(await statusOf(outsider.call("getTaxiiSubscription", { params: { id } }))).toBe(404);
    expect(
      await statusOf(outsider.call("updateTaxiiSubscription", { params: { id }, body: { enabled: false } })),
    ).toBe(404);
    expect(await statusOf(outsider.call("testTaxiiSubscription", { params: { id } }))).toBe(404);
    expect(await statusOf(outsider.call("pullTaxiiSubscription", { params: { id } }))).toBe(404);
    expect(await statusOf(outsider.call("deleteTaxiiSubscription", { params: { id } }))).toBe(404);
    expect(
      await statusOf(
        outsider.call("testTaxiiConnection", {
          body: {
            communityId: energy,
            apiRootUrl: remote.apiRoot,
            collectionId: "c",
            auth: { kind: "none" },
          },
        }),
      ),
    ).toBe(404);
    expect((await gridAdmin.call("getTaxiiSubscription", { params: { id } })).enabled).toBe(true);
  });

  it("change interval and switch off; credentials stay unless new ones are given; a new remote starts over", async () => {
    await server.db.execute(
      sql`update taxii_subscriptions set cursor = '2026-11-24T08:00:00.000001Z' where id = ${id}`,
    );
    const changed = await gridAdmin.call("updateTaxiiSubscription", {
      params: { id },
      body: { intervalMinutes: 15, enabled: false },
    });
    expect(changed).toMatchObject({
      intervalMinutes: 15,
      enabled: false,
      credentialsSet: true,
      authKind: "basic",
    });
    expect(changed.cursor).toBe("2026-11-24T08:00:00.000001Z");
    const moved = await gridAdmin.call("updateTaxiiSubscription", {
      params: { id },
      body: { collectionId: "another-collection", auth: { kind: "none" } },
    });
    expect(moved).toMatchObject({
      collectionId: "another-collection",
      authKind: "none",
      credentialsSet: false,
      cursor: null,
    });
    expect(
      await statusOf(
        gridAdmin.call("updateTaxiiSubscription", { params: { id }, body: { intervalMinutes: 4 } }),
      ),
    ).toBe(400);
  });

  it("are deleted by those who run them", async () => {
    await gridAdmin.call("deleteTaxiiSubscription", { params: { id } });
    expect(await statusOf(gridAdmin.call("getTaxiiSubscription", { params: { id } }))).toBe(404);
    const audit = await listAudit(
      server.db,
      { kind: "all" },
      { action: "taxii-subscription.delete", limit: 10 },
    );
    expect(audit.items.map((item) => item.targetId)).toContain(id);
  });
});

describe("testing a connection", () => {
  it("reports what the remote shows these credentials: API root, collections, can_read", async () => {
    remote.answer((request) => {
      if (
        request.headers.authorization !==
        `Basic ${Buffer.from(`bulwark@hub.example:${PASSWORD}`).toString("base64")}`
      )
        return { status: 401, body: { title: "Unauthorized" } };
      if (request.path === "/api1/")
        return { body: { title: "Regional hub", versions: ["application/taxii+json;version=2.1"] } };
      if (request.path === "/api1/collections/")
        return {
          body: {
            collections: [
              {
                id: "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
                title: "Indicators",
                can_read: true,
                can_write: false,
              },
              { id: "write-only", title: "Sightings in", can_read: false, can_write: true },
            ],
          },
        };
      return { status: 404, body: { title: "Not found" } };
    });
    const { communityId, apiRootUrl, collectionId, auth } = subscription();
    const report = await gridAdmin.call("testTaxiiConnection", {
      body: { communityId, apiRootUrl, collectionId, auth },
    });
    expect(report).toMatchObject({
      ok: true,
      apiRoot: { title: "Regional hub" },
      collectionFound: true,
      canRead: true,
      error: null,
    });
    expect(report.collections).toHaveLength(2);
    expect(remote.requests.at(-1)?.headers.accept).toBe("application/taxii+json;version=2.1");

    const writeOnly = await gridAdmin.call("testTaxiiConnection", {
      body: { communityId, apiRootUrl, collectionId: "write-only", auth },
    });
    expect(writeOnly).toMatchObject({ ok: false, collectionFound: true, canRead: false });

    const wrong = await gridAdmin.call("testTaxiiConnection", {
      body: {
        communityId,
        apiRootUrl,
        collectionId,
        auth: { kind: "basic", username: "x", password: "wrong" },
      },
    });
    expect(wrong).toMatchObject({ ok: false, apiRoot: null });
    expect(wrong.error).toMatch(/refused the credentials \(401/);

    const saved = await gridAdmin.call("createTaxiiSubscription", { body: subscription() });
    expect(await gridAdmin.call("testTaxiiSubscription", { params: { id: saved.id } })).toMatchObject({
      ok: true,
    });
    await gridAdmin.call("deleteTaxiiSubscription", { params: { id: saved.id } });
  });
});

async function tokenOf(client: Client): Promise<string> {
  const created = await client.call("createToken", {
    body: { name: "TAXII test", scopes: ["read", "write"] },
  });
  return created.token;
}
