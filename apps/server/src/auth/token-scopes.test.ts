// API tokens carry scopes: a token never manages credentials (tokens, two-factor, passwords,
// sessions), a read-only token cannot write, and TAXII takes only tokens with the taxii scope.
import { type EndpointDef, endpoints } from "@bulwark/contracts";
import { type Access, TOKEN_SCOPES, type TokenScope, tokenMay } from "@bulwark/core";
import { listAudit, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let everything = "";
let readOnly = "";
let taxiiOnly = "";
beforeAll(async () => {
  server = await startTestServer();
  const owner = await server.client("admin@authority.example");
  const token = async (scopes: ("read" | "write" | "taxii")[]) =>
    (await owner.call("createToken", { body: { name: scopes.join("+"), scopes } })).token;
  everything = await token(["read", "write", "taxii"]);
  readOnly = await token(["read"]);
  taxiiOnly = await token(["taxii"]);
});
afterAll(() => server.close());

const ANY_ID = "00000000-0000-4000-8000-000000000000";
/** A stream of server-sent events stays open once accepted, so it is asked over a socket. */
const call = (token: string, endpoint: EndpointDef, payload?: object) => {
  const url = endpoint.path.replace(/:[a-zA-Z]+/g, ANY_ID);
  const authorization = `Bearer ${token}`;
  if (endpoint.stream) return server.openStream(url, { authorization });
  return server.inject({
    method: endpoint.method,
    url,
    headers: { authorization },
    ...(endpoint.method === "GET" || endpoint.method === "DELETE" ? {} : { payload: payload ?? {} }),
  });
};

/** Everything a refused call might have changed: tokens, users, sessions, the audit trail. */
async function snapshot(): Promise<string> {
  const result = await server.db.execute(sql`select
    (select count(*) from api_tokens) as tokens,
    (select string_agg(coalesce(totp_secret, '-') || totp_enabled::text || password_hash, ',' order by id) from users) as users,
    (select count(*) from sessions) as sessions,
    (select count(*) from audit_log) as audit`);
  return JSON.stringify(rowsOf(result));
}

const entries: [string, EndpointDef][] = Object.entries(endpoints);
const sessionOnly = entries.filter(([, endpoint]) => endpoint.token === "never");
const writes = entries.filter(
  ([, endpoint]) => endpoint.auth === "user" && endpoint.method !== "GET" && endpoint.token === undefined,
);

describe("a token, whatever its scopes", () => {
  it("cannot reach what only a session may (the table names tokens, two-factor, passwords, sessions, federation consent and peers)", () => {
    expect(sessionOnly.map(([name]) => name).sort()).toEqual(
      [
        "changePassword",
        "createFederationPeer",
        "createToken",
        "listTokens",
        "logout",
        "recordFederationConsent",
        "resetPassword",
        "revokeFederationPeer",
        "revokeToken",
        "totpConfirm",
        "totpDisable",
        "totpSetup",
        "withdrawFederationConsent",
      ].sort(),
    );
  });

  it.each(sessionOnly)(
    "%s answers 403 to a token with every scope, and changes nothing",
    async (_name, endpoint) => {
      const before = await snapshot();
      const answer = await call(everything, endpoint, { name: "minted", code: "123456" });
      expect(answer.statusCode).toBe(403);
      expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(answer.json().detail).toMatch(/sign in/);
      expect(await snapshot()).toBe(before);
    },
  );

  it("cannot mint a token nor turn on two-factor sign-in with the thief's secret", async () => {
    const mint = await server.inject({
      method: "POST",
      url: "/api/me/tokens",
      headers: { authorization: `Bearer ${everything}` },
      payload: { name: "persistence", scopes: ["read", "write", "taxii"] },
    });
    expect(mint.statusCode).toBe(403);
    const totp = await server.inject({
      method: "POST",
      url: "/api/me/totp",
      headers: { authorization: `Bearer ${everything}` },
    });
    expect(totp.statusCode).toBe(403);
  });
});

describe("a read-only token", () => {
  it("reads", async () => {
    const me = await server.inject({
      method: "GET",
      url: "/api/me",
      headers: { authorization: `Bearer ${readOnly}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it.each(writes)("cannot %s (403 before its input is read, nothing changed)", async (_name, endpoint) => {
    const before = await snapshot();
    const answer = await call(readOnly, endpoint);
    expect(answer.statusCode).toBe(403);
    expect(answer.json().detail).toMatch(/'write' scope/);
    expect(await snapshot()).toBe(before);
  });

  it("may run a computation sent by POST (marked read in the table)", async () => {
    const answer = await server.inject({
      method: "POST",
      url: "/api/analysis/cascade",
      headers: { authorization: `Bearer ${readOnly}` },
      payload: {},
    });
    expect(answer.statusCode).not.toBe(403);
  });

  it("a write token writes (the same call with the write scope gets past authorisation)", async () => {
    const answer = await server.inject({
      method: "POST",
      url: "/api/organisations",
      headers: { authorization: `Bearer ${everything}` },
      payload: { name: "Token Org", kind: "academia", country: "XM" },
    });
    expect(answer.statusCode).toBe(201);
  });
});

describe("TAXII", () => {
  const taxii = (token: string, method: "GET" | "POST" = "GET") =>
    server.inject({
      method,
      url: "/taxii2/api/collections/",
      headers: { authorization: `Bearer ${token}`, accept: "application/taxii+json;version=2.1" },
    });

  it("accepts only tokens with the taxii scope", async () => {
    expect((await taxii(readOnly)).statusCode).toBe(403);
    expect((await taxii(taxiiOnly)).statusCode).toBe(200);
    expect((await taxii(everything)).statusCode).toBe(200);
  });

  it("needs the write scope too to add objects", async () => {
    const post = (token: string) =>
      server.inject({
        method: "POST",
        url: `/taxii2/api/collections/${ANY_ID}/objects/`,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/taxii+json;version=2.1",
          "content-type": "application/taxii+json;version=2.1",
        },
        payload: { objects: [] },
      });
    expect((await post(taxiiOnly)).statusCode).toBe(403);
    expect((await post(everything)).statusCode).not.toBe(403);
  });

  it("and a taxii-only token cannot use the JSON API", async () => {
    const me = await server.inject({
      method: "GET",
      url: "/api/me",
      headers: { authorization: `Bearer ${taxiiOnly}` },
    });
    expect(me.statusCode).toBe(403);
  });
});

describe("the account screen's list", () => {
  it("shows each token's scopes, and creation records them in the trail", async () => {
    const owner = await server.client("admin@authority.example");
    const listed = await owner.call("listTokens");
    expect(listed.map((token) => token.scopes)).toEqual(
      expect.arrayContaining([["read", "write", "taxii"], ["read"], ["taxii"]]),
    );
    const created = (await listAudit(server.db, { kind: "all" }, { limit: 200 })).items.find(
      (entry) => entry.action === "token.create" && JSON.stringify(entry.details).includes('"taxii"'),
    );
    expect(created).toBeDefined();
  });

  it("a token made without scopes reads only", async () => {
    const owner = await server.client("member@grid.example");
    expect((await owner.call("createToken", { body: { name: "default" } })).scopes).toEqual(["read"]);
  });
});

describe("every endpoint, every choice of scopes (property)", () => {
  it("asks the event streams too (they stay open once accepted)", () => {
    expect(entries.filter(([, endpoint]) => endpoint.stream).length).toBeGreaterThan(0);
  });

  it.each(entries.filter(([, endpoint]) => endpoint.stream && endpoint.auth === "user"))(
    "%s opens for a read token and refuses a taxii-only one",
    async (_name, endpoint) => {
      expect((await call(readOnly, endpoint)).statusCode).toBe(200);
      const refused = await call(taxiiOnly, endpoint);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().detail).toMatch(/scope/);
    },
  );

  it("refuses a token exactly when core's tokenMay says so, before reading the input", async () => {
    const owner = await server.client("admin@authority.example");
    const tokens = new Map<string, string>();
    const tokenFor = async (scopes: TokenScope[]) => {
      const key = scopes.join("+");
      const known = tokens.get(key);
      if (known) return known;
      const made = (await owner.call("createToken", { body: { name: key, scopes } })).token;
      tokens.set(key, made);
      return made;
    };
    const user = entries.filter(([, endpoint]) => endpoint.auth === "user");
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...TOKEN_SCOPES], { minLength: 1 }),
        fc.constantFrom(...user),
        async (scopes, [name, endpoint]) => {
          const access: Access =
            endpoint.token === "never"
              ? "session"
              : (endpoint.token ?? (endpoint.method === "GET" ? "read" : "write"));
          const answer = await call(await tokenFor(scopes), endpoint);
          const refusedForScope =
            answer.statusCode === 403 && /scope|sign in to do this/.test(String(answer.json().detail));
          expect(refusedForScope, `${name} with ${scopes.join("+")}`).toBe(!tokenMay(scopes, access));
        },
      ),
      { numRuns: 60 },
    );
  });
});
