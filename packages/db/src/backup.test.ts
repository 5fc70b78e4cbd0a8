import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKUP_COVERAGE, BackupError, readBackupHeader, restoreBackup, writeBackup } from "./backup.ts";
import { backupChecksum } from "./backup-seal.ts";
import { knownMigrations } from "./connect.ts";
import { assetScope } from "./repositories/assets.ts";
import { recordAudit, verifyAuditChain } from "./repositories/audit.ts";
import { insertOrganisation, listOrganisations } from "./repositories/organisations.ts";
import { writeSetting } from "./repositories/settings.ts";
import { insertSharedItem, pseudonymKey, updateSharedItem } from "./repositories/sharing.ts";
import { insertAttachment } from "./repositories/sharing-attachments.ts";
import { beginStagedImport, stageAssets } from "./repositories/staged-imports.ts";
import { credentialsById, insertUser, updateUser } from "./repositories/users.ts";
import { rowsOf } from "./rows.ts";
import { openTestDatabase, type TestDatabase } from "./testing.ts";

let source: TestDatabase;
let target: TestDatabase;
let authorId: string;
const folder = mkdtempSync(join(tmpdir(), "bulwark-backup-"));
const now = new Date("2026-11-24T10:00:00.123Z");
/** The instance's secret the backup's secrets are sealed under. */
const SECRET = "s".repeat(64);
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const PSEUDONYM_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
/** Every byte value, a run of zeros and a file past one backup page, as attachments hold them. */
const FILES = [
  Uint8Array.from({ length: 256 }, (_, i) => i),
  new Uint8Array(1000),
  Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251),
];

beforeAll(async () => {
  [source, target] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  const org = await insertOrganisation(
    source.db,
    { name: "Backup Authority", kind: "national-authority", country: "XM", sectors: ["health", "dams"] },
    now,
  );
  const author = await insertUser(
    source.db,
    {
      email: "a@b.example",
      name: "Ada",
      organisationId: org,
      roles: ["member", "analyst"],
      passwordHash: "x",
    },
    now,
  );
  // The secrets a backup must hold only sealed.
  await updateUser(source.db, author, { totpSecret: TOTP_SECRET, totpEnabled: true }, now);
  await pseudonymKey(source.db, PSEUDONYM_KEY, now);
  authorId = author;
  // An alert that sent two CAP messages: their times (an array of timestamps) come back as they were.
  const alert = await insertSharedItem(source.db, {
    type: "alert",
    title: "Alert",
    publicTitle: "Alert",
    body: "",
    publicBody: "",
    personalDataRoles: [],
    sectors: [],
    assetIds: [],
    tlp: "clear",
    revealAudience: false,
    warning: { event: "Drone overflight" },
    authorId: author,
    authorOrganisationId: org,
    now,
  });
  await updateSharedItem(source.db, alert, { status: "published", publishedAt: now, capMessage: true, now });
  await updateSharedItem(source.db, alert, { capMessage: true, now: new Date("2026-11-24T11:00:00.456Z") });
  const item = await insertSharedItem(source.db, {
    type: "report",
    title: "With files",
    publicTitle: "With files",
    body: "",
    publicBody: "",
    personalDataRoles: [],
    sectors: [],
    assetIds: [],
    tlp: "amber",
    revealAudience: false,
    authorId: author,
    authorOrganisationId: org,
    now,
  });
  for (const content of FILES)
    await insertAttachment(source.db, {
      itemId: item,
      filename: "bytes.bin",
      mediaType: "application/zip",
      sha256: "-",
      content,
      personal: false,
      addedBy: author,
      now,
    });
  for (let i = 0; i < 30; i++)
    await recordAudit(
      source.db,
      { actorId: null, action: "audit.read", details: { i, nested: { list: [1, "two"] } } },
      now,
    );
  await insertOrganisation(
    target.db,
    { name: "Will be replaced", kind: "academia", country: "XM", sectors: [] },
    now,
  );
});
afterAll(async () => {
  await Promise.all([source.dispose(), target.dispose()]);
});

