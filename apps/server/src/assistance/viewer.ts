// The reader of assistance records as core's rule reads them, and what every change records.

import type { Actor, AssistanceViewer, AuditAction, Decision, SharingAudience } from "@bulwark/core";
import { appendAudit, type Executor, existingAudience, sharingViewer, type Transaction } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid } from "../errors.ts";

export async function assistanceViewerOf(
  context: ServerContext,
  caller: Actor,
  db: Executor = context.db,
): Promise<AssistanceViewer> {
  return { ...(await sharingViewer(db, caller)), organisationKind: caller.organisationKind };
}

export const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

/** Every recipient named exists (unknown ones answer 422 naming each), as sharing checks. */
export async function checkRecipients(
  context: ServerContext,
  caller: Actor,
  audience: SharingAudience,
): Promise<void> {
  const found = await existingAudience(context.db, audience, caller.organisationId);
  const missing = (["communityIds", "organisationIds", "userIds"] as const).flatMap((key) =>
    audience[key]
      .filter((id) => !found[key].includes(id))
      .map((id) => ({
        path: `body.audience.${key}`,
        message: { key: "detail.noSuchRecipient" as const, values: { id } },
      })),
  );
  if (missing.length > 0) throw invalid("Some recipients do not exist.", missing);
}

/** The audit entry of a change (ids, markings, counts: never the text of a need). */
export async function audited(
  tx: Transaction,
  caller: Actor,
  targetType: "assistance-need" | "assistance-offer" | "assistance-engagement",
  id: string,
  action: AuditAction,
  now: Date,
  details: Record<string, unknown>,
): Promise<void> {
  await appendAudit(
    tx,
    {
      actorId: caller.userId,
      action,
      targetType,
      targetId: id,
      details: JSON.parse(JSON.stringify(details)),
    },
    now,
  );
}

export const audienceCounts = (audience: SharingAudience) => ({
  communities: audience.communityIds.length,
  organisations: audience.organisationIds.length,
  people: audience.userIds.length,
});

/** Today's date (YYYY-MM-DD, UTC) by the server's clock. */
export const today = (context: ServerContext): string => context.clock().toISOString().slice(0, 10);
