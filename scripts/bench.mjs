// `npm run bench`: every benchmark in bench/, one after the other (they share the machine).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const folder = fileURLToPath(new URL("../bench/", import.meta.url));
let failed = false;
for (const file of readdirSync(folder)
  .filter((name) => name.endsWith(".mjs"))
  .sort()) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, [`${folder}${file}`], { stdio: "inherit" });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
