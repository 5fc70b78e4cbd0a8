// Live changes of incidents (GET /api/incidents/events): every change of an incident runs
// announceIncident in its transaction (bulwark_incidents, with the incident's id); each reader hears
// of it when visibleIncidents, the rule of every incident route, lets them see the incident (asked
// for all readers of one scope in one query, as for shared items).
import { INCIDENTS_CHANNEL, incidentsSeenBy, sharingScopeOf } from "@bulwark/db";
import type { LiveTopic } from "../live/hub.ts";

export const incidentsTopic: LiveTopic<readonly string[]> = {
  channel: INCIDENTS_CHANNEL,
  event: "incident",
  async scope(db, group) {
    const { version, communityIds } = await sharingScopeOf(db, group.organisationId);
    return { version, scope: communityIds };
  },
  seen: (db, communityIds, group, userIds, ids) =>
    incidentsSeenBy(
      db,
      { organisationId: group.organisationId, roles: group.roles, communityIds },
      userIds,
      ids,
    ),
};
