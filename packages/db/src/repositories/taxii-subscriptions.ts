// TAXII subscriptions of community collections: stored, listed per viewer (subscriptionAbilities'
// mayView in SQL: the viewer's organisation belongs to the community), claimed for one run at a
// time across server processes, and their last run recorded.
import type { SharingViewer } from "@bulwark/core";
import { and, asc, eq, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { communities, taxiiSubscriptions, users } from "../schema.ts";
import { sqlArray } from "../scope.ts";

export type SubscriptionRow = typeof taxiiSubscriptions.$inferSelect;
export interface SubscriptionRecord extends SubscriptionRow {
  communityName: string;
  ownerName: string;
}

export type SubscriptionValues = Pick<
  SubscriptionRow,
  | "communityId"
  | "name"
  | "apiRootUrl"
  | "collectionId"
  | "authKind"
  | "credentials"
  | "defaultTlp"
  | "intervalMinutes"
  | "enabled"
  | "ownerId"
> & { id: string };

export type SubscriptionChange = Partial<
  Pick<
    SubscriptionRow,
    | "name"
    | "apiRootUrl"
    | "collectionId"
    | "authKind"
    | "credentials"
    | "defaultTlp"
    | "intervalMinutes"
    | "enabled"
    | "cursor"
    | "nextRunAt"
    | "ownerId"
  >
>;

/** Subscriptions the viewer may see: those of their organisation's communities. */
export const visibleSubscriptions = (viewer: SharingViewer): SQL =>
  sql`${taxiiSubscriptions.communityId} = any(${sqlArray(viewer.communityIds, "uuid")})`;

const columns = {
  row: taxiiSubscriptions,
  communityName: communities.name,
  ownerName: users.name,
};

const select = (db: Executor) =>
  db
    .select(columns)
    .from(taxiiSubscriptions)
    .innerJoin(communities, eq(communities.id, taxiiSubscriptions.communityId))
    .innerJoin(users, eq(users.id, taxiiSubscriptions.ownerId));

const record = (row: { row: SubscriptionRow; communityName: string; ownerName: string }) => ({
  ...row.row,
  communityName: row.communityName,
  ownerName: row.ownerName,
});

export async function listSubscriptions(
  db: Executor,
  viewer: SharingViewer,
  communityId?: string,
): Promise<SubscriptionRecord[]> {
  const rows = await select(db)
    .where(
      and(
        visibleSubscriptions(viewer),
        communityId ? eq(taxiiSubscriptions.communityId, communityId) : undefined,
      ),
    )
    .orderBy(asc(communities.name), asc(taxiiSubscriptions.name), asc(taxiiSubscriptions.id));
  return rows.map(record);
}

/** One subscription, if the viewer may see it. */
export async function findSubscription(
  db: Executor,
  viewer: SharingViewer,
  id: string,
): Promise<SubscriptionRecord | null> {
  const [row] = await select(db).where(and(eq(taxiiSubscriptions.id, id), visibleSubscriptions(viewer)));
  return row ? record(row) : null;
}

/** One subscription whoever asks: for the scheduler, which acts for the subscription's creator. */
export async function subscriptionById(db: Executor, id: string): Promise<SubscriptionRecord | null> {
  const [row] = await select(db).where(eq(taxiiSubscriptions.id, id));
  return row ? record(row) : null;
}

export async function insertSubscription(db: Executor, values: SubscriptionValues, now: Date): Promise<void> {
  await db.insert(taxiiSubscriptions).values({ ...values, nextRunAt: now, createdAt: now, updatedAt: now });
}

export async function updateSubscription(
  db: Executor,
  id: string,
  change: SubscriptionChange,
  now: Date,
): Promise<void> {
  await db
    .update(taxiiSubscriptions)
    .set({ ...change, updatedAt: now })
    .where(eq(taxiiSubscriptions.id, id));
}

export async function deleteSubscription(db: Executor, id: string): Promise<void> {
  await db.delete(taxiiSubscriptions).where(eq(taxiiSubscriptions.id, id));
}

/** Enabled subscriptions whose next pull is due, oldest first. */
export async function dueSubscriptionIds(db: Executor, now: Date, limit = 50): Promise<string[]> {
  const rows = await db
    .select({ id: taxiiSubscriptions.id })
    .from(taxiiSubscriptions)
    .where(and(eq(taxiiSubscriptions.enabled, true), lte(taxiiSubscriptions.nextRunAt, now)))
    .orderBy(asc(taxiiSubscriptions.nextRunAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Mark a subscription as running, unless a run already holds it (one that started before
 * `staleBefore` is taken to have died with its process). True when this caller holds it now.
 */
export async function claimSubscription(
  db: Executor,
  id: string,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const claimed = await db
    .update(taxiiSubscriptions)
    .set({ runningSince: now })
    .where(
      and(
        eq(taxiiSubscriptions.id, id),
        or(isNull(taxiiSubscriptions.runningSince), lte(taxiiSubscriptions.runningSince, staleBefore)),
      ),
    )
    .returning({ id: taxiiSubscriptions.id });
  return claimed.length === 1;
}

/** Move the cursor forward after a page was stored (in the page's transaction). */
export async function advanceSubscriptionCursor(db: Executor, id: string, cursor: string): Promise<void> {
  await db.update(taxiiSubscriptions).set({ cursor }).where(eq(taxiiSubscriptions.id, id));
}

export interface SubscriptionRun {
  outcome: "ok" | "capped" | "failed";
  received: number;
  added: number;
  duplicates: number;
  refused: number;
  error: string | null;
  nextRunAt: Date;
}

/** Record how a run ended and release the subscription. */
export async function finishSubscriptionRun(
  db: Executor,
  id: string,
  run: SubscriptionRun,
  now: Date,
): Promise<void> {
  await db
    .update(taxiiSubscriptions)
    .set({
      runningSince: null,
      lastRunAt: now,
      lastRunOutcome: run.outcome,
      lastRunReceived: run.received,
      lastRunAdded: run.added,
      lastRunDuplicates: run.duplicates,
      lastRunRefused: run.refused,
      lastRunError: run.error,
      nextRunAt: run.nextRunAt,
    })
    .where(eq(taxiiSubscriptions.id, id));
}
