import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { exportFiles, exportGeoJson, importRegistry } from "@bulwark/server";
import type { Command } from "commander";
import { CliError, say } from "../output.ts";
import { withContext } from "./database.ts";

function read(file: string): string {
  if (!existsSync(file)) throw new CliError(`${file} does not exist.`);
  return readFileSync(file, "utf8");
}

export function registryCommands(program: Command): void {
  program
    .command("import")
    .description(
      "Import assets (CSV or GeoJSON) and dependencies (CSV) into the registry: all or nothing, every bad row listed.",
    )
    .requiredOption(
      "--assets <file>",
      "assets.csv (id, name, sector, operator, ...), or a .geojson/.json FeatureCollection with those properties",
    )
    .option("--dependencies <file>", "dependencies.csv (dependent_id, supplier_id, service, ...)")
    .action((options: { assets: string; dependencies?: string }) =>
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
            process.stderr.write(`${String(item.path)}: ${String(item.message)}\n`);
          throw new CliError(error.message.replace(/^Invalid input: /, ""));
        }
        throw error;
      }),
    );

  program
    .command("export")
    .description("Write the whole registry as assets.csv, dependencies.csv and assets.geojson into a folder.")
    .argument("<folder>", "an existing folder")
    .action((folder: string) =>
      withContext(async (context) => {
        if (!existsSync(folder)) throw new CliError(`${folder} does not exist.`);
        // The operator at the console sees the whole register (null: no actor).
        const files = await exportFiles(context, null);
        writeFileSync(`${folder}/assets.csv`, files.assets);
        writeFileSync(`${folder}/dependencies.csv`, files.dependencies);
        writeFileSync(`${folder}/assets.geojson`, JSON.stringify(await exportGeoJson(context, null)));
        say(`Wrote ${folder}/assets.csv, ${folder}/dependencies.csv and ${folder}/assets.geojson.`);
      }),
    );
}
