// A database that is down, does not answer, is too slow or has a full disk: every route answers
// 503 problem+json with Retry-After, within seconds, and /api/health names the failing part.
// PostgreSQL is reached through a TCP proxy the test can freeze (the database stops answering) or
// stop (the database is gone); timeouts are set small through configuration.
import { createServer, type Server, Socket } from "node:net";
import { connect, type DatabaseTimeouts, migrate } from "@bulwark/db";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import type { ServerContext } from "../context.ts";
import { PASSWORD, signedIn, startTestServer, type TestServer } from "../testing.ts";
import { DISK_FULL_REMEMBERED_MS } from "./database-outage.ts";

const TIMEOUTS: DatabaseTimeouts = {
  connectMs: 1000,
  answerMs: 300,
  statementMs: 1500,
  idleInTransactionMs: 5000,
};
const postgres = process.env.BULWARK_TEST_DB === "postgres";

interface Proxy {
  readonly port: number;
  /** Stop forwarding in both directions, keeping connections open: the database hangs. */
  freeze(): void;
  thaw(): void;
  /** Close the port and every connection: the database is gone. */
  stop(): Promise<void>;
}

async function tcpProxy(target: URL): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.on("data", (chunk) => frozen || upstream.write(chunk));
    upstream.on("data", (chunk) => frozen || client.write(chunk));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The server's routes as a signed-in user and a visitor call them; each needs the database. */
const calls = (cookie: string) => [
  { method: "GET" as const, url: "/api/health" },
  { method: "GET" as const, url: "/api/me", headers: { cookie } },
  { method: "GET" as const, url: "/api/organisations", headers: { cookie } },
  {
    method: "POST" as const,
    url: "/api/auth/login",
    payload: { email: "nobody@nowhere.example", password: PASSWORD },
  },
];

/** Every call answers 503 problem+json of `type` with Retry-After, well before a client gives up. */
async function expectUnavailable(app: FastifyInstance, cookie: string, type: string): Promise<void> {
  for (const call of calls(cookie)) {
    const late = new Promise<"no answer">((resolve) =>
      setTimeout(() => resolve("no answer"), 10_000).unref(),
    );
    const response = await Promise.race([app.inject(call), late]);
    if (response === "no answer") throw new Error(`${call.method} ${call.url} did not answer within 10 s`);
    expect(response.statusCode, `${call.method} ${call.url}`).toBe(503);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
    expect(response.json()).toMatchObject({ status: 503, type });
  }
}

/** An app like the test server's, on a connection of its own (through the proxy on PostgreSQL). */
async function appOn(connection: ServerContext["connection"]): Promise<FastifyInstance> {
  const context: ServerContext = { ...server.context, connection, db: connection.db };
  const app = await buildApp(context, { logLevel: false, web: false });
  await app.ready();
  return app;
}

describe.runIf(postgres)("PostgreSQL that hangs, is slow or goes away", () => {
  const url = () => new URL(server.database.url ?? "");

  it("answers 503 on every route within seconds when the database stops answering, and recovers", async () => {
    const proxy = await tcpProxy(url());
    const proxied = url();
    proxied.port = String(proxy.port);
    const connection = await connect({ url: proxied.toString(), timeouts: TIMEOUTS });
    const app = await appOn(connection);
    try {
      const { cookie } = await signedIn(app, "member@grid.example");
      // A statement the server is still working on is waited for, well past answerMs.
      await connection.db.execute(sql`select pg_sleep(1)`);
      proxy.freeze();
      await expectUnavailable(app, cookie, "urn:bulwark:problem:database-unreachable");
      proxy.thaw();
      // Connections that lost bytes while frozen were dropped; fresh ones serve again.
      expect((await app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(200);
      expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    } finally {
      await app.close();
      await proxy.stop();
      await connection.close();
    }
  });

  it("answers 503 on every route when the database is gone", async () => {
    const proxy = await tcpProxy(url());
    const proxied = url();
    proxied.port = String(proxy.port);
    const connection = await connect({ url: proxied.toString(), timeouts: TIMEOUTS });
    const app = await appOn(connection);
    try {
      const { cookie } = await signedIn(app, "member@grid.example");
      await proxy.stop();
      await expectUnavailable(app, cookie, "urn:bulwark:problem:database-unreachable");
    } finally {
      await app.close();
      await connection.close();
    }
  });

  it("answers 503 'database slow' when a statement runs past statement_timeout", async () => {
    const connection = await connect({ url: url().toString(), timeouts: TIMEOUTS });
    const app = await appOn(connection);
    const holder = new pg.Client({ connectionString: url().toString() });
    await holder.connect();
    try {
      const { cookie } = await signedIn(app, "member@grid.example");
      // Another session holds the users table: reading the caller's account waits past 1.5 s.
      await holder.query("begin");
      await holder.query("lock table users in access exclusive mode");
      const response = await app.inject({ method: "GET", url: "/api/me", headers: { cookie } });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ type: "urn:bulwark:problem:database-slow" });
      expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
      await holder.query("rollback");
      expect((await app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(200);
    } finally {
      await holder.end();
      await app.close();
      await connection.close();
    }
  });
});

describe.runIf(!postgres)("PGlite that is closed", () => {
  it("answers 503 on every route", async () => {
    const connection = await connect({ memory: true });
    await migrate(connection);
    const app = await appOn(connection);
    try {
      await connection.close();
      await expectUnavailable(app, "bulwark_session=none", "urn:bulwark:problem:database-unreachable");
    } finally {
      await app.close();
    }
  });
});

describe("a full disk", () => {
  it("answers a failed write with 503 'disk full', and health reports it for a while", async () => {
    // The disk-full error PostgreSQL raises when it cannot extend a file, on the first write a
    // sign-in makes (its session).
    await server.db.execute(
      sql.raw(`create function disk_full() returns trigger language plpgsql as $$
        begin raise exception 'could not extend file' using errcode = 'disk_full'; end $$`),
    );
    await server.db.execute(
      sql.raw("create trigger disk_full before insert on sessions for each row execute function disk_full()"),
    );
    try {
      const health = await server.inject({ method: "GET", url: "/api/health" });
      expect(health.statusCode).toBe(200);
      const login = await server.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "member@grid.example", password: PASSWORD },
      });
      expect(login.statusCode).toBe(503);
      expect(login.json()).toMatchObject({ type: "urn:bulwark:problem:database-disk-full" });
      expect(Number(login.headers["retry-after"])).toBeGreaterThan(0);
      const after = await server.inject({ method: "GET", url: "/api/health" });
      expect(after.statusCode).toBe(503);
      expect(after.json()).toMatchObject({ type: "urn:bulwark:problem:database-disk-full" });
      // Reads still work meanwhile, and health is ok again once no write has failed for a while.
      server.advance(DISK_FULL_REMEMBERED_MS);
      expect((await server.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    } finally {
      await server.db.execute(sql.raw("drop trigger disk_full on sessions"));
      await server.db.execute(sql.raw("drop function disk_full()"));
    }
  });
});
