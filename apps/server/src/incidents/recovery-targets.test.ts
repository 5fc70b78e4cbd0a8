// Recovery targets per asset (issue 17, item 1), through the API: an asset's recoveryTargetHours is
// kept in the registry (create, update, CSV import and export; bad values are problem+json and
// change nothing), and an incident's recovery sets each affected asset's target against the time
// taken to restore it (met, missed, open), under the reader's asset scope: a reader who sees the
// incident but not an asset learns nothing of that asset's target or outage.
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPdf } from "../pdf/testing.ts";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";
import { addWatchAndBank } from "./incident-world.test-support.ts";

let server: TestServer;
let watch: Client; // the national authority's watch desk (coordinator)
let gridAdmin: Client; // the grid operator: its substations S and T
let water: Client; // the water utility: in the incident's audience, sees none of the grid's AMBER assets
let bank: Client; // outside every audience
const asset = { S: "", T: "", U: "" };
let incidentId = "";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-22T03:00:00.000Z");
const iso = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  await addWatchAndBank(server);
  [watch, gridAdmin, water, bank] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
    server.client("teller@bank.example"),
  ]);
});
afterAll(() => server.close());

const registry = (id: string) =>
  server.db
    .execute(sql`select recovery_target_hours from assets where id = ${id}`)
    .then((result) => (result as unknown as { rows: { recovery_target_hours: number | null }[] }).rows[0]);

describe("recovery targets in the registry", () => {
  it("are set on create, changed on update, and refused out of range without any change", async () => {
    const operatorId = server.cast.organisations.operator;
    const base = {
      name: "Substation",
      sector: "energy-electricity" as const,
      operatorId,
      marking: "amber" as const,
    };
    const s = await gridAdmin.call("createAsset", {
      body: { ...base, ref: "S", name: "Substation S", recoveryTargetHours: 10 },
    });
    expect(s.recoveryTargetHours).toBe(10);
    const t = await gridAdmin.call("createAsset", {
      body: { ...base, ref: "T", name: "Substation T", recoveryTargetHours: 4 },
    });
    const u = await gridAdmin.call("createAsset", { body: { ...base, ref: "U", name: "Substation U" } });
    expect(u.recoveryTargetHours).toBeNull();
    asset.S = s.id;
    asset.T = t.id;
    asset.U = u.id;
    const changed = await gridAdmin.call("updateAsset", {
      params: { id: t.id },
      body: { recoveryTargetHours: 6 },
    });
    expect(changed.recoveryTargetHours).toBe(6);
    for (const bad of [0, -1, 9000])
      expect(
        await statusOf(
          gridAdmin.call("updateAsset", { params: { id: t.id }, body: { recoveryTargetHours: bad } }),
        ),
      ).toBe(400);
    expect(await registry(t.id)).toEqual({ recovery_target_hours: 6 });
  });

  it("travel through assets.csv: exported, and imported back (a zero is a problem of its row)", async () => {
    const files = await gridAdmin.call("exportRegistry");
    const header = files.assets.split("\r\n")[0]?.split(",") ?? [];
    const column = header.indexOf("recovery_target_hours");
    expect(column).toBeGreaterThan(0);
    const rowOf = (ref: string) => files.assets.split("\r\n").find((line) => line.startsWith(`${ref},`));
    expect(rowOf("S")?.split(",")[column]).toBe("10");
    expect(rowOf("U")?.split(",")[column]).toBe("");
    await gridAdmin.call("importRegistry", {
      body: { assets: "id,name,sector,marking,recovery_target_hours\nV,Pump,energy-electricity,amber,2.5\n" },
    });
    const v = (await gridAdmin.call("listAssets", { query: { q: "V" } })).items.find((a) => a.ref === "V");
    expect(v?.recoveryTargetHours).toBe(2.5);
    expect(
      await statusOf(
        gridAdmin.call("importRegistry", {
          body: {
            assets: "id,name,sector,marking,recovery_target_hours\nV,Pump,energy-electricity,amber,0\n",
          },
        }),
      ),
    ).toBe(422);
    expect(await registry(v?.id ?? "")).toEqual({ recovery_target_hours: 2.5 });
  });
});

describe("recovery against targets on an incident", () => {
  beforeAll(async () => {
    const notice: IncidentCreateInput = {
      title: "Storm damage at S, T and U",
      type: "natural-hazard",
      startedAt: iso(0),
      awareAt: iso(0),
      regime: "eu-cer-article-15",
      tlp: "amber",
      audience: { organisationIds: [server.cast.organisations.authority, server.cast.organisations.other] },
      suspectedCause: "natural-hazard",
      assets: [
        { assetId: asset.S, status: "down", at: iso(0) },
        { assetId: asset.T, status: "degraded", at: iso(1) },
        { assetId: asset.U, status: "down", at: iso(2) },
      ],
    };
    incidentId = (await gridAdmin.call("createIncident", { body: notice })).id;
    const restore = (assetId: string, hours: number) =>
      gridAdmin.call("recordIncidentAssetStatus", {
        params: { id: incidentId },
        body: { assetId, status: "restored", at: iso(hours) },
      });
    await restore(asset.S, 8); // 8 h of 10: met
    await restore(asset.T, 9); // 8 h of 6: missed
  });

  it("gives each affected asset its target against the time to restore it", async () => {
    const { targets } = await watch.call("incidentRecovery", { params: { id: incidentId } });
    expect(targets.map((t) => [t.assetId, t.targetHours, t.hours, t.outcome, t.restoredAt])).toEqual([
      [asset.S, 10, 8, "met", iso(8)],
      [asset.T, 6, 8, "missed", iso(9)],
      // U has no target: still out, measured to now.
      [asset.U, null, expect.any(Number), null, null],
    ]);
    expect(targets[2]?.outOfServiceAt).toBe(iso(2));
  });

  it("shows nothing of assets the reader may not see, and nothing at all to a stranger", async () => {
    // The water utility sees the incident, but none of the grid operator's AMBER assets.
    const seen = await water.call("incidentRecovery", { params: { id: incidentId } });
    expect(seen.targets).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain(asset.S);
    expect(await statusOf(bank.call("incidentRecovery", { params: { id: incidentId } }))).toBe(404);
  });

  it("prints the targets in the incident's report, under the reader's scope", async () => {
    const textOf = async (client: Client) => {
      const bytes = (await client.call("exportIncidentReport", { params: { id: incidentId } })).bytes;
      return (await readPdf(bytes)).flat;
    };
    const text = await textOf(watch);
    expect(text).toContain("Recovery targets");
    expect(text).toMatch(/Substation S \(S\) 10 h 8 h Met/);
    expect(text).toMatch(/Substation T \(T\) 6 h 8 h Missed/);
    expect(text).toContain("still out of service");
    // The water utility sees the incident but none of these assets: no row names them.
    const theirs = await textOf(water);
    expect(theirs).toContain("Recovery targets");
    expect(theirs).not.toContain("Substation S");
  });
});
