// The home: what needs the signed-in person now, section by section (each entry with the path of
// the page that opens it), the key figures of their organisation, and, for a new organisation,
// the first steps, ticked from the data.
import { GETTING_STARTED_STEPS, HOME_SECTIONS } from "@bulwark/core";
import { z } from "zod";
import { Id, OrganisationKind, Timestamp } from "./common.ts";

export const HomeSectionId = z.enum(HOME_SECTIONS);
export const GettingStartedStep = z.enum(GETTING_STARTED_STEPS);

const AppPath = z
  .string()
  .regex(/^\/[\w\-/]*(\?[\w=&-]+)?$/)
  .describe("The web app's path of the page that opens this entry.");
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const HomeEntry = z.object({
  id: Id,
  title: z.string(),
  link: AppPath,
  /** Who it comes from or whose it is (an organisation, an event), when that helps. */
  context: z.string().nullable(),
  /** A marking (TLP) or a country code, when the entry has one. */
  tag: z.string().nullable(),
  at: Timestamp.nullable().describe("When it was published, asked, or last changed."),
  dueOn: Day.nullable().describe("When it is due (actions, risk reviews)."),
  dueAt: Timestamp.nullable().describe(
    "When it is due to the minute (an incident's next report under its regime, a task's due time).",
  ),
  overdue: z.boolean(),
});
export type HomeEntry = z.infer<typeof HomeEntry>;

export const HomeSection = z.object({
  id: HomeSectionId,
  total: z.number().int().describe("All the entries waiting (the list shows the first few)."),
  link: AppPath.describe("The page that lists them all."),
  entries: z.array(HomeEntry),
});
export type HomeSection = z.infer<typeof HomeSection>;

export const Home = z.object({
  organisation: z.object({ id: Id, name: z.string(), kind: OrganisationKind }),
  sections: z.array(HomeSection).describe("Only the sections the caller's roles give them, in order."),
  figures: z.object({
    assets: z
      .number()
      .int()
      .describe(
        "Assets of the organisation's register: those it operates (a national authority: its country's).",
      ),
    risksAboveAppetite: z
      .number()
      .int()
      .describe("The organisation's risk assessments rated above its appetite."),
    selfAssessment: z
      .object({
        runId: Id,
        title: z.string(),
        score: z.number().nullable(),
        submittedAt: Timestamp.nullable(),
      })
      .nullable()
      .describe(
        "The organisation's latest submitted self-assessment (null: none yet, or not yours to read).",
      ),
  }),
  gettingStarted: z
    .array(z.object({ id: GettingStartedStep, done: z.boolean(), link: AppPath }))
    .nullable()
    .describe("The first steps, while some remain (null: all done, or not the caller's to take)."),
});
export type Home = z.infer<typeof Home>;
