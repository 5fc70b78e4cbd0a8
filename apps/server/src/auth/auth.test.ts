import { ApiError, type Client } from "@bulwark/contracts";
import { listAudit, schema } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, signedIn, startTestServer, type TestServer } from "../testing.ts";
import { currentTotp } from "./auth.service.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const failure = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
};

const lastAudit = async () => (await listAudit(server.db, { kind: "all" }, { limit: 1 })).items[0];

describe("sign-in", () => {
  it("starts a session in an httpOnly, SameSite cookie and returns the user with a CSRF token", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "MEMBER@grid.example", password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^bulwark_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = response.json();
    expect(me).toMatchObject({
      email: "member@grid.example",
      roles: ["member"],
      organisation: { name: "Test Grid Operator" },
    });
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(await lastAudit()).toMatchObject({ action: "auth.sign-in", actorId: server.cast.users.member });
  });

  it("answers wrong credentials with 401 problem+json and records the failure", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "member@grid.example", password: "wrong password" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 401, detail: "Wrong e-mail or password." });
    expect(response.headers["set-cookie"]).toBeUndefined();
    expect(await lastAudit()).toMatchObject({
      action: "auth.sign-in-failed",
      details: { reason: "wrong-password" },
    });
  });

  it("gives an unknown address the same answer, and keeps the address out of the trail", async () => {
    const error = await failure(
      (await server.client()).call("login", {
        body: { email: "nobody@nowhere.example", password: "whatever" },
      }),
    );
    expect(error.status).toBe(401);
    expect(error.problem.detail).toBe("Wrong e-mail or password.");
    const entry = await lastAudit();
    expect(entry).toMatchObject({
      action: "auth.sign-in-failed",
      actorId: null,
      details: { reason: "unknown-account" },
    });
    expect(JSON.stringify(entry)).not.toContain("nobody@nowhere.example");
  });

  it("locks an account after repeated failures, then lets it in once the lock ends", async () => {
    const anonymous = await server.client();
    const attempt = () =>
      anonymous.call("login", { body: { email: "analyst@grid.example", password: "not the password" } });
    for (let i = 0; i < 5; i++) expect((await failure(attempt())).status).toBe(401);
    const locked = await failure(
      anonymous.call("login", { body: { email: "analyst@grid.example", password: PASSWORD } }),
    );
    expect(locked.status).toBe(429);
    expect(locked.problem.detail).toMatch(/try again in 60 seconds/);
    server.advance(61_000);
    const me = await anonymous.call("login", { body: { email: "analyst@grid.example", password: PASSWORD } });
    expect(me.email).toBe("analyst@grid.example");
  });

  it("ends the session on sign-out", async () => {
    const client = await server.client("member@grid.example");
    expect((await client.call("me")).email).toBe("member@grid.example");
    await client.call("logout");
    expect((await failure(client.call("me"))).status).toBe(401);
  });

  it("ends a session after its absolute lifetime (7 days by default) however often it is used", async () => {
    const client = await server.client("member@grid.example");
    // Used every 6 hours, well within the idle time of 12 hours.
    for (let hours = 6; hours < 7 * 24; hours += 6) {
      server.advance(6 * 3_600_000);
      expect((await client.call("me")).email, `after ${hours} hours`).toBe("member@grid.example");
    }
    server.advance(6 * 3_600_000);
    const ended = await failure(client.call("me"));
    expect(ended.status).toBe(401);
    expect(ended.problem.detail).toMatch(/session has ended/);
  });

  it("ends sessions that were not used for the configured hours", async () => {
    const client = await server.client("member@grid.example");
    server.advance(13 * 3_600_000);
    expect((await failure(client.call("me"))).status).toBe(401);
  });
});

describe("CSRF protection", () => {
  it("refuses a cookie-authenticated write without the token, and changes nothing", async () => {
    const { cookie, csrfToken } = await signedIn(server, "admin@authority.example");
    const create = (headers: Record<string, string>) =>
      server.inject({
        method: "POST",
        url: "/api/organisations",
        headers: { cookie, ...headers },
        payload: { name: "Forged Org", kind: "academia", country: "XM" },
      });
    const forged = await create({});
    expect(forged.statusCode).toBe(403);
    expect(forged.json().detail).toMatch(/X-CSRF-Token/);
    expect((await create({ "x-csrf-token": "guess" })).statusCode).toBe(403);
    const listed = await server.inject({
      method: "GET",
      url: "/api/organisations?q=Forged",
      headers: { cookie },
    });
    expect(listed.json().total).toBe(0);
    expect((await create({ "x-csrf-token": csrfToken })).statusCode).toBe(201);
  });
});

