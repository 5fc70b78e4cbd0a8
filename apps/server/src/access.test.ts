// Every endpoint of the contract, called by someone who may not: anonymous callers get 401 on all
// but the public ones, and nothing changes. Per-role checks live beside each capability's routes.
import { endpoints } from "@bulwark/contracts";
import { rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ANY_ID = "00000000-0000-4000-8000-000000000000";

async function snapshot(): Promise<string> {
  const result = await server.db.execute(sql`select
    (select count(*) from organisations) as organisations,
    (select count(*) from users) as users,
    (select count(*) from communities) as communities,
    (select count(*) from api_tokens) as tokens,
    (select count(*) from sessions) as sessions,
    (select count(*) from audit_log) as audit,
    (select coalesce(max(updated_at)::text, '') from users) as users_changed`);
  return JSON.stringify(rowsOf(result));
}

describe("anonymous callers", () => {
  const protectedEndpoints = Object.entries(endpoints).filter(([, endpoint]) => endpoint.auth === "user");

  it("covers every endpoint but health, login and the federation's two installation-to-installation ones", () => {
    // An installation's public key is public; a hub's aggregates endpoint authenticates the sending
    // installation by its own token and signature (federation/federation.test.ts).
    expect(
      Object.keys(endpoints).filter((name) => !protectedEndpoints.some(([other]) => other === name)),
    ).toEqual(["health", "login", "getFederationIdentity", "receiveFederationAggregates"]);
  });

  it.each(protectedEndpoints)("%s answers 401 problem+json and changes nothing", async (_name, endpoint) => {
    const before = await snapshot();
    const response = await server.inject({
      method: endpoint.method,
      url: endpoint.path.replace(":id", ANY_ID),
      ...(endpoint.method === "GET" || endpoint.method === "DELETE" ? {} : { payload: {} }),
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(await snapshot()).toBe(before);
  });

  it("gets 401 with a malformed or unknown bearer token", async () => {
    for (const authorization of ["Bearer nonsense", "Basic abc", "Bearer bwk_unknown"]) {
      const response = await server.inject({ method: "GET", url: "/api/me", headers: { authorization } });
      expect(response.statusCode).toBe(401);
    }
  });
});
