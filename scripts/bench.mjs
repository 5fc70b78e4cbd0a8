// `npm run bench`: every benchmark in bench/, one after the other (they share the machine). Bench
// files are .mjs (run by node) or .ts (run by node --import tsx); a file may ask for node flags in a
// comment line of its own near the top: `// node-flags: --max-old-space-size=16384`.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const folder = fileURLToPath(new URL("../bench/", import.meta.url));
let failed = false;
for (const file of readdirSync(folder)
  .filter((name) => name.endsWith(".mjs") || name.endsWith(".ts"))
  .sort()) {
  console.log(`\n== ${file}`);
  const head = readFileSync(`${folder}${file}`, "utf8").split("\n").slice(0, 5).join("\n");
  const flags =
    head
      .match(/^\/\/ node-flags: (.+)$/m)?.[1]
      ?.trim()
      .split(/\s+/) ?? [];
  const loader = file.endsWith(".ts") ? ["--import", "tsx"] : [];
  const result = spawnSync(process.execPath, [...loader, ...flags, `${folder}${file}`], {
    stdio: "inherit",
    cwd: root,
  });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
