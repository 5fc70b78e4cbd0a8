// An incident's sitrep schedule (issue 18): a situation report is due every so many hours, counted
// from the last report sent since the schedule was set (or from when it was set). The incident's
// coordinators set it (those who assign its tasks: mayAssignTasks) and name the organisation
// responsible for the reports; that organisation's coordinators who see the incident are reminded
// shortly before a report is due and once it is overdue. Times are plain milliseconds: the clock
// is handed in.
import type { Role } from "../vocabulary.ts";
import { allow, type Decision, deny } from "./decision.ts";
import { mayAssignTasks } from "./incident-board-policy.ts";
import type { IncidentAbilities, IncidentFacts, IncidentViewer } from "./incident-policy.ts";

/** Bounds of a schedule's period, in hours (a week at most). */
export const SITREP_EVERY_HOURS = { min: 1, max: 168 } as const;

/** How long before a report is due its reminder goes out. */
export const SITREP_REMINDER_BEFORE_MINUTES = 30;

/** Roles of the responsible organisation that are reminded (who draft and send its reports). */
export const SITREP_REMINDER_ROLES: readonly Role[] = ["coordinator"];

export interface SitrepScheduleFacts {
  readonly everyHours: number;
  /** When the schedule was set (ms). */
  readonly since: number;
}

const HOUR_MS = 3_600_000;

/** When the next report is due: a period after the last report sent since `since`, or after `since`. */
export function nextSitrepDue(schedule: SitrepScheduleFacts, lastSentAt: number | null): number {
  const from = lastSentAt !== null && lastSentAt > schedule.since ? lastSentAt : schedule.since;
  return from + schedule.everyHours * HOUR_MS;
}

export type SitrepReminderKind = "sitrep-due" | "sitrep-overdue";

/** Which reminder is due at `now` for a report due at `due`: soon, overdue, or none yet. */
export function sitrepReminder(due: number, now: number): SitrepReminderKind | null {
  if (now >= due) return "sitrep-overdue";
  if (now >= due - SITREP_REMINDER_BEFORE_MINUTES * 60_000) return "sitrep-due";
  return null;
}

/** May this viewer set (or end) the incident's sitrep schedule? Its coordinators, while it is open. */
export function checkSitrepSchedule(
  viewer: IncidentViewer,
  incident: { abilities: IncidentAbilities; facts: IncidentFacts },
): Decision {
  if (!incident.abilities.maySee) return deny(incident.abilities.reason);
  if (incident.facts.state === "closed") return deny("The incident is closed.");
  return mayAssignTasks(viewer, incident)
    ? allow
    : deny("Only coordinators of the incident's organisation or of the authority set its sitrep schedule.");
}
