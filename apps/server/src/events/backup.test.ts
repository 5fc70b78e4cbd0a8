// Events survive a backup and its restore into another database: every table of the capability
// is in the backup's list (a restore empties the tables it knows, and organisations cascade).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { restoreBackup, rowsOf, writeBackup } from "@bulwark/db";
import { openTestDatabase } from "@bulwark/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const TABLES = [
  "events",
  "event_participants",
  "event_sessions",
  "event_materials",
  "event_outcomes",
  "event_actions",
  "event_action_notes",
];

async function counts(db: TestServer["db"]) {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = rowsOf<{ count: string | number }>(
      await db.execute(sql`select count(*) as count from ${sql.raw(table)}`),
    );
    result[table] = Number(row?.count ?? 0);
  }
  return result;
}

describe("events in a backup", () => {
  it("round-trip into another database", async () => {
    const admin = await server.client("admin@authority.example");
    const me = await admin.call("me", {});
    const event = await admin.call("createEvent", {
      body: {
        kind: "training",
        title: "Backup drill",
        region: "global",
        venue: "online",
        startsOn: "2026-12-01",
        endsOn: "2026-12-01",
      },
    });
    const id = event.id;
    await admin.call("addEventParticipant", {
      params: { id },
      body: { kind: "user", userId: me.id, role: "speaker" },
    });
    const withSpeaker = await admin.call("getEvent", { params: { id } });
    await admin.call("addEventSession", {
      params: { id },
      body: {
        startsAt: "2026-12-01T09:00:00Z",
        endsAt: "2026-12-01T10:00:00Z",
        title: "Opening",
        speakerIds: [withSpeaker.participantList.items[0]?.id ?? ""],
      },
    });
    await admin.call("addEventMaterial", {
      params: { id },
      body: { kind: "link", title: "Slides", url: "https://example.org" },
    });
    await admin.call("addEventOutcome", { params: { id }, body: { text: "Keep backups." } });
    const action = await admin.call("addEventAction", {
      params: { id },
      body: {
        country: "XM",
        title: "Test a restore",
        ownerOrganisationId: server.cast.organisations.operator,
        dueOn: "2026-12-15",
      },
    });
    await admin.call("updateEventAction", {
      params: { id: action.id },
      body: { status: "done", note: "Restored." },
    });

    const file = join(mkdtempSync(join(tmpdir(), "bulwark-events-")), "events.bulwark.gz");
    await writeBackup(server.db, file, server.context.clock(), server.context.config.secret ?? "");
    const target = await openTestDatabase();
    try {
      await restoreBackup(target.db, file, server.context.config.secret ?? "");
      const before = await counts(server.db);
      expect(Object.values(before).every((value) => value > 0)).toBe(true);
      expect(await counts(target.db)).toEqual(before);
      const [restored] = rowsOf<{ starts_on: string; done_on: string; speakers: number }>(
        await target.db.execute(sql`select e.starts_on::text as starts_on, a.done_on::text as done_on,
            (select cardinality(s.speaker_ids) from event_sessions as s where s.event_id = e.id) as speakers
          from events as e join event_actions as a on a.event_id = e.id where e.id = ${id}`),
      );
      expect(restored).toEqual({ starts_on: "2026-12-01", done_on: "2026-11-24", speakers: 1 });
    } finally {
      await target.dispose();
    }
  });
});
