// `bulwark exercise export|import` as an operator runs them: real processes on two embedded
// databases (two installations). A package exported from one imports into the other unchanged;
// a bad one is refused with file:line: field: message and writes nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { type Run, runBulwark } from "./bulwark-process.test-support.ts";

const folder = mkdtempSync(join(tmpdir(), "bulwark-cli-exercises-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const bulwark = (data: "first" | "second", args: string[]): Promise<Run> =>
  runBulwark(args, {
    env: { BULWARK_DATA: join(folder, data), BULWARK_DEMO_PASSWORD: "demo password for tests" },
  });

async function query<T>(data: "first" | "second", text: string): Promise<T[]> {
  const connection = await connect({ dataDir: join(folder, data) });
  try {
    return ((await connection.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
  } finally {
    await connection.close();
  }
}

describe("bulwark exercise export and import", () => {
  it("carries the demo's tabletop to another installation unchanged, and refuses a bad package", async () => {
    const seeded = await Promise.all([bulwark("first", ["seed-demo"]), bulwark("second", ["seed-demo"])]);
    expect(seeded.map((run) => run.code)).toEqual([0, 0]);
    const [demo] = await query<{ id: string }>(
      "first",
      "select id from exercises where title = 'Drones over substations'",
    );
    const file = join(folder, "drones.yaml");
    const exported = await bulwark("first", ["exercise", "export", demo?.id ?? "", "--out", file]);
    expect(exported.stderr).toBe("");
    expect(exported.stdout).toMatch(/^Wrote "Drones over substations" \(3 objectives, \d+ injects\) to /);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("format: bulwark-exercise-package/1");
    expect((await bulwark("first", ["exercise", "export", demo?.id ?? "", "--out", file])).stderr).toMatch(
      /exists: choose another name or pass --force/,
    );

    const owner = "National Critical Infrastructure Protection Authority";
    const imported = await bulwark("second", ["exercise", "import", file, "--organisation", owner]);
    expect(imported.stderr).toBe("");
    const id = /Imported the exercise as (\S+) \(planning\)\./.exec(imported.stdout)?.[1] ?? "";
    const again = await bulwark("second", ["exercise", "export", id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(text);

    const before = await query("second", "select count(*)::int as n from exercises");
    const bad = join(folder, "bad.yaml");
    const broken = text.replace("type: tabletop", "type: hackathon");
    writeFileSync(bad, broken);
    const refused = await bulwark("second", ["exercise", "import", bad, "--organisation", owner]);
    expect(refused.code).toBe(1);
    const line = broken.split("\n").findIndex((row) => row.includes("hackathon")) + 1;
    expect(refused.stderr).toContain(`${bad}:${line}: type: must be one of seminar, workshop, tabletop`);
    expect(refused.stderr).toMatch(/bulwark: .*bad\.yaml was not imported: nothing was written\.\n$/);
    expect(await query("second", "select count(*)::int as n from exercises")).toEqual(before);
  }, 480_000);
});
