// A database of its own for each test file: in-memory PGlite, or a fresh PostgreSQL database
// when BULWARK_TEST_DB=postgres (vitest.config.ts sets it for the api:postgres project).
//
// Each starts migrated from a copy rather than by running every migration again (some seconds a
// file on PGlite): a dumped PGlite data folder kept in node_modules/.cache, and a PostgreSQL
// template database, both named by a hash of the migrations, so a changed migration makes new ones.
// migrate() still runs on the copy, and finds nothing left to do.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type Connection, connect, MIGRATIONS_FOLDER, migrate } from "./connect.ts";

const CACHE = fileURLToPath(new URL("../../../node_modules/.cache/bulwark-test", import.meta.url));

/** A hash of every migration's file (SQL and journal): the copies' name. */
function migrationsKey(): string {
  const hash = createHash("sha256");
  for (const folder of [MIGRATIONS_FOLDER, join(MIGRATIONS_FOLDER, "meta")])
    for (const name of readdirSync(folder).sort())
      if (name.endsWith(".sql") || name === "_journal.json")
        hash.update(name).update(readFileSync(join(folder, name)));
  return hash.digest("hex").slice(0, 16);
}

async function migratedPglite(): Promise<Connection> {
  const file = join(CACHE, `pglite-${migrationsKey()}.tar.gz`);
  if (existsSync(file)) {
    const connection = await connect({ memory: true, loadDataDir: new Blob([readFileSync(file)]) });
    await migrate(connection);
    return connection;
  }
  const connection = await connect({ memory: true });
  await migrate(connection);
  const pglite = connection.pglite;
  if (pglite) {
    // Written aside and renamed, so a worker never reads a half-written copy.
    const dump = await pglite.dumpDataDir("gzip");
    mkdirSync(CACHE, { recursive: true });
    const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(aside, Buffer.from(await dump.arrayBuffer()));
    renameSync(aside, file);
  }
  return connection;
}

/** One lock for making the template and copying it (PostgreSQL copies a template nobody is connected to). */
const TEMPLATE_LOCK = 7236423499;

async function createFromTemplate(admin: pg.Client, adminUrl: string, name: string): Promise<void> {
  const template = `bulwark_template_${migrationsKey()}`;
  await admin.query("select pg_advisory_lock($1)", [TEMPLATE_LOCK]);
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [template]);
    if (found.rowCount === 0) {
      // Built under another name and renamed once migrated: a failed build leaves no template.
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const connection = await connect({ url: url.toString() });
      try {
        await migrate(connection);
      } finally {
        await connection.close();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.query("select pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
  }
}

export interface TestDatabase extends Connection {
  /** Connection URL for other processes (PostgreSQL only). */
  readonly url: string | null;
  dispose(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (process.env.BULWARK_TEST_DB !== "postgres") {
    const connection = await migratedPglite();
    return { ...connection, url: null, dispose: () => connection.close() };
  }
  const adminUrl = process.env.BULWARK_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `bulwark_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await createFromTemplate(admin, adminUrl, name);
  } finally {
    await admin.end();
  }
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
