import { existsSync } from "node:fs";
import {
  appliedMigration,
  readBackupHeader,
  restoreBackup,
  verifyAuditChain,
  writeBackup,
} from "@bulwark/db";
import { openContext, readConfig, type ServerContext, seedDemo } from "@bulwark/server";
import { CliError, say } from "../output.ts";

/** Open the configured database (migrated), run `work`, always close. */
export async function withContext<T>(work: (context: ServerContext) => Promise<T>): Promise<T> {
  const context = await openContext({ ...readConfig(), logLevel: "warn" });
  try {
    return await work(context);
  } finally {
    await context.connection.close();
  }
}

/** The instance's secret the backup's secrets are sealed under (openContext reads or creates it). */
function secretOf(context: ServerContext): string {
  if (!context.config.secret) throw new CliError("The instance's secret is not set.");
  return context.config.secret;
}

/** `bulwark migrate`. */
export const migrate = (): Promise<void> =>
  withContext(async (context) => {
    say(
      `Database at migration ${await appliedMigration(context.db)} (${context.connection.kind}: ${context.connection.location}).`,
    );
  });

/** `bulwark seed-demo`. */
export const loadDemo = (): Promise<void> =>
  withContext(async (context) => {
    const result = await seedDemo(context);
    if (!result.loaded) return say("The demo country is loaded already: nothing changed.");
    say(`Loaded the demo country: ${result.accounts.length} accounts.`);
    if (result.password) say(`Password of every demo account: ${result.password}`);
  });

/** `bulwark audit verify`. */
export const verifyAudit = (options: { json?: boolean }): Promise<void> =>
  withContext(async (context) => {
    const report = await verifyAuditChain(context.db);
    if (options.json) say(JSON.stringify(report));
    else if (report.ok) say(`Audit chain intact: ${report.checked} entries checked.`);
    else say(`Audit chain BROKEN at entry ${report.firstBroken?.seq}: ${report.firstBroken?.reason}.`);
    if (!report.ok) process.exitCode = 1;
  });

/** `bulwark backup <file>`. */
export const backup = (file: string, options: { force?: boolean }): Promise<void> =>
  withContext(async (context) => {
    if (existsSync(file) && !options.force)
      throw new CliError(`${file} exists: choose another name or pass --force.`);
    const header = await writeBackup(context.db, file, context.clock(), secretOf(context), (table, rows) => {
      process.stderr.write(`\r${table}: ${rows} rows   `);
    });
    process.stderr.write("\n");
    const rows = Object.values(header.tables).reduce((sum, count) => sum + count, 0);
    say(
      `Backup written to ${file}: ${rows} rows in ${Object.keys(header.tables).length} tables, migration ${header.migration}.`,
    );
  });

/** `bulwark restore <file> --yes`. */
export const restore = (file: string): Promise<void> =>
  withContext(async (context) => {
    if (!existsSync(file)) throw new CliError(`${file} does not exist.`);
    const header = await readBackupHeader(file);
    await restoreBackup(context.db, file, secretOf(context), (table, rows) => {
      process.stderr.write(`\r${table}: ${rows} rows   `);
    });
    process.stderr.write("\n");
    const report = await verifyAuditChain(context.db);
    say(
      `Restored the backup of ${header.createdAt}. Audit chain ${report.ok ? `intact (${report.checked} entries)` : `BROKEN at ${report.firstBroken?.seq}`}.`,
    );
    if (!report.ok) process.exitCode = 1;
  });
