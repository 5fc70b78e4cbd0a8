// The command line starts at once: help needs neither the TypeScript transform nor any command's
// code, and each command loads only its own modules (`analyse` no server or database code).
// Checked on the list of modules a real process loads (loaded-modules.test-support.mjs).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ORGANISATION_KINDS, ROLES, SECTORS } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { type Run, runBulwark } from "./bulwark-process.test-support.ts";
import { HUMAN_TOP } from "./commands/analyse.ts";
import * as table from "./program.js";
import { ANALYSE, plainAnalyse } from "./start.js";

const RECORDER = fileURLToPath(new URL("./loaded-modules.test-support.mjs", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "bulwark-program-"));

interface Recorded extends Run {
  /** Every module the process resolved, as file paths or package addresses. */
  modules: string[];
}

async function bulwark(name: string, args: string[]): Promise<Recorded> {
  const list = join(folder, `${name}.txt`);
  writeFileSync(list, "");
  const run = await runBulwark(args, {
    env: { BULWARK_DATA: join(folder, "no-db"), BULWARK_LOADED_MODULES: list },
    node: ["--import", RECORDER],
    cwd: folder,
  });
  return { ...run, modules: readFileSync(list, "utf8").split("\n").filter(Boolean) };
}

const serverOrDatabase = (modules: string[]) =>
  modules.filter((url) =>
    /\/(apps\/server|packages\/db)\/|@bulwark\/(server|db)|\/(fastify|drizzle-orm|@electric-sql\/pglite|postgres)\//.test(
      url,
    ),
  );

