import type { Client, ImportJob } from "@bulwark/contracts";
import { insertJob, listAudit } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Instance, secondInstance } from "../system/scope-world.test-support.ts";
import { PASSWORD, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { type ImportPhase, importRegistry } from "./import.service.ts";
import { KEEP_FINISHED_MS, SILENT_MS, sweepImportJobs } from "./import-jobs.ts";
import { SLICES } from "./import-write.ts";

let server: TestServer;
let authority: Client;
let admin: Client;
let grid: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.client("admin@authority.example");
  await admin.call("createUser", {
    body: {
      email: "analyst@authority.example",
      name: "NCA analyst",
      organisationId: server.cast.organisations.authority,
      roles: ["analyst"],
      password: PASSWORD,
    },
  });
  authority = await server.client("analyst@authority.example");
  grid = await server.client("analyst@grid.example");
});
afterAll(() => server.close());

/** n substations of the grid operator and a chain of dependencies between them, ids P-0... */
function files(prefix: string, n: number) {
  const assets = ["id,name,sector,operator,lat,lon,population_served,feeder"];
  const dependencies = ["dependent_id,supplier_id,service,k,buffer_hours"];
  for (let i = 0; i < n; i++) {
    assets.push(
      `${prefix}-${i},Substation ${i},energy-electricity,Test Grid Operator,10.${i},20.${i},${i * 10},F${i}`,
    );
    if (i > 0) dependencies.push(`${prefix}-${i},${prefix}-${i - 1},electricity,1,${i % 3}`);
  }
  return { assets: `${assets.join("\n")}\n`, dependencies: `${dependencies.join("\n")}\n` };
}

