// Loads the demo country once for the whole browser run, into a data folder each test file's
// `npm start` then starts from a copy of (e2e/start.ts): loading it is most of a start's time, and
// twenty-odd files each loaded it again. The folder lives as long as the run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The same as start.ts's: the template's accounts carry its hash. */
const DEMO_PASSWORD = "e2e demo password";

declare module "vitest" {
  export interface ProvidedContext {
    demoTemplate: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), "bulwark-e2e-template-"));
  const seeded = spawnSync(process.execPath, [join(ROOT, "apps/cli/bin/bulwark.js"), "seed-demo"], {
    cwd: ROOT,
    env: { ...process.env, BULWARK_DATA: folder, BULWARK_DEMO_PASSWORD: DEMO_PASSWORD, DATABASE_URL: "" },
    encoding: "utf8",
  });
  if (seeded.status !== 0)
    throw new Error(
      `bulwark seed-demo failed for the browser tests' template:\n${seeded.stdout}${seeded.stderr}`,
    );
  project.provide("demoTemplate", folder);
  return () => rmSync(folder, { recursive: true, force: true });
}
