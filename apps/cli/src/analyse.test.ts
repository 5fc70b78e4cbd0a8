// `bulwark analyse` as an analyst runs it: a real process on CSV files, no database.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { type Run, runBulwark } from "./bulwark-process.test-support.ts";

const folder = mkdtempSync(join(tmpdir(), "bulwark-analyse-"));

function fixture(name: string, lines: string[]): string {
  const file = join(folder, name);
  writeFileSync(file, `${lines.join("\r\n")}\r\n`);
  return file;
}

// The worked example: two substations feed a pumping station that needs either one; a hospital
// needs the station's water (a 6-hour tank) and the north substation's power (72-hour generators).
const ASSETS = fixture("assets.csv", [
  "id,name,sector,population_served,owner",
  "S1,Substation North,energy-electricity,0,grid",
  'S2,"Substation South, Ring ""B""",energy-electricity,0,grid',
  "P1,Pumping station,water-drinking,50000,city",
  "",
  'H1,"City hospital, east wing",health,2000,region',
]);
const DEPENDENCIES = fixture("dependencies.csv", [
  "dependent_id,supplier_id,service,k,buffer_hours,kind",
  "P1,S1,electricity,1,,physical",
  "P1,S2,electricity,1,,physical",
  "H1,P1,water,1,6,physical",
  "H1,S1,electricity,1,72,physical",
]);
const FILES = ["--assets", ASSETS, "--dependencies", DEPENDENCIES];

const bulwark = (args: string[]): Promise<Run> =>
  runBulwark(["analyse", ...args], { env: { BULWARK_DATA: join(folder, "no-db") } });

