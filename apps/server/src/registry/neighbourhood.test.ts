import { type AssetNeighbourhood, type Client, endpoints } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { NEIGHBOURHOOD_LIMIT } from "./neighbourhood.service.ts";

let server: TestServer;
let admin: Client;
let water: Client;

// fuel -> generation -> substations -> pumping station -> hospital -> clinic. The water utility
// may not see the grid's AMBER north substation, nor therefore the station that feeds only it.
const ASSETS = `id,name,sector,operator,marking
FUEL-1,Fuel depot,energy-oil,Test Grid Operator,clear
GEN-1,Coastal power station,energy-electricity,Test Grid Operator,clear
GEN-2,Hill power station,energy-electricity,Test Grid Operator,clear
SUB-1,North substation,energy-electricity,Test Grid Operator,amber
SUB-2,South substation,energy-electricity,Test Grid Operator,clear
PUMP-1,Main pumping station,water-drinking,Test Water Utility,amber
HOSP-1,General hospital,health,Test Water Utility,clear
CLINIC-1,Harbour clinic,health,Test Authority,clear
`;
const DEPENDENCIES = `dependent_id,supplier_id,service,k,buffer_hours,kind
GEN-1,FUEL-1,fuel,1,48,physical
SUB-1,GEN-1,electricity,1,0,physical
SUB-1,GEN-2,electricity,1,0,physical
SUB-2,GEN-1,electricity,1,0,physical
PUMP-1,SUB-1,electricity,1,0,physical
PUMP-1,SUB-2,electricity,1,0,physical
HOSP-1,PUMP-1,water,1,6,physical
CLINIC-1,HOSP-1,staff,1,12,logical
`;

const ids = new Map<string, string>();
const idOf = (ref: string) => ids.get(ref) ?? "";

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.client("admin@authority.example");
  water = await server.client("member@water.example");
  await admin.call("importRegistry", { body: { assets: ASSETS, dependencies: DEPENDENCIES } });
  for (const asset of (await admin.call("listAssets", { query: { limit: 100 } })).items)
    ids.set(asset.ref, asset.id);
});
afterAll(() => server.close());

const refOf = (id: string) => [...ids].find(([, value]) => value === id)?.[0] ?? id;
const nodesOf = (graph: AssetNeighbourhood) =>
  graph.nodes.map((node) => [refOf(node.id), node.direction, node.depth]);
const edgesOf = (graph: AssetNeighbourhood) =>
  graph.edges.map((edge) => `${refOf(edge.dependentId)}<-${refOf(edge.supplierId)}`).sort();

