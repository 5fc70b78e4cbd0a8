// The incident board (issue 18): its activity log, its tasks and the organisations' points of
// contact. Nothing here is a second access rule: whoever sees the incident (incidentAbilities, the
// TLP rule of shared items) sees its board; a log entry marked AMBER+STRICT or RED narrows that
// further by the same TLP rule, read on the entry as a published item of its author (AMBER+STRICT:
// the author's organisation; RED: the people it names). CLEAR, GREEN and AMBER entries say how
// their readers may pass them on; who reads them is bounded by the incident. The database compiles
// the same rule (packages/db/src/repositories/incident-board-scope.ts).
import { ROLES, type Role, type TlpMarking } from "../vocabulary.ts";
import { type Actor, hasRole } from "./actor.ts";
import { allow, type Decision, deny } from "./decision.ts";
import {
  type IncidentAbilities,
  type IncidentFacts,
  type IncidentViewer,
  isIncidentAuthority,
} from "./incident-policy.ts";
import {
  CONFIDENTIAL_MARKINGS,
  isWider,
  type SharedItemFacts,
  type SharingViewer,
  sharingAbilities,
  widestPublishable,
} from "./sharing-policy.ts";

/** Markings that narrow an entry below the incident's own audience (TLP 2.0's strict ones). */
export const NARROWING_ENTRY_MARKINGS: readonly TlpMarking[] = ["amber+strict", "red"];

export interface LogEntryFacts {
  readonly authorId: string;
  readonly authorOrganisationId: string;
  readonly tlp: TlpMarking;
  /** The people a RED entry names. */
  readonly recipientIds: readonly string[];
}

/** The entry as the sharing rule reads it: published by its author, addressed to no one but RED's named people. */
export const logEntryAsSharedItem = (entry: LogEntryFacts): SharedItemFacts => ({
  authorId: entry.authorId,
  authorOrganisationId: entry.authorOrganisationId,
  approverId: null,
  status: "published",
  tlp: entry.tlp,
  audience: { communityIds: [], organisationIds: [], userIds: entry.tlp === "red" ? entry.recipientIds : [] },
  revealAudience: false,
});

/** May this viewer (who sees the incident or not, as `incident` says) read this entry? */
export function logEntryVisible(
  viewer: SharingViewer,
  incident: Pick<IncidentAbilities, "maySee">,
  entry: LogEntryFacts,
): boolean {
  if (!incident.maySee) return false;
  if (!NARROWING_ENTRY_MARKINGS.includes(entry.tlp)) return true;
  return sharingAbilities(viewer, logEntryAsSharedItem(entry)).maySee;
}

/**
 * May this viewer write an entry so marked on the incident's board? They must see the incident,
 * the incident must be open, the marking within their roles' limit (as for sharing), and RED must
 * name people (and only RED names people).
 */
export function checkLogEntry(
  viewer: IncidentViewer,
  incident: { abilities: IncidentAbilities; facts: IncidentFacts },
  tlp: TlpMarking,
  recipientIds: readonly string[],
): Decision {
  if (!incident.abilities.maySee) return deny(incident.abilities.reason);
  if (incident.facts.state === "closed") return deny("The incident is closed.");
  const widest = widestPublishable(viewer.roles);
  if (widest === null) return deny("Your roles do not allow you to write on the incident board.");
  if (isWider(tlp, widest))
    return deny(
      `Your roles allow markings up to TLP:${widest.toUpperCase()}; TLP:${tlp.toUpperCase()} is wider.`,
    );
  if (tlp === "red" && recipientIds.length === 0)
    return deny("Name at least one person to receive a TLP:RED entry.");
  if (tlp !== "red" && recipientIds.length > 0) return deny("Only TLP:RED entries name people.");
  return allow;
}

export const TASK_STATUSES = ["open", "acknowledged", "in_progress", "done", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses a task does not leave; a task in one of them is never overdue. */
export const FINAL_TASK_STATUSES: readonly TaskStatus[] = ["done", "cancelled"];
/** Where a task may go from each status (forward only; cancelling is the assigners' alone). */
export const NEXT_TASK_STATUSES: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  open: ["acknowledged", "in_progress", "done", "cancelled"],
  acknowledged: ["in_progress", "done", "cancelled"],
  in_progress: ["done", "cancelled"],
  done: [],
  cancelled: [],
};

/** Roles that assign and manage tasks for the incident's owning organisation (or the authority). */
export const TASK_ASSIGNER_ROLES: readonly Role[] = ["organisation-admin", "coordinator"];

