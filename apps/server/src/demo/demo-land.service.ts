// The demo country's invented land (content/demo/meridia.geojson, see LAND.md there): offered once
// the demo registry is loaded, so that an installation with real data shows no fictional coast.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DemoLand } from "@bulwark/contracts";
import { readSetting } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { UserError } from "../errors.ts";
import { REGISTRY_SEEDED } from "./seed-demo.ts";

export const DEMO_LAND = fileURLToPath(new URL("../../../../content/demo/meridia.geojson", import.meta.url));

let land: DemoLand | null = null;

/** Read and checked once: the file ships with the code and does not change while it runs. */
function readDemoLand(): DemoLand {
  land ??= DemoLand.parse(JSON.parse(readFileSync(DEMO_LAND, "utf8")));
  return land;
}

export async function demoLand(context: ServerContext): Promise<DemoLand> {
  if (!existsSync(DEMO_LAND) || !(await readSetting(context.db, REGISTRY_SEEDED)))
    throw new UserError(
      404,
      "Not found",
      "The demo country is not loaded here.",
      "urn:bulwark:problem:not-found",
    );
  return readDemoLand();
}
