// Incidents through the API (issue 17): filing, reading under the TLP rule of shared items (404 for
// anyone outside, on every route), the state machine and who moves it, asset status, merging
// notices, bad input (problem+json, nothing changed), the notification of each change, the
// projection equal to the cascade, the recovery curve of a known case and the STIX export.
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import { CRITICAL_ASSET_TYPE, type StixObject } from "@bulwark/core";
import {
  INCIDENTS_CHANNEL,
  insertAsset,
  insertCommunity,
  insertDependency,
  insertOrganisation,
  insertUser,
  setCommunityOrganisations,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { stixProblems } from "../sharing/stix-schemas.test-support.ts";
import { PASSWORD, problemOf, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let watch: Client; // the national authority's watch desk (coordinator)
let gridMember: Client; // the grid operator's duty officer
let gridAnalyst: Client;
let gridAdmin: Client;
let water: Client; // the water utility (another operator)
let bank: Client; // a bank: never in any audience here
let admin: Client; // platform administrator: no exception to TLP
let watchId: string;
// The grid: substation S feeds feeder F at once and the water pump W after 6 h; F feeds tower T after 12 h.
const asset: Record<"S" | "F" | "T" | "W" | "X", string> = { S: "", F: "", T: "", W: "", X: "" };

// Two days before the test clock (2026-11-24 09:00 UTC), so that a recovery fits in the past.
const T0 = "2026-11-22T03:00:00.000Z";
const hoursAfter = (hours: number, from = T0) => new Date(Date.parse(from) + hours * 3_600_000).toISOString();

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput => ({
  title: "Substation S attacked",
  type: "sabotage",
  startedAt: T0,
  awareAt: hoursAfter(0.5),
  regime: "eu-cer-article-15",
  tlp: "amber",
  audience: { organisationIds: [server.cast.organisations.authority] },
  suspectedCause: "attack",
  threatFamily: "sabotage",
  assets: [{ assetId: asset.S, status: "down", at: T0 }],
  ...over,
});

async function counts() {
  const result = await server.db.execute(sql`select
    (select count(*)::int from incidents) as incidents,
    (select count(*)::int from incident_assets) as assets,
    (select count(*)::int from incident_state_changes) as states,
    (select count(*)::int from incident_reports) as reports,
    (select count(*)::int from incident_notices) as notices,
    (select count(*)::int from incident_audience) as audience,
    (select count(*)::int from audit_log where action like 'incidents.%') as audit`);
  return (result as unknown as { rows: unknown[] }).rows[0];
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const bankId = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  watchId = await insertUser(
    server.db,
    {
      email: "watch@authority.example",
      name: "Watch",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  await insertUser(
    server.db,
    {
      email: "teller@bank.example",
      name: "Teller",
      organisationId: bankId,
      roles: ["organisation-admin"],
      passwordHash,
    },
    now,
  );
  await server.db.execute(
    sql`update users set roles = '{organisation-admin}' where email = 'member@water.example'`,
  );
  // RED goes to people of organisations sharing a community with the filer's (the sharing rule).
  const energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  const add = (
    ref: string,
    operatorId: string,
    populationServed: number,
    sector: "energy-electricity" | "water-drinking" | "telecommunications",
  ) =>
    insertAsset(
      server.db,
      {
        ref,
        name: `Asset ${ref}`,
        sector,
        operatorId,
        status: "operational",
        populationServed,
        marking: "amber",
        tags: [],
        attributes: {},
        lat: 10,
        lon: 20,
      },
      now,
    );
  asset.S = await add("S", organisations.operator, 1000, "energy-electricity");
  asset.F = await add("F", organisations.operator, 2000, "energy-electricity");
  asset.T = await add("T", organisations.operator, 300, "telecommunications");
  asset.W = await add("W", organisations.other, 5000, "water-drinking");
  asset.X = await add("X", organisations.operator, 50, "energy-electricity");
  const depend = (dependentId: string, supplierId: string, bufferHours: number) =>
    insertDependency(
      server.db,
      { dependentId, supplierId, service: "electricity", kind: "physical", k: 1, bufferHours },
      now,
    );
  await depend(asset.F, asset.S, 0);
  await depend(asset.W, asset.S, 6);
  await depend(asset.T, asset.F, 12);
  [watch, gridMember, gridAnalyst, gridAdmin, water, bank, admin] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("member@grid.example"),
    server.client("analyst@grid.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
    server.client("teller@bank.example"),
    server.client("admin@authority.example"),
  ]);
});
afterAll(() => server.close());

describe("filing and reading under TLP", () => {
  it("files an AMBER notice that the filer's organisation and the authority see, and nobody else", async () => {
    const created = await gridMember.call("createIncident", { body: notice() });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.state).toBe("reported");
    expect(created.regime).toBe("eu-cer-article-15");
    expect(created.assets.map((a) => [a.ref, a.status, a.since])).toEqual([["S", "down", T0]]);
    expect(created.notices).toHaveLength(1);
    // The platform administrator belongs to the authority: addressed, like its watch desk.
    for (const reader of [gridMember, gridAnalyst, gridAdmin, watch, admin]) {
      expect((await reader.call("getIncident", { params: { id: created.id } })).id).toBe(created.id);
      expect((await reader.call("listIncidents")).items.map((i) => i.id)).toContain(created.id);
    }
    for (const stranger of [water, bank]) {
      expect(await statusOf(stranger.call("getIncident", { params: { id: created.id } }))).toBe(404);
      const list = await stranger.call("listIncidents");
      expect(list.items.map((i) => i.id)).not.toContain(created.id);
    }
  });

  it("answers 201 with the incident on POST /api/incidents", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/api/incidents",
      headers: {
        authorization: `Bearer ${await tokenOf("member@grid.example")}`,
        "content-type": "application/json",
      },
      payload: JSON.stringify(notice({ title: "Through a token" })),
    });
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body).id).toBeTruthy();
  });

  it("keeps a RED incident to the people it names: not even the filer's colleagues", async () => {
    const red = await gridAdmin.call("createIncident", {
      body: notice({ tlp: "red", audience: { userIds: [watchId] } }),
    });
    expect((await watch.call("getIncident", { params: { id: red.id } })).tlp).toBe("red");
    expect((await gridAdmin.call("getIncident", { params: { id: red.id } })).id).toBe(red.id);
    for (const stranger of [gridMember, gridAnalyst, water, bank, admin])
      expect(await statusOf(stranger.call("getIncident", { params: { id: red.id } }))).toBe(404);
  });

  it("shows a CLEAR incident to everyone signed in", async () => {
    const clear = await gridAdmin.call("createIncident", { body: notice({ tlp: "clear", audience: {} }) });
    for (const reader of [gridMember, water, bank, admin, watch])
      expect((await reader.call("getIncident", { params: { id: clear.id } })).id).toBe(clear.id);
  });

  it("names only the assets the reader may see", async () => {
    const both = await watch.call("createIncident", {
      body: notice({
        tlp: "clear",
        audience: {},
        assets: [
          { assetId: asset.S, status: "down", at: T0 },
          { assetId: asset.W, status: "degraded", at: T0 },
        ],
      }),
    });
    const asWater = await water.call("getIncident", { params: { id: both.id } });
    expect(asWater.assets.map((a) => a.ref)).toEqual(["W"]);
    expect(asWater.hiddenAssets).toBe(1);
    const asBank = await bank.call("getIncident", { params: { id: both.id } });
    expect(asBank.assets).toEqual([]);
    expect(asBank.hiddenAssets).toBe(2);
  });
});

