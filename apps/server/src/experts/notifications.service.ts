// A user's own notifications: listed and counted only for subjects they may still see (checked in
// SQL each time), marked read one by one or all at once. Marking read changes only the reader's
// own inbox and is not audited.
import type { Notification } from "@bulwark/contracts";
import type { Actor } from "@bulwark/core";
import { listNotifications, markAllRead, markRead, unreadCount } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { scopesOf } from "./discussions.service.ts";

export async function notifications(
  context: ServerContext,
  caller: Actor,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: Notification[] }> {
  const found = await listNotifications(context.db, caller.userId, scopesOf(caller), page);
  // Kinds are written by this capability only ("reply", "answer").
  return {
    total: found.total,
    items: found.items.map((item) => ({ ...item, kind: item.kind as Notification["kind"] })),
  };
}

export async function unread(context: ServerContext, caller: Actor): Promise<{ count: number }> {
  return { count: await unreadCount(context.db, caller.userId, scopesOf(caller)) };
}

export async function readOne(context: ServerContext, caller: Actor, id: string): Promise<undefined> {
  if (!(await markRead(context.db, caller.userId, id, context.clock()))) throw notFound("notification");
}

export async function readAll(context: ServerContext, caller: Actor): Promise<{ marked: number }> {
  return { marked: await markAllRead(context.db, caller.userId, context.clock()) };
}
