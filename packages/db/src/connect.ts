// connect(): embedded PGlite in a folder (the default: no server to install) or PostgreSQL when a
// URL is given. Both speak the same SQL, run the same migrations and return the same Drizzle API.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type ExtractTablesWithRelations, sql } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { ChangeFeed, pgliteListener, postgresListener } from "./change-feed.ts";
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS, openPool } from "./pool.ts";
import { rowsOf } from "./rows.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/**
 * Without Drizzle's relational queries (db.query.*), which Bulwark does not use: given the schema,
 * Drizzle builds a query builder for each of its tables in every transaction it opens.
 */
export type Database = PgDatabase<PgQueryResultHKT>;
type NoSchema = Record<string, never>;
export type Transaction = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Where a query may run: the database itself or an open transaction. */
export type Executor = Database | Transaction;
export type DatabaseKind = "pglite" | "postgres";

export interface Connection {
  readonly db: Database;
  readonly kind: DatabaseKind;
  /** Where the data lives, without credentials (safe to print). */
  readonly location: string;
  /** The embedded engine, for whole-folder operations (PGlite only). */
  readonly pglite: PGlite | null;
  /** Notifications from every process on this database (LISTEN/NOTIFY); see change-feed.ts. */
  readonly changes: ChangeFeed;
  /**
   * Runs `work` while holding the advisory lock `key` (a session lock on a connection of its own
   * on PostgreSQL, so other processes wait for it; in-process on PGlite, which one process holds).
   * The work itself may use any connection.
   */
  exclusive<T>(key: bigint, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Advisory lock keys held across start-up steps (any fixed numbers no other lock uses). */
export const STARTUP_LOCKS = {
  migrations: 7236423481n,
  demo: 7236423482n,
} as const;

/** Advisory lock keys of scheduled work that must run once across every server process. */
export const SCHEDULE_LOCKS = {
  federationSend: 7236423483n,
} as const;

export type ConnectOptions =
  | { readonly url: string; readonly timeouts?: Partial<DatabaseTimeouts> }
  | { readonly dataDir: string }
  | {
      readonly memory: true;
      /** Start from a dumped data folder (PGlite's dumpDataDir): tests start migrated this way. */
      readonly loadDataDir?: Blob;
    };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../migrations", import.meta.url));

/** Hide the password of a connection URL. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  if ("url" in options) {
    const pool = openPool(options.url, { ...DEFAULT_TIMEOUTS, ...options.timeouts });
    // Fail now, with a clear message, rather than at the first request.
    const client = await pool.connect().catch(async (error: unknown) => {
      await pool.end();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Cannot reach PostgreSQL at ${redactUrl(options.url)}: ${reason}`);
    });
    client.release();
    const changes = new ChangeFeed(postgresListener(options.url));
    return {
      db: drizzlePostgres(pool),
      kind: "postgres",
      location: redactUrl(options.url),
      pglite: null,
      changes,
      exclusive: inProcess(async (key, work) => {
        // A connection of its own holds the lock; the wait for it may take as long as the other
        // process's work, so no statement timeout applies, and the connection is closed after.
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query("set statement_timeout = 0");
          await client.query("select pg_advisory_lock($1)", [key.toString()]);
          return await work();
        } catch (error) {
          broken = true;
          throw error;
        } finally {
          if (!broken) await client.query("select pg_advisory_unlock($1)", [key.toString()]).catch(() => {});
          // Closing the connection also releases the lock, whatever happened above.
          client.release(true);
        }
      }),
      close: async () => {
        await changes.close();
        await pool.end();
      },
    };
  }
  if (!("dataDir" in options)) {
    const engine = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
    return {
      db: drizzlePglite(engine),
      kind: "pglite",
      location: "memory",
      pglite: engine,
      changes: new ChangeFeed(pgliteListener(engine)),
      exclusive: inProcess((_key, work) => work()),
      close: () => engine.close(),
    };
  }
  // The folder holds the database (pgdata/) and a lock: PGlite is one process's database, and a
  // second process writing the same files would corrupt them.
  mkdirSync(options.dataDir, { recursive: true });
  const unlock = lockDataDir(options.dataDir);
  try {
    const engine = await PGlite.create(join(options.dataDir, "pgdata"));
    return {
      db: drizzlePglite(engine),
      kind: "pglite",
      location: options.dataDir,
      pglite: engine,
      changes: new ChangeFeed(pgliteListener(engine)),
      // The folder's lock already keeps other processes out.
      exclusive: inProcess((_key, work) => work()),
      close: async () => {
        await engine.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

type Exclusive = <T>(key: bigint, work: () => Promise<T>) => Promise<T>;

/** Queues holders of one key in this process, then hands each to `hold` (which locks across processes). */
function inProcess(hold: Exclusive): Exclusive {
  const tails = new Map<bigint, Promise<unknown>>();
  return <T>(key: bigint, work: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const mine = before.then(
      () => hold(key, work),
      () => hold(key, work),
    );
    const tail = mine.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return mine;
  };
}

export class DataFolderInUse extends Error {
  override name = "DataFolderInUse";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/** Take the folder's lock (or a stale one left by a process that died); returns the release. */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, "bulwark.lock");
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number.parseInt(readFileSync(file, "utf8"), 10);
    if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
      throw new DataFolderInUse(
        `The data folder ${dataDir} is in use by another Bulwark process (pid ${holder}): stop it first, or set BULWARK_DATA to another folder.`,
      );
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}

/**
 * Apply every migration not yet applied (idempotent; each runs in a transaction). Under the
 * migrations lock, so that processes started together on a fresh database take turns: the first
 * migrates, the others then find nothing to do.
 */
export async function migrate(connection: Connection): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  await connection.exclusive(STARTUP_LOCKS.migrations, async () => {
    if (connection.pglite) await migratePglite(drizzlePglite(connection.pglite, { schema }), config);
    else await migratePostgres(connection.db as Parameters<typeof migratePostgres>[0], config);
  });
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** The migrations this code knows, in order. */
export function knownMigrations(): string[] {
  const journal: Journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, "utf8"));
  return journal.entries.map((entry) => entry.tag);
}

/** The tag of the latest migration applied, or null on an empty database. */
export async function appliedMigration(db: Executor): Promise<string | null> {
  const result = await db
    .execute(sql`select count(*)::int as count from drizzle.__drizzle_migrations`)
    .catch(() => null);
  const count = Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0);
  return count > 0 ? (knownMigrations()[count - 1] ?? null) : null;
}
