// A user's own notifications: listed and counted only for subjects they may still see (checked in
// SQL each time, under the reader's scopes of now), marked read one by one or all at once; and
// their settings (how they hear of each topic, the language of their e-mails). Marking read and
// changing one's own settings change only the reader's own inbox and are not audited.
import type { Notification, NotificationSettings } from "@bulwark/contracts";
import {
  type Actor,
  compendiumPolicy,
  DEFAULT_DELIVERY,
  type Deliveries,
  eventPolicy,
  expertsPolicy,
  LANGUAGES,
  NOTIFICATION_TOPICS,
  revealPersonalData,
  riskPolicy,
} from "@bulwark/core";
import {
  type Executor,
  listNotifications,
  markAllRead,
  markRead,
  type NotificationRecord,
  type NotificationScopes,
  readNotificationSettings,
  saveNotificationSettings,
  sharingViewer,
  unreadCount,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";

/** Everything the reader may see now, as the policy says. */
export async function scopesFor(db: Executor, reader: Actor): Promise<NotificationScopes> {
  return {
    entries: compendiumPolicy.readScope(reader),
    questions: expertsPolicy.questionScope(reader),
    sharing: await sharingViewer(db, reader),
    events: eventPolicy.readScope(reader),
    risk: riskPolicy.readScope(reader),
    proposals: compendiumPolicy.proposalScope(reader),
  };
}

/** As the contract has it: a shared item's title as written loses its hand markup of personal data. */
export const present = (item: NotificationRecord): Notification => {
  const { asWritten, publicTitle: _mailed, ...subject } = item.subject;
  return {
    ...item,
    // Kinds and markings are written by the server only (NOTIFICATION_KINDS, TLP markings).
    kind: item.kind as Notification["kind"],
    subject: {
      ...subject,
      title: asWritten ? revealPersonalData(subject.title) : subject.title,
      tlp: subject.tlp as Notification["subject"]["tlp"],
    },
  };
};

export async function notifications(
  context: ServerContext,
  caller: Actor,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: Notification[] }> {
  const found = await listNotifications(context.db, caller.userId, await scopesFor(context.db, caller), page);
  return { total: found.total, items: found.items.map(present) };
}

export async function unread(context: ServerContext, caller: Actor): Promise<{ count: number }> {
  return { count: await unreadCount(context.db, caller.userId, await scopesFor(context.db, caller)) };
}

export async function readOne(context: ServerContext, caller: Actor, id: string): Promise<undefined> {
  if (!(await markRead(context.db, caller.userId, id, context.clock()))) throw notFound("notification");
}

export async function readAll(context: ServerContext, caller: Actor): Promise<{ marked: number }> {
  return { marked: await markAllRead(context.db, caller.userId, context.clock()) };
}

/** Whether this installation sends e-mail. */
export const emailAvailable = (context: ServerContext): boolean => context.config.smtpUrl !== null;

export async function settings(context: ServerContext, caller: Actor): Promise<NotificationSettings> {
  const stored = await readNotificationSettings(context.db, caller.userId);
  const deliveries = Object.fromEntries(
    NOTIFICATION_TOPICS.map((topic) => [topic, stored.deliveries[topic] ?? DEFAULT_DELIVERY]),
  ) as NotificationSettings["deliveries"];
  const language = (LANGUAGES as readonly string[]).includes(stored.language)
    ? (stored.language as NotificationSettings["language"])
    : "en";
  return { deliveries, language, emailAvailable: emailAvailable(context) };
}

export async function changeSettings(
  context: ServerContext,
  caller: Actor,
  change: { deliveries?: Deliveries | undefined; language?: NotificationSettings["language"] | undefined },
): Promise<NotificationSettings> {
  await saveNotificationSettings(context.db, caller.userId, change, context.clock());
  return settings(context, caller);
}
