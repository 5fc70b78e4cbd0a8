import { existsSync } from "node:fs";
import {
  appliedMigration,
  readBackupHeader,
  restoreBackup,
  verifyAuditChain,
  writeBackup,
} from "@bulwark/db";
import { openContext, readConfig, type ServerContext, seedDemo } from "@bulwark/server";
import type { Command } from "commander";
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

export function databaseCommands(program: Command): void {
  program
    .command("migrate")
    .description("Create the database or bring it up to date (safe to run again).")
    .action(() =>
      withContext(async (context) => {
        say(
          `Database at migration ${await appliedMigration(context.db)} (${context.connection.kind}: ${context.connection.location}).`,
        );
      }),
    );

  program
    .command("seed-demo")
    .description("Load the demo country (organisations, people, communities) unless it is loaded already.")
    .action(() =>
      withContext(async (context) => {
        const result = await seedDemo(context);
        if (!result.loaded) return say("The demo country is loaded already: nothing changed.");
        say(`Loaded the demo country: ${result.accounts.length} accounts.`);
        if (result.password) say(`Password of every demo account: ${result.password}`);
      }),
    );

  const audit = program.command("audit").description("The hash-chained audit trail.");
  audit
    .command("verify")
    .description("Check every link of the audit chain; exits 1 and names the first broken entry.")
    .option("--json", "print the report as JSON")
    .action((options: { json?: boolean }) =>
      withContext(async (context) => {
        const report = await verifyAuditChain(context.db);
        if (options.json) say(JSON.stringify(report));
        else if (report.ok) say(`Audit chain intact: ${report.checked} entries checked.`);
        else say(`Audit chain BROKEN at entry ${report.firstBroken?.seq}: ${report.firstBroken?.reason}.`);
        if (!report.ok) process.exitCode = 1;
      }),
    );

  program
    .command("backup")
    .description(
      "Write the whole database to one file (gzip'd JSON lines), portable between PGlite and PostgreSQL.",
    )
    .argument("<file>", "where to write, e.g. bulwark-2026-11-24.bulwark.gz")
    .option("--force", "overwrite the file if it exists")
    .action((file: string, options: { force?: boolean }) =>
      withContext(async (context) => {
        if (existsSync(file) && !options.force)
          throw new CliError(`${file} exists: choose another name or pass --force.`);
        const header = await writeBackup(
          context.db,
          file,
          context.clock(),
          secretOf(context),
          (table, rows) => {
            process.stderr.write(`\r${table}: ${rows} rows   `);
          },
        );
        process.stderr.write("\n");
        const rows = Object.values(header.tables).reduce((sum, count) => sum + count, 0);
        say(
          `Backup written to ${file}: ${rows} rows in ${Object.keys(header.tables).length} tables, migration ${header.migration}.`,
        );
      }),
    );

  program
    .command("restore")
    .description(
      "Replace the whole database with a backup file (all or nothing), then verify the audit chain.",
    )
    .argument("<file>", "a file written by `bulwark backup`")
    .requiredOption("--yes", "confirm that everything in the database is replaced")
    .action((file: string) =>
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
      }),
    );
}
