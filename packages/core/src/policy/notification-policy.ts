// Who is told of what, and what an e-mail may say. A notification is written for the people the
// policy names (the recipients of a published item as the TLP rule reaches them, the approvers of
// the author's organisation, an action's owner, an assessment's editors, the compendium's
// moderators for a proposal, an invited organisation's administrators) and read again under the
// reader's own scope when listed or mailed: whoever may no longer see the thing no longer sees
// the notification. E-mail leaves Bulwark, so it never carries anything above TLP:GREEN.
import type { Role } from "../vocabulary.ts";
import { SHARING_APPROVER_ROLES } from "./sharing-policy.ts";

export const NOTIFICATION_KINDS = [
  "reply",
  "answer",
  "item-new",
  "approval-request",
  "approval-reminder",
  "acknowledgement-reminder",
  "action-overdue",
  "action-due",
  "review-due",
  "proposal-review",
  "invitation",
  "sitrep-due",
  "sitrep-overdue",
  "task-assigned",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a person chooses how to hear of. */
export const NOTIFICATION_TOPICS = [
  "shared-items",
  "approvals",
  "acknowledgements",
  "actions",
  "reviews",
  "discussions",
  "incidents",
] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export const TOPIC_OF: Readonly<Record<NotificationKind, NotificationTopic>> = {
  reply: "discussions",
  answer: "discussions",
  "item-new": "shared-items",
  "approval-request": "approvals",
  "approval-reminder": "approvals",
  "acknowledgement-reminder": "acknowledgements",
  "action-overdue": "actions",
  "action-due": "actions",
  "review-due": "reviews",
  "proposal-review": "approvals",
  invitation: "approvals",
  "sitrep-due": "incidents",
  "sitrep-overdue": "incidents",
  "task-assigned": "incidents",
};

/** In the app only; also by e-mail at once; in a daily e-mail digest; not at all. */
export const DELIVERIES = ["app", "email", "digest", "off"] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const DEFAULT_DELIVERY: Delivery = "app";

export type Deliveries = Partial<Record<NotificationTopic, Delivery>>;

export const deliveryOf = (deliveries: Deliveries, kind: NotificationKind): Delivery =>
  deliveries[TOPIC_OF[kind]] ?? DEFAULT_DELIVERY;

/** Roles told when an item of their organisation awaits a second person's approval. */
export const APPROVAL_REQUEST_ROLES: readonly Role[] = SHARING_APPROVER_ROLES;
/** Roles told of an overdue action owned by their organisation when no one person owns it. */
export const ACTION_OWNER_ROLES: readonly Role[] = ["organisation-admin", "coordinator"];
/** Roles told that their organisation is invited into a community (those who accept or decline). */
export const INVITATION_ROLES: readonly Role[] = ["organisation-admin"];
/** Roles told that an assessment of their organisation is due for review (its editors). */
export const REVIEW_ROLES: readonly Role[] = ["organisation-admin", "coordinator", "analyst"];

/** When reminders start, and how long they go on. */
export const REMINDERS = {
  /** Reminders are looked for at most this often (each is written once for its day anyway). */
  everyMinutes: 60,
  /** An item has awaited approval this many days: its approvers are reminded, once a day. */
  approvalAfterDays: 2,
  /** A published item is unacknowledged after this many days: its recipients are reminded once a day… */
  acknowledgementAfterDays: 3,
  /** …until this many days after publication. */
  acknowledgementUntilDays: 14,
  /** An open action due within this many days (today included) is "due soon". */
  actionDueWithinDays: 3,
  /** An assessment whose review date is within this many days (or past) is "due for review". */
  reviewWithinDays: 14,
} as const;

/**
 * Whether an e-mail may name a shared item's title: only at TLP:CLEAR and TLP:GREEN. Anything
 * else (AMBER, AMBER+STRICT, RED, or a subject without a marking) is mailed as "something awaits
 * you in Bulwark" and a link.
 */
export const mayMailTitle = (tlp: string | null): boolean => tlp === "clear" || tlp === "green";
