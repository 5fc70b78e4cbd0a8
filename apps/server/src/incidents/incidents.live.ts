// Live changes of incidents (GET /api/incidents/events): every change of an incident runs
// announceIncident in its transaction (bulwark_incidents, with the incident's id); each reader hears
// of it when visibleIncidents, the rule of every incident route, lets them see the incident (asked
// for all readers of one scope in one query, as for shared items). A new entry of an incident's
// activity log is announced on the same channel with the kind `incident-log` and reaches a reader
// as the event `incident-log` ({id: incident, entry}) only when visibleLogEntries, the rule of the
// log's routes, lets them read that entry: an AMBER+STRICT entry reaches its author's organisation
// alone, and nobody else learns that anything was written. Neither rule depends on roles, so every
// reader of a process, of whatever organisation, is asked about in ONE query per batch of changes
// (seenAll, with each reader's communities read in the same statement): 200 readers over 16 scope
// groups cost one query per change, not sixteen (bench/board-live.ts).
import {
  INCIDENT_LOG_KIND,
  INCIDENTS_CHANNEL,
  incidentChangesSeenBy,
  incidentsSeenBy,
  logEntriesSeenBy,
  sharingScopeOf,
} from "@bulwark/db";
import type { LiveTopic } from "../live/hub.ts";

const LOG_PREFIX = `${INCIDENT_LOG_KIND}:`;

export const incidentsTopic: LiveTopic<readonly string[]> = {
  channel: INCIDENTS_CHANNEL,
  event: "incident",
  kinds: [INCIDENT_LOG_KIND],
  async scope(db, group) {
    const { version, communityIds } = await sharingScopeOf(db, group.organisationId);
    return { version, scope: communityIds };
  },
  async seenAll(db, readers, ids) {
    const entryIds = ids.filter((id) => id.startsWith(LOG_PREFIX)).map((id) => id.slice(LOG_PREFIX.length));
    const incidentIds = ids.filter((id) => !id.startsWith(LOG_PREFIX));
    const answer = await incidentChangesSeenBy(db, readers, incidentIds, entryIds);
    return {
      version: answer.version,
      seen: [
        ...answer.incidents,
        ...answer.entries.map(([userId, entry, incident]): [string, string, Record<string, string>] => [
          userId,
          `${LOG_PREFIX}${entry}`,
          { id: incident, entry },
        ]),
      ],
    };
  },
  async seen(db, communityIds, group, userIds, ids) {
    const viewer = { organisationId: group.organisationId, roles: group.roles, communityIds };
    const entryIds = ids.filter((id) => id.startsWith(LOG_PREFIX)).map((id) => id.slice(LOG_PREFIX.length));
    const incidentIds = ids.filter((id) => !id.startsWith(LOG_PREFIX));
    const [incidents, entries] = await Promise.all([
      incidentIds.length > 0 ? incidentsSeenBy(db, viewer, userIds, incidentIds) : null,
      entryIds.length > 0 ? logEntriesSeenBy(db, viewer, userIds, entryIds) : null,
    ]);
    const versions = [incidents?.version, entries?.version].filter((v) => v !== undefined);
    // Two snapshots under different policy versions: answered as unsettled, so the hub asks again.
    const version = versions.every((v) => v === versions[0]) ? (versions[0] ?? 0) : -1;
    return {
      version,
      seen: [
        ...(incidents?.seen ?? []),
        ...(entries?.seen ?? []).map(
          ([userId, entry, incident]): [string, string, Record<string, string>] => [
            userId,
            `${LOG_PREFIX}${entry}`,
            { id: incident, entry },
          ],
        ),
      ],
    };
  },
};
