// `bulwark frameworks import` as an operator runs it: a real process on a fresh embedded database.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Run, runBulwark } from "./bulwark-process.test-support.ts";

const folder = mkdtempSync(join(tmpdir(), "bulwark-cli-frameworks-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const bulwark = (args: string[]): Promise<Run> =>
  runBulwark(args, { env: { BULWARK_DATA: join(folder, "data") } });

describe("bulwark frameworks import", () => {
  it("loads the shipped frameworks once, and names the file and path of a bad one", async () => {
    expect((await bulwark(["migrate"])).code).toBe(0);
    const first = await bulwark(["frameworks", "import"]);
    expect(first.stdout).toContain("Loaded 2 new framework versions; 0 unchanged.");
    const again = await bulwark(["frameworks", "import"]);
    expect(again.stdout).toContain("Loaded 0 new framework versions; 2 unchanged.");
    const bad = join(folder, "bad");
    rmSync(bad, { recursive: true, force: true });
    mkdirSync(bad);
    writeFileSync(join(bad, "odd.yaml"), "id: odd\nversion: 0\n");
    const refused = await bulwark(["frameworks", "import", bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/odd\.yaml: version: /);
    expect(refused.stderr).toMatch(/odd\.yaml: title: /);
  }, 120_000);
});