async function tokenOf(email: string): Promise<string> {
  const client = await server.client(email);
  const created = await client.call("createToken", {
    body: { name: `t-${Math.random()}`, scopes: ["read", "write"] },
  });
  return created.token;
}

describe("every route hides an incident from those outside its audience", () => {
  it("answers 404, not 403, and changes nothing", async () => {
    const hidden = await gridMember.call("createIncident", { body: notice() });
    const other = await watch.call("createIncident", { body: notice({ tlp: "clear", audience: {} }) });
    const before = await counts();
    const id = hidden.id;
    for (const stranger of [water, bank]) {
      const calls: (() => Promise<unknown>)[] = [
        () => stranger.call("getIncident", { params: { id } }),
        () => stranger.call("changeIncidentState", { params: { id }, body: { state: "acknowledged" } }),
        () => stranger.call("setIncidentSeverity", { params: { id }, body: { severity: "critical" } }),
        () =>
          stranger.call("recordIncidentAssetStatus", {
            params: { id },
            body: { assetId: asset.S, status: "restored", at: hoursAfter(1) },
          }),
        () => stranger.call("mergeIncident", { params: { id }, body: { incidentId: other.id } }),
        () => stranger.call("mergeIncident", { params: { id: other.id }, body: { incidentId: id } }),
        () =>
          stranger.call("fileIncidentReport", {
            params: { id },
            body: { report: "final-report", body: "Done." },
          }),
        () => stranger.call("incidentProjection", { params: { id } }),
        () => stranger.call("incidentRecovery", { params: { id } }),
        () => stranger.call("exportIncidentStix", { params: { id } }),
      ];
      for (const call of calls) {
        const problem = await problemOf(call());
        expect(problem.status).toBe(404);
        expect(problem.detail).toBe("No incident with this id is visible to you.");
      }
    }
    expect(await counts()).toEqual(before);
  });
});

