import { createHash } from "node:crypto";
import { entryHash } from "@bulwark/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../testing.ts";
import { listAudit, recordAudit, verifyAuditChain } from "./audit.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second, 123));

describe("audit trail in the database", () => {
  it("chains entries written concurrently into one unbroken sequence", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(
          database.db,
          { actorId: null, action: "asset.update", targetType: "thing", targetId: String(i), details: { i } },
          at(i),
        ),
      ),
    );
    const report = await verifyAuditChain(database.db, 7);
    expect(report).toEqual({ ok: true, checked: 20, firstBroken: null });
  });

  it("pages newest first and filters by action prefix", async () => {
    await recordAudit(database.db, { actorId: null, action: "auth.sign-in" }, at(30));
    const page = await listAudit(database.db, { kind: "all" }, { limit: 5, action: "auth." });
    expect(page.items.map((item) => item.action)).toEqual(["auth.sign-in"]);
    const first = await listAudit(database.db, { kind: "all" }, { limit: 15 });
    expect(first.items[0]?.seq).toBe(21);
    expect(first.nextBefore).toBe(7);
    const rest = await listAudit(database.db, { kind: "all" }, { limit: 15, before: first.nextBefore ?? 0 });
    expect(rest.items.map((item) => item.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(rest.nextBefore).toBeNull();
  });

  it("shows nothing to a scope of none", async () => {
    expect((await listAudit(database.db, { kind: "none" }, { limit: 5 })).items).toEqual([]);
  });

  it("hashes in the database exactly as core does in JavaScript, whatever the text", async () => {
    const sha256 = (input: string) => createHash("sha256").update(input).digest("hex");
    const texts = [
      "تحذير",
      "预警",
      "Предупреждение",
      "émoji 🛡️",
      'quote " back\\slash',
      "line\nbreak\t",
      ',"seq":0,',
    ];
    for (const [i, text] of texts.entries()) {
      const link = await recordAudit(
        database.db,
        {
          actorId: "00000000-0000-4000-8000-000000000001",
          action: "sharing.submit",
          targetType: text,
          targetId: text,
          details: { text, seq: i, nested: { seq: 0, list: [text, null, 1.5] } },
        },
        at(40 + i),
      );
      expect(link.hash).toBe(entryHash(link.prevHash, link, sha256));
    }
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("refuses updates and deletes", async () => {
    await expect(database.db.execute(sql`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("names the first altered entry when someone bypasses the trigger", async () => {
    await database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await database.db.execute(sql`update audit_log set details = '{"i": 999}' where seq = 4`);
    await database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const report = await verifyAuditChain(database.db, 3);
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.seq).toBe(4);
    expect(report.firstBroken?.reason).toMatch(/altered/);
  });
});
