// Server processes started together on a fresh database: migrations and the demo's loading take
// turns under advisory locks, so every process starts, and the later ones find the work done.
// On PostgreSQL each "process" has a connection of its own to one new database; on PGlite (one
// process's database) the same start-up runs twice at once in one process.
import { randomBytes } from "node:crypto";
import { appliedMigration, type Connection, connect, knownMigrations, migrate, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import type { ServerContext } from "../context.ts";
import { readDemoCountry, seedDemo } from "./seed-demo.ts";

const postgres = process.env.BULWARK_TEST_DB === "postgres";
const adminUrl = process.env.BULWARK_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** `count` connections to one new, empty database (PGlite: the same connection `count` times). */
async function freshDatabase(
  count: number,
): Promise<{ connections: Connection[]; dispose(): Promise<void> }> {
  if (!postgres) {
    const connection = await connect({ memory: true });
    return {
      connections: Array.from({ length: count }, () => connection),
      dispose: () => connection.close(),
    };
  }
  const name = `bulwark_together_${process.pid}_${randomBytes(4).toString("hex")}`;
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(statement);
    await admin.end();
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connections = await Promise.all(
    Array.from({ length: count }, () => connect({ url: url.toString() })),
  );
  return {
    connections,
    async dispose() {
      await Promise.all(connections.map((connection) => connection.close()));
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

const contextOn = (connection: Connection): ServerContext => ({
  config: { ...readConfig({}), secret: randomBytes(32).toString("hex"), demoPassword: "demo-password-1" },
  connection,
  db: connection.db,
  clock: () => new Date(Date.UTC(2026, 10, 24, 9)),
  version: "test",
});

const count = async (connection: Connection, query: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: number }>(await connection.db.execute(query))[0]?.n);

describe("start-up of processes started together", () => {
  it("migrates a fresh database once, and every process starts", async () => {
    const { connections, dispose } = await freshDatabase(3);
    try {
      await Promise.all(connections.map((connection) => migrate(connection)));
      for (const connection of connections)
        expect(await appliedMigration(connection.db)).toBe(knownMigrations().at(-1));
      const [first] = connections;
      if (!first) throw new Error("no connection");
      expect(await count(first, sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).toBe(
        knownMigrations().length,
      );
    } finally {
      await dispose();
    }
  });

  it("loads the demo once: one process loads it, the others find it loaded", async () => {
    const { connections, dispose } = await freshDatabase(2);
    try {
      const [first] = connections;
      if (!first) throw new Error("no connection");
      await migrate(first);
      const results = await Promise.all(connections.map((connection) => seedDemo(contextOn(connection))));
      expect(results.map((result) => result.loaded).sort()).toEqual([false, true]);
      const country = readDemoCountry();
      expect(await count(first, sql`select count(*)::int as n from users`)).toBe(country.users.length);
      expect(
        await count(first, sql`select count(*)::int as n from audit_log where action = 'demo.seed'`),
      ).toBe(1);
    } finally {
      await dispose();
    }
  });
});
