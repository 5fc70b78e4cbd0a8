// `bulwark frameworks import` as an operator runs it: a real process on a fresh embedded database.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/bulwark.js", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "bulwark-cli-frameworks-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function bulwark(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, BULWARK_DATA: join(folder, "data") };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end("");
  });
}

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
