// Pseudonyms for personal data in shared items: HMAC-SHA-256 of the value under a server secret
// (created on first use, kept in the settings table, never logged or returned), shown as
// "person-" and ten hex digits; the same value gives the same pseudonym everywhere, so readers can
// follow one person through several items without learning who it is. And the retention purge.
import { createHmac, randomBytes } from "node:crypto";
import {
  type Actor,
  isPlatformAdmin,
  PERSONAL_DATA_RETENTION_DAYS,
  pseudonymisePersonalData,
  purgePersonalData,
  SHARED_ITEM_TYPES,
} from "@bulwark/core";
import { appendAudit, listUnpurgedItems, pseudonymKey, updateSharedItem } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden } from "../errors.ts";

const DAY = 86_400_000;

/** The body as readers outside the author's organisation see and search it. */
export async function publicBodyOf(context: ServerContext, body: string): Promise<string> {
  const key = await pseudonymKey(context.db, randomBytes(32).toString("hex"), context.clock());
  return pseudonymisePersonalData(
    body,
    (value) => `person-${createHmac("sha256", key).update(value).digest("hex").slice(0, 10)}`,
  );
}

/** Remove the personal data of every item whose type's retention has run out; keep the rest. */
export async function purgeExpiredPersonalData(context: ServerContext, caller: Actor | null) {
  if (caller && !isPlatformAdmin(caller)) throw forbidden("Only a platform administrator runs the purge.");
  const now = context.clock();
  let items = 0;
  await context.db.transaction(async (tx) => {
    for (const type of SHARED_ITEM_TYPES) {
      const createdBefore = new Date(now.getTime() - PERSONAL_DATA_RETENTION_DAYS[type] * DAY);
      for (const item of await listUnpurgedItems(tx, type, createdBefore)) {
        const body = purgePersonalData(item.body);
        await updateSharedItem(tx, item.id, { body, publicBody: body, personalDataPurgedAt: now, now });
        items++;
      }
    }
    if (items > 0)
      await appendAudit(
        tx,
        {
          actorId: caller?.userId ?? null,
          action: "sharing.purge-personal-data",
          targetType: "shared-item",
          targetId: null,
          details: { items },
        },
        now,
      );
  });
  return { items };
}