describe("two-factor sign-in (TOTP)", () => {
  let client: Client;
  let secret = "";
  it("is set up with a secret and turned on by a valid code only", async () => {
    client = await server.client("boss@grid.example");
    const setup = await client.call("totpSetup");
    secret = setup.secret;
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Bulwark:boss%40grid\.example\?/);
    expect((await failure(client.call("totpConfirm", { body: { code: "000000" } }))).status).toBe(422);
    const me = await client.call("totpConfirm", {
      body: { code: currentTotp(secret, server.context.clock()) },
    });
    expect(me.totpEnabled).toBe(true);
  });

  it("then asks for the code at sign-in and refuses a wrong one", async () => {
    const anonymous = await server.client();
    const missing = await failure(
      anonymous.call("login", { body: { email: "boss@grid.example", password: PASSWORD } }),
    );
    expect(missing.status).toBe(401);
    expect(missing.problem.type).toMatch(/totp-required$/);
    const wrong = await failure(
      anonymous.call("login", { body: { email: "boss@grid.example", password: PASSWORD, totp: "123456" } }),
    );
    expect(wrong.problem.type).toMatch(/wrong-code$/);
    const login = (totp: string) =>
      anonymous.call("login", { body: { email: "boss@grid.example", password: PASSWORD, totp } });
    // The code that turned two-factor on has been used: it does not work twice.
    const used = await failure(login(currentTotp(secret, server.context.clock())));
    expect(used.problem.type).toMatch(/wrong-code$/);
    server.advance(30_000);
    const code = currentTotp(secret, server.context.clock());
    const me = await login(code);
    expect(me.totpEnabled).toBe(true);
    expect((await failure(login(code))).problem.type).toMatch(/wrong-code$/);
  });

  it("is turned off with a valid code", async () => {
    server.advance(30_000);
    server.advance(30_000);
    const me = await client.call("totpDisable", {
      body: { code: currentTotp(secret, server.context.clock()) },
    });
    expect(me.totpEnabled).toBe(false);
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, act with the owner's rights, and stop when revoked", async () => {
    const owner = await server.client("member@grid.example");
    const created = await owner.call("createToken", { body: { name: "sync job", expiresInDays: 30 } });
    expect(created.token).toMatch(/^bwk_/);
    const listed = await owner.call("listTokens");
    expect(listed.find((token) => token.id === created.id)).not.toHaveProperty("token");
    const stored = JSON.stringify(await server.db.select().from(schema.apiTokens));
    expect(stored).not.toContain(created.token);

    const machine = (await import("@bulwark/contracts")).createClient({
      token: created.token,
      baseUrl: "http://localhost",
      fetch: (await import("../testing.ts")).injectFetch(server.app),
    });
    expect((await machine.call("me")).email).toBe("member@grid.example");
    expect((await machine.call("me")).csrfToken).toBeNull();
    // A member's token cannot do what a member cannot do.
    const denied = await failure(
      machine.call("createOrganisation", { body: { name: "Token Org", kind: "academia", country: "XM" } }),
    );
    expect(denied.status).toBe(403);

    await owner.call("revokeToken", { params: { id: created.id } });
    expect((await failure(machine.call("me"))).status).toBe(401);
  });

  it("expire", async () => {
    const owner = await server.client("member@grid.example");
    const created = await owner.call("createToken", { body: { name: "short", expiresInDays: 1 } });
    const call = () =>
      server.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${created.token}` } });
    expect((await call()).statusCode).toBe(200);
    server.advance(2 * 86_400_000);
    expect((await call()).statusCode).toBe(401);
  });

  it("cannot be revoked by someone else", async () => {
    const owner = await server.client("member@grid.example");
    const created = await owner.call("createToken", { body: { name: "mine" } });
    const other = await server.client("member@water.example");
    expect((await failure(other.call("revokeToken", { params: { id: created.id } }))).status).toBe(404);
    expect((await owner.call("listTokens")).find((token) => token.id === created.id)?.revokedAt).toBeNull();
  });
});

describe("password change", () => {
  it("needs the current password and ends the other sessions", async () => {
    const first = await server.client("member@water.example");
    const second = await server.client("member@water.example");
    expect(
      (
        await failure(
          first.call("changePassword", {
            body: { currentPassword: "wrong", newPassword: "a brand new password" },
          }),
        )
      ).status,
    ).toBe(403);
    await first.call("changePassword", {
      body: { currentPassword: PASSWORD, newPassword: "a brand new password" },
    });
    expect((await first.call("me")).email).toBe("member@water.example");
    expect((await failure(second.call("me"))).status).toBe(401);
    await first.call("changePassword", {
      body: { currentPassword: "a brand new password", newPassword: PASSWORD },
    });
  });
});

describe("expired sessions", () => {
  it("are purged from the database", async () => {
    const { deleteExpiredSessions } = await import("@bulwark/db");
    await server.client("member@grid.example");
    const before = (await server.db.select().from(schema.sessions)).length;
    expect(before).toBeGreaterThan(0);
    server.advance(24 * 3_600_000);
    expect(await deleteExpiredSessions(server.db, server.context.clock())).toBe(before);
    expect(await server.db.select().from(schema.sessions)).toEqual([]);
  });
});
