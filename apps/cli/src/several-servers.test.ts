// Several `bulwark serve` processes on one PostgreSQL, as behind a load balancer: started together
// on a fresh database with --demo, both start (migrations and the demo take turns under advisory
// locks), both serve, and what one process changes the other sees at once.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@bulwark/contracts";
import { connect } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Serving, startBulwark } from "./bulwark-process.test-support.ts";

const adminUrl = process.env.BULWARK_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DEMO_PASSWORD = "demo password for tests";

async function admin(statement: string): Promise<boolean> {
  const connection = await connect({ url: adminUrl, timeouts: { connectMs: 1000 } }).catch(() => null);
  if (!connection) return false;
  try {
    await connection.db.execute(sql.raw(statement));
    return true;
  } catch {
    return false;
  } finally {
    await connection.close();
  }
}

const postgres = await admin("select 1");
if (!postgres)
  console.warn(`PostgreSQL does not answer at ${adminUrl}: the several-servers test is skipped.`);

describe.runIf(postgres)("two server processes on one PostgreSQL", () => {
  const name = `bulwark_servers_${process.pid}_${Date.now()}`;
  const servers: Serving[] = [];

  beforeAll(async () => {
    expect(await admin(`CREATE DATABASE ${name}`)).toBe(true);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const folder = mkdtempSync(join(tmpdir(), "bulwark-servers-"));
    const start = (which: string) =>
      startBulwark(["serve", "--demo", "--port", "0"], {
        until: /demo accounts in all/,
        env: {
          DATABASE_URL: url.toString(),
          BULWARK_DATA: join(folder, which),
          // Every process of one installation shares its secret.
          BULWARK_SECRET: "a secret shared by every process of this installation",
          BULWARK_DEMO_PASSWORD: DEMO_PASSWORD,
        },
      });
    // Started together, on a database with no tables yet.
    servers.push(...(await Promise.all([start("a"), start("b")])));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("both start: one loads the demo, the other finds it loaded", () => {
    const outputs = servers.map((server) => server.output());
    expect(outputs.filter((output) => output.includes("Demo country loaded"))).toHaveLength(1);
    expect(outputs.filter((output) => output.includes("Demo accounts:"))).toHaveLength(1);
  });

  it("serves from both, and each sees what the other changed", async () => {
    const [a, b] = servers;
    if (!a || !b) throw new Error("two servers expected");
    for (const server of servers) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const viaA = createClient({ baseUrl: a.url, cookieJar: true });
    const viaB = createClient({ baseUrl: b.url, cookieJar: true });
    for (const client of [viaA, viaB])
      await client.call("login", { body: { email: "admin@bulwark.example", password: DEMO_PASSWORD } });
    const created = await viaA.call("createOrganisation", {
      body: { name: "Made through A", kind: "public-operator", country: "XM" },
    });
    expect((await viaB.call("getOrganisation", { params: { id: created.id } })).name).toBe("Made through A");

    // A session started on one process is honoured by the other, and ended on both by a logout.
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@bulwark.example", password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    expect((await fetch(`${b.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    const logout = await fetch(`${a.url}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken },
    });
    expect(logout.status).toBe(204);
    expect((await fetch(`${b.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});
