import { inspect } from "node:util";
import { BackupError, DataFolderInUse, databaseFailure } from "@bulwark/db";
import { ConfigError } from "@bulwark/server";
import { Command, CommanderError } from "commander";
import { accountCommands } from "./commands/accounts.ts";
import { analyseCommands } from "./commands/analyse.ts";
import { compendiumCommands } from "./commands/compendium.ts";
import { databaseCommands } from "./commands/database.ts";
import { frameworkCommands } from "./commands/frameworks.ts";
import { registryCommands } from "./commands/registry.ts";
import { serveCommand } from "./commands/serve.ts";
import { CliError, warn } from "./output.ts";

const program = new Command("bulwark")
  .description(
    "Bulwark: protect critical infrastructure against terrorist attacks.\n\n" +
      "Environment: DATABASE_URL (PostgreSQL; absent = embedded PGlite), BULWARK_DATA (PGlite folder, default ./data),\n" +
      "PORT, HOST, BULWARK_DEMO_PASSWORD.",
  )
  .showHelpAfterError()
  .exitOverride();

serveCommand(program);
databaseCommands(program);
accountCommands(program);
registryCommands(program);
compendiumCommands(program);
frameworkCommands(program);
analyseCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (
    error instanceof CliError ||
    error instanceof ConfigError ||
    error instanceof BackupError ||
    error instanceof DataFolderInUse
  )
    warn(`bulwark: ${error.message}`);
  else if (error instanceof Error && "status" in error && "title" in error) warn(`bulwark: ${error.message}`);
  else if (databaseFailure(error))
    warn(
      `bulwark: the database refused the operation: ${databaseFailure(error)?.message} (code ${databaseFailure(error)?.code ?? "unknown"})`,
    );
  // Anything else is unexpected: show what it was (engines such as PGlite may throw non-Errors).
  else
    warn(
      `bulwark: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : inspect(error, { depth: 3 })}`,
    );
  process.exit(1);
}
