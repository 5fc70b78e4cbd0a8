import { ApiError, type Client } from "@bulwark/contracts";
import { listAudit } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../errors.ts";
import { type Message, say } from "../i18n/messages.ts";
import { PASSWORD, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { importRegistry } from "./import.service.ts";

let server: TestServer;
let authority: Client;
let grid: Client;
let water: Client;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.client("admin@authority.example");
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
  water = await server.client("member@water.example");
});
afterAll(() => server.close());

const ASSETS = `id,name,sector,operator,lat,lon,population_served,marking,feeder_voltage
SUB-1,"North substation, 132 kV",energy-electricity,Test Grid Operator,10.5,20.25,80000,amber,132
SUB-2,South substation,energy-electricity,Test Grid Operator,10.4,20.2,70000,amber,132
PUMP-1,Main pumping station,water-drinking,Test Water Utility,10.45,20.22,120000,green,
`;
const DEPENDENCIES = `dependent_id,supplier_id,service,k,buffer_hours,kind
PUMP-1,SUB-1,electricity,1,0,physical
PUMP-1,SUB-2,electricity,1,0,physical
`;

const problemsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error("expected the import to fail");
  return {
    status: error.status,
    paths: (error.problem.errors ?? []).map((item) => item.path),
    detail: error.problem.detail,
  };
};

