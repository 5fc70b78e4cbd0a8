// Background jobs' state (schema/jobs.ts): written by the process that runs a job, read by any
// process. A job is its owner's: readJob filters on the owner in SQL, unless the caller's policy
// lets it read every job (platform administrators).
import { and, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Database, Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { jobs } from "../schema.ts";

export type JobState = "validating" | "writing" | "done" | "failed";

export interface JobRecord {
  readonly id: string;
  readonly kind: string;
  readonly ownerId: string;
  readonly state: JobState;
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  readonly report: unknown;
  readonly problem: unknown;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

/** Who reads: the owner's own jobs, or (a platform administrator) every job. */
export type JobReader = { readonly kind: "own"; readonly userId: string } | { readonly kind: "all" };

export async function insertJob(
  db: Executor,
  job: { id: string; kind: string; ownerId: string; state: JobState; phase: string },
  now: Date,
): Promise<void> {
  await db.insert(jobs).values({ ...job, done: 0, total: 0, createdAt: now, updatedAt: now });
}

/** Progress of a running job; a finished one (or one the sweep gave up on) is left alone. */
export async function updateJobProgress(
  db: Executor,
  id: string,
  progress: { state: JobState; phase: string; done: number; total: number },
  now: Date,
): Promise<void> {
  await db
    .update(jobs)
    .set({ ...progress, updatedAt: now })
    .where(and(eq(jobs.id, id), isNull(jobs.finishedAt)));
}

/** The end of a job: done with its report, or failed with its problem. */
export async function finishJob(
  db: Executor,
  id: string,
  end: { state: "done"; report: unknown } | { state: "failed"; problem: unknown },
  now: Date,
): Promise<void> {
  await db
    .update(jobs)
    .set({
      state: end.state,
      report: end.state === "done" ? end.report : null,
      problem: end.state === "failed" ? end.problem : null,
      updatedAt: now,
      finishedAt: now,
    })
    .where(and(eq(jobs.id, id), isNull(jobs.finishedAt)));
}

/** The job, if it exists and the reader may read it; else null (the two are not told apart). */
export async function readJob(db: Executor, id: string, reader: JobReader): Promise<JobRecord | null> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), reader.kind === "all" ? undefined : eq(jobs.ownerId, reader.userId)));
  return row ? { ...row, state: row.state as JobState } : null;
}

// One sweep at a time across every process on the database (a transaction-scoped advisory lock).
const SWEEP_LOCK = sql`select pg_try_advisory_xact_lock(7236423473) as locked`;

/**
 * Fail running jobs that have said nothing since `silentBefore` (their process died: an import is
 * one transaction, so it left nothing) and delete jobs finished before `finishedBefore`. Runs once
 * at a time across processes: a sweep that finds another under way does nothing (null).
 */
export async function sweepJobs(
  db: Database,
  limits: { finishedBefore: Date; silentBefore: Date; interrupted: unknown },
  now: Date,
): Promise<{ failed: number; deleted: number } | null> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(SWEEP_LOCK));
    if (!lock?.locked) return null;
    const failed = await tx
      .update(jobs)
      .set({ state: "failed", problem: limits.interrupted, updatedAt: now, finishedAt: now })
      .where(and(isNull(jobs.finishedAt), lt(jobs.updatedAt, limits.silentBefore)))
      .returning({ id: jobs.id });
    const deleted = await tx
      .delete(jobs)
      .where(and(isNotNull(jobs.finishedAt), lt(jobs.finishedAt, limits.finishedBefore)))
      .returning({ id: jobs.id });
    return { failed: failed.length, deleted: deleted.length };
  });
}
