// The `bulwark` command as a user runs it: a real process on a real (embedded) database folder.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BACKUP_COVERAGE, connect, knownMigrations } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { BIN, type Run, runBulwark } from "./bulwark-process.test-support.ts";

const folder = mkdtempSync(join(tmpdir(), "bulwark-cli-"));
const DEMO_PASSWORD = "demo password for tests";

function bulwark(
  args: string[],
  options: { dataDir?: string; stdin?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return runBulwark(args, {
    env: {
      BULWARK_DATA: options.dataDir ?? join(folder, "main"),
      BULWARK_DEMO_PASSWORD: DEMO_PASSWORD,
      ...options.env,
    },
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
}

describe("bulwark --help", () => {
  it.each([
    [["--help"], /serve[\s\S]*migrate[\s\S]*seed-demo[\s\S]*backup[\s\S]*restore/],
    [["serve", "--help"], /--demo[\s\S]*--port/],
    [["organisation", "add", "--help"], /--kind[\s\S]*--country[\s\S]*--sector/],
    [["user", "add", "--help"], /--email[\s\S]*--organisation[\s\S]*--role/],
    [["user", "reset-password", "--help"], /--password-stdin/],
    [["token", "create", "--help"], /--expires-days/],
    [["audit", "verify", "--help"], /first broken entry/],
    [["backup", "--help"], /<file>/],
    [["restore", "--help"], /--yes/],
    [["exercise", "import", "--help"], /--organisation[\s\S]*--map/],
  ])("%j explains itself", async (args, pattern) => {
    const result = await bulwark(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(pattern);
  });

  it("rejects an unknown command with a non-zero exit", async () => {
    const result = await bulwark(["launch-rockets"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command/);
  });
});

describe("bulwark on an embedded database", () => {
  const backup = join(folder, "before-tampering.bulwark.gz");

  it("migrates and loads the demo country once", async () => {
    const first = await bulwark(["seed-demo"]);
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/Loaded the demo country: \d+ accounts\./);
    expect(first.stdout).toContain(DEMO_PASSWORD);
    const again = await bulwark(["seed-demo"]);
    expect(again.stdout).toMatch(/loaded already: nothing changed/);
    expect((await bulwark(["migrate"])).stdout).toMatch(
      new RegExp(`at migration ${knownMigrations().at(-1)} \\(pglite`),
    );
    // Loading the demo country takes some 16 s of CPU; CI runs other test files beside it.
  }, 180_000);

  it("adds a user with a generated password, and refuses bad input clearly", async () => {
    const added = await bulwark([
      "user",
      "add",
      "--email",
      "Field.Officer@ncipa.meridia.example",
      "--name",
      "Field Officer",
      "--organisation",
      "National Critical Infrastructure Protection Authority",
      "--role",
      "analyst",
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Created field\.officer@ncipa\.meridia\.example .* with roles analyst\./);
    expect(added.stdout).toMatch(/Password \(shown once\): [A-Za-z0-9]{20}/);
    const twice = await bulwark([
      "user",
      "add",
      "--email",
      "field.officer@ncipa.meridia.example",
      "--name",
      "Again",
      "--organisation",
      "National Critical Infrastructure Protection Authority",
    ]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/exists already/);
    const badRole = await bulwark([
      "user",
      "add",
      "--email",
      "z@z.example",
      "--name",
      "Z",
      "--organisation",
      "National Critical Infrastructure Protection Authority",
      "--role",
      "emperor",
    ]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/roles/);
  });

  it("registers an organisation and validates its fields", async () => {
    const added = await bulwark([
      "organisation",
      "add",
      "--name",
      "Port Aster Desalination",
      "--kind",
      "public-operator",
      "--country",
      "XM",
      "--sector",
      "water-drinking",
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Registered Port Aster Desalination \(/);
    const bad = await bulwark([
      "organisation",
      "add",
      "--name",
      "Bad",
      "--kind",
      "pirates",
      "--country",
      "xm",
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/kind/);
    expect(bad.stderr).toMatch(/country/);
  });

  it("resets a password from standard input and creates an API token", async () => {
    const reset = await bulwark(
      ["user", "reset-password", "--email", "field.officer@ncipa.meridia.example", "--password-stdin"],
      { stdin: "a very long new password\n" },
    );
    expect(reset.code).toBe(0);
    expect(reset.stdout).not.toContain("a very long new password");
    const token = await bulwark([
      "token",
      "create",
      "--email",
      "field.officer@ncipa.meridia.example",
      "--name",
      "sync",
      "--expires-days",
      "30",
    ]);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^bwk_[\w-]{43}$/);
    expect((await bulwark(["token", "create", "--email", "nobody@x.example", "--name", "n"])).stderr).toMatch(
      /No account/,
    );
  });

  it("exports the demo registry and refuses a bad import with every problem listed", async () => {
    const out = join(folder, "export");
    mkdirSync(out);
    const exported = await bulwark(["export", out]);
    expect(exported.code).toBe(0);
    expect(readFileSync(join(out, "assets.csv"), "utf8").trim().split("\n").length).toBeGreaterThan(1500);
    expect(JSON.parse(readFileSync(join(out, "assets.geojson"), "utf8")).type).toBe("FeatureCollection");
    const bad = join(folder, "bad-assets.csv");
    writeFileSync(
      bad,
      "id,name,sector,operator\nX-1,Fine,health,Meridia Railways\nX-2,Bad,bakeries,Meridia Railways\n",
    );
    const refused = await bulwark(["import", "--assets", bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/assets\.csv:3:sector: "bakeries" is not a sector/);
    const good = join(folder, "good-assets.csv");
    writeFileSync(good, "id,name,sector,operator\nX-1,Field clinic,health,Meridia Railways\n");
    expect((await bulwark(["import", "--assets", good])).stdout).toMatch(
      /Imported 1 new and 0 updated assets/,
    );
  });

  it("exports the compendium as a pack, takes an edited file back as a new version, and lists bad files", async () => {
    const pack = join(folder, "pack");
    const exported = await bulwark(["compendium", "export", pack]);
    expect(exported.code).toBe(0);
    const count = Number(exported.stdout.match(/Wrote (\d+) entries/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(60);
    const file = join(pack, "res-2341-2017.md");
    const original = readFileSync(file, "utf8");
    expect(original).toMatch(/^---\ntitle: /);
    writeFileSync(file, original.replace(/\n---\n\n/, "\n---\n\nA line added by a maintainer.\n\n"));
    const again = await bulwark(["compendium", "import", pack]);
    expect(again.stdout).toContain(`Published 0 new and 1 changed entries; ${count - 1} unchanged.`);
    writeFileSync(join(pack, "broken-entry.md"), "---\ntitle: Broken\ntype: rumour\n---\n");
    const refused = await bulwark(["compendium", "import", pack]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/broken-entry\.md: type: /);
    expect(refused.stderr).toMatch(/broken-entry\.md: summary: /);
  });

  it("imports assets from GeoJSON, lists every bad feature, and takes back its own export", async () => {
    const dataDir = join(folder, "geojson");
    const organisation = await bulwark(
      ["organisation", "add", "--name", "Aster Grid", "--kind", "private-operator", "--country", "XM"],
      { dataDir },
    );
    expect(organisation.code).toBe(0);
    const feature = (id: string, sector: string, coordinates: number[]) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates },
      properties: {
        id,
        name: `Asset ${id}`,
        sector,
        operator: "Aster Grid",
        marking: "TLP:GREEN",
        voltage: 132,
      },
    });
    const bad = join(folder, "bad-assets.geojson");
    writeFileSync(
      bad,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          feature("S-1", "energy-electricity", [20, 10]),
          feature("S-2", "bakeries", [20, 10]),
          feature("S-3", "energy-electricity", [10, 100]),
        ],
      }),
    );
    const refused = await bulwark(["import", "--assets", bad], { dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /assets\.geojson:features\[1\] \(S-2\):properties\.sector: "bakeries" is not a sector/,
    );
    expect(refused.stderr).toMatch(
      /assets\.geojson:features\[2\] \(S-3\):geometry\.coordinates\[1\]: latitude/,
    );

    const good = join(folder, "good-assets.geojson");
    writeFileSync(
      good,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          feature("S-1", "energy-electricity", [20, 10]),
          feature("S-2", "energy-electricity", [20.5, 10.5]),
        ],
      }),
    );
    const dependencies = join(folder, "geojson-dependencies.csv");
    writeFileSync(dependencies, "dependent_id,supplier_id,service\nS-2,S-1,electricity\n");
    const imported = await bulwark(["import", "--assets", good, "--dependencies", dependencies], { dataDir });
    expect(imported.stderr).toMatch(/assets: 2\/2[\s\S]*dependencies: 1\/1/);
    expect(imported.stdout).toMatch(/Imported 2 new and 0 updated assets, 1 dependencies of 1 assets/);

    const out = join(folder, "geojson-export");
    mkdirSync(out);
    expect((await bulwark(["export", out], { dataDir })).code).toBe(0);
    const exported = JSON.parse(readFileSync(join(out, "assets.geojson"), "utf8"));
    expect(exported.features[1]).toMatchObject({
      geometry: { type: "Point", coordinates: [20.5, 10.5] },
      properties: { id: "S-2", marking: "TLP:GREEN", voltage: "132" },
    });
    const again = await bulwark(
      ["import", "--assets", join(out, "assets.geojson"), "--dependencies", join(out, "dependencies.csv")],
      { dataDir },
    );
    expect(again.stdout).toMatch(/Imported 0 new and 2 updated assets/);
    const second = join(folder, "geojson-export-again");
    mkdirSync(second);
    expect((await bulwark(["export", second], { dataDir })).code).toBe(0);
    for (const file of ["assets.geojson", "assets.csv", "dependencies.csv"])
      expect(readFileSync(join(second, file), "utf8")).toBe(readFileSync(join(out, file), "utf8"));
    // Seven runs of the command, each opening (and migrating) its own database folder.
  }, 180_000);

  it("backs up the whole database to one file", async () => {
    const result = await bulwark(["backup", backup]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`Backup written to .*: \\d+ rows in ${BACKUP_COVERAGE.copied.length} tables`),
    );
    expect(existsSync(backup)).toBe(true);
    // It holds the TOTP secrets and the pseudonym key (sealed): its owner alone reads it.
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect((await bulwark(["backup", backup])).stderr).toMatch(/exists/);
  });

  it("verifies the audit chain, and names the entry someone edited", async () => {
    const intact = await bulwark(["audit", "verify"]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit chain intact: \d+ entries checked\./);

    const connection = await connect({ dataDir: join(folder, "main") });
    await connection.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await connection.db.execute(sql`update audit_log set action = 'nothing.to.see' where seq = 7`);
    await connection.close();

    const broken = await bulwark(["audit", "verify"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/Audit chain BROKEN at entry 7: its content does not match its hash/);
    const json = await bulwark(["audit", "verify", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { seq: 7 } });
  });

  it("restores the backup into another folder, with the chain intact", async () => {
    const other = join(folder, "restored");
    expect((await bulwark(["restore", backup], { dataDir: other })).code).not.toBe(0);
    // Another instance, another secret: its secrets would not open, so nothing is replaced.
    const foreign = await bulwark(["restore", backup, "--yes"], { dataDir: other });
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/^bulwark: .*sealed under another instance's secret.*\n$/);
    // With the backed-up instance's secret, it restores.
    const secret = readFileSync(join(folder, "main", "secret.key"), "utf8").trim();
    const restored = await bulwark(["restore", backup, "--yes"], {
      dataDir: other,
      env: { BULWARK_SECRET: secret },
    });
    expect(restored.stderr).not.toMatch(/bulwark:/);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Audit chain intact/);
    const junk = await bulwark(["restore", BIN, "--yes"], { dataDir: other });
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/not a Bulwark backup/);
  }, 180_000);
});
