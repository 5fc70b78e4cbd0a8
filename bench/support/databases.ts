// Runs a benchmark on each database Bulwark supports: embedded PGlite (unless BENCH_SKIP_PGLITE),
// then PostgreSQL at 127.0.0.1:5432 when it answers, in a database of its own dropped afterwards.
import { type Connection, connect } from "@bulwark/db";
import pg from "pg";

/**
 * Benches measure speed, not outage detection: on a machine loaded by other work (load 30 on 2
 * cores) the pool's liveness probe (a new connection's `select 1` within 2 s) went unanswered
 * during a 100,000-entry index load, and the pool declared a busy server unresponsive.
 */
export const BENCH_TIMEOUTS = { answerMs: 15_000 } as const;

export async function onEachDatabase(
  name: string,
  /** `url`: PostgreSQL's address, for benches that start server processes on it (none on PGlite). */
  measure: (label: string, connection: Connection, url?: string) => Promise<void>,
  embeddedDir?: string,
  /** A PostgreSQL database to use and keep (created when missing), instead of one dropped afterwards. */
  keptDatabase?: string,
): Promise<void> {
  const embedded = process.env.BENCH_SKIP_PGLITE
    ? null
    : await connect(embeddedDir ? { dataDir: embeddedDir } : { memory: true });
  if (embedded)
    try {
      await measure(
        embeddedDir ? "PGlite (embedded, in a data folder)" : "PGlite (embedded, in memory)",
        embedded,
      );
    } finally {
      await embedded.close();
    }

  if (process.env.BENCH_SKIP_POSTGRES) return;
  const admin = new pg.Client({
    connectionString: "postgres://postgres@127.0.0.1:5432/postgres",
    connectionTimeoutMillis: 2000,
  });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  if (!reachable) {
    console.log("\nPostgreSQL: not answering at 127.0.0.1:5432, skipped");
    return;
  }
  if (keptDatabase !== undefined && !/^[a-z_][a-z0-9_]*$/.test(keptDatabase))
    throw new Error(`not a database name: ${keptDatabase}`);
  const database = keptDatabase ?? `bulwark_bench_${name}_${process.pid}`;
  const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`create database ${database}`);
  const url = `postgres://postgres@127.0.0.1:5432/${database}`;
  const server = await connect({ url, timeouts: BENCH_TIMEOUTS });
  try {
    const version = (await admin.query("show server_version")).rows[0]?.server_version ?? "";
    await measure(`PostgreSQL ${version}`, server, url);
  } finally {
    await server.close();
    if (keptDatabase === undefined) await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}
