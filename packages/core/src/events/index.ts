// The vocabulary of workshops and events: what kind of event, who takes part as what, and where a
// follow-up action stands.
export const EVENT_KINDS = ["workshop", "conference", "training", "exercise", "webinar"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Events are shared like compendium entries: CLEAR, GREEN or AMBER. */
export const EVENT_MARKINGS = ["clear", "green", "amber"] as const;
export type EventMarking = (typeof EVENT_MARKINGS)[number];

export const PARTICIPANT_ROLES = ["organiser", "speaker", "participant"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const ACTION_STATUSES = ["open", "in-progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses that end an action: it can no longer be overdue. */
export const CLOSED_ACTION_STATUSES: readonly ActionStatus[] = ["done", "dropped"];
