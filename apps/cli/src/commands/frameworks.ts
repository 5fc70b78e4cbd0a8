// `bulwark frameworks import [folder]`: load self-assessment frameworks (YAML files) into the
// database, for installations without the demo. New versions are added; a version already loaded
// must not change (runs keep the version they started with).
import { existsSync, statSync } from "node:fs";
import { FRAMEWORKS_FOLDER, FrameworkFileError, loadFrameworks, readFrameworks } from "@bulwark/server";
import { CliError, say } from "../output.ts";
import { withContext } from "./database.ts";

/** `bulwark frameworks import [folder]`: the shipped frameworks (content/frameworks) unless named. */
export const importFrameworks = (folder: string = FRAMEWORKS_FOLDER): Promise<void> =>
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
  });