describe("registry import", () => {
  it("loads assets and dependencies, keeping extra columns as attributes, in one audited step", async () => {
    const report = await authority.call("importRegistry", {
      body: { assets: ASSETS, dependencies: DEPENDENCIES },
    });
    expect(report).toEqual({ assets: { created: 3, updated: 0 }, dependencies: { dependents: 1, rows: 2 } });
    const listed = await authority.call("listAssets", { query: { q: "SUB-1" } });
    expect(listed.items[0]).toMatchObject({
      name: "North substation, 132 kV",
      marking: "amber",
      attributes: { feeder_voltage: "132" },
    });
    const [entry] = (await listAudit(server.db, { kind: "all" }, { limit: 1 })).items;
    expect(entry).toMatchObject({
      action: "registry.import",
      details: { assetsCreated: 3, dependencies: 2 },
    });
  });

  it("updates by id and replaces the dependencies it names when run again", async () => {
    const report = await authority.call("importRegistry", {
      body: {
        assets: ASSETS.replace("Main pumping station", "Main pumping station (upgraded)"),
        dependencies: "dependent_id,supplier_id,service\nPUMP-1,SUB-1,electricity\n",
      },
    });
    expect(report.assets).toEqual({ created: 0, updated: 3 });
    const pump = (await authority.call("listAssets", { query: { q: "PUMP-1" } })).items[0];
    expect(pump?.name).toBe("Main pumping station (upgraded)");
    const links = await authority.call("getAssetDependencies", { params: { id: pump?.id ?? "" } });
    expect(links.suppliers.map((item) => item.supplier.ref)).toEqual(["SUB-1"]);
  });

  it("reports every bad row with file, line and column, and imports nothing", async () => {
    const before = (await authority.call("listAssets")).total;
    const bad = await problemsOf(
      authority.call("importRegistry", {
        body: {
          assets:
            "id,name,sector,operator\nNEW-1,Fine,health,Test Water Utility\nNEW-2,Bad sector,bakeries,Test Water Utility\nNEW-3,No operator,health,Nobody Ltd\n",
          dependencies:
            "dependent_id,supplier_id,service,k\nNEW-1,GHOST,water,1\nNEW-1,SUB-1,electricity,zero\n",
        },
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.paths).toEqual(["assets.csv:3:sector", "dependencies.csv:3:k"]);
    expect((await authority.call("listAssets")).total).toBe(before);
    const second = await problemsOf(
      authority.call("importRegistry", {
        body: {
          assets:
            "id,name,sector,operator\nNEW-1,Fine,health,Test Water Utility\nNEW-3,No operator,health,Nobody Ltd\n",
          dependencies:
            "dependent_id,supplier_id,service,k\nNEW-1,GHOST,water,1\nNEW-1,SUB-1,electricity,2\n",
        },
      }),
    );
    expect(second.paths).toEqual(["assets.csv:3:operator", "dependencies.csv:2:supplier_id"]);
    const rules = await problemsOf(
      authority.call("importRegistry", {
        body: {
          assets: "id,name,sector,operator\nNEW-1,Fine,health,Test Water Utility\n",
          dependencies: "dependent_id,supplier_id,service,k\nNEW-1,SUB-1,electricity,2\n",
        },
      }),
    );
    expect(rules.paths).toEqual(["dependencies.csv:2:k"]);
    expect((await authority.call("listAssets")).total).toBe(before);
  });

  // Issue 15: a row's problem in the caller's language, the file, line and column in its path and
  // the line named again in the sentence; nothing built in English.
  it("says each bad row in the caller's language, naming the row", async () => {
    const session = await signedIn(server, "analyst@authority.example");
    const refused = async (language: string, body: { assets: string; dependencies?: string }) => {
      const response = await server.inject({
        method: "POST",
        url: "/api/registry/import",
        headers: session.headers({ "accept-language": language }),
        payload: body,
      });
      expect(response.statusCode).toBe(422);
      return JSON.parse(response.body) as {
        title: string;
        detail: string;
        errors: { path: string; message: string }[];
      };
    };
    const before = (await authority.call("listAssets")).total;
    const files = {
      assets:
        'id,name,sector,operator,lat\nNEW-1,Fine,health,Test Water Utility,95\nNEW-1,Again,bakeries,Test Water Utility,"1,5"\n',
    };
    const french = await refused("fr", files);
    expect(french.title).toBe("Saisie non valide");
    expect(french.detail).toBe("5 problèmes dans les fichiers : rien n'a été importé.");
    expect(french.errors).toEqual([
      { path: "assets.csv:2:lat", message: "doit être compris entre -90 et 90, et non 95" },
      { path: "assets.csv:2:lon", message: "est nécessaire lorsque lat est renseigné" },
      {
        path: "assets.csv:3:sector",
        message: expect.stringMatching(/^« bakeries » n'est pas un secteur : /),
      },
      {
        path: "assets.csv:3:lat",
        message: "« 1,5 » n'est pas un nombre (utilisez un point pour les décimales)",
      },
      { path: "assets.csv:3:lon", message: "est nécessaire lorsque lat est renseigné" },
    ]);
    // Past the readers, the importer's own checks: the same id twice names the first row's line.
    const twice = await refused("ar", {
      assets:
        "id,name,sector,operator\nNEW-1,Fine,health,Test Water Utility\nNEW-1,Again,health,Nobody Ltd\n",
    });
    expect(twice.errors).toEqual([
      {
        path: "assets.csv:3:id",
        message: `«NEW-1» يرد مرتين (وأيضًا في السطر ${new Intl.NumberFormat("ar").format(2)})`,
      },
      { path: "assets.csv:3:operator", message: "لا توجد منظمة «Nobody Ltd»" },
    ]);
    // The redundancy rules, checked on the registry as the import would leave it.
    const rules = await refused("ru", {
      assets:
        "id,name,sector,operator\nNEW-1,Fine,health,Test Water Utility\nNEW-2,Feeder,energy-electricity,Test Grid Operator\n",
      dependencies: "dependent_id,supplier_id,service,k\nNEW-1,NEW-2,electricity,2\n",
    });
    expect(rules.errors).toEqual([
      {
        path: "dependencies.csv:2:k",
        message: "NEW-1 (electricity): требуется 2 поставщика этой услуги, а у объекта их 1",
      },
    ]);
    expect((await authority.call("listAssets")).total).toBe(before);
  });

  // Issue 12, finding 22: the CLI reads files with no HTTP hook; a NUL reached SQL and failed there.
  it("refuses a file holding a NUL, as the CLI imports it, naming file and line", async () => {
    const before = (await authority.call("listAssets")).total;
    const refused = await importRegistry(server.context, null, {
      assets:
        "id,name,sector,operator\nNUL-1,Fine,health,Test Water Utility\nNUL-2,Bad\u0000name,health,Test Water Utility\n",
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({
      status: 422,
      errors: [{ path: "assets.csv:3", message: { key: "text.nul", values: { at: expect.any(Number) } } }],
    });
    const [problem] = (refused as { errors: { message: Message }[] }).errors;
    if (problem) expect(say("en", problem.message)).toMatch(/^holds a NUL character \(at \d+\)/);
    expect((await authority.call("listAssets")).total).toBe(before);
  });

  it("lets an operator import only its own assets", async () => {
    const denied = await problemsOf(
      grid.call("importRegistry", {
        body: {
          assets:
            "id,name,sector,operator\nSUB-9,New,energy-electricity,Test Grid Operator\nPUMP-9,Theirs,water-drinking,Test Water Utility\n",
        },
      }),
    );
    expect(denied.paths).toEqual(["assets.csv:3:operator"]);
    const own = await grid.call("importRegistry", {
      body: { assets: "id,name,sector\nSUB-9,New substation,energy-electricity\n" },
    });
    expect(own.assets.created).toBe(1);
    expect((await grid.call("listAssets", { query: { q: "SUB-9" } })).items[0]?.operator.name).toBe(
      "Test Grid Operator",
    );
    expect(
      await statusOf(water.call("importRegistry", { body: { assets: "id,name,sector\nX-1,X,health\n" } })),
    ).toBe(422);
  });

  it("exports what the caller may see as files that import back unchanged", async () => {
    const files = await authority.call("exportRegistry");
    expect(files.assets.split("\r\n")[0]).toBe(
      "id,name,sector,subsector,operator,lat,lon,population_served,status,marking,capacity,capacity_unit,recovery_target_hours",
    );
    expect(files.assets).toContain('"North substation, 132 kV"');
    const again = await authority.call("importRegistry", { body: files });
    expect(again.assets.created).toBe(0);
    expect((await authority.call("exportRegistry")).assets).toBe(files.assets);
    // The water utility's member sees the GREEN pump only through a community, and no AMBER substation.
    const theirs = await water.call("exportRegistry");
    expect(theirs.assets).not.toContain("SUB-1");
  });

  it("neutralises spreadsheet formulas in the CSV it writes, and reads its own files back unchanged (issue 12, finding 15)", async () => {
    const names = ['=HYPERLINK("http://x.example")', "+1+1", "-2+3", "@SUM(A1)", "'=quoted"];
    const assets = `id,name,sector,lat,lon\n${names
      .map((name, i) => `F-${i},"${name.replaceAll('"', '""')}",energy-electricity,-3.5,-20.25`)
      .join("\n")}\n`;
    await grid.call("importRegistry", { body: { assets } });
    const namesOf = async () =>
      (await grid.call("listAssets", { query: { q: "F-", limit: 50 } })).items
        .map((asset) => asset.name)
        .sort();
    const stored = await namesOf();
    expect(stored).toHaveLength(names.length);
    const files = await grid.call("exportRegistry");
    const lines = files.assets.split("\r\n").filter((line) => line.startsWith("F-"));
    expect(lines).toHaveLength(names.length);
    for (const line of lines) {
      const name = line.split(",")[1]?.replace(/^"/, "") ?? "";
      expect(name).toMatch(/^'/);
      expect(line).toContain(",-3.5,-20.25,");
    }
    await grid.call("importRegistry", { body: { assets: files.assets } });
    expect(await namesOf()).toEqual(stored);
  });

  it("exports GeoJSON features with points and markings, only for what the caller may see", async () => {
    const all = await authority.call("exportGeoJson");
    const sub = all.features.find((feature) => feature.id === "SUB-1");
    expect(sub).toMatchObject({
      geometry: { type: "Point", coordinates: [20.25, 10.5] },
      properties: { marking: "TLP:AMBER", sector: "energy-electricity" },
    });
    const theirs = await water.call("exportGeoJson");
    expect(theirs.features.map((feature) => feature.id)).not.toContain("SUB-1");
  });

  it("gives the maps the export's placed assets in a few fields, only for what the caller may see", async () => {
    for (const caller of [authority, water]) {
      const exported = await caller.call("exportGeoJson");
      const { assets } = await caller.call("mapAssets");
      // The same assets (those with a place), the same places.
      expect(assets.map((asset) => asset.ref)).toEqual(
        exported.features.filter((feature) => feature.geometry !== null).map((feature) => feature.id),
      );
      for (const asset of assets) {
        const feature = exported.features.find((item) => item.id === asset.ref);
        expect(asset.area ?? { type: "Point", coordinates: asset.point }).toEqual(feature?.geometry);
        expect(asset).toMatchObject({
          name: feature?.properties.name,
          sector: feature?.properties.sector,
          status: feature?.properties.status,
          operator: feature?.properties.operator,
        });
      }
    }
    const all = await authority.call("mapAssets");
    expect(all.assets.find((asset) => asset.ref === "SUB-1")).toMatchObject({
      point: [20.25, 10.5],
      sector: "energy-electricity",
    });
    const theirs = await water.call("mapAssets");
    expect(theirs.assets.length).toBeGreaterThan(0);
    expect(theirs.assets.map((asset) => asset.ref)).not.toContain("SUB-1");
  });
});
