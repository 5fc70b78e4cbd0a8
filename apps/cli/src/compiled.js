// @ts-check
// A command's TypeScript compiled to one JavaScript file (apps/cli/dist/<name>.js), for commands
// whose run time is mostly start-up: `bulwark analyse` (ADR 0022). Built by `npm ci` (the root
// package's prepare script) and rebuilt here whenever a source it was built from has changed since:
// its first line records a digest of those sources, checked before every use (a few milliseconds).
// Without esbuild, or where dist/ cannot be written, the command runs from its TypeScript as before.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIST = new URL("../dist/", import.meta.url);
const MARK = "// bulwark-compiled ";

/** The compiled commands: name, and entry point from the repository's root. */
export const COMPILED = { analyse: "apps/cli/src/commands/analyse.ts" };

/**
 * The digest of the sources, by path from the root (a missing one throws).
 * @param {string[]} inputs
 */
function digest(inputs) {
  const hash = createHash("sha256");
  for (const input of inputs)
    hash
      .update(`${input}\0`)
      .update(readFileSync(ROOT + input))
      .update("\0");
  return hash.digest("hex");
}

/**
 * The address of the compiled command when it is there and was built from today's sources.
 * @param {keyof typeof COMPILED} name
 * @returns {URL | null}
 */
export function freshCompiled(name) {
  const file = new URL(`${name}.js`, DIST);
  let head = "";
  try {
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.alloc(8192);
      head = buffer.toString("utf8", 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const line = head.slice(0, head.indexOf("\n"));
  if (!line.startsWith(MARK)) return null;
  try {
    const { digest: built, inputs } = JSON.parse(line.slice(MARK.length));
    return digest(inputs) === built ? file : null;
  } catch {
    return null;
  }
}

/**
 * Compile the command with esbuild: its sources and the workspace packages it imports in one file,
 * other packages imported from node_modules as usual. Written whole or not at all (a rename), so
 * processes that compile at the same time do not see each other's half-written files.
 * @param {keyof typeof COMPILED} name
 * @returns {Promise<URL>}
 */
export async function compile(name) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [COMPILED[name]],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "node-modules-external",
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@bulwark/") ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.text ?? "";
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes("node_modules/"))
    .sort();
  const header = `${MARK}${JSON.stringify({ digest: digest(inputs), inputs })}\n`;
  const file = new URL(`${name}.js`, DIST);
  const partial = new URL(`${name}.js.${process.pid}.partial`, DIST);
  mkdirSync(DIST, { recursive: true });
  writeFileSync(partial, header + code);
  renameSync(partial, file);
  return file;
}
