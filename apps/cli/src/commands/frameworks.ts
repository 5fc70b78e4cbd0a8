// `bulwark frameworks import [folder]`: load self-assessment frameworks (YAML files) into the
// database, for installations without the demo. New versions are added; a version already loaded
// must not change (runs keep the version they started with).
import { existsSync, statSync } from "node:fs";
import { FRAMEWORKS_FOLDER, FrameworkFileError, loadFrameworks, readFrameworks } from "@bulwark/server";
import type { Command } from "commander";
import { CliError, say } from "../output.ts";
import { withContext } from "./database.ts";

export function frameworkCommands(program: Command): void {
  const frameworks = program
    .command("frameworks")
    .description("Self-assessment frameworks (YAML files, one per framework version).");

  frameworks
    .command("import")
    .description(
      "Load the frameworks' new versions; refuse a loaded version whose content changed. Every bad file is listed.",
    )
    .argument("[folder]", "a folder of *.yaml files (see content/frameworks/README.md)", FRAMEWORKS_FOLDER)
    .action((folder: string) =>
      withContext(async (context) => {
        if (!existsSync(folder) || !statSync(folder).isDirectory())
          throw new CliError(`${folder} is not a folder.`);
        try {
          const report = await loadFrameworks(context, readFrameworks(folder));
          say(`Loaded ${report.loaded} new framework versions; ${report.unchanged} unchanged.`);
        } catch (error) {
          if (error instanceof FrameworkFileError) throw new CliError(error.message);
          throw error;
        }
      }),
    );
}
