// The incident board (issue 18): the shared activity log of an incident (each entry under its own
// TLP marking, never narrower to read than the incident itself), its tasks to organisations or
// people, and the organisations' 24/7 points of contact.
import { TASK_STATUSES } from "@bulwark/core";
import { z } from "zod";
import { Email, Id, Name, PageQuery, Timestamp, Tlp } from "./common.ts";

const Ref = z.object({ id: Id, name: z.string() });
const flag = z
  .enum(["true", "false"])
  .transform((value) => value === "true")
  .optional();

export const IncidentLogEntry = z
  .object({
    id: Id,
    incidentId: Id,
    author: Ref,
    organisation: Ref.describe("The author's organisation."),
    at: Timestamp,
    text: z.string(),
    significant: z.boolean().describe("A significant event of the response (shown apart on the board)."),
    tlp: Tlp.describe("AMBER+STRICT: the author's organisation only; RED: the people named only."),
    recipients: z.array(Ref).describe("The people a RED entry names (shown to its author only)."),
  })
  .meta({ id: "IncidentLogEntry" });
export type IncidentLogEntry = z.infer<typeof IncidentLogEntry>;

export const IncidentLogCreate = z
  .object({
    text: z.string().trim().min(1, "Must not be blank.").max(20_000),
    significant: z.boolean().default(false),
    tlp: Tlp,
    recipientIds: z
      .array(Id)
      .max(50)
      .default([])
      .transform((ids) => [...new Set(ids)])
      .describe("TLP:RED only: the people who may read it."),
  })
  .superRefine((value, ctx) => {
    if (value.tlp === "red" && value.recipientIds.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["recipientIds"],
        message: "Name at least one person to receive a TLP:RED entry.",
      });
    if (value.tlp !== "red" && value.recipientIds.length > 0)
      ctx.addIssue({ code: "custom", path: ["recipientIds"], message: "Only TLP:RED entries name people." });
  });
export type IncidentLogCreateInput = z.input<typeof IncidentLogCreate>;

export const IncidentLogQuery = PageQuery.pick({ limit: true, offset: true }).extend({
  significant: flag.describe("Only significant entries (true) or only the others (false)."),
});

export const IncidentLogPage = z.object({
  items: z.array(IncidentLogEntry),
  total: z.number().int().describe("How many entries you may read match in all."),
});

export const TaskStatus = z.enum(TASK_STATUSES);

export const TaskAssignee = z
  .object({ organisationId: Id.optional(), userId: Id.optional() })
  .refine((value) => (value.organisationId === undefined) !== (value.userId === undefined), {
    message: "Name either an organisation or a person.",
  });

export const IncidentTask = z
  .object({
    id: Id,
    incidentId: Id,
    title: z.string(),
    description: z.string(),
    assignee: z.object({ kind: z.enum(["organisation", "user"]), id: Id, name: z.string() }),
    dueAt: Timestamp.nullable(),
    status: TaskStatus,
    overdue: z.boolean().describe("Due before the server's clock and neither done nor cancelled."),
    createdBy: Ref,
    organisation: Ref.describe("The organisation of who assigned it."),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    acknowledgedAt: Timestamp.nullable(),
    abilities: z.object({
      /** Statuses the caller may move it to. */
      statuses: z.array(TaskStatus),
      edit: z.boolean().describe("Change its title, description, due time or assignee."),
    }),
  })
  .meta({ id: "IncidentTask" });
export type IncidentTask = z.infer<typeof IncidentTask>;

export const IncidentTaskCreate = z.object({
  title: Name(300),
  description: z.string().trim().max(10_000).default(""),
  assignee: TaskAssignee,
  dueAt: Timestamp.nullable().default(null),
});
export type IncidentTaskCreateInput = z.input<typeof IncidentTaskCreate>;

export const IncidentTaskUpdate = z
  .object({
    status: TaskStatus.optional(),
    title: Name(300).optional(),
    description: z.string().trim().max(10_000).optional(),
    assignee: TaskAssignee.optional(),
    dueAt: Timestamp.nullable().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: "Change at least one thing.",
  });

export const IncidentTaskQuery = PageQuery.pick({ limit: true, offset: true }).extend({
  status: TaskStatus.optional(),
  overdue: flag,
});

export const IncidentTaskList = z.object({
  items: z.array(IncidentTask),
  total: z.number().int(),
  overdue: z.number().int().describe("How many of the incident's tasks are overdue."),
});

export const TaskParams = z.object({ id: Id, taskId: Id });

export const Contact = z
  .object({
    name: Name(200),
    role: z.string().trim().max(200).default("").describe("E.g. duty officer, security manager."),
    phone: z
      .string()
      .trim()
      .min(3)
      .max(40)
      .regex(/^\+?[0-9 ()./-]+$/, "A telephone number: digits, spaces, + ( ) . / -."),
    email: Email.nullable().default(null),
    hours: z.string().trim().max(200).default("24/7").describe("When to call (e.g. 24/7, or office hours)."),
  })
  .meta({ id: "Contact" });
export type Contact = z.infer<typeof Contact>;

export const ContactsReplace = z.object({ contacts: z.array(Contact).max(20) });
export type ContactsReplaceInput = z.input<typeof ContactsReplace>;

export const OrganisationContacts = z.object({
  organisation: Ref,
  contacts: z.array(Contact),
  updatedAt: Timestamp.nullable(),
});

export const IncidentContacts = z.object({
  organisations: z.array(
    z.object({
      organisation: Ref,
      contacts: z
        .array(Contact)
        .describe("Empty unless your organisation is involved in the incident too (or it is your own)."),
    }),
  ),
});

export const TrackedIncidentTask = IncidentTask.omit({ abilities: true })
  .extend({ incident: z.object({ id: Id, title: z.string() }) })
  .meta({ id: "TrackedIncidentTask" });
export type TrackedIncidentTask = z.infer<typeof TrackedIncidentTask>;

export const TrackedIncidentTaskQuery = PageQuery.pick({ limit: true, offset: true }).extend({
  status: TaskStatus.optional(),
  overdue: flag,
  mine: flag.describe("Only tasks assigned to you or to your organisation."),
  open: flag.describe("Only tasks still to do (neither done nor cancelled)."),
});

export const TrackedIncidentTaskList = z.object({
  items: z.array(TrackedIncidentTask),
  total: z.number().int(),
  overdue: z
    .number()
    .int()
    .describe("How many of them are overdue (under every filter but status and overdue)."),
});
