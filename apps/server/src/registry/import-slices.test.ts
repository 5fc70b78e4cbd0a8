// Registry imports written in slices (ADR 0040): other requests are served between the slices,
// nobody (the console's "all" scope included) sees a staged row, a failure leaves nothing, and the
// rows of an import whose process died are deleted by the sweep.
import type { Client } from "@bulwark/contracts";
import {
  assetScope,
  beginStagedImport,
  exportRegistry,
  graphInput,
  rowsOf,
  schema,
  stageAssets,
} from "@bulwark/db";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../errors.ts";
import { startTestServer, type TestServer } from "../testing.ts";
import { importRegistry } from "./import.service.ts";
import { SILENT_MS, sweepImportJobs } from "./import-jobs.ts";
import { SLICES } from "./import-write.ts";

let server: TestServer;
let grid: Client;

beforeAll(async () => {
  server = await startTestServer();
  grid = await server.client("analyst@grid.example");
});
afterAll(() => server.close());

/** n grid assets (refs prefix-0...) and a chain of dependencies between them. */
function files(prefix: string, n: number, k = 1) {
  const assets = ["id,name,sector,operator,lat,lon,population_served"];
  const dependencies = ["dependent_id,supplier_id,service,k,buffer_hours"];
  for (let i = 0; i < n; i++) {
    assets.push(`${prefix}-${i},Asset ${prefix} ${i},energy-electricity,Test Grid Operator,10.1,20.2,${i}`);
    if (i > 0) dependencies.push(`${prefix}-${i},${prefix}-${i - 1},electricity,${k},1`);
  }
  return { assets: `${assets.join("\n")}\n`, dependencies: `${dependencies.join("\n")}\n` };
}

/** Rows of `prefix` in the table, whether visible or staged. */
const written = async (prefix: string) =>
  Number(
    rowsOf<{ n: number }>(
      await server.db.execute(sql`select count(*)::int as n from assets where ref like ${`${prefix}-%`}`),
    )[0]?.n,
  );
const stagedImports = async () =>
  (await server.db.select({ n: count() }).from(schema.stagedImports))[0]?.n ?? 0;

describe("sliced registry imports", () => {
  it("serve other requests between slices, and show them none of the staged rows", async () => {
    const n = SLICES.assets * 6;
    let writing = false;
    const running = importRegistry(server.context, null, files("S", n), (phase, done, total) => {
      writing = phase === "assets" ? done > 0 && done < total : writing && phase !== "rules";
    });
    let ended = false;
    void running.then(
      () => (ended = true),
      () => (ended = true),
    );
    // Requests of a user and of the console, sent while the import writes; each answer is taken
    // with the count of rows already written (staged), read right after it.
    const during: { listed: number; whole: number; staged: number }[] = [];
    while (!ended) {
      if (writing) {
        const listed = (await grid.call("listAssets", { query: { q: "Asset S", limit: 1 } })).total;
        const whole = (await graphInput(server.db, { kind: "all" })).assets.filter((asset) =>
          asset.ref.startsWith("S-"),
        ).length;
        const staged = await written("S");
        if (!ended) during.push({ listed, whole, staged });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await running;
    // Requests were answered while staged rows existed, and saw none of them.
    const midway = during.filter((seen) => seen.staged > 0 && seen.staged < n);
    expect(midway.length).toBeGreaterThan(0);
    for (const seen of during)
      expect({ listed: seen.listed, whole: seen.whole }).toEqual({ listed: 0, whole: 0 });
    // Then all of them at once.
    expect((await grid.call("listAssets", { query: { q: "Asset S", limit: 1 } })).total).toBe(n);
    expect(await stagedImports()).toBe(0);
  });

  it("give the same registry as one transaction did: assets, dependencies and their rules", async () => {
    const report = await importRegistry(server.context, null, files("E", 450));
    expect(report).toEqual({
      assets: { created: 450, updated: 0 },
      dependencies: { dependents: 449, rows: 449 },
    });
    const again = await importRegistry(server.context, null, files("E", 450));
    expect(again).toEqual({
      assets: { created: 0, updated: 450 },
      dependencies: { dependents: 449, rows: 449 },
    });
    const { assets, dependencies } = await exportRegistry(server.db, { kind: "all" });
    const mine = assets.filter((asset) => asset.ref.startsWith("E-"));
    expect(mine).toHaveLength(450);
    expect(mine.find((asset) => asset.ref === "E-7")).toMatchObject({
      populationServed: 7,
      marking: "amber",
    });
    const chain = dependencies.filter((row) => row.dependent.ref.startsWith("E-"));
    expect(chain).toHaveLength(449);
    expect(chain.find((row) => row.dependent.ref === "E-7")).toMatchObject({
      supplier: { ref: "E-6" },
      k: 1,
      bufferHours: 1,
    });
  });

  it("leave nothing, staged or visible, when the registry they would make breaks a rule", async () => {
    const before = (await grid.call("listAssets", { query: { limit: 1 } })).total;
    // k = 2 of one supplier: found only once every slice is written.
    const failed = await importRegistry(server.context, null, files("F", SLICES.assets * 3, 2)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(UserError);
    expect(await written("F")).toBe(0);
    expect(await stagedImports()).toBe(0);
    expect((await grid.call("listAssets", { query: { limit: 1 } })).total).toBe(before);
  });

  it("hide the rows of an import whose process died, and the sweep deletes them", async () => {
    const id = "7f1e4f5e-9a51-4c1e-8d3a-6b0f6a3c2d10";
    const now = server.context.clock();
    await beginStagedImport(server.db, id, now);
    const row = (ref: string) => ({
      ref,
      name: `Orphan ${ref}`,
      sector: "energy-electricity" as const,
      operatorId: server.cast.organisations.operator,
      status: "operational" as const,
      populationServed: 1,
      marking: "clear" as const,
      tags: [],
      attributes: {},
    });
    await stageAssets(server.db, id, [row("K-1"), row("K-2")], now);
    expect(await written("K")).toBe(2);
    // Not in any scope: the operator's own, the console's, nor the public one's (TLP:CLEAR).
    expect((await grid.call("listAssets", { query: { q: "Orphan", limit: 1 } })).total).toBe(0);
    const visible = await server.db
      .select({ n: count() })
      .from(schema.assets)
      .where(and(eq(schema.assets.importId, id), assetScope({ kind: "all" })));
    expect(visible[0]?.n).toBe(0);
    expect((await sweepImportJobs(server.context))?.discarded).toBe(0);
    server.advance(SILENT_MS + 1);
    expect((await sweepImportJobs(server.context))?.discarded).toBe(1);
    expect(await written("K")).toBe(0);
    expect(await stagedImports()).toBe(0);
  });
});
