// Counters of failed authentications (per client address) and the per-account sign-in lockout,
// written so that concurrent requests, in one process or many, never lose a count: one upsert
// (INSERT ... ON CONFLICT DO UPDATE ... RETURNING), or a row lock held for the read and write.
import { and, eq, lte, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { authThrottle, users } from "../schema.ts";

export interface ThrottleCount {
  readonly failures: number;
  readonly windowEnds: Date;
}

/** Count one more failure under `key`; a window that has ended starts again at 1. */
export async function countThrottled(
  db: Executor,
  key: string,
  now: Date,
  windowMs: number,
): Promise<ThrottleCount> {
  const ends = new Date(now.getTime() + windowMs);
  const [row] = await db
    .insert(authThrottle)
    .values({ key, failures: 1, windowEnds: ends })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${authThrottle.windowEnds} <= ${now} then 1 else ${authThrottle.failures} + 1 end`,
        windowEnds: sql`case when ${authThrottle.windowEnds} <= ${now} then ${ends} else ${authThrottle.windowEnds} end`,
      },
    })
    .returning({ failures: authThrottle.failures, windowEnds: authThrottle.windowEnds });
  if (!row) throw new Error("upsert returned no row");
  return row;
}

/** Take back one counted failure (the attempt turned out to be right). */
export async function uncountThrottled(db: Executor, key: string): Promise<void> {
  await db
    .update(authThrottle)
    .set({ failures: sql`greatest(${authThrottle.failures} - 1, 0)` })
    .where(eq(authThrottle.key, key));
}

/** The failures counted under `key` in its current window (0 when none). */
export async function throttledCount(db: Executor, key: string, now: Date): Promise<ThrottleCount | null> {
  const [row] = await db
    .select({ failures: authThrottle.failures, windowEnds: authThrottle.windowEnds })
    .from(authThrottle)
    .where(and(eq(authThrottle.key, key), sql`${authThrottle.windowEnds} > ${now}`));
  return row ?? null;
}

/** Delete counters whose window has ended; how many. */
export async function deleteStaleThrottles(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(authThrottle)
    .where(lte(authThrottle.windowEnds, now))
    .returning({ key: authThrottle.key });
  return rows.length;
}

export type AccountAttempt =
  | { readonly admitted: true; readonly failures: number }
  | { readonly admitted: false; readonly lockedUntil: Date };

/**
 * Admit one password attempt on an account, counting it as a failure before the password is even
 * checked (a right password resets the count afterwards): under the row's lock, a locked account
 * is refused, otherwise the count goes up and the lock that count earns (`lockFor`, ms) starts
 * now. So however many attempts run at once, only those the lockout allows are admitted.
 */
export async function admitAccountAttempt(
  db: Executor,
  userId: string,
  now: Date,
  lockFor: (failures: number) => number,
): Promise<AccountAttempt> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ failures: users.failedSignIns, lockedUntil: users.lockedUntil })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!row) throw new Error("no such account");
    if (row.lockedUntil && row.lockedUntil.getTime() > now.getTime())
      return { admitted: false as const, lockedUntil: row.lockedUntil };
    const failures = row.failures + 1;
    const lock = lockFor(failures);
    await tx
      .update(users)
      .set({ failedSignIns: failures, lockedUntil: lock > 0 ? new Date(now.getTime() + lock) : null })
      .where(eq(users.id, userId));
    return { admitted: true as const, failures };
  });
}

/** A right password: the run of failures ends and any lock with it. */
export async function clearAccountFailures(db: Executor, userId: string): Promise<void> {
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
}
