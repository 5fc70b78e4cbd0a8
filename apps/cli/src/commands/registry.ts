import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { exportFiles, exportGeoJson, importRegistry, type Message, say as sayIn } from "@bulwark/server";
import { CliError, say } from "../output.ts";
import { withContext } from "./database.ts";

/** A problem's message as the CLI prints it: in English. */
const english = (message: unknown): string =>
  message !== null && typeof message === "object" && "key" in message
    ? sayIn("en", message as Message)
    : String(message);

function read(file: string): string {
  if (!existsSync(file)) throw new CliError(`${file} does not exist.`);
  return readFileSync(file, "utf8");
}

/** `bulwark import --assets <file> [--dependencies <file>]`. */
export const importFiles = (options: { assets: string; dependencies?: string }): Promise<void> =>
  withContext(async (context) => {
    // The name tells the format, as it does for GIS tools: .geojson (or .json) is GeoJSON.
    const text = read(options.assets);
    const files = {
      ...(/\.(geo)?json$/i.test(options.assets) ? { assetsGeoJson: text } : { assets: text }),
      dependencies: options.dependencies ? read(options.dependencies) : undefined,
    };
    const started = performance.now();
    let last = 0;
    const report = await importRegistry(context, null, files, (phase, done, total) => {
      const now = performance.now();
      if (now - last < 200 && done < total) return;
      last = now;
      process.stderr.write(total > 0 ? `\r${phase}: ${done}/${total}   ` : `\r${phase}...   `);
    });
    process.stderr.write("\n");
    say(
      `Imported ${report.assets.created} new and ${report.assets.updated} updated assets, ${report.dependencies.rows} dependencies of ${report.dependencies.dependents} assets in ${Math.round(performance.now() - started)} ms.`,
    );
  }).catch((error: unknown) => {
    // Invalid files: list every problem as file:line:column: message (file:feature:property for GeoJSON).
    if (error instanceof Error && "errors" in error && Array.isArray(error.errors)) {
      for (const item of error.errors)
        process.stderr.write(`${String(item.path)}: ${english(item.message)}\n`);
      throw new CliError(error.message.replace(/^Invalid input: /, ""));
    }
    throw error;
  });

/** `bulwark export <folder>`. */
export const exportRegistry = (folder: string): Promise<void> =>
  withContext(async (context) => {
    if (!existsSync(folder)) throw new CliError(`${folder} does not exist.`);
    // The operator at the console sees the whole register (null: no actor).
    const files = await exportFiles(context, null);
    writeFileSync(`${folder}/assets.csv`, files.assets);
    writeFileSync(`${folder}/dependencies.csv`, files.dependencies);
    writeFileSync(`${folder}/assets.geojson`, JSON.stringify(await exportGeoJson(context, null)));
    say(`Wrote ${folder}/assets.csv, ${folder}/dependencies.csv and ${folder}/assets.geojson.`);
  });
