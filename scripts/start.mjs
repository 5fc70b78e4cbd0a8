// `npm start`: build the web app if needed, then serve with the demo country (PGlite in ./data
// unless DATABASE_URL is set). Runs the CLI in this process to keep start-up quick.
import { buildWebIfStale } from "./web-build.mjs";

buildWebIfStale();
process.argv = [process.argv[0] ?? "node", "bulwark", "serve", "--demo", ...process.argv.slice(2)];
await import("../apps/cli/bin/bulwark.js");
