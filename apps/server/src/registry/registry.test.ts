import type { AssetCreate, Client } from "@bulwark/contracts";
import { listAudit } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let authority: Client;
let grid: Client;
let gridMember: Client;
let water: Client;
let waterMember: Client;

const as = async (email: string, organisationId: string, roles: ("analyst" | "member")[]) => {
  const admin = await server.client("admin@authority.example");
  await admin.call("createUser", { body: { email, name: email, organisationId, roles, password: PASSWORD } });
  return server.client(email);
};

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  authority = await as("analyst@authority.example", organisations.authority, ["analyst"]);
  water = await as("engineer@water.example", organisations.other, ["analyst"]);
  grid = await server.client("analyst@grid.example");
  gridMember = await server.client("member@grid.example");
  waterMember = await server.client("member@water.example");
});
afterAll(() => server.close());

const substation = (): AssetCreate => ({
  ref: "SUB-001",
  name: "North substation",
  sector: "energy-electricity",
  operatorId: server.cast.organisations.operator,
  lat: 10.5,
  lon: 20.25,
  populationServed: 80_000,
});

describe("assets", () => {
  let sub = "";
  it("are registered by the operator's editors, AMBER unless marked otherwise, and audited", async () => {
    const created = await grid.call("createAsset", { body: substation() });
    sub = created.id;
    expect(created).toMatchObject({
      ref: "SUB-001",
      marking: "amber",
      status: "operational",
      operator: { name: "Test Grid Operator" },
    });
    const [entry] = (await listAudit(server.db, { kind: "all" }, { limit: 1 })).items;
    expect(entry).toMatchObject({ action: "asset.create", targetId: sub });
    expect(await statusOf(grid.call("createAsset", { body: substation() }))).toBe(409);
  });

  it("keep refs unique per operator: a ref a hidden asset holds answers as a free one (issue 12, finding 16)", async () => {
    // SUB-001 is the grid operator's AMBER asset, which the water utility cannot see.
    expect((await water.call("listAssets", { query: { q: "SUB-001" } })).total).toBe(0);
    const mine = await water.call("createAsset", {
      body: { ...substation(), operatorId: server.cast.organisations.other, name: "Water's own SUB-001" },
    });
    expect(mine.ref).toBe("SUB-001");
    const free = await water.call("createAsset", {
      body: { ...substation(), ref: "SUB-FREE", operatorId: server.cast.organisations.other },
    });
    expect(free.ref).toBe("SUB-FREE");
    // Within one operator, which its editors see whole, a ref stays unique.
    expect(
      await statusOf(
        water.call("createAsset", { body: { ...substation(), operatorId: server.cast.organisations.other } }),
      ),
    ).toBe(409);
    // The import answers alike: a row naming the hidden ref creates the water utility's own asset.
    const report = await water.call("importRegistry", {
      body: { assets: "id,name,sector\nSUB-001,Renamed,water-drinking\nSUB-NEW,New,water-drinking\n" },
    });
    expect(report.assets).toEqual({ created: 1, updated: 1 });
    for (const id of [mine.id, free.id]) await water.call("deleteAsset", { params: { id } });
    await water.call("deleteAsset", {
      params: { id: (await water.call("listAssets", { query: { q: "SUB-NEW" } })).items[0]?.id ?? "" },
    });
    expect((await grid.call("getAsset", { params: { id: sub } })).name).toBe("North substation");
  });

  it("cannot be registered by plain members, or for another operator", async () => {
    expect(await statusOf(gridMember.call("createAsset", { body: { ...substation(), ref: "SUB-X" } }))).toBe(
      403,
    );
    expect(
      await statusOf(
        grid.call("createAsset", {
          body: { ...substation(), ref: "SUB-Y", operatorId: server.cast.organisations.other },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(grid.call("createAsset", { body: { ...substation(), ref: "SUB-Z", lon: null } })),
    ).toBe(400);
  });

  it("marked AMBER are visible to the operator and the national authority, not to others", async () => {
    expect((await gridMember.call("getAsset", { params: { id: sub } })).name).toBe("North substation");
    expect((await authority.call("listAssets")).items.map((asset) => asset.ref)).toContain("SUB-001");
    expect(await statusOf(waterMember.call("getAsset", { params: { id: sub } }))).toBe(404);
    expect((await waterMember.call("listAssets")).total).toBe(0);
    expect(await statusOf(water.call("updateAsset", { params: { id: sub }, body: { name: "x" } }))).toBe(404);
  });

  it("marked GREEN are visible to organisations sharing a community with the operator", async () => {
    await grid.call("updateAsset", { params: { id: sub }, body: { marking: "green" } });
    expect((await waterMember.call("listAssets")).total).toBe(0);
    const admin = await server.client("admin@authority.example");
    const { organisations } = server.cast;
    const community = await admin.call("createCommunity", {
      body: {
        name: "Utilities",
        organisationIds: [organisations.authority, organisations.operator, organisations.other],
      },
    });
    expect((await waterMember.call("listAssets")).items.map((asset) => asset.ref)).toEqual(["SUB-001"]);
    await admin.call("deleteCommunity", { params: { id: community.id } });
    expect(await statusOf(waterMember.call("getAsset", { params: { id: sub } }))).toBe(404);
  });

  it("marked CLEAR are visible to everyone signed in, but changed only by their editors", async () => {
    await grid.call("updateAsset", { params: { id: sub }, body: { marking: "clear" } });
    expect((await waterMember.call("getAsset", { params: { id: sub } })).ref).toBe("SUB-001");
    expect(
      await statusOf(water.call("updateAsset", { params: { id: sub }, body: { name: "Taken over" } })),
    ).toBe(403);
    expect(await statusOf(water.call("deleteAsset", { params: { id: sub } }))).toBe(403);
    const changed = await authority.call("updateAsset", {
      params: { id: sub },
      body: { status: "degraded" },
    });
    expect(changed.status).toBe("degraded");
    await grid.call("updateAsset", {
      params: { id: sub },
      body: { marking: "amber", status: "operational" },
    });
  });
});

describe("dependencies and analysis", () => {
  let sub1 = "";
  let sub2 = "";
  let pump = "";
  let hospital = "";
  it("are declared by the dependent's editors on suppliers they can see", async () => {
    const { organisations } = server.cast;
    sub1 = (await grid.call("listAssets", { query: { q: "SUB-001" } })).items[0]?.id ?? "";
    sub2 = (
      await grid.call("createAsset", { body: { ...substation(), ref: "SUB-002", name: "South substation" } })
    ).id;
    pump = (
      await water.call("createAsset", {
        body: {
          ref: "PUMP-1",
          name: "Main pumping station",
          sector: "water-drinking",
          operatorId: organisations.other,
          populationServed: 120_000,
        },
      })
    ).id;
    hospital = (
      await authority.call("createAsset", {
        body: {
          ref: "HOSP-1",
          name: "General hospital",
          sector: "health",
          operatorId: organisations.other,
          populationServed: 300_000,
          marking: "red",
        },
      })
    ).id;
    // The water utility cannot see the AMBER substations, so it cannot point at them.
    expect(
      await statusOf(
        water.call("createDependency", {
          body: { dependentId: pump, supplierId: sub1, service: "electricity" },
        }),
      ),
    ).toBe(404);
    // The grid operator may not declare what the water utility's pump needs.
    expect(
      await statusOf(
        grid.call("createDependency", {
          body: { dependentId: pump, supplierId: sub1, service: "electricity" },
        }),
      ),
    ).toBe(404);
    await authority.call("createDependency", {
      body: { dependentId: pump, supplierId: sub1, service: "Electricity" },
    });
    const second = await authority.call("createDependency", {
      body: { dependentId: pump, supplierId: sub2, service: "electricity" },
    });
    expect(second).toMatchObject({ service: "electricity", k: 1, supplier: { ref: "SUB-002" } });
    await authority.call("createDependency", {
      body: { dependentId: hospital, supplierId: pump, service: "water", bufferHours: 6 },
    });
    expect(
      await statusOf(
        authority.call("createDependency", {
          body: { dependentId: pump, supplierId: hospital, service: "electricity", k: 2 },
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        authority.call("createDependency", {
          body: { dependentId: pump, supplierId: sub1, service: "electricity" },
        }),
      ),
    ).toBe(409);
  });

  it("show only the links whose two ends the caller may see", async () => {
    const full = await authority.call("getAssetDependencies", { params: { id: pump } });
    expect(full.suppliers.map((item) => item.supplier.ref)).toEqual(["SUB-001", "SUB-002"]);
    expect(full.dependents.map((item) => item.dependent.ref)).toEqual(["HOSP-1"]);
    const partial = await water.call("getAssetDependencies", { params: { id: pump } });
    expect(partial.suppliers).toEqual([]);
    expect(partial.dependents.map((item) => item.dependent.ref)).toEqual(["HOSP-1"]);
  });

  it("cascade over the whole registry for the national authority: what fails, when and why", async () => {
    const one = await authority.call("cascade", { body: { assetIds: [sub1] } });
    expect(one.failed.map((item) => item.ref)).toEqual(["SUB-001"]);
    const both = await authority.call("cascade", { body: { assetIds: [sub1, sub2] } });
    expect(both.failed.map((item) => [item.ref, item.hours, item.causeId])).toEqual([
      ["SUB-001", 0, null],
      ["SUB-002", 0, null],
      ["PUMP-1", 0, expect.any(String)],
      ["HOSP-1", 6, pump],
    ]);
    expect(both.totals).toMatchObject({ assets: 4, population: 580_000 });
    const area = await authority.call("cascade", {
      body: { circle: { lat: 10.5, lon: 20.25, radiusKm: 1 } },
    });
    expect(area.failed.map((item) => item.ref)).toEqual(["SUB-001", "SUB-002", "PUMP-1", "HOSP-1"]);
  });

  it("cascade over what the caller may see for others: hidden suppliers are taken to keep working", async () => {
    const view = await water.call("cascade", { body: { assetIds: [pump] } });
    expect(view.scope.assets).toBe(2);
    expect(view.failed.map((item) => item.ref)).toEqual(["PUMP-1", "HOSP-1"]);
    expect(await statusOf(water.call("cascade", { body: { assetIds: [sub1] } }))).toBe(422);
    expect(await statusOf(water.call("cascade", { body: {} }))).toBe(400);
  });

  it("rank criticality over what the caller may see, and refuse outsiders' changes to links", async () => {
    const theirs = await water.call("criticality");
    expect(theirs.scope.assets).toBe(2);
    expect(theirs.ranking.map((item) => item.ref).sort()).toEqual(["HOSP-1", "PUMP-1"]);
    // The substations' feed to the pump is hidden from the water utility: it cannot touch it.
    const [feed] = (await authority.call("getAssetDependencies", { params: { id: pump } })).suppliers;
    expect(await statusOf(water.call("deleteDependency", { params: { id: feed?.id ?? "" } }))).toBe(404);
    // Nor can the grid operator, which cannot see the water utility's AMBER pump at the other end.
    expect(await statusOf(gridMember.call("deleteDependency", { params: { id: feed?.id ?? "" } }))).toBe(404);
    expect((await authority.call("getAssetDependencies", { params: { id: pump } })).suppliers).toHaveLength(
      2,
    );
  });

  it("rank criticality and flag single points of failure, and follow registry changes", async () => {
    const ranking = await authority.call("criticality");
    const rows = ranking.ranking.map((item) => [item.ref, item.assets, item.singlePointOfFailure]);
    // Equal assets and population fall back to the asset id, so the two substations tie by uuid.
    expect(rows.slice(0, 2)).toEqual([
      ["PUMP-1", 2, true],
      ["HOSP-1", 1, false],
    ]);
    expect(rows.slice(2).sort()).toEqual([
      ["SUB-001", 1, false],
      ["SUB-002", 1, false],
    ]);
    await authority.call("deleteAsset", { params: { id: sub2 } });
    const after = await authority.call("criticality", { query: { top: 2 } });
    expect(after.ranking.map((item) => [item.ref, item.assets])).toEqual([
      ["SUB-001", 3],
      ["PUMP-1", 2],
    ]);
  });
});
