import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKUP_COVERAGE, BackupError, readBackupHeader, restoreBackup, writeBackup } from "./backup.ts";
import { knownMigrations } from "./connect.ts";
import { recordAudit, verifyAuditChain } from "./repositories/audit.ts";
import { insertOrganisation, listOrganisations } from "./repositories/organisations.ts";
import { insertSharedItem, pseudonymKey, updateSharedItem } from "./repositories/sharing.ts";
import { insertAttachment } from "./repositories/sharing-attachments.ts";
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
      { actorId: null, action: "test", details: { i, nested: { list: [1, "two"] } } },
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
