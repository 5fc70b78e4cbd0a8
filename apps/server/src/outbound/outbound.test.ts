// The outbound guard through the API (finding 20): a TAXII connection test or pull that names
// loopback, link-local, private or metadata addresses, a name resolving to loopback, or a redirect
// to loopback is refused before any connection, with the same answer whether something listens
// there or not; a host the administrator allowed is reached.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Client } from "@bulwark/contracts";
import { insertCommunity, setCommunityOrganisations } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RemoteDouble, startRemoteDouble } from "../taxii-client/remote-double.ts";
import { startTestServer, type TestServer } from "../testing.ts";

const COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";

let server: TestServer;
let remote: RemoteDouble;
let gridAdmin: Client;
let energy: string;
/** An internal service on loopback (IPv4 and IPv6) that must never be reached; counts its hits. */
let internal: { v4: Server; v6: Server | null; hits: number; port4: number; port6: number };

async function listen(host: string): Promise<Server> {
  const listening = createServer((_request, response) => {
    internal.hits++;
    response.writeHead(200, { "content-type": "application/taxii+json;version=2.1" });
    response.end(JSON.stringify({ title: "internal", versions: ["application/taxii+json;version=2.1"] }));
  });
  listening.listen(0, host);
  await once(listening, "listening");
  return listening;
}
const portOf = (listening: Server) => (listening.address() as AddressInfo).port;

beforeAll(async () => {
  internal = { v4: createServer(), v6: null, hits: 0, port4: 0, port6: 0 };
  internal.v4 = await listen("127.0.0.1");
  internal.port4 = portOf(internal.v4);
  internal.v6 = await listen("::1").catch(() => null);
  internal.port6 = internal.v6 ? portOf(internal.v6) : internal.port4;
  remote = await startRemoteDouble();
  // Only the stand-in remote's own host and port are allowed, not the rest of loopback.
  server = await startTestServer({
    env: { BULWARK_OUTBOUND_ALLOW: new URL(remote.apiRoot).host },
  });
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, server.context.clock());
  await setCommunityOrganisations(server.db, energy, [
    server.cast.organisations.authority,
    server.cast.organisations.operator,
  ]);
  gridAdmin = await server.client("boss@grid.example");
});
afterAll(async () => {
  internal.v4.close();
  internal.v6?.close();
  await remote.close();
  await server.close();
});

const test = (apiRootUrl: string) =>
  gridAdmin.call("testTaxiiConnection", {
    body: { communityId: energy, apiRootUrl, collectionId: COLLECTION, auth: { kind: "none" } },
  });

describe("the outbound guard", () => {
  it.each([
    [
      "loopback on any port",
      () => `http://127.0.0.1:${internal.port4}/api/`,
      /127\.0\.0\.1 is on a loopback/,
    ],
    ["IPv6 loopback", () => `http://[::1]:${internal.port6}/api/`, /\[::1\] is on a loopback/],
    ["a name resolving to loopback", () => `http://localhost:${internal.port4}/api/`, /localhost is on a/],
    ["the cloud metadata address", () => "https://169.254.169.254/api/", /link-local address/],
    ["a private network", () => "https://10.0.0.1/api/", /10\.0\.0\.1 is on a private network/],
    ["an IPv4-mapped IPv6 loopback", () => "https://[::ffff:127.0.0.1]/api/", /loopback/],
  ])("refuses a connection test to %s before connecting", async (_name, url, message) => {
    const hits = internal.hits;
    const report = await test(url());
    expect(report).toMatchObject({ ok: false, apiRoot: null });
    expect(report.error).toMatch(message);
    expect(report.error).toMatch(/an administrator can allow it with BULWARK_OUTBOUND_ALLOW=/);
    expect(internal.hits).toBe(hits);
  });

  it("answers alike whether something listens on the refused port or not", async () => {
    const open = await test(`http://127.0.0.1:${internal.port4}/api/`);
    const closed = await test("http://127.0.0.1:9/api/");
    expect(open.error?.replace(`:${internal.port4}`, ":PORT")).toBe(closed.error?.replace(":9", ":PORT"));
  });

  it("reaches a host the administrator allowed, and never follows its redirect to loopback", async () => {
    remote.answer((request) =>
      request.path === "/api1/"
        ? { body: { title: "Allowed hub", versions: ["application/taxii+json;version=2.1"] } }
        : request.path === "/api1/collections/"
          ? { body: { collections: [{ id: COLLECTION, title: "Feed", can_read: true, can_write: false }] } }
          : { status: 404, body: {} },
    );
    expect(await test(remote.apiRoot)).toMatchObject({ ok: true, apiRoot: { title: "Allowed hub" } });

    const hits = internal.hits;
    remote.answer(() => ({
      status: 302,
      headers: { location: `http://127.0.0.1:${internal.port4}/api/` },
      body: {},
    }));
    const redirected = await test(remote.apiRoot);
    expect(redirected).toMatchObject({ ok: false, apiRoot: null });
    expect(redirected.error).toMatch(/redirect/);
    expect(internal.hits).toBe(hits);
  });

  it("refuses a pull from loopback, recorded as the run's error", async () => {
    const hits = internal.hits;
    const saved = await gridAdmin.call("createTaxiiSubscription", {
      body: {
        communityId: energy,
        name: "Internal",
        apiRootUrl: `http://127.0.0.1:${internal.port4}/api/`,
        collectionId: COLLECTION,
        auth: { kind: "none" },
      },
    });
    const pulled = await gridAdmin.call("pullTaxiiSubscription", { params: { id: saved.id } });
    expect(pulled.lastRun?.outcome).toBe("failed");
    expect(pulled.lastRun?.error).toMatch(/127\.0\.0\.1 is on a loopback address/);
    expect(internal.hits).toBe(hits);
  });
});
