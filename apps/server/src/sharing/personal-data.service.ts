// Pseudonyms for personal data in shared items: HMAC-SHA-256 of the value under a server secret
// (created on first use, kept in the settings table, never logged or returned), shown as
// "person-" and ten hex digits; the same value gives the same pseudonym everywhere, so readers can
// follow one person through several items without learning who it is. Titles and bodies alike.
// And the retention purge: personal values in the text and the bytes of personal attachments.
import { createHmac, randomBytes } from "node:crypto";
import {
  type Actor,
  isPlatformAdmin,
  PERSONAL_DATA_RETENTION_DAYS,
  pseudonymisePersonalData,
  purgePersonalData,
  SHARED_ITEM_TYPES,
} from "@bulwark/core";
import {
  appendAudit,
  listItemsWithoutPublicTitle,
  listUnpurgedItems,
  pseudonymKey,
  purgePersonalAttachments,
  updateSharedItem,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden } from "../errors.ts";

const DAY = 86_400_000;

async function pseudonymiser(context: ServerContext): Promise<(text: string) => string> {
  const key = await pseudonymKey(context.db, randomBytes(32).toString("hex"), context.clock());
  return (text) =>
    pseudonymisePersonalData(
      text,
      (value) => `person-${createHmac("sha256", key).update(value).digest("hex").slice(0, 10)}`,
    );
}

/** The title and body as readers outside the author's organisation see and search them. */
export async function publicTextsOf(
  context: ServerContext,
  item: { title: string; body: string },
): Promise<{ publicTitle: string; publicBody: string }> {
  const pseudonymise = await pseudonymiser(context);
  return { publicTitle: pseudonymise(item.title), publicBody: pseudonymise(item.body) };
}

/**
 * Items saved before titles were pseudonymised have an empty public title (migration 0011): give
 * them theirs. Run at start-up; idempotent.
 */
export async function pseudonymiseOldTitles(context: ServerContext): Promise<number> {
  const items = await listItemsWithoutPublicTitle(context.db);
  if (items.length === 0) return 0;
  const pseudonymise = await pseudonymiser(context);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    for (const item of items)
      await updateSharedItem(tx, item.id, { publicTitle: pseudonymise(item.title), now });
  });
  return items.length;
}

/**
 * Remove the personal data of every item whose type's retention has run out (values in the title
 * and body; the bytes of attachments marked personal, their record kept); keep the rest. A null
 * caller is the server's own schedule, audited as a system action.
 */
export async function purgeExpiredPersonalData(context: ServerContext, caller: Actor | null) {
  if (caller && !isPlatformAdmin(caller)) throw forbidden("Only a platform administrator runs the purge.");
  const now = context.clock();
  let items = 0;
  let attachments = 0;
  await context.db.transaction(async (tx) => {
    for (const type of SHARED_ITEM_TYPES) {
      const createdBefore = new Date(now.getTime() - PERSONAL_DATA_RETENTION_DAYS[type] * DAY);
      for (const item of await listUnpurgedItems(tx, type, createdBefore)) {
        const title = purgePersonalData(item.title);
        const body = purgePersonalData(item.body);
        await updateSharedItem(tx, item.id, {
          title,
          publicTitle: title,
          body,
          publicBody: body,
          personalDataPurgedAt: now,
          now,
        });
        items++;
      }
      attachments += await purgePersonalAttachments(tx, type, createdBefore, now);
    }
    if (items > 0 || attachments > 0)
      await appendAudit(
        tx,
        {
          actorId: caller?.userId ?? null,
          action: "sharing.purge-personal-data",
          targetType: "shared-item",
          targetId: null,
          details: { items, attachments, by: caller ? "platform-admin" : "schedule" },
        },
        now,
      );
  });
  return { items, attachments };
}
