// A fresh clone has nothing beside it: no source, test, script or configuration file may name a
// path outside the repository (a folder next to the checkout, a relative path climbing above the
// root, or a folder of one of our own machines). Documentation (Markdown) may name such places
// for people; package-lock.json only names packages. Data the tests need lives in third-party/.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SELF = relative(ROOT, fileURLToPath(import.meta.url));

/** What is checked: code, scripts and configuration, by name. */
const CHECKED = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|json|webmanifest|html|css|sh|ya?ml|toml|py|sql)$/;
const CHECKED_NAMES = new Set(["run", ".gitignore"]);
/** Not the repository's own files: installed, built or written at run time, or copied unchanged. */
const SKIPPED_FOLDERS = new Set(["node_modules", "dist", ".git", "coverage", "test-results", "third-party"]);
const SKIPPED_FILES = new Set(["package-lock.json", SELF]);

// A folder of one of our machines (not preceded by a host name or another path segment).
const MACHINE = /(?<![\w.:/-])\/(?:work|home|Users|root|mnt)\/[\w.-]/;
// The data folder that sits next to our own checkouts: `../shared`, or `"..", "shared"` for join().
const SIBLING = /\.\.(?:[/\\]|["'`]\s*,\s*["'`])shared\b/;
// A run of `../` (or of "..", arguments) counts the folders it climbs.
const CLIMB = /(?<![\w.])(?:\.\.\/)+/g;
const CLIMB_ARGUMENTS = /(?:["'`]\.\.["'`]\s*,\s*)+/g;

/** Problems with one file's text: each a line number and why. */
function outsidePaths(file: string, text: string): string[] {
  // A relative path is read from the file's own folder: it may climb as many folders as lie between.
  const depth = file.split(/[/\\]/).length - 1;
  const problems: string[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    const at = `${file}:${index + 1}`;
    if (MACHINE.test(line)) problems.push(`${at}: names a folder of a machine: ${line.trim()}`);
    if (SIBLING.test(line)) problems.push(`${at}: names a folder beside the repository: ${line.trim()}`);
    const climbs = [
      ...[...line.matchAll(CLIMB)].map((match) => match[0].length / 3),
      ...[...line.matchAll(CLIMB_ARGUMENTS)].map((match) => match[0].split(",").length - 1),
    ];
    if (climbs.some((count) => count > depth))
      problems.push(`${at}: climbs above the repository's root: ${line.trim()}`);
  }
  return problems;
}

function repositoryFiles(folder = ROOT): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const name = relative(ROOT, path).split(sep).join("/");
    if (entry.isDirectory()) {
      // data/ is the default PGlite folder of `npm start`, written at run time.
      if (!SKIPPED_FOLDERS.has(entry.name) && name !== "data") files.push(...repositoryFiles(path));
    } else if ((CHECKED.test(entry.name) || CHECKED_NAMES.has(entry.name)) && !SKIPPED_FILES.has(name))
      files.push(name);
  }
  return files;
}

describe("paths in the repository", () => {
  it("finds each kind of path that leaves the repository", () => {
    const sibling = ["..", "shared", "data", "x.json"];
    expect(outsidePaths("a/b.ts", `const x = "${sibling.join("/")}";`)).toHaveLength(1);
    expect(
      outsidePaths("a/b.ts", `join(root, ${sibling.map((part) => `"${part}"`).join(", ")})`),
    ).toHaveLength(1);
    expect(outsidePaths("a/b.ts", `const x = "${["", "work", "shared"].join("/")}";`)).toHaveLength(1);
    expect(outsidePaths("a/b.ts", `const x = "${["", "home", "me", "x"].join("/")}";`)).toHaveLength(1);
    expect(outsidePaths("a/b/c.ts", `new URL("${"../".repeat(3)}x", import.meta.url)`)).toHaveLength(1);
    expect(outsidePaths("a/b.ts", `join(here, ${'"..", '.repeat(2)}"x")`)).toHaveLength(1);
  });

  it("lets paths inside the repository and addresses pass", () => {
    expect(outsidePaths("a/b/c.ts", `new URL("${"../".repeat(2)}x", import.meta.url)`)).toEqual([]);
    expect(outsidePaths("a/b.ts", 'join(here, "..", "content")')).toEqual([]);
    expect(outsidePaths("a/b.ts", `"https://example.org/${["work", "shared"].join("/")}"`)).toEqual([]);
    expect(outsidePaths("a/b.ts", 'fetch("/api/home/x")')).toEqual([]);
  });

  it("holds in every source, test, script and configuration file", () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(300);
    const problems = files.flatMap((file) => outsidePaths(file, readFileSync(join(ROOT, file), "utf8")));
    expect(problems).toEqual([]);
  });
});
