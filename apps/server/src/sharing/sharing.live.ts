// Live changes of shared items (GET /api/sharing/events): the triggers of migration 0025 notify
// bulwark_sharing with an item's id; each reader hears of it when visibleSharedItems, the rule of
// every sharing route, lets them see the item (asked for all readers of one scope in one query).
import { SHARING_CHANNEL, sharedItemsSeenBy, sharingScopeOf } from "@bulwark/db";
import type { LiveTopic } from "../live/hub.ts";

export const sharingTopic: LiveTopic<readonly string[]> = {
  channel: SHARING_CHANNEL,
  event: "item",
  async scope(db, group) {
    const { version, communityIds } = await sharingScopeOf(db, group.organisationId);
    return { version, scope: communityIds };
  },
  seen: (db, communityIds, group, userIds, ids) =>
    sharedItemsSeenBy(
      db,
      { organisationId: group.organisationId, roles: group.roles, communityIds },
      userIds,
      ids,
    ),
};
