// What the operator reads when a command fails: a plain line for errors they can fix, the
// database's refusal with its code, and anything unexpected in full. Loaded only after a failure;
// the database and server modules only for errors that are not the CLI's own, so that a failing
// `bulwark analyse` still loads neither.
import { inspect } from "node:util";
import { CliError, warn } from "./output.ts";

export async function report(error: unknown): Promise<void> {
  if (error instanceof CliError) return warn(`bulwark: ${error.message}`);
  const [{ BackupError, DataFolderInUse, databaseFailure }, { ConfigError }] = await Promise.all([
    import("@bulwark/db"),
    import("@bulwark/server"),
  ]);
  const failure = databaseFailure(error);
  if (error instanceof ConfigError || error instanceof BackupError || error instanceof DataFolderInUse)
    warn(`bulwark: ${error.message}`);
  else if (error instanceof Error && "status" in error && "title" in error) warn(`bulwark: ${error.message}`);
  else if (failure)
    warn(
      `bulwark: the database refused the operation: ${failure.message} (code ${failure.code ?? "unknown"})`,
    );
  // Anything else is unexpected: show what it was (engines such as PGlite may throw non-Errors).
  else
    warn(
      `bulwark: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : inspect(error, { depth: 3 })}`,
    );
}
