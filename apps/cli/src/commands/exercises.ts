// `bulwark exercise export|import`: exercise packages as files (YAML, core's exercises/package.ts),
// for places that share exercises by hand. The operator at the console reads every exercise and
// names the organisation that controls an imported one; the import is all or nothing and every
// problem is printed as file:line: field: message.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { findOrganisationByName, getOrganisation } from "@bulwark/db";
import { exercisePackage, importPackage, type PackageError, type ServerContext } from "@bulwark/server";
import { z } from "zod";
import { CliError, say } from "../output.ts";
import { withContext } from "./database.ts";

async function organisationId(context: ServerContext, given: string): Promise<string> {
  if (z.uuid().safeParse(given).success && (await getOrganisation(context.db, { kind: "all" }, given)))
    return given;
  const found = await findOrganisationByName(context.db, given);
  if (!found) throw new CliError(`No organisation "${given}" (give its exact name or id).`);
  return found.id;
}

const problemsOf = (error: unknown): PackageError[] | null =>
  error instanceof Error && "errors" in error && Array.isArray(error.errors) ? error.errors : null;

/** `bulwark exercise export <id> [--out file.yaml] [--force]`. */
export const exportExercise = (id: string, options: { out?: string; force?: boolean }): Promise<void> =>
  withContext(async (context) => {
    if (!z.uuid().safeParse(id).success) throw new CliError(`${id} is not an exercise id.`);
    if (options.out && existsSync(options.out) && !options.force)
      throw new CliError(`${options.out} exists: choose another name or pass --force.`);
    const { text, pack } = await exercisePackage(context, null, id).catch((error: unknown) => {
      if (error instanceof Error && "status" in error && error.status === 404)
        throw new CliError(`No exercise ${id}.`);
      throw error;
    });
    if (!options.out) return void process.stdout.write(text);
    writeFileSync(options.out, text);
    say(
      `Wrote "${pack.title}" (${pack.objectives.length} objectives, ${pack.injects.length} injects) to ${options.out}.`,
    );
  });

/** `bulwark exercise import <file> --organisation <name-or-id> [--map "<name>=<organisation>"]...`. */
export const importExercise = (
  file: string,
  options: { organisation: string; map: string[] },
): Promise<void> =>
  withContext(async (context) => {
    if (!existsSync(file)) throw new CliError(`${file} does not exist.`);
    const text = readFileSync(file, "utf8");
    const owner = await organisationId(context, options.organisation);
    const organisations: Record<string, string> = {};
    for (const pair of options.map) {
      const at = pair.lastIndexOf("=");
      if (at <= 0 || at === pair.length - 1)
        throw new CliError(`--map "${pair}": write it as "<name in the package>=<organisation name or id>".`);
      organisations[pair.slice(0, at).trim()] = await organisationId(context, pair.slice(at + 1).trim());
    }
    try {
      const id = await importPackage(context, null, owner, { package: text, organisations });
      say(`Imported the exercise as ${id} (planning).`);
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      for (const problem of problems)
        process.stderr.write(
          `${file}${problem.line === null ? "" : `:${problem.line}`}: ${problem.field || "file"}: ${problem.english}\n`,
        );
      throw new CliError(`${file} was not imported: nothing was written.`);
    }
  });