async function finished(client: Client, id: string): Promise<ImportJob> {
  for (let attempt = 0; attempt < 3000; attempt++) {
    const job = await client.call("getImportJob", { params: { id } });
    if (job.state === "done" || job.state === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`import ${id} did not finish`);
}

const registrySize = async () => ({
  assets: (await authority.call("listAssets", { query: { limit: 1 } })).total,
  audit: (await listAudit(server.db, { kind: "all" }, { limit: 1 })).items[0]?.seq,
});

const feature = (properties: Record<string, unknown>, geometry: unknown = null) => ({
  type: "Feature",
  geometry,
  properties,
});
const collection = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
const ring = (lon: number, lat: number): [number, number][] => [
  [lon, lat],
  [lon + 0.01, lat],
  [lon + 0.01, lat + 0.01],
  [lon, lat],
];

describe("import jobs", () => {
  it("run in the background to the same report as the synchronous import", async () => {
    const direct = await authority.call("importRegistry", { body: files("P", 1200) });
    const started = await authority.call("startImportJob", { body: files("Q", 1200) });
    expect(started).toMatchObject({ state: "validating", phase: "reading", done: 0, total: 0 });
    const job = await finished(authority, started.id);
    expect(job).toMatchObject({ id: started.id, state: "done", phase: "rules", done: 1, total: 1 });
    expect(job.report).toEqual(direct);
    expect(direct).toEqual({
      assets: { created: 1200, updated: 0 },
      dependencies: { dependents: 1199, rows: 1199 },
    });
    const q = await authority.call("listAssets", { query: { q: "Q-1199" } });
    expect(q.items[0]).toMatchObject({ ref: "Q-1199", attributes: { feeder: "F1199" } });
    const [entry] = (await listAudit(server.db, { kind: "all" }, { limit: 1 })).items;
    expect(entry).toMatchObject({
      action: "registry.import",
      details: { assetsCreated: 1200, format: "csv" },
    });
  });

  it("answer progress polls while the write holds the database (PGlite included)", async () => {
    const started = await authority.call("startImportJob", { body: files("W", 6000) });
    const seen: ImportJob[] = [];
    for (let attempt = 0; attempt < 30_000; attempt++) {
      const job = await authority.call("getImportJob", { params: { id: started.id } });
      seen.push(job);
      if (job.state === "done" || job.state === "failed") break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(seen.at(-1)?.state).toBe("done");
    const midWrite = seen.filter(
      (job) => job.state === "writing" && job.phase === "assets" && job.done > 0 && job.done < job.total,
    );
    expect(midWrite.length).toBeGreaterThan(0);
  });

  it("report their phases in order, with counts up to the totals", async () => {
    const seen: [ImportPhase, number, number][] = [];
    await importRegistry(server.context, null, files("R", 2500), (phase, done, total) => {
      seen.push([phase, done, total]);
    });
    const phases = seen.map(([phase]) => phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(["reading", "references", "assets", "dependencies", "rules"]);
    expect(seen).toContainEqual(["references", 2500 + 2499, 2500 + 2499]);
    // Written in slices (ADR 0040): progress after each.
    const slices = Array.from({ length: Math.ceil(2500 / SLICES.assets) }, (_, i) =>
      Math.min(2500, (i + 1) * SLICES.assets),
    );
    expect(seen.filter(([phase]) => phase === "assets").map(([, done]) => done)).toEqual([0, ...slices]);
    expect(seen).toContainEqual(["dependencies", 2499, 2499]);
    expect(seen.at(-1)).toEqual(["rules", 1, 1]);
  });

  it("fail with every problem of a bad file, and change nothing", async () => {
    const before = await registrySize();
    const started = await authority.call("startImportJob", {
      body: {
        assetsGeoJson: collection(
          feature(
            { id: "G-1", name: "Fine", sector: "health", operator: "Test Water Utility" },
            {
              type: "Point",
              coordinates: [20, 10],
            },
          ),
          feature({ id: "G-2", name: "Bad sector", sector: "bakeries", operator: "Test Water Utility" }),
          feature({ id: "G-3", name: "Nobody's", sector: "health", operator: "Nobody Ltd" }),
          feature(
            { id: "G-4", name: "Lat first", sector: "health", operator: "Test Water Utility" },
            {
              type: "Point",
              coordinates: [10, 100],
            },
          ),
          feature({ id: "G-1", name: "Twice", sector: "health", operator: "Test Water Utility" }),
        ),
        dependencies: "dependent_id,supplier_id,service,k\nG-1,GHOST,water,1\nG-1,P-1,electricity,none\n",
      },
    });
    const job = await finished(authority, started.id);
    expect(job.state).toBe("failed");
    expect(job.report).toBeUndefined();
    expect(job.problem?.status).toBe(422);
    expect(job.problem?.errors?.map((item) => item.path)).toEqual([
      "assets.geojson:features[1] (G-2):properties.sector",
      "assets.geojson:features[3] (G-4):geometry.coordinates[1]",
      "dependencies.csv:3:k",
    ]);
    // The file parses: the problems found against the registry come next, all of them.
    const second = await finished(
      authority,
      (
        await authority.call("startImportJob", {
          body: {
            assetsGeoJson: collection(
              feature({ id: "G-1", name: "Fine", sector: "health", operator: "Test Water Utility" }),
              feature({ id: "G-3", name: "Nobody's", sector: "health", operator: "Nobody Ltd" }),
              feature({ id: "G-1", name: "Twice", sector: "health", operator: "Test Water Utility" }),
            ),
            dependencies: "dependent_id,supplier_id,service\nG-1,GHOST,water\n",
          },
        })
      ).id,
    );
    expect(second.problem?.errors).toEqual([
      {
        path: "assets.geojson:features[1] (G-3):properties.operator",
        message: 'no organisation "Nobody Ltd"',
      },
      {
        path: "assets.geojson:features[2] (G-1):properties.id",
        message: '"G-1" appears twice (also features[0])',
      },
      { path: "dependencies.csv:2:supplier_id", message: 'no asset "GHOST"' },
    ]);
    expect(await registrySize()).toEqual(before);
  });

  it("roll back everything written when the registry it would make breaks a rule", async () => {
    const before = await registrySize();
    const job = await finished(
      authority,
      (
        await authority.call("startImportJob", {
          body: {
            assets: "id,name,sector,operator\nK-1,Needs two,health,Test Water Utility\n",
            dependencies: "dependent_id,supplier_id,service,k\nK-1,P-1,electricity,2\n",
          },
        })
      ).id,
    );
    expect(job).toMatchObject({ state: "failed", phase: "rules", problem: { status: 422 } });
    expect(job.problem?.errors?.map((item) => item.path)).toEqual(["dependencies.csv:2:k"]);
    expect(await registrySize()).toEqual(before);
    expect((await authority.call("listAssets", { query: { q: "K-1" } })).total).toBe(0);
  });

  it("are read only by who started them, or a platform administrator", async () => {
    const started = await authority.call("startImportJob", { body: files("S", 3) });
    expect(await statusOf(grid.call("getImportJob", { params: { id: started.id } }))).toBe(404);
    expect((await finished(admin, started.id)).state).toBe("done");
    expect(await statusOf(authority.call("getImportJob", { params: { id: crypto.randomUUID() } }))).toBe(404);
    // The same rules as the import itself: the grid operator's analyst may not import for the water utility.
    const theirs = await grid.call("startImportJob", {
      body: { assets: "id,name,sector,operator\nW-9,Not ours,health,Test Water Utility\n" },
    });
    expect((await finished(grid, theirs.id)).problem?.errors?.[0]?.path).toBe("assets.csv:2:operator");
  });

  it("take the assets once: CSV or GeoJSON", async () => {
    expect(await statusOf(authority.call("startImportJob", { body: {} }))).toBe(400);
    const both = { assets: files("X", 1).assets, assetsGeoJson: collection() };
    expect(await statusOf(authority.call("startImportJob", { body: both }))).toBe(400);
    expect(await statusOf(authority.call("importRegistry", { body: both }))).toBe(400);
  });

  it("are forgotten an hour after they finish, by the scheduled sweep", async () => {
    const started = await authority.call("startImportJob", { body: files("T", 2) });
    await finished(authority, started.id);
    server.advance(KEEP_FINISHED_MS);
    expect(await sweepImportJobs(server.context)).toEqual({ failed: 0, deleted: 0, discarded: 0 });
    expect((await authority.call("getImportJob", { params: { id: started.id } })).state).toBe("done");
    server.advance(1);
    expect((await sweepImportJobs(server.context))?.deleted).toBeGreaterThanOrEqual(1);
    expect(await statusOf(authority.call("getImportJob", { params: { id: started.id } }))).toBe(404);
  });

  it("read as failed, with nothing imported, when the process running them died", async () => {
    // What a process killed during an import leaves: a running job nobody will finish.
    // (Signed in first: a sign-in is audited.)
    const { cookie } = await signedIn(server, "analyst@grid.example");
    const id = crypto.randomUUID();
    const before = await registrySize();
    await insertJob(
      server.db,
      { id, kind: "registry-import", ownerId: server.cast.users.analyst, state: "writing", phase: "assets" },
      server.context.clock(),
    );
    expect(await grid.call("getImportJob", { params: { id } })).toMatchObject({ state: "writing" });
    server.advance(SILENT_MS - 1);
    await sweepImportJobs(server.context);
    expect((await grid.call("getImportJob", { params: { id } })).state).toBe("writing");
    server.advance(2);
    expect((await sweepImportJobs(server.context))?.failed).toBe(1);
    expect(await grid.call("getImportJob", { params: { id } })).toMatchObject({
      state: "failed",
      problem: { title: "Import interrupted", status: 503 },
    });
    // Written by the sweep, which no one asked: each reader reads it in their own language.
    const read = await server.inject({
      method: "GET",
      url: `/api/registry/imports/${id}`,
      headers: { cookie, "accept-language": "fr" },
    });
    expect(read.json().problem).toMatchObject({ title: "Importation interrompue", status: 503 });
    expect(read.json().problem.detail).toMatch(/rien n'a été importé/);
    expect(await registrySize()).toEqual(before);
  });
});

describe("import jobs behind a load balancer (issue 14, finding 12)", () => {
  let other: Instance;
  beforeAll(async () => {
    other = await secondInstance(server);
  });
  afterAll(() => other.close());

  it("are followed from another server process on the same database, by their owner only", async () => {
    const authorityThere = await other.client("analyst@authority.example");
    const gridThere = await other.client("analyst@grid.example");
    const adminThere = await other.client("admin@authority.example");
    const started = await authority.call("startImportJob", { body: files("LB", 300) });
    // The poll reaches the other process at once: it knows the job (it answered 404 before).
    const first = await authorityThere.call("getImportJob", { params: { id: started.id } });
    expect(first.id).toBe(started.id);
    expect(["validating", "writing", "done"]).toContain(first.state);
    expect(await statusOf(gridThere.call("getImportJob", { params: { id: started.id } }))).toBe(404);
    const there = await finished(authorityThere, started.id);
    expect(there).toMatchObject({ state: "done", phase: "rules", done: 1, total: 1 });
    expect(there.report).toEqual({
      assets: { created: 300, updated: 0 },
      dependencies: { dependents: 299, rows: 299 },
    });
    expect(await authority.call("getImportJob", { params: { id: started.id } })).toEqual(there);
    expect(await adminThere.call("getImportJob", { params: { id: started.id } })).toEqual(there);
    expect(await statusOf(gridThere.call("getImportJob", { params: { id: started.id } }))).toBe(404);
    // A failure reads the same everywhere, problems included.
    const failing = await authority.call("startImportJob", {
      body: { assets: "id,name,sector,operator\nLB-X,Bad,bakeries,Test Grid Operator\n" },
    });
    const failed = await finished(authorityThere, failing.id);
    expect(failed).toMatchObject({ state: "failed", problem: { status: 422 } });
    expect(failed.problem?.errors?.map((item) => item.path)).toEqual(["assets.csv:2:sector"]);
  });
});

describe("GeoJSON imports", () => {
  it("give back what the GeoJSON export wrote, polygons, points and attributes included", async () => {
    const listed = await authority.call("listAssets", { query: { q: "P-1", limit: 1 } });
    const area = { type: "Polygon" as const, coordinates: [ring(20, 10)] };
    await authority.call("createAsset", {
      body: {
        ref: "LINE-1",
        name: "Northern line",
        sector: "transport-rail",
        operatorId: listed.items[0]?.operator.id ?? "",
        area,
        lat: 10.005,
        lon: 20.005,
        attributes: { gauge: "1435" },
        marking: "amber+strict",
      },
    });
    const exported = await authority.call("exportGeoJson");
    const line = exported.features.find((item) => item.id === "LINE-1");
    expect(line).toMatchObject({
      geometry: area,
      properties: { gauge: "1435", lat: 10.005, marking: "TLP:AMBER+STRICT" },
    });
    const assetsBefore = await authority.call("exportRegistry");
    const direct = await authority.call("importRegistry", {
      body: { assetsGeoJson: JSON.stringify(exported) },
    });
    expect(direct.assets).toEqual({ created: 0, updated: exported.features.length });
    expect(await authority.call("exportGeoJson")).toEqual(exported);
    expect(await authority.call("exportRegistry")).toEqual(assetsBefore);
  }, 120_000); // every asset so far re-imported as an update, in the final transaction: long on PGlite

  it("create and move assets with the geometry they give", async () => {
    const job = await finished(
      authority,
      (
        await authority.call("startImportJob", {
          body: {
            assetsGeoJson: collection(
              feature(
                {
                  id: "PIPE-1",
                  name: "Pipeline",
                  sector: "energy-gas",
                  operator: "Test Grid Operator",
                  marking: "TLP:GREEN",
                  pressure_bar: 70,
                },
                { type: "Polygon", coordinates: [ring(30, 5)] },
              ),
              feature(
                {
                  id: "LINE-1",
                  name: "Northern line",
                  sector: "transport-rail",
                  operator: "Test Grid Operator",
                },
                {
                  type: "Polygon",
                  coordinates: [ring(21, 11)],
                },
              ),
            ),
            dependencies: "dependent_id,supplier_id,service\nPIPE-1,P-2,electricity\n",
          },
        })
      ).id,
    );
    expect(job.report).toEqual({
      assets: { created: 1, updated: 1 },
      dependencies: { dependents: 1, rows: 1 },
    });
    const [pipe] = (await authority.call("listAssets", { query: { q: "PIPE-1" } })).items;
    expect(pipe).toMatchObject({
      area: { type: "Polygon", coordinates: [ring(30, 5)] },
      lat: null,
      marking: "green",
      attributes: { pressure_bar: "70" },
    });
    const [line] = (await authority.call("listAssets", { query: { q: "LINE-1" } })).items;
    expect(line).toMatchObject({ area: { coordinates: [ring(21, 11)] }, lat: null, lon: null });
    const links = await authority.call("getAssetDependencies", { params: { id: pipe?.id ?? "" } });
    expect(links.suppliers.map((item) => item.supplier.ref)).toEqual(["P-2"]);
    const [entry] = (await listAudit(server.db, { kind: "all" }, { limit: 1 })).items;
    expect(entry).toMatchObject({ details: { format: "geojson", via: "api" } });
  });
});