describe("the command line's start", () => {
  it("prints help with no TypeScript and no command's code loaded", async () => {
    const help = await bulwark("help", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: bulwark");
    expect(help.stdout).toContain("analyse");
    expect(help.modules.some((url) => url.endsWith("/program.js"))).toBe(true);
    expect(help.modules.filter((url) => /\.ts$|\/tsx\/|\/esbuild\//.test(url))).toEqual([]);
  });

  it("answers a usage error the same way, with nothing loaded", async () => {
    const wrong = await bulwark("usage", ["analyse", "criticality", "--assets", "a.csv"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("required option '--dependencies <file>' not specified");
    expect(wrong.modules.filter((url) => url.endsWith(".ts"))).toEqual([]);
  });

  it("runs `analyse` with no server or database code loaded, even when it fails", async () => {
    const assets = join(folder, "assets.csv");
    const dependencies = join(folder, "dependencies.csv");
    writeFileSync(assets, "id,name,sector\nA,Pump,water-drinking\nB,Substation,energy-electricity\n");
    writeFileSync(dependencies, "dependent_id,supplier_id,service\nA,B,electricity\n");
    const ran = await bulwark("analyse", [
      "analyse",
      "criticality",
      "--assets",
      assets,
      "--dependencies",
      dependencies,
    ]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain("SPOF");
    // The command runs compiled (ADR 0022): its JavaScript, and neither TypeScript nor tsx.
    expect(ran.modules.some((url) => url.endsWith("/cli/dist/analyse.js"))).toBe(true);
    expect(ran.modules.filter((url) => /\.ts$|\/tsx\//.test(url))).toEqual([]);
    expect(serverOrDatabase(ran.modules)).toEqual([]);
    // A plain command line (start.js) loads neither the command table nor its parser.
    expect(ran.modules.filter((url) => /\/program\.js$|\/commander\//.test(url))).toEqual([]);

    const failed = await bulwark("analyse-missing", [
      "analyse",
      "cascade",
      "--assets",
      join(folder, "missing.csv"),
      "--dependencies",
      dependencies,
      "--fail",
      "B",
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`bulwark: Cannot read ${join(folder, "missing.csv")}: no such file.\n`);
    expect(failed.modules.filter((url) => /\.ts$|\/tsx\//.test(url))).toEqual([]);
    expect(serverOrDatabase(failed.modules)).toEqual([]);
  });

  it("reads a plain `analyse` command line as commander does, and leaves any other to it", async () => {
    /** The `analyse` command group of a command table. */
    const group = (bulwark: ReturnType<typeof table.program>) =>
      bulwark.commands.find((command) => command.name() === "analyse");
    /** The options commander gives the action of `analyse <name>` for this command line. */
    const parsed = async (args: string[]) => {
      const bulwark = table.program();
      let got: { name: string; options: Record<string, unknown> } | null = null;
      for (const command of group(bulwark)?.commands ?? [])
        command.action((options) => {
          got = { name: command.name(), options };
        });
      await bulwark.parseAsync(["node", "bulwark", ...args]);
      return got;
    };
    // start.js knows the options commander declares, each required or not, and nothing else.
    for (const command of group(table.program())?.commands ?? []) {
      const valued = command.options.filter((option) => option.long !== "--json");
      const names = (required: boolean) =>
        valued
          .filter((option) => option.mandatory === required)
          .map((option) => option.attributeName())
          .sort();
      expect(command.options.map((option) => option.long)).toContain("--json");
      const known = ANALYSE[command.name() as keyof typeof ANALYSE];
      expect({ required: [...known.required].sort(), optional: [...known.optional].sort() }).toEqual({
        required: names(true),
        optional: names(false),
      });
    }
    const plain = (args: string[]) => plainAnalyse(["node", "bulwark", ...args]);
    for (const args of [
      ["analyse", "criticality", "--assets", "a.csv", "--dependencies", "d.csv"],
      ["analyse", "criticality", "--json", "--dependencies=d.csv", "--assets", "a b.csv", "--top", "5"],
      ["analyse", "criticality", "--top=x", "--assets", "a.csv", "--dependencies", "d.csv", "--json"],
      ["analyse", "cascade", "--assets", "a.csv", "--dependencies", "d.csv", "--fail", "A,B", "--json"],
      ["analyse", "cascade", "--fail=A", "--assets=a.csv", "--dependencies=d.csv"],
    ]) {
      expect(plain(args)).not.toBeNull();
      expect(plain(args)).toEqual(await parsed(args));
    }
    for (const args of [
      [],
      ["--help"],
      ["analyse"],
      ["analyse", "criticality", "--help", "--assets", "a.csv", "--dependencies", "d.csv"],
      ["analyse", "criticality", "--assets", "a.csv"],
      ["analyse", "criticality", "--assets", "a.csv", "--dependencies"],
      ["analyse", "criticality", "--assets", "a.csv", "--dependencies", "d.csv", "--fail", "A"],
      ["analyse", "criticality", "--assets", "a.csv", "--assets", "b.csv", "--dependencies", "d.csv"],
      ["analyse", "criticality", "--assets", "a.csv", "--dependencies", "d.csv", "--json", "--json"],
      ["analyse", "criticality", "--assets", "a.csv", "--dependencies", "d.csv", "extra"],
      ["analyse", "criticality", "--assets", "a.csv", "--dependencies", "d.csv", "--json=true"],
      ["analyse", "criticality", "--assets", "-a.csv", "--dependencies", "d.csv"],
      ["analyse", "criticality", "--assets=", "--dependencies", "d.csv"],
      ["analyse", "criticality", "--assets", "a.csv", "--dependencies", "d.csv", "--"],
      ["analyse", "criticality", "-h"],
      ["analyse", "cascade", "--assets", "a.csv", "--dependencies", "d.csv"],
      ["analyse", "cascade", "--assets", "a.csv", "--dependencies", "d.csv", "--fail", "A", "--top", "1"],
      ["serve", "--assets", "a.csv", "--dependencies", "d.csv"],
    ])
      expect(plain(args)).toBeNull();
  });

  it("lists in its help the same vocabularies and defaults as the code", () => {
    expect(table.ORGANISATION_KINDS).toEqual([...ORGANISATION_KINDS]);
    expect(table.ROLES).toEqual([...ROLES]);
    expect(table.SECTORS).toEqual([...SECTORS]);
    expect(table.HUMAN_TOP).toBe(HUMAN_TOP);
  });
});