// Each spawn costs about a second: the cases run side by side.
describe.concurrent("bulwark analyse", () => {
  it("cascade --json lists what fails, when and because of which supplier", async ({ expect }) => {
    const result = await bulwark(["cascade", ...FILES, "--fail", "S1,S2", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      failed: [
        { id: "S1", hours: 0, cause: null },
        { id: "S2", hours: 0, cause: null },
        { id: "P1", hours: 0, cause: "S2" },
        { id: "H1", hours: 6, cause: "P1" },
      ],
      totals: {
        assets: 4,
        population: 52000,
        bySector: {
          "energy-electricity": { assets: 2, population: 0 },
          "water-drinking": { assets: 1, population: 50000 },
          health: { assets: 1, population: 2000 },
        },
        timeline: [
          { hours: 0, assets: 3, population: 50000 },
          { hours: 6, assets: 4, population: 52000 },
        ],
      },
    });
  });

  it("cascade prints tables for people, quoted names whole", async ({ expect }) => {
    const result = await bulwark(["cascade", ...FILES, "--fail", "S2,S1"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "Losing S2, S1 takes down 4 assets serving 52,000 people.",
        "",
        "#  id  name                        sector              hours  cause",
        "1  S1  Substation North            energy-electricity  0      attacked",
        '2  S2  Substation South, Ring "B"  energy-electricity  0      attacked',
        "3  P1  Pumping station             water-drinking      0      S2",
        "4  H1  City hospital, east wing    health              6      P1",
        "",
        "By sector:",
        "sector              assets  population",
        "energy-electricity  2       0",
        "water-drinking      1       50,000",
        "health              1       2,000",
        "",
        "Timeline (cumulative):",
        "hours  assets  population",
        "0      3       50,000",
        "6      4       52,000",
        "",
      ].join("\n"),
    );
  });

  it("criticality --json ranks every asset by what its loss alone takes down", async ({ expect }) => {
    const result = await bulwark(["criticality", ...FILES, "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { id: "P1", assets: 2, population: 52000 },
      { id: "S1", assets: 2, population: 2000 },
      { id: "H1", assets: 1, population: 2000 },
      { id: "S2", assets: 1, population: 0 },
    ]);
  });

  it("criticality --top ranks the first few, marks single points of failure and says how", async ({
    expect,
  }) => {
    const result = await bulwark(["criticality", ...FILES, "--top", "3"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "rank  id  name                      sector              assets  population",
      "1     P1  Pumping station           water-drinking      2       52,000      SPOF",
      "2     S1  Substation North          energy-electricity  2       2,000       SPOF",
      "3     H1  City hospital, east wing  health              1       2,000",
    ]);
    expect(result.stdout).toContain("The top 3 of 4 assets");
    expect(result.stdout).toMatch(/Computed exact, one failure sweep per asset .*, in [\d.]+ ms\./);
  });

  it("names the file, line and column of every bad row, and prints nothing else", async ({ expect }) => {
    const assets = fixture("bad-assets.csv", [
      "id,name,sector,lat,lon,population_served",
      "A,Alpha,health,,,",
      'B,"Beta, quoted",waterworks,95,,lots',
    ]);
    const dependencies = fixture("bad-dependencies.csv", [
      "dependent_id,supplier_id,service,k",
      "A,B,water,0",
      "A,B,",
    ]);
    const result = await bulwark([
      "cascade",
      "--assets",
      assets,
      "--dependencies",
      dependencies,
      "--fail",
      "A",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(
        /^.*bad-assets\.csv:3: sector: "waterworks" is not a sector: energy-electricity, /,
      ),
      `${assets}:3: lat: must be from -90 to 90, not 95`,
      `${assets}:3: lon: is needed when lat is given`,
      `${assets}:3: population_served: "lots" is not a number`,
      `${dependencies}:2: k: must be a whole number of 1 or more, not 0`,
      `${dependencies}:3: service: is required`,
    ]);
  });

  it("names the lines the dependency graph cannot use", async ({ expect }) => {
    const dependencies = fixture("dangling.csv", [
      "dependent_id,supplier_id,service",
      "P1,S1,electricity",
      "P1,S9,electricity",
    ]);
    const result = await bulwark(["criticality", "--assets", ASSETS, "--dependencies", dependencies]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`${dependencies}:3: supplier_id: no asset "S9"\n`);
  });

  // Ids written from their bytes where they are plain ASCII, from their strings where not: the
  // same text as JSON.stringify of the ranking and of the failures either way.
  it.for<[string, string[]]>([
    ["plain ASCII ids", ["S1", "S2", "P1", "H1"]],
    ["ids with a quote, a backslash and an accent", ['S"1', "S\\2", "P1", "Hôpital"]],
  ])("writes JSON as JSON.stringify does, with %s", async ([name, ids], { expect }) => {
    const [s1, s2, p1, h1] = ids.map((id) => (/[",]/.test(id) ? `"${id.replaceAll('"', '""')}"` : id));
    const assets = fixture(`ids-${name}.csv`, [
      "id,name,sector,population_served",
      `${s1},North,energy-electricity,0`,
      `${s2},South,energy-electricity,10`,
      `${p1},Pumps,water-drinking,50000`,
      `${h1},Hospital,health,2000`,
    ]);
    const dependencies = fixture(`ids-${name}-dependencies.csv`, [
      "dependent_id,supplier_id,service,k,buffer_hours",
      `${p1},${s1},electricity,1,`,
      `${p1},${s2},electricity,1,`,
      `${h1},${p1},water,1,6`,
      `${h1},${s1},electricity,1,72`,
    ]);
    const files = ["--assets", assets, "--dependencies", dependencies, "--json"];
    const [S1, S2, P1, H1] = ids as [string, string, string, string];
    const ranked = await bulwark(["criticality", ...files]);
    expect(ranked.stderr).toBe("");
    expect(ranked.stdout).toBe(
      `${JSON.stringify(
        [
          { id: S1, assets: 2, population: 2000 },
          { id: P1, assets: 2, population: 52000 },
          { id: S2, assets: 1, population: 10 },
          { id: H1, assets: 1, population: 2000 },
        ].sort((x, y) => y.assets - x.assets || y.population - x.population || (x.id < y.id ? -1 : 1)),
      )}\n`,
    );
    const failed = await bulwark(["cascade", ...files.slice(0, 4), "--fail", `${S1},${S2}`, "--json"]);
    expect(failed.stderr).toBe("");
    expect(JSON.parse(failed.stdout).failed).toEqual([
      { id: S1, hours: 0, cause: null },
      { id: S2, hours: 0, cause: null },
      { id: P1, hours: 0, cause: S2 },
      { id: H1, hours: 6, cause: P1 },
    ]);
    expect(failed.stdout.startsWith(`{"failed":${JSON.stringify(JSON.parse(failed.stdout).failed)},`)).toBe(
      true,
    );
  });

  it("writes populations that are not whole numbers below 2^32 as JSON.stringify does", async ({
    expect,
  }) => {
    // The ranking's own JSON loop writes such numbers through JSON.stringify: fractions, 2^32 and
    // above, a population written -0 (JSON.stringify writes 0), and ids long enough to fill a line.
    const long = `a-${"x".repeat(300)}`;
    const assets = fixture("populations.csv", [
      "id,name,sector,population_served",
      "S1,North,energy-electricity,2.5",
      "S2,South,energy-electricity,4294967296",
      `${long},Long,health,-0`,
      "P1,Pumps,water-drinking,1e21",
      "H1,Hospital,health,0.1",
    ]);
    const dependencies = fixture("populations-dependencies.csv", [
      "dependent_id,supplier_id,service",
      "P1,S1,electricity",
      `${long},S2,electricity`,
      "H1,P1,water",
    ]);
    const result = await bulwark([
      "criticality",
      "--assets",
      assets,
      "--dependencies",
      dependencies,
      "--json",
    ]);
    expect(result.stderr).toBe("");
    const ranking = [
      { id: "S1", assets: 3, population: 2.5 + 1e21 + 0.1 },
      { id: "P1", assets: 2, population: 1e21 + 0.1 },
      { id: "S2", assets: 2, population: 4294967296 },
      { id: "H1", assets: 1, population: 0.1 },
      { id: long, assets: 1, population: 0 },
    ];
    expect(result.stdout).toBe(`${JSON.stringify(ranking)}\n`);
  });

  it("refuses an asset id it does not know", async ({ expect }) => {
    const result = await bulwark(["cascade", ...FILES, "--fail", "S1,X9", "--json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/No asset "X9" in .*assets\.csv/);
  });

  it("refuses a --top that is not a whole number of 1 or more", async ({ expect }) => {
    const result = await bulwark(["criticality", ...FILES, "--top", "0"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--top must be a whole number of 1 or more/);
  });
});