describe("an asset's neighbourhood", () => {
  it("at depth 1 holds its direct suppliers and dependents and the links to them", async () => {
    const graph = await admin.call("assetNeighbourhood", {
      params: { id: idOf("PUMP-1") },
      query: { depth: 1 },
    });
    expect(nodesOf(graph)).toEqual([
      ["PUMP-1", "self", 0],
      ["SUB-1", "supplier", 1],
      ["SUB-2", "supplier", 1],
      ["HOSP-1", "dependent", 1],
    ]);
    expect(graph.nodes[0]).toMatchObject({
      name: "Main pumping station",
      sector: "water-drinking",
      status: "operational",
      marking: "amber",
    });
    expect(edgesOf(graph)).toEqual(["HOSP-1<-PUMP-1", "PUMP-1<-SUB-1", "PUMP-1<-SUB-2"]);
    expect(graph.edges.find((edge) => edge.service === "water")).toMatchObject({
      dependentId: idOf("HOSP-1"),
      supplierId: idOf("PUMP-1"),
      k: 1,
      bufferHours: 6,
      kind: "physical",
    });
    expect(graph.truncated).toBe(false);
  });

  it("at depth 2 (the default) adds suppliers of suppliers and dependents of dependents, once each", async () => {
    const graph = await admin.call("assetNeighbourhood", { params: { id: idOf("PUMP-1") } });
    expect(nodesOf(graph)).toEqual([
      ["PUMP-1", "self", 0],
      ["SUB-1", "supplier", 1],
      ["SUB-2", "supplier", 1],
      ["HOSP-1", "dependent", 1],
      ["GEN-1", "supplier", 2],
      ["GEN-2", "supplier", 2],
      ["CLINIC-1", "dependent", 2],
    ]);
    expect(edgesOf(graph)).toEqual([
      "CLINIC-1<-HOSP-1",
      "HOSP-1<-PUMP-1",
      "PUMP-1<-SUB-1",
      "PUMP-1<-SUB-2",
      "SUB-1<-GEN-1",
      "SUB-1<-GEN-2",
      "SUB-2<-GEN-1",
    ]);
    const three = await admin.call("assetNeighbourhood", {
      params: { id: idOf("PUMP-1") },
      query: { depth: 3 },
    });
    expect(nodesOf(three).at(-1)).toEqual(["FUEL-1", "supplier", 3]);
    expect(three.edges).toHaveLength(8);
  });

  it("leaves out what the caller may not see, the links to it, and what lies only behind it", async () => {
    const graph = await water.call("assetNeighbourhood", {
      params: { id: idOf("PUMP-1") },
      query: { depth: 3 },
    });
    expect(nodesOf(graph)).toEqual([
      ["PUMP-1", "self", 0],
      ["SUB-2", "supplier", 1],
      ["HOSP-1", "dependent", 1],
      ["GEN-1", "supplier", 2],
      ["CLINIC-1", "dependent", 2],
      ["FUEL-1", "supplier", 3],
    ]);
    expect(edgesOf(graph)).toEqual([
      "CLINIC-1<-HOSP-1",
      "GEN-1<-FUEL-1",
      "HOSP-1<-PUMP-1",
      "PUMP-1<-SUB-2",
      "SUB-2<-GEN-1",
    ]);
    // The hidden substation is not even named by an edge.
    expect(JSON.stringify(graph)).not.toContain(idOf("SUB-1"));
    // Seen from the fuel depot, the chain still stops at the hidden substation.
    const upstream = await water.call("assetNeighbourhood", {
      params: { id: idOf("GEN-2") },
      query: { depth: 3 },
    });
    expect(nodesOf(upstream)).toEqual([["GEN-2", "self", 0]]);
  });

  it("answers 404 for an asset the caller may not see", async () => {
    expect(
      await statusOf(
        water.call("assetNeighbourhood", { params: { id: idOf("SUB-1") }, query: { depth: 1 } }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        admin.call("assetNeighbourhood", { params: { id: "00000000-0000-4000-8000-000000000000" } }),
      ),
    ).toBe(404);
  });

  it("refuses a depth outside 1..3 with 400 problem+json", async () => {
    const { cookie } = await signedIn(server, "admin@authority.example");
    const path = endpoints.assetNeighbourhood.path.replace(":id", idOf("PUMP-1"));
    for (const depth of ["0", "4", "two", "1.5"]) {
      const response = await server.inject({
        method: "GET",
        url: `${path}?depth=${depth}`,
        headers: { cookie },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    const fine = await server.inject({ method: "GET", url: `${path}?depth=3`, headers: { cookie } });
    expect(fine.statusCode).toBe(200);
  });

  it("stops at the node limit, nearest and first by name kept, and says so", async () => {
    const count = NEIGHBOURHOOD_LIMIT + 20;
    const numbers = Array.from({ length: count }, (_, i) => String(i).padStart(3, "0"));
    await admin.call("importRegistry", {
      body: {
        assets: `id,name,sector,operator,marking\nHUB-1,Hub substation,energy-electricity,Test Grid Operator,clear\n${numbers
          .map((n) => `LOAD-${n},Load ${n},commercial-facilities,Test Grid Operator,clear`)
          .join("\n")}\n`,
        dependencies: `dependent_id,supplier_id,service\n${numbers.map((n) => `LOAD-${n},HUB-1,electricity`).join("\n")}\n`,
      },
    });
    const hub = (await admin.call("listAssets", { query: { q: "HUB-1" } })).items[0]?.id ?? "";
    const graph = await admin.call("assetNeighbourhood", { params: { id: hub } });
    expect(graph.truncated).toBe(true);
    expect(graph.nodes).toHaveLength(NEIGHBOURHOOD_LIMIT);
    expect(graph.nodes.at(-1)?.name).toBe(`Load ${String(NEIGHBOURHOOD_LIMIT - 2).padStart(3, "0")}`);
    expect(graph.edges).toHaveLength(NEIGHBOURHOOD_LIMIT - 1);
    const small = await admin.call("assetNeighbourhood", {
      params: { id: idOf("PUMP-1") },
      query: { depth: 3 },
    });
    expect(small.truncated).toBe(false);
  });
});
