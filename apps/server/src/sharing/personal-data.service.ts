// Pseudonyms for personal data in shared items: HMAC-SHA-256, under a server secret (created on
// first use, kept in the settings table, never logged or returned), of the author's organisation
// and the value, shown as "person-" and ten hex digits. Within one organisation's items the same
// value gives the same pseudonym, so readers can follow one person through them without learning
// who it is; across organisations pseudonyms say nothing, so a writer who sees the pseudonym of a
// value they wrote (in their own STIX export, say) cannot look for it in another organisation's
// items (ADR 0016). Every outbound text field (core's OUTBOUND_TEXT_FIELDS) is made public here,
// and the retention purge covers the same fields, attachment names and the TAXII copies.
import { createHmac, randomBytes } from "node:crypto";
import {
  type Actor,
  type AlertWarning,
  attachmentNameFor,
  type ItemText,
  isPlatformAdmin,
  PERSONAL_DATA_RETENTION_DAYS,
  pseudonymiseItemText,
  purgeItemText,
  purgePersonalData,
  SHARED_ITEM_TYPES,
  warningOf,
} from "@bulwark/core";
import {
  appendAudit,
  attachmentNames,
  type Executor,
  listItemsWithOldPublicTexts,
  listUnpurgedItems,
  pseudonymKey,
  purgePersonalAttachments,
  renameAttachment,
  rewriteMirroredTexts,
  type Transaction,
  updateSharedItem,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden } from "../errors.ts";
import { mirrorSharedItem } from "./stix-mirror.ts";

const DAY = 86_400_000;
/** The version of public texts this code writes (see public_texts_version in the schema). */
export const PUBLIC_TEXTS_VERSION = 2;

/** The pseudonym of each value in items of one organisation. */
export type PseudonymOf = (value: string) => string;

async function pseudonyms(db: Executor, now: Date): Promise<(organisationId: string) => PseudonymOf> {
  const key = await pseudonymKey(db, randomBytes(32).toString("hex"), now);
  return (organisationId) => (value) =>
    `person-${createHmac("sha256", key).update(`${organisationId}\n${value}`).digest("hex").slice(0, 10)}`;
}

/** The pseudonym of each value in the items of this organisation. */
export async function pseudonymsOf(context: ServerContext, organisationId: string): Promise<PseudonymOf> {
  return (await pseudonyms(context.db, context.clock()))(organisationId);
}

/** A stored warning (or none) as the outbound texts carry it. */
export const storedWarning = (stored: unknown): AlertWarning | null =>
  stored === null || stored === undefined ? null : warningOf(stored, "");

export interface PublicTexts {
  publicTitle: string;
  publicBody: string;
  publicWarning: AlertWarning | null;
  publicTextsVersion: number;
}

const publicOf = (text: ItemText): Omit<PublicTexts, "publicTextsVersion"> => ({
  publicTitle: text.title,
  publicBody: text.body,
  publicWarning: text.warning,
});

/** What readers outside the author's organisation see, search and receive of these texts. */
export async function publicTextsOf(
  context: ServerContext,
  organisationId: string,
  item: ItemText,
): Promise<PublicTexts> {
  // A text without personal values reads the same whatever the key: the key (two statements) is
  // fetched, or created, only when a value asks for a pseudonym.
  let asked = false;
  const plain = pseudonymiseItemText(item, () => {
    asked = true;
    return "";
  });
  const texts = asked ? pseudonymiseItemText(item, await pseudonymsOf(context, organisationId)) : plain;
  return { ...publicOf(texts), publicTextsVersion: PUBLIC_TEXTS_VERSION };
}

/** An attachment's name as this reader sees it (pseudonyms unless they read personal data). */
export async function attachmentNamer(
  context: ServerContext,
  organisationId: string,
  asWritten: boolean,
): Promise<(filename: string) => string> {
  const pseudonymOf = asWritten ? () => "" : await pseudonymsOf(context, organisationId);
  return (filename) => attachmentNameFor(filename, asWritten, pseudonymOf);
}

type StoredTexts = Awaited<ReturnType<typeof listUnpurgedItems>>[number];

/** Public texts changed: Bulwark's copies in TAXII collections follow, every version of them. */
async function followInCollections(tx: Transaction, item: StoredTexts, texts: PublicTexts): Promise<boolean> {
  if (texts.publicTitle === item.publicTitle && texts.publicBody === item.publicBody) return false;
  await rewriteMirroredTexts(tx, item.id, { name: texts.publicTitle, description: texts.publicBody });
  return true;
}

/**
 * Bring every item's public texts to the current version: pseudonyms keyed on the author's
 * organisation, the CAP warning pseudonymised, spans found by the current rules (and, for items
 * already purged, those rules' values purged too). Run at start-up; idempotent; a page of items per
 * transaction. Answers how many items it brought up to date.
 */
export async function refreshPublicTexts(context: ServerContext): Promise<number> {
  let done = 0;
  for (;;) {
    const now = context.clock();
    const count = await context.db.transaction(async (tx) => {
      const items = await listItemsWithOldPublicTexts(tx, PUBLIC_TEXTS_VERSION, 200);
      const pseudonymsFor = await pseudonyms(tx, now);
      for (const item of items) {
        const written: ItemText = {
          title: item.title,
          body: item.body,
          warning: storedWarning(item.warning),
        };
        if (item.personalDataPurgedAt !== null) {
          await purgeItem(tx, item, now, item.personalDataPurgedAt);
          continue;
        }
        const texts = {
          ...publicOf(pseudonymiseItemText(written, pseudonymsFor(item.authorOrganisationId))),
          publicTextsVersion: PUBLIC_TEXTS_VERSION,
        };
        // Not a change of the item: its time stays, and its TAXII copies are rewritten in place.
        await updateSharedItem(tx, item.id, { ...texts, now, keepUpdatedAt: true });
        await followInCollections(tx, item, texts);
      }
      return items.length;
    });
    done += count;
    if (count === 0) return done;
  }
}

/** Remove the personal values of an item's outbound texts and attachment names (written and public alike). */
async function purgeItem(tx: Transaction, item: StoredTexts, now: Date, purgedAt = now) {
  const purged = purgeItemText({ title: item.title, body: item.body, warning: storedWarning(item.warning) });
  const texts: PublicTexts = { ...publicOf(purged), publicTextsVersion: PUBLIC_TEXTS_VERSION };
  await updateSharedItem(tx, item.id, {
    title: purged.title,
    body: purged.body,
    ...(purged.warning ? { warning: purged.warning } : {}),
    ...texts,
    personalDataPurgedAt: purgedAt,
    now,
  });
  for (const attachment of await attachmentNames(tx, item.id)) {
    const filename = purgePersonalData(attachment.filename);
    if (filename !== attachment.filename) await renameAttachment(tx, attachment.id, filename);
  }
  // A new version in TAXII collections tells those who poll that the item changed.
  if (await followInCollections(tx, item, texts)) await mirrorSharedItem(tx, item.id, now);
}

/**
 * Remove the personal data of every item whose type's retention has run out (values in every
 * outbound text field and attachment name; the bytes of attachments marked personal, their record
 * kept); keep the rest. A null caller is the server's own schedule, audited as a system action.
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
        await purgeItem(tx, item, now);
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
