// The counters hold under concurrency: whatever the number of attempts running at once and
// whatever the account's earlier failures, exactly as many are admitted as the lockout allows, and
// an address counts every failure once.
import { ADDRESS_WINDOW_MS, FREE_ATTEMPTS, lockDuration } from "@bulwark/core";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../schema.ts";
import { openTestDatabase, type TestDatabase } from "../testing.ts";
import { admitAccountAttempt, countThrottled, throttledCount } from "./auth-throttle.ts";
import { insertOrganisation } from "./organisations.ts";
import { insertUser } from "./users.ts";

let database: TestDatabase;
let userId = "";
const now = new Date(Date.UTC(2026, 0, 1));
beforeAll(async () => {
  database = await openTestDatabase();
  const organisationId = await insertOrganisation(
    database.db,
    { name: "Org", kind: "private-operator", country: "XM", sectors: [] },
    now,
  );
  userId = await insertUser(
    database.db,
    { email: "a@example.org", name: "A", organisationId, roles: ["member"], passwordHash: "x" },
    now,
  );
});
afterAll(() => database.dispose());

describe("the account lockout's count", () => {
  it("admits exactly the attempts the lockout allows, however many run at once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: FREE_ATTEMPTS + 3 }),
        fc.integer({ min: 1, max: 25 }),
        async (earlier, parallel) => {
          // Earlier failures, their lock (if any) already over.
          await database.db
            .update(users)
            .set({ failedSignIns: earlier, lockedUntil: null })
            .where(eq(users.id, userId));
          const answers = await Promise.all(
            Array.from({ length: parallel }, () =>
              admitAccountAttempt(database.db, userId, now, lockDuration),
            ),
          );
          const admitted = answers.filter((answer) => answer.admitted).length;
          // Admitted until one earns a lock: before the free attempts are used up, up to them; after, one.
          const allowed = Math.max(1, FREE_ATTEMPTS - earlier);
          expect(admitted).toBe(Math.min(parallel, allowed));
          const [row] = await database.db.select().from(users).where(eq(users.id, userId));
          expect(row?.failedSignIns).toBe(earlier + admitted);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("the per-address count", () => {
  it("counts every one of many parallel failures, in one window", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.integer({ min: 1, max: 40 }), async (key, parallel) => {
        const counts = await Promise.all(
          Array.from({ length: parallel }, () => countThrottled(database.db, key, now, ADDRESS_WINDOW_MS)),
        );
        expect(counts.map((count) => count.failures).sort((a, b) => a - b)).toEqual(
          Array.from({ length: parallel }, (_, n) => n + 1),
        );
        expect((await throttledCount(database.db, key, now))?.failures).toBe(parallel);
      }),
      { numRuns: 15 },
    );
  });
});