describe("bad input gets problem+json and changes nothing", () => {
  it("refuses each mistake with a reason, writing nothing", async () => {
    const before = await counts();
    const cases: [Client, IncidentCreateInput, number, string][] = [
      // Water's pump is not the grid operator's to see.
      [
        gridMember,
        notice({ assets: [{ assetId: asset.W, status: "down", at: T0 }] }),
        422,
        "body.assets.0.assetId",
      ],
      // The authority sees the pump, but an operator reports only its own assets.
      [
        water,
        notice({ audience: {}, tlp: "clear", assets: [{ assetId: asset.S, status: "down", at: T0 }] }),
        422,
        "body.assets.0.assetId",
      ],
      [gridMember, notice({ regime: "EU CER Article 15" }), 400, "body.regime"],
      [gridMember, notice({ threatFamily: undefined }), 400, "body.threatFamily"],
      [gridMember, notice({ suspectedCause: "accident" }), 400, "body.threatFamily"],
      [gridMember, notice({ awareAt: hoursAfter(-1) }), 400, "body.awareAt"],
      [gridMember, notice({ assets: [] }), 400, "body.assets"],
      [
        gridMember,
        notice({ startedAt: "2030-01-01T00:00:00Z", awareAt: "2030-01-01T00:00:00Z" }),
        422,
        "body.startedAt",
      ],
      [
        gridMember,
        notice({ audience: { organisationIds: ["00000000-0000-4000-8000-000000000000"] } }),
        422,
        "body.audience.organisationIds",
      ],
      [
        gridMember,
        notice({ assets: [{ assetId: asset.S, status: "restored" as "down", at: T0 }] }),
        400,
        "body.assets.0.status",
      ],
    ];
    for (const [client, body, status, path] of cases) {
      const problem = await problemOf(client.call("createIncident", { body }));
      expect(problem.status, path).toBe(status);
      expect(
        problem.errors?.map((e) => e.path),
        path,
      ).toContain(path);
    }
    // A member may not mark wider than TLP:AMBER (the sharing rule's role limits): 403.
    expect(
      (await problemOf(gridMember.call("createIncident", { body: notice({ tlp: "clear", audience: {} }) })))
        .status,
    ).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("refuses an asset status the caller may not record, writing nothing", async () => {
    const incident = await gridMember.call("createIncident", {
      body: notice({
        audience: { organisationIds: [server.cast.organisations.authority, server.cast.organisations.other] },
      }),
    });
    const before = await counts();
    // The water utility sees the incident but did not file it.
    expect(
      (
        await problemOf(
          water.call("recordIncidentAssetStatus", {
            params: { id: incident.id },
            body: { assetId: asset.W, status: "down", at: T0 },
          }),
        )
      ).status,
    ).toBe(403);
    // The grid operator may not see the pump.
    const hidden = await problemOf(
      gridMember.call("recordIncidentAssetStatus", {
        params: { id: incident.id },
        body: { assetId: asset.W, status: "down", at: T0 },
      }),
    );
    expect([hidden.status, hidden.errors?.[0]?.path]).toEqual([422, "body.assetId"]);
    expect(
      (
        await problemOf(
          gridMember.call("recordIncidentAssetStatus", {
            params: { id: incident.id },
            body: { assetId: asset.S, status: "broken" as "down", at: T0 },
          }),
        )
      ).status,
    ).toBe(400);
    expect(await counts()).toEqual(before);
    // The authority records any asset it sees.
    const after = await watch.call("recordIncidentAssetStatus", {
      params: { id: incident.id },
      body: { assetId: asset.W, status: "down", at: hoursAfter(6) },
    });
    expect(after.assets.map((a) => a.ref).sort()).toEqual(["S", "W"]);
  });
});

describe("the state machine", () => {
  it("moves reported -> acknowledged -> responding -> recovering -> closed, each step by whom it names", async () => {
    const { id } = await gridMember.call("createIncident", { body: notice() });
    const step = (client: Client, state: "acknowledged" | "responding" | "recovering" | "closed") =>
      client.call("changeIncidentState", { params: { id }, body: { state } });
    expect((await problemOf(step(gridAdmin, "acknowledged"))).status).toBe(403);
    expect((await problemOf(step(watch, "responding"))).status).toBe(403);
    expect((await watch.call("getIncident", { params: { id } })).abilities.advance).toBe("acknowledged");
    expect((await gridAdmin.call("getIncident", { params: { id } })).abilities.advance).toBeNull();
    expect((await step(watch, "acknowledged")).state).toBe("acknowledged");
    expect((await step(gridAnalyst, "responding")).state).toBe("responding");
    expect((await step(gridMember, "recovering")).state).toBe("recovering");
    expect((await problemOf(step(gridAdmin, "closed"))).status).toBe(403);
    const closed = await step(watch, "closed");
    expect(closed.state).toBe("closed");
    expect(closed.closedAt).not.toBeNull();
    expect(closed.states.map((s) => s.state)).toEqual([
      "reported",
      "acknowledged",
      "responding",
      "recovering",
      "closed",
    ]);
    expect((await problemOf(step(watch, "closed"))).status).toBe(403);
    expect(
      (
        await problemOf(
          gridMember.call("recordIncidentAssetStatus", {
            params: { id },
            body: { assetId: asset.S, status: "restored", at: hoursAfter(2) },
          }),
        )
      ).status,
    ).toBe(403);
    // Reports are still filed after closing (the final report comes within a month).
    const reported = await gridMember.call("fileIncidentReport", {
      params: { id },
      body: { report: "detailed-report", body: "Root cause found." },
    });
    expect(reported.reports.map((r) => r.report)).toEqual(["detailed-report"]);
  });

  it("audits each change and announces it on the incidents channel in its transaction", async () => {
    const heard: string[] = [];
    const stop = server.database.changes.subscribe(INCIDENTS_CHANNEL, {
      notify: (payload) => heard.push(payload),
    });
    await server.database.changes.listening();
    const { id } = await gridMember.call("createIncident", { body: notice() });
    await watch.call("changeIncidentState", { params: { id }, body: { state: "acknowledged" } });
    await gridMember.call("recordIncidentAssetStatus", {
      params: { id },
      body: { assetId: asset.S, status: "restored", at: hoursAfter(3) },
    });
    await expect.poll(() => heard.filter((p) => JSON.parse(p).id === id).length).toBe(3);
    // A refused change announces nothing.
    await problemOf(gridMember.call("changeIncidentState", { params: { id }, body: { state: "closed" } }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard.filter((p) => JSON.parse(p).id === id)).toHaveLength(3);
    stop();
    const audit = await server.db.execute(
      sql`select action from audit_log where target_id = ${id} and action like 'incidents.%' order by seq`,
    );
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
      "incidents.file",
      "incidents.state",
      "incidents.asset-status",
    ]);
  });
});

describe("merging notices", () => {
  it("lets the authority merge another operator's notice: one incident, both notices, both filers see it", async () => {
    const grid = await gridMember.call("createIncident", { body: notice() });
    const pump = await water.call("createIncident", {
      body: notice({
        title: "Pump W without power",
        type: "technical-failure",
        suspectedCause: "unknown",
        threatFamily: undefined,
        assets: [{ assetId: asset.W, status: "down", at: hoursAfter(6) }],
      }),
    });
    expect(await statusOf(water.call("getIncident", { params: { id: grid.id } }))).toBe(404);
    expect(
      (
        await problemOf(
          gridAdmin.call("mergeIncident", { params: { id: grid.id }, body: { incidentId: pump.id } }),
        )
      ).status,
    ).toBe(404);
    const merged = await watch.call("mergeIncident", {
      params: { id: grid.id },
      body: { incidentId: pump.id },
    });
    expect(merged.notices.map((n) => n.organisation.id).sort()).toEqual(
      [server.cast.organisations.operator, server.cast.organisations.other].sort(),
    );
    expect(merged.assets.map((a) => a.ref).sort()).toEqual(["S", "W"]);
    const asWater = await water.call("getIncident", { params: { id: grid.id } });
    expect(asWater.assets.map((a) => a.ref)).toEqual(["W"]);
    expect((await water.call("getIncident", { params: { id: pump.id } })).mergedIntoId).toBe(grid.id);
    expect((await watch.call("listIncidents")).items.map((i) => i.id)).not.toContain(pump.id);
    // Merged once only.
    expect(
      (
        await problemOf(
          watch.call("mergeIncident", { params: { id: grid.id }, body: { incidentId: pump.id } }),
        )
      ).status,
    ).toBe(422);
  });

  it("refuses to merge a narrower notice into a wider incident", async () => {
    const wide = await watch.call("createIncident", {
      body: notice({ tlp: "green", audience: { organisationIds: [server.cast.organisations.operator] } }),
    });
    const narrow = await gridAdmin.call("createIncident", { body: notice({ tlp: "amber+strict" }) });
    const problem = await problemOf(
      watch.call("mergeIncident", { params: { id: wide.id }, body: { incidentId: narrow.id } }),
    );
    expect(problem.status).toBe(403);
  });
});

describe("projection and recovery", () => {
  it("equals POST /api/analysis/cascade for assets all down at one time, under each reader's scope", async () => {
    const { id } = await gridAdmin.call("createIncident", {
      body: notice({
        assets: [
          { assetId: asset.S, status: "down", at: T0 },
          { assetId: asset.X, status: "down", at: T0 },
        ],
      }),
    });
    for (const reader of [watch, gridMember]) {
      const projection = await reader.call("incidentProjection", { params: { id }, query: { hours: 8760 } });
      const cascade = await reader.call("cascade", { body: { assetIds: [asset.S, asset.X] } });
      expect(projection.failed).toEqual(cascade.failed);
      expect(projection.totals).toEqual({
        assets: cascade.totals.assets,
        population: cascade.totals.population,
        bySector: cascade.totals.bySector,
      });
      expect(projection.timeline).toEqual(cascade.totals.timeline);
      expect(projection.scope).toEqual(cascade.scope);
      expect(projection.from).toBe(T0);
    }
    // The watch desk sees the pump fail after its 6-hour buffer; the grid operator may not see it.
    const all = await watch.call("incidentProjection", { params: { id } });
    // At one moment the engine's order follows its own numbering: compare by time, then ref.
    const byTime = (failed: { ref: string; hours: number }[]) =>
      failed
        .map((f) => [f.ref, f.hours])
        .sort((a, b) => Number(a[1]) - Number(b[1]) || String(a[0]).localeCompare(String(b[0])));
    expect(byTime(all.failed)).toEqual([
      ["F", 0],
      ["S", 0],
      ["X", 0],
      ["W", 6],
      ["T", 12],
    ]);
    expect(all.totals.population).toBe(8350);
    const grid = await gridMember.call("incidentProjection", { params: { id } });
    expect(grid.failed.map((f) => f.ref)).not.toContain("W");
    expect(grid.totals.population).toBe(3350);
    // A horizon of 8 hours leaves the tower (12 h) out.
    const soon = await watch.call("incidentProjection", { params: { id }, query: { hours: 8 } });
    expect(byTime(soon.failed).map(([ref]) => ref)).toEqual(["F", "S", "X", "W"]);
    expect(soon.totals).toMatchObject({ assets: 4, population: 8050 });
  });

  it("counts hours from the earliest down time when assets go down one after another", async () => {
    const { id } = await gridAdmin.call("createIncident", {
      body: notice({
        assets: [
          { assetId: asset.X, status: "down", at: T0 },
          { assetId: asset.S, status: "down", at: hoursAfter(2) },
        ],
      }),
    });
    const projection = await watch.call("incidentProjection", { params: { id } });
    expect(projection.from).toBe(T0);
    expect(projection.failed.map((f) => [f.ref, f.hours, f.causeId])).toEqual([
      ["X", 0, null],
      ["S", 2, null],
      ["F", 2, asset.S],
      ["W", 8, asset.S],
      ["T", 14, asset.F],
    ]);
  });

  it("draws the recovery curve of a known case: a substation down for a day", async () => {
    const { id } = await gridAdmin.call("createIncident", { body: notice() });
    await gridAdmin.call("recordIncidentAssetStatus", {
      params: { id },
      body: { assetId: asset.S, status: "restored", at: hoursAfter(24) },
    });
    const recovery = await watch.call("incidentRecovery", { params: { id } });
    expect(recovery.curve).toEqual([
      { at: T0, assetsDown: 2, populationWithoutService: 3000 },
      { at: hoursAfter(6), assetsDown: 3, populationWithoutService: 8000 },
      { at: hoursAfter(12), assetsDown: 4, populationWithoutService: 8300 },
      { at: hoursAfter(24), assetsDown: 0, populationWithoutService: 0 },
    ]);
    expect(recovery.priorities).toEqual([]);
    // The grid operator's curve leaves out the pump it may not see.
    const grid = await gridMember.call("incidentRecovery", { params: { id } });
    expect(grid.curve.map((p) => p.populationWithoutService)).toEqual([3000, 3300, 0]);
  });

  it("suggests restoring first what brings back the most", async () => {
    const { id } = await gridAdmin.call("createIncident", {
      body: notice({
        assets: [
          { assetId: asset.X, status: "down", at: T0 },
          { assetId: asset.S, status: "down", at: T0 },
          { assetId: asset.T, status: "degraded", at: T0 },
        ],
      }),
    });
    const recovery = await watch.call("incidentRecovery", { params: { id } });
    expect(recovery.priorities).toEqual([
      { assetId: asset.S, assets: 4, population: 8300 },
      { assetId: asset.X, assets: 1, population: 50 },
    ]);
  });
});

describe("STIX 2.1 export", () => {
  it("exports the incident, its TLP marking and the assets the reader may see, valid against the OASIS schemas", async () => {
    const { id } = await watch.call("createIncident", {
      body: notice({
        tlp: "green",
        audience: { organisationIds: [server.cast.organisations.other] },
        assets: [
          { assetId: asset.S, status: "down", at: T0 },
          { assetId: asset.W, status: "degraded", at: T0 },
        ],
      }),
    });
    const response = await server.inject({
      method: "GET",
      url: `/api/incidents/${id}/stix`,
      headers: { authorization: `Bearer ${await tokenOf("watch@authority.example")}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/stix+json;version=2.1");
    const bundle = JSON.parse(response.body) as { objects: StixObject[] } & Record<string, unknown>;
    expect(stixProblems(bundle)).toEqual([]);
    const incident = bundle.objects.find((o) => o.type === "incident");
    expect(incident?.object_marking_refs).toEqual([
      "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    ]);
    const assets = bundle.objects.filter((o) => o.type === CRITICAL_ASSET_TYPE).map((o) => o.registry_id);
    expect(assets.sort()).toEqual(["S", "W"]);
    const related = bundle.objects.filter((o) => o.type === "relationship" && o.source_ref === incident?.id);
    expect(related).toHaveLength(2);
    // The water utility is in the audience but sees only its own pump.
    const asWater = await water.call("exportIncidentStix", { params: { id } });
    const waterBundle = JSON.parse(new TextDecoder().decode(asWater.bytes)) as {
      objects: StixObject[];
    } & Record<string, unknown>;
    expect(stixProblems(waterBundle)).toEqual([]);
    expect(
      waterBundle.objects.filter((o) => o.type === CRITICAL_ASSET_TYPE).map((o) => o.registry_id),
    ).toEqual(["W"]);
    expect(JSON.stringify(waterBundle)).not.toContain(asset.S);
  });
});