export interface TaskFacts {
  readonly assigneeOrganisationId: string | null;
  readonly assigneeUserId: string | null;
  readonly status: TaskStatus;
}

/**
 * Assigners: coordinators (and administrators) of the organisation that owns the incident (its
 * filer's) and of the authority that runs the response, among those who see it.
 */
export const mayAssignTasks = (
  viewer: IncidentViewer,
  incident: { abilities: IncidentAbilities; facts: IncidentFacts },
): boolean =>
  incident.abilities.maySee &&
  viewer.roles.some((role) => TASK_ASSIGNER_ROLES.includes(role)) &&
  (viewer.organisationId === incident.facts.filerOrganisationId || isIncidentAuthority(viewer));

/** Roles of an assignee organisation told that a task was assigned to it (isTaskAssignee's: not only auditors). */
export const TASK_ASSIGNEE_ROLES: readonly Role[] = ROLES.filter((role) => role !== "auditor");

/** The person named, or a member (not only an auditor) of the organisation named. */
export const isTaskAssignee = (viewer: IncidentViewer, task: TaskFacts): boolean =>
  task.assigneeUserId === viewer.userId ||
  (task.assigneeOrganisationId === viewer.organisationId && viewer.roles.some((role) => role !== "auditor"));

export function checkTaskCreate(
  viewer: IncidentViewer,
  incident: { abilities: IncidentAbilities; facts: IncidentFacts },
): Decision {
  if (!incident.abilities.maySee) return deny(incident.abilities.reason);
  if (incident.facts.state === "closed") return deny("The incident is closed.");
  return mayAssignTasks(viewer, incident)
    ? allow
    : deny("Only coordinators of the incident's organisation or of the authority assign tasks.");
}

/** May this viewer make this change of a task (a new status; other fields: title, due time, assignee)? */
export function checkTaskUpdate(
  viewer: IncidentViewer,
  incident: { abilities: IncidentAbilities; facts: IncidentFacts },
  task: TaskFacts,
  change: { readonly status?: TaskStatus | undefined; readonly otherFields: boolean },
): Decision {
  if (!incident.abilities.maySee) return deny(incident.abilities.reason);
  const assigner = mayAssignTasks(viewer, incident);
  if (!assigner && !isTaskAssignee(viewer, task))
    return deny("Only the incident's coordinators and the task's assignee update a task.");
  if (change.otherFields && !assigner)
    return deny("Only the incident's coordinators change a task's title, due time or assignee.");
  if (change.otherFields && FINAL_TASK_STATUSES.includes(task.status))
    return deny("The task is done or cancelled.");
  if (change.status !== undefined && change.status !== task.status) {
    if (!NEXT_TASK_STATUSES[task.status].includes(change.status))
      return deny(`A task ${task.status} does not move to ${change.status}.`);
    if (change.status === "cancelled" && !assigner)
      return deny("Only the incident's coordinators cancel a task.");
  }
  return allow;
}

/** Overdue by the clock handed in: due before `now` and neither done nor cancelled. */
export const isTaskOverdue = (task: { status: TaskStatus; dueAt: number | null }, now: number): boolean =>
  task.dueAt !== null && task.dueAt < now && !FINAL_TASK_STATUSES.includes(task.status);

/**
 * The organisations involved in an incident, whose points of contact one another's members may
 * read: the owner (filer), those whose notices it holds, those tasks are assigned to (or whose
 * member is), and the organisations it is addressed to, unless its marking keeps its audience
 * confidential (AMBER+STRICT, RED): then an addressee is involved once it files or is tasked.
 */
export function involvedOrganisations(
  facts: Pick<IncidentFacts, "filerOrganisationId" | "noticeOrganisationIds" | "tlp" | "audience">,
  taskOrganisationIds: readonly string[],
): string[] {
  const addressed = CONFIDENTIAL_MARKINGS.includes(facts.tlp) ? [] : facts.audience.organisationIds;
  return [
    ...new Set([
      facts.filerOrganisationId,
      ...facts.noticeOrganisationIds,
      ...taskOrganisationIds,
      ...addressed,
    ]),
  ];
}

/** Only an organisation's administrators keep its points of contact. */
export const checkContactsWrite = (actor: Actor, organisationId: string): Decision =>
  actor.organisationId === organisationId && hasRole(actor, "organisation-admin")
    ? allow
    : deny("Only administrators of an organisation keep its points of contact.");
