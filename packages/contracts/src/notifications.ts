// Notifications of everything that asks something of someone (shared items addressed to you,
// approval and acknowledgement requests and their reminders, overdue follow-up actions, risk
// reviews due, replies and answers), and each person's choice of how to hear of them.
import { DELIVERIES, LANGUAGES, NOTIFICATION_KINDS, NOTIFICATION_TOPICS } from "@bulwark/core";
import { z } from "zod";
import { Id, Slug, Timestamp, Tlp } from "./common.ts";

export const NotificationKind = z
  .enum(NOTIFICATION_KINDS)
  .describe(
    "reply: in a discussion you took part in; answer: to your question; item-new: a shared item addressed to you or your organisation (acknowledge it); approval-request / approval-reminder: an item of your organisation awaits your approval; acknowledgement-reminder: an item you have not acknowledged; action-overdue / action-due: a follow-up action of yours; review-due: a risk assessment due for review; proposal-review: a compendium proposal awaits your review (moderators); invitation: your organisation is invited into a community (its administrators); sitrep-due / sitrep-overdue: a situation report of an incident's schedule is due soon or overdue (the responsible organisation's coordinators who see the incident); task-assigned: an incident task was assigned to you or your organisation.",
  );

export const NotificationSubjectKind = z.enum([
  "entry",
  "question",
  "shared-item",
  "event-action",
  "risk-assessment",
  "compendium-proposal",
  "community-invitation",
  "incident",
  "incident-task",
]);

export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  actor: z.object({ id: Id, name: z.string() }).nullable(),
  subject: z.object({
    kind: NotificationSubjectKind,
    id: Id,
    slug: Slug.nullable().describe("For an entry: its slug, for links."),
    title: z.string().describe("As the reader may read it now."),
    tlp: Tlp.nullable().describe("A shared item's marking."),
    eventId: Id.nullable().describe("A follow-up action's event, for links."),
    incidentId: Id.nullable().describe("A sitrep reminder's or an incident task's incident, for links."),
  }),
  postId: Id.nullable().describe("Replies and answers: the post, for links."),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z.object({ total: z.number().int(), items: z.array(Notification) });
export const NotificationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const NotificationTopic = z.enum(NOTIFICATION_TOPICS);
export const Delivery = z
  .enum(DELIVERIES)
  .describe(
    "app: in the app only; email: also by e-mail at once; digest: in a daily e-mail; off: not at all.",
  );

export const NotificationSettings = z
  .object({
    deliveries: z.object(
      Object.fromEntries(NOTIFICATION_TOPICS.map((topic) => [topic, Delivery])) as Record<
        (typeof NOTIFICATION_TOPICS)[number],
        typeof Delivery
      >,
    ),
    language: z.enum(LANGUAGES).describe("The language of your e-mails."),
    emailAvailable: z.boolean().describe("Whether this installation sends e-mail (an SMTP server is set)."),
  })
  .describe("How you hear of each topic; e-mail carries nothing above TLP:GREEN.");
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSettingsUpdate = z
  .object({
    deliveries: z.partialRecord(NotificationTopic, Delivery).optional(),
    language: z.enum(LANGUAGES).optional(),
  })
  .strict();

/** Where a notification leads in the web app (a path, the same for the bell and for e-mail links). */
export function notificationPath(notification: Pick<Notification, "subject" | "postId">): string {
  const { subject, postId } = notification;
  const post = postId ? `#post-${postId}` : "";
  switch (subject.kind) {
    case "entry":
      return `/compendium/${subject.slug ?? ""}${post}`;
    case "question":
      return `/experts/questions/${subject.id}${post}`;
    case "shared-item":
      return `/sharing/${subject.id}`;
    case "event-action":
      return subject.eventId ? `/events/${subject.eventId}` : "/events/actions";
    case "risk-assessment":
      return `/risk/${subject.id}`;
    case "compendium-proposal":
      return `/compendium/proposals/${subject.id}`;
    case "community-invitation":
      return "/communities";
    case "incident":
      return `/incidents/${subject.id}`;
    case "incident-task":
      return subject.incidentId ? `/incidents/${subject.incidentId}` : "/incidents";
  }
}
