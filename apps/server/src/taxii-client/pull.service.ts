// One pull of a TAXII subscription: GET the remote collection's objects added after the cursor,
// page by page (following `next`, or `added_after` when the remote gives no `next`), each page
// checked and stored through the STIX import (same validation and TLP rules as any import; source
// "subscription") in one transaction with the cursor's move, so a failure loses nothing and skips
// nothing. The subscription's owner (its creator, or whoever changed it last) is the writer: their
// organisation owns what arrives, and their roles' widest publishable marking bounds it.
// One run per subscription at a time, across server processes (claimSubscription).
import { checkStixObjects, collectionAbilities } from "@bulwark/core";
import {
  advanceSubscriptionCursor,
  appendAudit,
  claimSubscription,
  credentialsById,
  finishSubscriptionRun,
  type SubscriptionRecord,
  type SubscriptionRun,
  sharingViewer,
  subscriptionById,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { outboundFetch } from "../outbound/outbound-fetch.ts";
import { invalidStix, putCheckedStixObjects, type StixIntake } from "../stix/import.service.ts";
import { openCredentials, SealError, secretOf } from "./credentials.ts";
import { fetchObjectsPage, laterTimestamp, type Remote, TaxiiRemoteError } from "./taxii-http.ts";

export interface PullLimits {
  /** `limit` asked of the remote per page. */
  readonly pageSize: number;
  /** Objects taken in one run; the rest comes next run. */
  readonly maxObjectsPerRun: number;
  readonly maxPagesPerRun: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** A run older than this is taken to have died with its process. */
  readonly staleAfterMs: number;
}

export const DEFAULT_PULL_LIMITS: PullLimits = {
  pageSize: 500,
  maxObjectsPerRun: 20_000,
  maxPagesPerRun: 200,
  timeoutMs: 30_000,
  maxBytes: 64 * 1024 * 1024,
  staleAfterMs: 3_600_000,
};

/** Where an unexpected failure is reported (ids and error names only). */
export type PullLog = (fields: { subscriptionId: string; error: string }) => void;

/** A reason the run cannot go on that a person can act on (shown as the last run's error). */
class RunError extends Error {
  override name = "RunError";
}

interface Counts {
  received: number;
  added: number;
  duplicates: number;
  refused: number;
}

/** The subscription's owner as a writer of its community's collection. */
async function writerOf(context: ServerContext, row: SubscriptionRecord): Promise<StixIntake> {
  const owner = await credentialsById(context.db, row.ownerId);
  if (!owner?.active)
    throw new RunError(
      "The subscription's owner has no active account: someone who runs subscriptions should save it again.",
    );
  const writer = await sharingViewer(context.db, {
    userId: owner.id,
    organisationId: owner.organisationId,
    roles: owner.roles,
  });
  if (!collectionAbilities(writer, row.communityId).mayWrite)
    throw new RunError(
      "The subscription's owner may no longer write to this community's collection: someone who may should save it again.",
    );
  return {
    collectionId: row.communityId,
    writer,
    addedBy: null,
    source: "subscription",
    defaultTlp: row.defaultTlp as StixIntake["defaultTlp"],
  };
}

async function pull(
  context: ServerContext,
  row: SubscriptionRecord,
  limits: PullLimits,
  counts: Counts,
): Promise<"ok" | "capped"> {
  const intake = await writerOf(context, row);
  let credentials = null;
  if (row.credentials) credentials = openCredentials(secretOf(context.config), row.id, row.credentials);
  const remote: Remote = { apiRootUrl: row.apiRootUrl, collectionId: row.collectionId, credentials };
  let cursor = row.cursor;
  // added_after stays what the run started from while `next` is followed (TAXII pages a query).
  let addedAfter = cursor;
  let next: string | null = null;
  for (let pages = 0; ; pages++) {
    const room = limits.maxObjectsPerRun - counts.received;
    if (room <= 0 || pages >= limits.maxPagesPerRun) return "capped";
    const page = await fetchObjectsPage(
      remote,
      { addedAfter, limit: Math.min(limits.pageSize, room), next },
      {
        fetch: outboundFetch(context.config.outboundAllow),
        timeoutMs: limits.timeoutMs,
        maxBytes: limits.maxBytes,
        now: context.clock(),
      },
    );
    const check = checkStixObjects(page.objects);
    if (!check.ok)
      throw new RunError(
        `The remote sent invalid STIX; nothing of that page was stored. ${invalidStix(check).message.replace(/^Invalid input: /, "")}`,
      );
    const pageCursor = laterTimestamp(cursor, page.dateAddedLast);
    const result = await context.db.transaction(async (tx) => {
      const stored = await putCheckedStixObjects(tx, intake, check.objects, context.clock(), check.json);
      if (pageCursor !== null && pageCursor !== cursor)
        await advanceSubscriptionCursor(tx, row.id, pageCursor);
      return stored;
    });
    counts.received += page.objects.length;
    counts.added += result.added;
    counts.duplicates += result.duplicates + result.revoked;
    counts.refused += result.refused.length;
    cursor = pageCursor;
    if (!page.more) return "ok";
    if (page.next !== null) {
      if (page.next === next) throw new TaxiiRemoteError("The remote gave the same `next` twice; stopped.");
      next = page.next;
    } else {
      if (page.dateAddedLast === null || page.objects.length === 0)
        throw new TaxiiRemoteError(
          "The remote says more objects wait but gives neither `next` nor X-TAXII-Date-Added-Last to reach them.",
        );
      next = null;
      addedAfter = cursor;
    }
  }
}

/**
 * Run one pull of a subscription unless another run holds it ("busy"). Never throws for what the
 * remote or the content does: the outcome and error are recorded as the last run.
 */
export async function runSubscription(
  context: ServerContext,
  id: string,
  options: { actorId: string | null; limits?: PullLimits | undefined; log?: PullLog | undefined },
): Promise<"ran" | "busy" | "gone"> {
  const limits = options.limits ?? DEFAULT_PULL_LIMITS;
  const started = context.clock();
  if (!(await claimSubscription(context.db, id, started, new Date(started.getTime() - limits.staleAfterMs))))
    return (await subscriptionById(context.db, id)) ? "busy" : "gone";
  const row = await subscriptionById(context.db, id);
  if (!row) return "gone";
  const counts: Counts = { received: 0, added: 0, duplicates: 0, refused: 0 };
  let outcome: SubscriptionRun["outcome"] = "failed";
  let error: string | null = null;
  let retryAfterSeconds: number | null = null;
  try {
    outcome = await pull(context, row, limits, counts);
  } catch (failure) {
    if (failure instanceof TaxiiRemoteError) {
      error = failure.message;
      retryAfterSeconds = failure.retryAfterSeconds;
    } else if (failure instanceof RunError || failure instanceof SealError) error = failure.message;
    else {
      // Logged by name only: a driver's message may quote what was being written.
      error = "An unexpected error stopped the pull; what was stored before it is kept.";
      options.log?.({ subscriptionId: id, error: failure instanceof Error ? failure.name : "unknown" });
    }
  }
  const now = context.clock();
  const wait = Math.max(row.intervalMinutes * 60, retryAfterSeconds ?? 0);
  await context.db.transaction(async (tx) => {
    await finishSubscriptionRun(
      tx,
      id,
      { outcome, ...counts, error, nextRunAt: new Date(now.getTime() + wait * 1000) },
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: options.actorId,
        action: "taxii-subscription.pull",
        targetType: "taxii-subscription",
        targetId: id,
        details: { communityId: row.communityId, outcome, ...counts },
      },
      now,
    );
  });
  return "ran";
}
