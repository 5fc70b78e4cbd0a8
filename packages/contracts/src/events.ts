// Workshops and events: the event, its agenda, materials, participants (names only for the host
// and the participants; counts for everyone else), outcomes, and follow-up actions per country.
import { ACTION_STATUSES, EVENT_KINDS, EVENT_MARKINGS, PARTICIPANT_ROLES } from "@bulwark/core";
import { z } from "zod";
import { CountryCode, Id, Name, Slug, Timestamp } from "./common.ts";
import { Region } from "./compendium.ts";

export const EventKind = z.enum(EVENT_KINDS).describe("What kind of event.");
export const EventMarking = z
  .enum(EVENT_MARKINGS)
  .describe(
    "TLP 2.0: CLEAR for everyone, GREEN for peers sharing a community with the host, AMBER for the host.",
  );
export const ParticipantRole = z.enum(PARTICIPANT_ROLES);
export const ActionStatus = z.enum(ACTION_STATUSES);
export const Day = z.iso.date().describe("A calendar date, YYYY-MM-DD.");
const Markdown = (max: number) => z.string().max(max).default("").describe("Markdown.");
const Ref = z.object({ id: Id, name: z.string() });

const EventFields = z.object({
  kind: EventKind,
  title: Name(300),
  summary: Markdown(20_000),
  hostOrganisationId: Id.optional().describe(
    "Who hosts and owns the event; the caller's organisation if left out.",
  ),
  region: Region,
  countries: z.array(CountryCode).max(60).default([]).describe("Countries concerned."),
  venue: Name(300).describe('Where it takes place, or "online".'),
  startsOn: Day,
  endsOn: Day,
  marking: EventMarking.default("amber"),
});

const datesInOrder = (value: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  !value.startsOn || !value.endsOn || value.endsOn >= value.startsOn;
const DATES_MESSAGE = { message: "The event cannot end before it starts.", path: ["endsOn"] };

export const EventCreate = EventFields.refine(datesInOrder, DATES_MESSAGE);
export const EventUpdate = EventFields.omit({ hostOrganisationId: true })
  .partial()
  .refine(datesInOrder, DATES_MESSAGE);

export const EventSummary = z.object({
  id: Id,
  kind: EventKind,
  title: z.string(),
  summary: z.string(),
  host: Ref,
  region: Region,
  countries: z.array(z.string()),
  venue: z.string(),
  startsOn: Day,
  endsOn: Day,
  marking: EventMarking,
  participants: z.number().int(),
  actions: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type EventSummary = z.infer<typeof EventSummary>;

export const EventQuery = z.object({
  when: z
    .enum(["upcoming", "past", "all"])
    .default("all")
    .describe("Upcoming: not ended yet (today counts)."),
  kind: EventKind.optional(),
  region: Region.optional(),
  country: CountryCode.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const EventList = z.object({
  items: z.array(EventSummary),
  total: z.number().int().describe("How many match in all."),
  counts: z
    .object({ upcoming: z.number().int(), past: z.number().int() })
    .describe("Of every event visible."),
  abilities: z.object({
    create: z.boolean().describe("May organise an event hosted by one's organisation."),
  }),
});

export const SessionCreate = z
  .object({
    startsAt: Timestamp,
    endsAt: Timestamp,
    title: Name(300),
    description: Markdown(10_000),
    speakerIds: z.array(Id).max(30).default([]).describe("Participants of this event who speak."),
  })
  .refine((value) => Date.parse(value.endsAt) >= Date.parse(value.startsAt), {
    message: "The session cannot end before it starts.",
    path: ["endsAt"],
  });

export const Session = z.object({
  id: Id,
  startsAt: Timestamp,
  endsAt: Timestamp,
  title: z.string(),
  description: z.string(),
  speakers: z
    .array(z.object({ id: Id, name: z.string().nullable(), organisation: z.string() }))
    .describe("Names are null for callers who may not see the participant list."),
});

const HttpUrl = z.url({ protocol: /^https?$/, error: "Use an http or https address." }).max(2000);

export const MaterialCreate = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("entry"), entrySlug: Slug, sessionId: Id.nullable().default(null) }),
  z.object({
    kind: z.literal("link"),
    title: Name(300),
    url: HttpUrl,
    sessionId: Id.nullable().default(null),
  }),
]);

export const Material = z.object({
  id: Id,
  sessionId: Id.nullable(),
  kind: z.enum(["entry", "link"]),
  entry: z.object({ slug: z.string(), title: z.string(), type: z.string(), marking: z.string() }).nullable(),
  title: z.string().nullable(),
  url: z.string().nullable(),
});

export const ParticipantCreate = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: Id, role: ParticipantRole.default("participant") }),
  z.object({
    kind: z.literal("external"),
    name: Name(200),
    organisationName: Name(300),
    country: CountryCode,
    role: ParticipantRole.default("participant"),
  }),
]);

