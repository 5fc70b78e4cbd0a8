import { existsSync, statSync } from "node:fs";
import { exportPack, loadPack, PackError, readPack } from "@bulwark/server";
import { CliError, say } from "../output.ts";
import { withContext } from "./database.ts";

/** `bulwark compendium import <folder>`. */
export const importCompendium = (folder: string): Promise<void> =>
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
  });

/** `bulwark compendium export <folder>`. */
export const exportCompendium = (folder: string): Promise<void> =>
  withContext(async (context) => {
    const count = await exportPack(context, null, folder);
    say(`Wrote ${count} entries to ${folder}.`);
  });
