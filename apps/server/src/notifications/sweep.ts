// The notifications' scheduled work, run once at a time across every server process (an advisory
// lock): reminders (looked for at most hourly) for approvals and acknowledgements not given after
// a while, overdue and near follow-up actions, risk reviews due, sitreps due by an incident's
// schedule (at every run); then e-mail, at once or as a daily digest, for those
// who chose it. Idempotent: a reminder's key holds its thing and its day (or its due date), so
// running again the same day adds nothing; a notification is mailed once.
//
// E-mail leaves Bulwark: a message names a shared item's (pseudonymised) title only at TLP:CLEAR
// or GREEN; anything else is "something awaits you in Bulwark" and a link. What goes out is read
// again under the recipient's scope of now, so nothing they may no longer see is mailed. Addresses
// and message texts are never logged.
import { notificationPath } from "@bulwark/contracts";
import {
  ACTION_OWNER_ROLES,
  APPROVAL_REQUEST_ROLES,
  CLOSED_ACTION_STATUSES,
  deliveryOf,
  LANGUAGES,
  type Language,
  mayMailTitle,
  type NotificationKind,
  REMINDERS,
  REVIEW_ROLES,
} from "@bulwark/core";
import {
  actorsOf,
  assessmentsDueBy,
  type Executor,
  itemsAwaitingApproval,
  itemsPublishedBetween,
  listNotifications,
  listRecipients,
  mailAddressOf,
  markEmailed,
  membersWithRoles,
  type NewNotification,
  notify,
  openActionsDueBy,
  type PendingMail,
  pendingMail,
  readSetting,
  underNotificationLock,
  writeSetting,
} from "@bulwark/db";
import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";
import { type Config, linkOrigin } from "../config.ts";
import type { ServerContext } from "../context.ts";
import { sitrepReminders } from "../incidents/sitrep-schedule.service.ts";
import { MAIL_TEXTS } from "./mail-texts.ts";
import { present, scopesFor } from "./notifications.service.ts";

const DAY_MS = 24 * 60 * 60_000;
/** When reminders were last looked for (settings; shared by every process). */
const REMINDERS_AT = "notifications.reminders-at";
const dayOf = (date: Date): string => date.toISOString().slice(0, 10);
const daysAfter = (date: Date, days: number): string => dayOf(new Date(date.getTime() + days * DAY_MS));

/** The reminders due now, each keyed on its thing and its day (or its due date). */
async function reminders(db: Executor, now: Date): Promise<NewNotification[]> {
  const today = dayOf(now);
  const rows: NewNotification[] = [];
  for (const item of await itemsAwaitingApproval(
    db,
    new Date(now.getTime() - REMINDERS.approvalAfterDays * DAY_MS),
  ))
    for (const userId of await membersWithRoles(
      db,
      item.authorOrganisationId,
      APPROVAL_REQUEST_ROLES,
      item.authorId,
    ))
      rows.push({
        userId,
        kind: "approval-reminder",
        subjectType: "shared-item",
        subjectId: item.id,
        dedupeKey: `approval-reminder:${item.id}:${today}`,
      });
  const published = await itemsPublishedBetween(
    db,
    new Date(now.getTime() - REMINDERS.acknowledgementUntilDays * DAY_MS),
    new Date(now.getTime() - REMINDERS.acknowledgementAfterDays * DAY_MS),
  );
  for (const item of published)
    for (const recipient of await listRecipients(db, item))
      if (recipient.state === null)
        rows.push({
          userId: recipient.userId,
          kind: "acknowledgement-reminder",
          subjectType: "shared-item",
          subjectId: item.id,
          dedupeKey: `acknowledgement-reminder:${item.id}:${today}`,
        });
  const actions = await openActionsDueBy(
    db,
    daysAfter(now, REMINDERS.actionDueWithinDays - 1),
    CLOSED_ACTION_STATUSES,
  );
  for (const action of actions) {
    const owners = action.ownerUserId
      ? [action.ownerUserId]
      : await membersWithRoles(db, action.ownerOrganisationId, ACTION_OWNER_ROLES);
    const overdue = action.dueOn < today;
    for (const userId of owners)
      rows.push({
        userId,
        kind: overdue ? "action-overdue" : "action-due",
        subjectType: "event-action",
        subjectId: action.id,
        // Overdue: once a day; due soon: once for its due date.
        dedupeKey: overdue
          ? `action-overdue:${action.id}:${today}`
          : `action-due:${action.id}:${action.dueOn}`,
      });
  }
  for (const assessment of await assessmentsDueBy(db, daysAfter(now, REMINDERS.reviewWithinDays)))
    for (const userId of await membersWithRoles(db, assessment.organisationId, REVIEW_ROLES))
      rows.push({
        userId,
        kind: "review-due",
        subjectType: "risk-assessment",
        subjectId: assessment.id,
        dedupeKey: `review-due:${assessment.id}:${assessment.reviewDate}`,
      });
  return rows;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail & { from: string }): Promise<void>;
}

