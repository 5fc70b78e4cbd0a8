import { ABILITIES, ORGANISATION_KINDS, ROLES, SECTORS, TLP_MARKINGS } from "@bulwark/core";
import { z } from "zod";

export const Id = z.uuid().describe("A UUID.");
export const Timestamp = z.iso.datetime({ offset: true }).describe("RFC 3339 date and time, UTC.");
export const Email = z
  .email()
  .max(254)
  .transform((email) => email.trim().toLowerCase())
  .describe("An e-mail address (compared case-insensitively).");
export const Sector = z.enum(SECTORS).describe("A critical infrastructure sector.");
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export const Role = z.enum(ROLES);
export const Ability = z.enum(ABILITIES);
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, "Use a two-letter ISO 3166-1 alpha-2 code in capitals, e.g. FR.")
  .describe("ISO 3166-1 alpha-2 country code (XM and other user-assigned codes allowed).");
/** A name people give to something: trimmed, not blank, not a novel. */
export const Name = (max = 200) => z.string().trim().min(1, "Must not be blank.").max(max);
export const Password = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(256, "Use at most 256 characters.")
  .describe("At least 12 characters.");

/** RFC 9457 problem details, the body of every error. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("For invalid input: each field that was wrong and why."),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().describe("How many match in all.") });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(200).optional().describe("Case-insensitive text to look for."),
});

export const IdParams = z.object({ id: Id });

// Shared by several capabilities (and by what the web app's first screen validates, apart from the
// large schemas of sharing, the compendium and the expert network).
export const Tlp = z.enum(TLP_MARKINGS).describe("TLP 2.0 marking (FIRST, 2022).");
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens.")
  .min(3)
  .max(120)
  .describe("The entry's stable name in links and file names.");
export const UnreadCount = z.object({ count: z.number().int() });
