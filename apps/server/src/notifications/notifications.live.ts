// Live notifications (GET /api/notifications/events): every notification written is announced on
// bulwark_notifications with its id, in the writing transaction; the hub tells its recipient alone
// (`notification`, with the id), and the bell then reads the count and the list, which show only
// what the reader may still see. No scope beyond the reader: ownership is the whole rule.
import { NOTIFICATIONS_CHANNEL, notificationsSeenBy, policyVersion } from "@bulwark/db";
import type { LiveTopic } from "../live/hub.ts";

export const notificationsTopic: LiveTopic<null> = {
  channel: NOTIFICATIONS_CHANNEL,
  event: "notification",
  async scope(db) {
    return { version: await policyVersion(db), scope: null };
  },
  seen: (db, _scope, _group, userIds, ids) => notificationsSeenBy(db, userIds, ids),
};