describe("backup and restore", () => {
  it("covers every table of the schema: copied, rebuilt from others, or kept by migrations", async () => {
    const tables = rowsOf<{ name: string }>(
      await source.db.execute(
        sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
      ),
    ).map((row) => row.name);
    const covered = [...BACKUP_COVERAGE.copied, ...BACKUP_COVERAGE.derived, ...BACKUP_COVERAGE.kept].sort();
    expect(covered).toEqual(tables);
  });

  it("round-trips every row into another database, audit chain intact", async () => {
    const file = join(folder, "all.bulwark.gz");
    const header = await writeBackup(source.db, file, now, SECRET);
    expect(header.tables).toMatchObject({ organisations: 1, users: 1, audit_log: 30 });
    expect((await readBackupHeader(file)).migration).toBe(knownMigrations().at(-1));
    await restoreBackup(target.db, file, SECRET);
    const orgs = await listOrganisations(target.db, { kind: "all" }, { limit: 10, offset: 0 });
    expect(orgs.items.map((org) => [org.name, org.sectors, org.userCount, org.createdAt])).toEqual([
      ["Backup Authority", ["health", "dams"], 1, now.toISOString()],
    ]);
    expect(await verifyAuditChain(target.db)).toEqual({ ok: true, checked: 30, firstBroken: null });
    const [alert] = rowsOf<{ sent: string[]; event: string }>(
      await target.db.execute(
        sql`select array(select to_char(t at time zone 'UTC', 'HH24:MI:SS.MS') from unnest(cap_sent) as t) as sent,
          warning->>'event' as event from shared_items where type = 'alert'`,
      ),
    );
    expect(alert).toEqual({ sent: ["10:00:00.123", "11:00:00.456"], event: "Drone overflight" });
    // Attachments' bytes come back identical (bytea through JSON as base64).
    const bytes = rowsOf<{ content: Uint8Array }>(
      await target.db.execute(sql`select content from shared_item_attachments order by size`),
    ).map((row) => new Uint8Array(row.content));
    expect(bytes).toEqual([...FILES].sort((a, b) => a.byteLength - b.byteLength));
    // The append-only guard is back on after the restore.
    await expect(target.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it("writes the file readable by its owner only, even over an existing file that was not", async () => {
    const file = join(folder, "mode.bulwark.gz");
    writeFileSync(file, "an older, world-readable file");
    chmodSync(file, 0o644);
    await writeBackup(source.db, file, now, SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await readBackupHeader(file)).format).toBe("bulwark-backup");
  });

  it("holds the TOTP secrets and the pseudonym key only sealed, and restores them", async () => {
    const file = join(folder, "sealed.bulwark.gz");
    await writeBackup(source.db, file, now, SECRET);
    const bytes = gunzipSync(readFileSync(file)).toString("utf8");
    for (const secret of [TOTP_SECRET, PSEUDONYM_KEY, SECRET]) expect(bytes).not.toContain(secret);
    await restoreBackup(target.db, file, SECRET);
    expect((await credentialsById(target.db, authorId))?.totpSecret).toBe(TOTP_SECRET);
    expect(await pseudonymKey(target.db, "another candidate", now)).toBe(PSEUDONYM_KEY);
  });

  it("refuses a backup sealed under another instance's secret before changing anything", async () => {
    const file = join(folder, "foreign.bulwark.gz");
    await writeBackup(source.db, file, now, "another instance's secret, 32 chars at least");
    const before = rowsOf<{ n: number }>(await target.db.execute(sql`select count(*)::int as n from users`));
    await updateUser(target.db, authorId, { name: "Changed after the restore" }, now);
    const error = await restoreBackup(target.db, file, SECRET).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupError);
    expect(String(error)).toMatch(/sealed under another instance's secret.*Nothing was changed/);
    expect(rowsOf<{ n: number }>(await target.db.execute(sql`select count(*)::int as n from users`))).toEqual(
      before,
    );
    const names = rowsOf<{ name: string }>(await target.db.execute(sql`select name from users`));
    expect(names).toEqual([{ name: "Changed after the restore" }]);
  });

  it("refuses a file that is not a backup and leaves the database as it was", async () => {
    const file = join(folder, "junk.gz");
    writeFileSync(file, "not gzip at all");
    await expect(restoreBackup(target.db, file, SECRET)).rejects.toBeInstanceOf(BackupError);
    const count = rowsOf<{ n: number }>(
      await target.db.execute(sql`select count(*)::int as n from audit_log`),
    )[0]?.n;
    expect(count).toBe(30);
  });
});

/** The backup's lines, changed by `edit`, written back; `reseal` recomputes the checksum as only
 * someone holding the instance's secret could. */
function tampered(file: string, edit: (lines: string[]) => string[], reseal = false): string {
  const lines = gunzipSync(readFileSync(file)).toString("utf8").trimEnd().split("\n");
  const body = edit(lines.slice(0, -1));
  let end = lines.at(-1) ?? "";
  if (reseal) {
    const checksum = backupChecksum(SECRET);
    for (const line of body) checksum.update(`${line}\n`);
    end = `{"end":{"hmac":"${checksum.digest("hex")}"}}`;
  }
  const out = join(folder, `tampered-${Math.random().toString(36).slice(2)}.gz`);
  writeFileSync(out, gzipSync(`${[...body, end].join("\n")}\n`));
  return out;
}

describe("a restore checks the whole file before anything changes", () => {
  let good = "";
  const usersOfTarget = async () =>
    rowsOf<{ name: string }>(await target.db.execute(sql`select name from users order by name`));

  beforeAll(async () => {
    good = join(folder, "good.bulwark.gz");
    await writeBackup(source.db, good, now, SECRET);
  });

  it("refuses a truncated file with one line that says so", async () => {
    const before = await usersOfTarget();
    const bytes = readFileSync(good);
    const cut = join(folder, "cut.gz");
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await restoreBackup(target.db, cut, SECRET).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupError);
    expect(String(error)).toMatch(/truncated or damaged/);
    expect(String(error)).not.toContain("\n");
    expect(await usersOfTarget()).toEqual(before);
  });

  it("refuses a silently altered title: the checksum does not match", async () => {
    const before = await usersOfTarget();
    const altered = tampered(good, (lines) =>
      lines.map((line) => line.replace('"title":"With files"', '"title":"Forged"')),
    );
    await expect(restoreBackup(target.db, altered, SECRET)).rejects.toThrow(/does not match its checksum/);
    const cut = tampered(good, (lines) => lines.slice(0, -3));
    await expect(restoreBackup(target.db, cut, SECRET)).rejects.toThrow(/checksum|incomplete/);
    expect(await usersOfTarget()).toEqual(before);
  });

  it("refuses a file that calls itself format version 1 (no checksum), so a forgery cannot go around it", async () => {
    const before = await usersOfTarget();
    const old = tampered(good, (lines) =>
      lines.map((line, index) =>
        index === 0
          ? line.replace(/"version":2/, '"version":1')
          : line.replace('"title":"With files"', '"title":"Forged"'),
      ),
    );
    expect(gunzipSync(readFileSync(old)).toString("utf8")).toContain('"version":1');
    await expect(restoreBackup(target.db, old, SECRET)).rejects.toThrow(/format version 1/);
    expect(await usersOfTarget()).toEqual(before);
  });

  it("refuses a broken audit chain, even under a right checksum, and keeps the live database", async () => {
    await updateUser(target.db, authorId, { name: "Live before the restore" }, now);
    const forged = tampered(
      good,
      (lines) =>
        lines.map((line) =>
          line.startsWith('{"t":"audit_log"') && line.includes('"seq":7,')
            ? line.replace(/"action":"[^"]*"/, '"action":"nothing.to.see"')
            : line,
        ),
      true,
    );
    await expect(restoreBackup(target.db, forged, SECRET)).rejects.toThrow(
      /audit chain is broken at entry 7.*nothing was restored/,
    );
    expect(await usersOfTarget()).toEqual([{ name: "Live before the restore" }]);
    expect((await verifyAuditChain(target.db)).ok).toBe(true);
  });
});

describe("a backup taken while the database is written", () => {
  it("reads every table in one snapshot, so it restores", async () => {
    const file = join(folder, "busy.bulwark.gz");
    const writes: Promise<unknown>[] = [];
    let n = 0;
    // A write to the last table lands while the first tables are being read.
    await writeBackup(source.db, file, now, SECRET, () => {
      n++;
      if (n <= 3) writes.push(writeSetting(source.db, `busy.${n}`, { n }, now));
    });
    await Promise.all(writes);
    const header = await readBackupHeader(file);
    await restoreBackup(target.db, file, SECRET);
    const settings = rowsOf<{ n: number }>(
      await target.db.execute(sql`select count(*)::int as n from settings`),
    )[0]?.n;
    expect(settings).toBe(header.tables.settings);
  });
});

describe("a backup taken during a registry import written in slices", () => {
  it("restores the import's staged rows still hidden from every reader", async () => {
    const [from, to] = await Promise.all([openTestDatabase(), openTestDatabase()]);
    try {
      const operator = await insertOrganisation(
        from.db,
        { name: "Grid", kind: "private-operator", country: "XM", sectors: ["energy-electricity"] },
        now,
      );
      const importId = "00000000-0000-4000-8000-000000000001";
      await beginStagedImport(from.db, importId, now);
      await stageAssets(
        from.db,
        importId,
        [
          {
            ref: "HALF",
            name: "Half-imported substation",
            sector: "energy-electricity",
            operatorId: operator,
            status: "operational",
            populationServed: 0,
            marking: "clear",
            tags: [],
            attributes: {},
          },
        ],
        now,
      );
      const file = join(folder, "staged.bulwark.gz");
      await writeBackup(from.db, file, now, SECRET);
      await restoreBackup(to.db, file, SECRET);
      const counts = rowsOf<{ stored: number; seen: number }>(
        await to.db.execute(sql`select count(*)::int as stored,
          (count(*) filter (where ${assetScope({ kind: "all" })}))::int as seen from assets`),
      )[0];
      expect(counts).toEqual({ stored: 1, seen: 0 });
    } finally {
      await Promise.all([from.dispose(), to.dispose()]);
    }
  });
});