export const Participant = z.object({
  id: Id,
  userId: Id.nullable(),
  name: z.string(),
  organisation: z.object({ id: Id.nullable(), name: z.string() }),
  country: z.string(),
  role: ParticipantRole,
});

export const Participants = z.object({
  names: z.boolean().describe("Whether the caller sees who takes part, or only the counts."),
  items: z.array(Participant).describe("Empty when names is false."),
  total: z.number().int(),
  byOrganisation: z.array(z.object({ organisation: z.string(), count: z.number().int() })),
  byCountry: z.array(z.object({ country: z.string(), count: z.number().int() })),
});

export const OutcomeCreate = z.object({
  text: z.string().trim().min(1).max(10_000).describe("Markdown."),
  entrySlugs: z.array(Slug).max(20).default([]),
});

export const OutcomeMove = z.object({
  position: z.number().int().min(1).describe("Where the outcome goes, counting from 1 (past the end: last)."),
});

export const Outcome = z.object({
  id: Id,
  position: z.number().int(),
  text: z.string(),
  entries: z
    .array(z.object({ slug: z.string(), title: z.string() }))
    .describe("Only entries the caller may see."),
});

export const ActionCreate = z.object({
  country: CountryCode,
  title: Name(300),
  description: Markdown(10_000),
  ownerOrganisationId: Id,
  ownerUserId: Id.nullable().default(null).describe("A person of the owner organisation."),
  dueOn: Day,
});

export const ActionUpdate = z.object({
  status: ActionStatus.optional(),
  dueOn: Day.optional(),
  note: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .describe("What changed and why: every change carries a dated note."),
});

export const ActionNote = z.object({
  at: Timestamp,
  status: ActionStatus,
  note: z.string(),
  author: Ref.nullable(),
});

export const Action = z.object({
  id: Id,
  event: z.object({ id: Id, title: z.string() }),
  country: z.string(),
  title: z.string(),
  description: z.string(),
  ownerOrganisation: Ref,
  ownerUser: Ref.nullable().describe(
    "Shown to the owner organisation and to those who see the participant list.",
  ),
  dueOn: Day,
  status: ActionStatus,
  doneOn: Day.nullable(),
  overdue: z.boolean().describe("Not done or dropped, and the due date has passed."),
  notes: z.array(ActionNote),
  canUpdate: z.boolean(),
});
export type Action = z.infer<typeof Action>;

export const ActionQuery = z.object({
  eventId: Id.optional(),
  country: CountryCode.optional(),
  status: ActionStatus.optional(),
  ownerOrganisationId: Id.optional(),
  overdue: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ActionTracker = z.object({
  items: z.array(Action),
  total: z.number().int(),
  counts: z
    .object({
      open: z.number().int(),
      "in-progress": z.number().int(),
      done: z.number().int(),
      dropped: z.number().int(),
      overdue: z.number().int(),
    })
    .describe("Per status (and overdue) under every filter but the status and overdue ones."),
  countries: z
    .array(
      z.object({
        country: z.string(),
        total: z.number().int(),
        done: z.number().int(),
        overdue: z.number().int(),
      }),
    )
    .describe("Progress per country, dropped actions left out."),
});

export const EventDetail = EventSummary.extend({
  sessions: z.array(Session),
  materials: z.array(Material),
  participantList: Participants,
  outcomes: z.array(Outcome),
  actionList: z.array(Action),
  abilities: z.object({ edit: z.boolean(), manageParticipants: z.boolean() }),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const EventItemParams = z.object({ id: Id, itemId: Id });
