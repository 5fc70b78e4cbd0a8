// The policy version and its notifications (ADR 0019): every change to a table read scopes are
// made of moves the version in its own transaction and is heard by every listener at commit; other
// writes leave it alone; a listener that loses its connection says so, reconnects and hears again.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangeFeed, postgresListener } from "./change-feed.ts";
import {
  insertCommunity,
  setCommunityModerators,
  setCommunityOrganisations,
} from "./repositories/communities.ts";
import { insertOrganisation, updateOrganisation } from "./repositories/organisations.ts";
import { POLICY_CHANNEL, policyVersion } from "./repositories/policy-state.ts";
import { insertToken, revokeToken } from "./repositories/sessions.ts";
import { writeSetting } from "./repositories/settings.ts";
import { insertUser, updateUser } from "./repositories/users.ts";
import { openTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase;
const heard: string[] = [];
const now = new Date(Date.UTC(2026, 10, 24));
let organisationId = "";
let userId = "";
let communityId = "";

beforeAll(async () => {
  database = await openTestDatabase();
  database.changes.subscribe(POLICY_CHANNEL, { notify: (payload) => heard.push(payload) });
  await database.changes.listening();
  organisationId = await insertOrganisation(
    database.db,
    { name: "Feed operator", kind: "private-operator", country: "XM", sectors: [] },
    now,
  );
  userId = await insertUser(
    database.db,
    { email: "feed@example.org", name: "Feed", organisationId, roles: ["member"], passwordHash: null },
    now,
  );
  communityId = await insertCommunity(database.db, { name: "Feed community", description: "" }, now);
});
afterAll(() => database.dispose());

/** Runs `change` and says whether the version moved and every listener heard the new one. */
async function moves(change: () => Promise<unknown>): Promise<boolean> {
  const before = await policyVersion(database.db);
  await change();
  const after = await policyVersion(database.db);
  if (after === before) return false;
  await expect.poll(() => heard.at(-1), { timeout: 5_000 }).toBe(String(after));
  return true;
}

describe("the policy version", () => {
  it("moves, heard by every process, on each change to what scopes are made of", async () => {
    const { db } = database;
    const token = await insertToken(
      db,
      { userId, name: "t", prefix: "p", tokenHash: randomUUID(), expiresAt: null, scopes: ["read"] },
      now,
    );
    const cases: [string, () => Promise<unknown>][] = [
      [
        "organisation kind",
        () => updateOrganisation(db, organisationId, { kind: "national-authority" }, now),
      ],
      [
        "organisation sectors",
        () => updateOrganisation(db, organisationId, { sectors: ["energy-gas"] }, now),
      ],
      ["user roles", () => updateUser(db, userId, { roles: ["coordinator"] }, now)],
      ["account disabled", () => updateUser(db, userId, { active: false }, now)],
      ["community joined", () => setCommunityOrganisations(db, communityId, [organisationId])],
      ["community moderators", () => setCommunityModerators(db, communityId, [userId])],
      ["community left", () => setCommunityOrganisations(db, communityId, [])],
      ["token revoked", () => revokeToken(db, userId, token.id, now)],
      ["user removed", () => db.execute(sql`delete from users where id = ${userId}`)],
    ];
    for (const [what, change] of cases)
      expect({ what, moved: await moves(change) }).toEqual({ what, moved: true });
  });

  it("stays where it was for writes that feed no scope, and for a change rolled back", async () => {
    const { db } = database;
    let other = "";
    // A new account moves it (and is heard) before the quiet writes start.
    expect(
      await moves(async () => {
        other = await insertUser(
          db,
          {
            email: "quiet@example.org",
            name: "Quiet",
            organisationId,
            roles: ["member"],
            passwordHash: null,
          },
          now,
        );
      }),
    ).toBe(true);
    const heardBefore = heard.length;
    expect(await moves(() => updateUser(db, other, { failedSignIns: 2, lastSignInAt: now }, now))).toBe(
      false,
    );
    expect(await moves(() => writeSetting(db, "registry.version", 7, now))).toBe(false);
    const rolledBack = db.transaction(async (tx) => {
      await updateUser(tx, other, { roles: ["platform-admin"] }, now);
      tx.rollback();
    });
    await expect(rolledBack).rejects.toThrow();
    expect(await moves(async () => undefined)).toBe(false);
    expect(heard.length).toBe(heardBefore);
  });
});

describe("a listening connection that drops (PostgreSQL)", () => {
  it("tells its subscribers, reconnects, and hears again", async ({ skip }) => {
    if (!database.url) return skip();
    const feed = new ChangeFeed(postgresListener(database.url, 20));
    const got: string[] = [];
    let missed = 0;
    feed.subscribe("bulwark_test", { notify: (payload) => got.push(payload), missed: () => missed++ });
    await feed.listening();
    await database.db.execute(sql`select pg_notify('bulwark_test', 'one')`);
    await expect.poll(() => got, { timeout: 5_000 }).toEqual(["one"]);
    await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query = 'LISTEN bulwark_test'`);
    await expect.poll(() => missed, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await expect
      .poll(
        async () => {
          await database.db.execute(sql`select pg_notify('bulwark_test', 'two')`);
          return got.includes("two");
        },
        { timeout: 5_000 },
      )
      .toBe(true);
    await feed.close();
  });
});