const transports = new WeakMap<Config, Mailer>();

/** The configured SMTP server (one transport per configuration), or null without one. */
export function mailerFor(config: Config): Mailer | null {
  if (!config.smtpUrl) return null;
  let mailer = transports.get(config);
  if (!mailer) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    mailer = {
      send: async (mail) => {
        await transport.sendMail(mail);
      },
    };
    transports.set(config, mailer);
  }
  return mailer;
}

const MAIL_BATCH = 100;

const languageOf = (value: string): Language =>
  (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : "en";

/** One person's pending mail: what goes now (at once, or the digest of days before today). */
function dueNow(rows: readonly PendingMail[], now: Date): { at: PendingMail[]; digest: PendingMail[] } {
  const startOfToday = new Date(`${dayOf(now)}T00:00:00.000Z`);
  const at: PendingMail[] = [];
  const digest: PendingMail[] = [];
  for (const row of rows) {
    const delivery = deliveryOf(row.deliveries, row.kind as NotificationKind);
    if (delivery === "email") at.push(row);
    else if (delivery === "digest" && row.createdAt < startOfToday) digest.push(row);
  }
  return { at, digest };
}

/** Mail one person's notifications (one message), as they may see them now; returns whether sent. */
async function mailOne(
  context: ServerContext,
  db: Executor,
  mailer: Mailer,
  rows: readonly PendingMail[],
  digest: boolean,
  now: Date,
): Promise<boolean> {
  const first = rows[0];
  if (!first) return false;
  // At most MAIL_BATCH a message; the rest go at the next run.
  const ids = rows.slice(0, MAIL_BATCH).map((row) => row.id);
  const [reader] = await actorsOf(db, [first.userId]);
  const address = reader ? await mailAddressOf(db, first.userId) : null;
  const visible =
    reader && address
      ? (
          await listNotifications(db, first.userId, await scopesFor(db, reader), {
            limit: 100,
            offset: 0,
            ids,
          })
        ).items
      : [];
  // Whatever the reader may no longer see is never mailed (and not tried again).
  if (visible.length === 0 || !address) {
    await markEmailed(db, ids, now);
    return false;
  }
  const texts = MAIL_TEXTS[languageOf(first.language)];
  const origin = linkOrigin(context.config);
  const lines = visible.map((item) => {
    const named =
      item.subject.kind === "shared-item" && mayMailTitle(item.subject.tlp) && item.subject.publicTitle
        ? `: ${item.subject.publicTitle}`
        : "";
    const what = named ? `${texts.kinds[item.kind as NotificationKind]}${named}` : texts.awaits;
    return `- ${what}\n  ${origin}${notificationPath(present(item))}`;
  });
  await mailer.send({
    from: context.config.mailFrom,
    to: address,
    subject: digest ? texts.digestSubject : texts.subject,
    text: `${lines.join("\n\n")}\n\n${texts.settings}\n${origin}/account\n`,
  });
  await markEmailed(db, ids, now);
  return true;
}

export interface SweepResult {
  reminders: number;
  mailed: number;
  failed: number;
}

/**
 * Write the reminders due and send the e-mail due. Null when another process is at it. A message
 * that cannot be sent is tried again at the next run (for two days).
 */
export async function runNotificationSweep(
  context: ServerContext,
  options: { mailer?: Mailer | null; log?: FastifyBaseLogger } = {},
): Promise<SweepResult | null> {
  const now = context.clock();
  const mailer = options.mailer === undefined ? mailerFor(context.config) : options.mailer;
  return underNotificationLock(context.db, async (tx) => {
    const last = await readSetting(tx, REMINDERS_AT);
    const remindersDue =
      typeof last !== "string" || new Date(last).getTime() <= now.getTime() - REMINDERS.everyMinutes * 60_000;
    let written = 0;
    if (remindersDue) {
      written = await notify(tx, await reminders(tx, now), now);
      await writeSetting(tx, REMINDERS_AT, now.toISOString(), now);
    }
    // Sitrep reminders are due by the hour, not the day: looked for at every run (each is keyed on
    // its due time, so written once).
    written += await notify(tx, await sitrepReminders(tx, now), now);
    let mailed = 0;
    let failed = 0;
    if (mailer) {
      const pending = await pendingMail(tx, new Date(now.getTime() - 2 * DAY_MS));
      const byUser = new Map<string, PendingMail[]>();
      for (const row of pending) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
      for (const rows of byUser.values()) {
        const { at, digest } = dueNow(rows, now);
        for (const [batch, isDigest] of [
          [at, false],
          [digest, true],
        ] as const) {
          try {
            if (await mailOne(context, tx, mailer, batch, isDigest, now)) mailed += 1;
          } catch (error) {
            failed += 1;
            // The error's kind only: never the address or the text.
            options.log?.warn(
              { code: (error as { code?: string }).code ?? "unknown" },
              "notification e-mail failed",
            );
          }
        }
      }
    }
    return { reminders: written, mailed, failed };
  });
}
