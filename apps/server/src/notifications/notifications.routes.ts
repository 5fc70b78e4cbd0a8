// Routes of notifications: a user's own list, unread count, marking read, and settings.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { liveRoute } from "../live/hub.ts";
import { notificationsTopic } from "./notifications.live.ts";
import {
  changeSettings,
  notifications,
  readAll,
  readOne,
  settings,
  unread,
} from "./notifications.service.ts";

export function notificationRoutes(app: FastifyInstance, context: ServerContext): void {
  liveRoute(app, context, "streamNotificationEvents", notificationsTopic);
  route(app, context, "listNotifications", ({ caller, query }) => notifications(context, caller, query));
  route(app, context, "unreadNotifications", ({ caller }) => unread(context, caller));
  route(app, context, "readNotification", ({ caller, params }) => readOne(context, caller, params.id));
  route(app, context, "readAllNotifications", ({ caller }) => readAll(context, caller));
  route(app, context, "notificationSettings", ({ caller }) => settings(context, caller));
  route(app, context, "updateNotificationSettings", ({ caller, body }) =>
    changeSettings(context, caller, body),
  );
}
