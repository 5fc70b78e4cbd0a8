// Guessing is cut short: parallel wrong passwords are checked only as far as the lockout allows,
// and one client address gets a limited number of failed passwords or tokens, whatever accounts
// they name (sign-in, TAXII's HTTP Basic, API tokens), with 429 and Retry-After beyond it.
import { ADDRESS_FAILURES, FREE_ATTEMPTS } from "@bulwark/core";
import { deleteStaleThrottles, listAudit, schema } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { trustedProxies: ["10.0.0.1"] } });
});
afterAll(() => server.close());

const basic = (email: string, password: string) =>
  `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;
const TAXII_ACCEPT = "application/taxii+json;version=2.1";

/** Failed sign-ins recorded since `after` (a sequence number), by reason. */
async function failuresSince(after: number): Promise<Record<string, number>> {
  const entries = (await listAudit(server.db, { kind: "all" }, { limit: 200 })).items;
  const counts: Record<string, number> = {};
  for (const entry of entries)
    if (entry.seq > after && entry.action === "auth.sign-in-failed") {
      const reason = /"reason":"([^"]+)"/.exec(JSON.stringify(entry.details))?.[1] ?? "";
      counts[reason] = (counts[reason] ?? 0) + 1;
    }
  return counts;
}
const lastSeq = async () => (await listAudit(server.db, { kind: "all" }, { limit: 1 })).items[0]?.seq ?? 0;
const clearCounters = () => server.db.delete(schema.authThrottle);

describe("the account lockout under parallel guessing", () => {
  it("checks at most the allowed number of 15 parallel wrong passwords; the rest are refused unchecked", async () => {
    const before = await lastSeq();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, n) =>
        server.inject({
          method: "POST",
          url: "/api/auth/login",
          remoteAddress: `192.0.2.${n + 1}`,
          payload: { email: "analyst@grid.example", password: `guess number ${n}` },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(FREE_ATTEMPTS);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(15 - FREE_ATTEMPTS);
    const reasons = await failuresSince(before);
    expect(reasons["wrong-password"]).toBeLessThanOrEqual(FREE_ATTEMPTS);
    expect(reasons.locked).toBeGreaterThanOrEqual(15 - FREE_ATTEMPTS);
    const locked = answers.find((answer) => answer.statusCode === 429);
    expect(locked?.headers["retry-after"]).toMatch(/^\d+$/);
    expect(locked?.headers["content-type"]).toMatch(/application\/problem\+json/);
    server.advance(3_600_000);
  });

  it("does the same for TAXII's HTTP Basic, whose failures share the account's count", async () => {
    const before = await lastSeq();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, n) =>
        server.inject({
          method: "GET",
          url: "/taxii2/api/collections/",
          remoteAddress: `198.51.100.${n + 1}`,
          headers: { accept: TAXII_ACCEPT, authorization: basic("member@water.example", `guess ${n}`) },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.statusCode === 401).length).toBeLessThanOrEqual(FREE_ATTEMPTS);
    const reasons = await failuresSince(before);
    expect(reasons["wrong-password"]).toBeLessThanOrEqual(FREE_ATTEMPTS);
    const refused = answers.find((answer) => answer.statusCode === 429);
    expect(refused?.headers["content-type"]).toBe(TAXII_ACCEPT);
    expect(refused?.headers["retry-after"]).toMatch(/^\d+$/);
    expect(refused?.json()).toMatchObject({ http_status: "429" });
    server.advance(3_600_000);
  });
});

describe("per client address", () => {
  it(`allows ${ADDRESS_FAILURES} failed sign-ins from one address, whatever the accounts, then answers 429`, async () => {
    await clearCounters();
    const attempt = (n: number, headers: Record<string, string> = {}) =>
      server.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "203.0.113.7",
        headers,
        payload: { email: `nobody${n}@nowhere.example`, password: "whatever" },
      });
    for (let n = 0; n < ADDRESS_FAILURES; n++) expect((await attempt(n)).statusCode).toBe(401);
    const refused = await attempt(ADDRESS_FAILURES);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.json().type).toBe("urn:bulwark:problem:throttled");
    // A forwarded header from an untrusted client changes nothing, nor does the right password.
    expect((await attempt(99, { "x-forwarded-for": "192.0.2.200" })).statusCode).toBe(429);
    const right = await server.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "203.0.113.7",
      payload: { email: "member@grid.example", password: PASSWORD },
    });
    expect(right.statusCode).toBe(429);
    // Another address is not held back.
    const elsewhere = await server.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "203.0.113.8",
      payload: { email: "member@grid.example", password: PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it("counts the client behind a trusted proxy by X-Forwarded-For, each client apart", async () => {
    await clearCounters();
    const viaProxy = (client: string) =>
      server.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "10.0.0.1",
        headers: { "x-forwarded-for": client },
        payload: { email: "nobody@nowhere.example", password: "whatever" },
      });
    for (let n = 0; n < ADDRESS_FAILURES; n++) await viaProxy("192.0.2.50");
    expect((await viaProxy("192.0.2.50")).statusCode).toBe(429);
    expect((await viaProxy("192.0.2.51")).statusCode).toBe(401);
  });

  it("throttles wrong API tokens from one address, on the API and on TAXII", async () => {
    await clearCounters();
    const api = () =>
      server.inject({
        method: "GET",
        url: "/api/me",
        remoteAddress: "203.0.113.20",
        headers: { authorization: "Bearer bwk_wrong-guess" },
      });
    for (let n = 0; n < ADDRESS_FAILURES; n++) expect((await api()).statusCode).toBe(401);
    const refused = await api();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    const taxii = await server.inject({
      method: "GET",
      url: "/taxii2/api/collections/",
      remoteAddress: "203.0.113.20",
      headers: { accept: TAXII_ACCEPT, authorization: "Bearer bwk_wrong-guess" },
    });
    expect(taxii.statusCode).toBe(429);
    expect(taxii.headers["content-type"]).toBe(TAXII_ACCEPT);
    expect(taxii.headers["retry-after"]).toMatch(/^\d+$/);
  });

  it("forgets ended windows: the address may try again, and the purge deletes the old rows", async () => {
    server.advance(16 * 60_000);
    const again = await server.inject({
      method: "GET",
      url: "/api/me",
      remoteAddress: "203.0.113.20",
      headers: { authorization: "Bearer bwk_wrong-guess" },
    });
    expect(again.statusCode).toBe(401);
    expect((await server.db.select().from(schema.authThrottle)).length).toBeGreaterThan(0);
    server.advance(16 * 60_000);
    expect(await deleteStaleThrottles(server.db, server.context.clock())).toBeGreaterThan(0);
    expect(await server.db.select().from(schema.authThrottle)).toEqual([]);
  });
});
