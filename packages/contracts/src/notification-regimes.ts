// Notification regimes (content/notification-regimes, checked by core's readRegime) as the API
// shows them, and an incident's obligations under its regime.
import { z } from "zod";
import { OrganisationKind, Sector, Timestamp } from "./common.ts";

const Period = z.union([
  z.object({ hours: z.number().int() }),
  z.object({ days: z.number().int() }),
  z.object({ months: z.number().int() }),
]);

export const NotificationRegime = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    source: z.object({ citation: z.string(), url: z.string().nullable() }),
    ours: z.boolean().describe("True when the rules are Bulwark's own default, not a law's."),
    timeZone: z.string().describe("IANA zone in which days and months are counted (the authority's)."),
    sectors: z.array(Sector).describe("The sectors the regime binds; empty: every sector."),
    authorities: z.array(
      z.object({ name: z.string(), kind: OrganisationKind, sectors: z.array(Sector).nullable() }),
    ),
    reports: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        reference: z.string().nullable(),
        condition: z.string().nullable(),
        due: z.object({ within: Period, after: z.string() }),
        warnBefore: Period,
        fields: z.array(z.object({ id: z.string(), text: z.string() })),
      }),
    ),
    notes: z.array(z.string()),
  })
  .describe("A notification regime: the reports owed after an incident, their deadlines and contents.");
export type NotificationRegime = z.infer<typeof NotificationRegime>;

export const ObligationStatus = z.enum(["pending", "due-soon", "overdue", "submitted", "late"]);

export const Obligation = z
  .object({
    report: z.string().describe("The report's id in the incident's regime."),
    title: z.string(),
    dueAt: Timestamp,
    submittedAt: Timestamp.nullable().describe("The first filing of the report, or null."),
    status: ObligationStatus,
    warnFrom: Timestamp.describe("From then on an unfiled report is due soon."),
    condition: z
      .string()
      .nullable()
      .describe('When the report is owed only in some cases ("where relevant").'),
    authority: z.string().nullable().describe("Who receives the report, for the incident's sector."),
  })
  .describe("A report an incident's regime asks for, with its deadline and where it stands.");
export type Obligation = z.infer<typeof Obligation>;
