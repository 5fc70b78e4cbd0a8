import { existsSync, statSync } from "node:fs";
import { exportPack, loadPack, PackError, readPack } from "@bulwark/server";
import type { Command } from "commander";
import { CliError, say } from "../output.ts";
import { withContext } from "./database.ts";

export function compendiumCommands(program: Command): void {
  const compendium = program
    .command("compendium")
    .description("Move compendium content packs (a folder of Markdown files) in and out.");

  compendium
    .command("import")
    .description(
      "Publish a pack's entries: new ones at version 1, changed ones as a new version, the rest left alone. All or nothing; every bad file is listed.",
    )
    .argument(
      "<folder>",
      "a folder of <slug>.md files with YAML front matter (see content/compendium/README.md)",
    )
    .action((folder: string) =>
      withContext(async (context) => {
        if (!existsSync(folder) || !statSync(folder).isDirectory())
          throw new CliError(`${folder} is not a folder.`);
        let entries: ReturnType<typeof readPack>;
        try {
          entries = readPack(folder);
        } catch (error) {
          if (error instanceof PackError) throw new CliError(error.message);
          throw error;
        }
        const report = await loadPack(context, null, entries);
        say(
          `Published ${report.created} new and ${report.updated} changed entries; ${report.unchanged} unchanged.`,
        );
      }),
    );

  compendium
    .command("export")
    .description("Write every entry as <slug>.md into a folder (created if missing), ready for git.")
    .argument("<folder>", "where to write the files")
    .action((folder: string) =>
      withContext(async (context) => {
        const count = await exportPack(context, null, folder);
        say(`Wrote ${count} entries to ${folder}.`);
      }),
    );
}
