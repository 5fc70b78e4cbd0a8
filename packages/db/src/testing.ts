// A database of its own for each test file: in-memory PGlite, or a fresh PostgreSQL database
// when BULWARK_TEST_DB=postgres (vitest.config.ts sets it for the api:postgres project).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Connection, connect, migrate } from "./connect.ts";

export interface TestDatabase extends Connection {
  /** Connection URL for other processes (PostgreSQL only). */
  readonly url: string | null;
  dispose(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (process.env.BULWARK_TEST_DB !== "postgres") {
    const connection = await connect({ memory: true });
    await migrate(connection);
    return { ...connection, url: null, dispose: () => connection.close() };
  }
  const adminUrl = process.env.BULWARK_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `bulwark_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ url: url.toString() });
  await migrate(connection);
  return {
    ...connection,
    url: url.toString(),
    async dispose() {
      await connection.close();
      const cleaner = new pg.Client({ connectionString: adminUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}
