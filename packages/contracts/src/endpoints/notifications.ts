// Notifications and each person's notification settings. Spread into the endpoint table in
// endpoints.ts.
import { z } from "zod";
import { IdParams, UnreadCount } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  NotificationPage,
  NotificationQuery,
  NotificationSettings,
  NotificationSettingsUpdate,
} from "../notifications.ts";

export const notificationEndpoints = {
  streamNotificationEvents: {
    method: "GET",
    path: "/api/notifications/events",
    summary:
      "Your new notifications as they are written, as server-sent events: `ready` when the stream " +
      "opens (fetch your unread count and list then, and again after each reconnection: nothing missed " +
      "is replayed), then `notification` with the id of each notification written for you, and only you.",
    tag: "notifications",
    auth: "user",
    status: 200,
    stream: true,
  },
  listNotifications: {
    method: "GET",
    path: "/api/notifications",
    summary: "Your notifications about things you may still see, unread first.",
    tag: "notifications",
    auth: "user",
    query: NotificationQuery,
    status: 200,
    response: NotificationPage,
  },
  unreadNotifications: {
    method: "GET",
    path: "/api/notifications/unread",
    summary: "How many of your notifications are unread.",
    tag: "notifications",
    auth: "user",
    status: 200,
    response: UnreadCount,
  },
  readNotification: {
    method: "POST",
    path: "/api/notifications/:id/read",
    summary: "Mark one of your notifications read.",
    tag: "notifications",
    auth: "user",
    params: IdParams,
    status: 204,
  },
  readAllNotifications: {
    method: "POST",
    path: "/api/notifications/read",
    summary: "Mark all your notifications read.",
    tag: "notifications",
    auth: "user",
    status: 200,
    response: z.object({ marked: z.number().int() }),
  },
  notificationSettings: {
    method: "GET",
    path: "/api/notifications/settings",
    summary:
      "How you hear of each topic (in the app, e-mail at once, a daily digest, off) and your e-mails' language.",
    tag: "notifications",
    auth: "user",
    status: 200,
    response: NotificationSettings,
  },
  updateNotificationSettings: {
    method: "PATCH",
    path: "/api/notifications/settings",
    summary: "Change how you hear of some topics, or your e-mails' language.",
    tag: "notifications",
    auth: "user",
    body: NotificationSettingsUpdate,
    status: 200,
    response: NotificationSettings,
  },
} as const satisfies Record<string, EndpointDef>;
