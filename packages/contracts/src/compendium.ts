// The compendium of good practices: entries, their versions, search with facets, and the review
// of proposed entries and edits.
import {
  COMPENDIUM_FACETS,
  type CompendiumFacet,
  ENTRY_TYPES,
  LANGUAGES,
  PHASES,
  REGIONS,
  THEMES,
  THREAT_FAMILIES,
  TOOL_KINDS,
} from "@bulwark/core";
import { z } from "zod";
import { CountryCode, Id, Sector, Slug, Timestamp } from "./common.ts";

/** Where the published CLEAR entries are read for offline use (the web app asks it without the endpoint table). */
export const COMPENDIUM_OFFLINE_PATH = "/api/compendium/offline";

export const EntryType = z.enum(ENTRY_TYPES).describe("What kind of entry this is.");
export const ToolKind = z.enum(TOOL_KINDS).describe("For tools: what kind of tool.");
export const Phase = z.enum(PHASES).describe("A lifecycle phase of protection.");
export const Theme = z.enum(THEMES).describe("A theme of the compendium (DOMAIN.md).");
export const ThreatFamily = z.enum(THREAT_FAMILIES).describe("A family of threats.");
export const Region = z.enum(REGIONS).describe("A world region (UN M49 continents) or global.");
/** Entries may be CLEAR, GREEN or AMBER: a compendium shares knowledge; RED has no place in it. */
export const EntryMarking = z
  .enum(["clear", "green", "amber"])
  .describe("TLP 2.0: CLEAR for everyone, GREEN for peers sharing a community, AMBER for the owner.");
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, "Use an ISO 639 language code in lower case, e.g. fr.")
  .describe("ISO 639-1 language code.");

const tags = <T extends z.ZodType>(item: T) => z.array(item).max(40).default([]);

export const Source = z.object({
  citation: z.string().trim().min(3).max(1000).describe("The full citation, as a reader would look it up."),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
  publisher: z.string().trim().max(300).nullable().default(null),
  year: z.number().int().min(1800).max(2200).nullable().default(null),
  licence: z.string().trim().max(300).nullable().default(null),
});
export type Source = z.infer<typeof Source>;

/** What an author writes: everything but identity and history. */
export const EntryContent = z.object({
  title: z.string().trim().min(3).max(300),
  type: EntryType,
  toolKind: ToolKind.nullable().default(null),
  summary: z.string().trim().min(10).max(2000),
  body: z.string().max(200_000).default("").describe("Markdown, in the author's own words."),
  language: LanguageCode.default("en").describe("The language the entry is written in."),
  phases: tags(Phase),
  sectors: tags(Sector).describe("Empty: all sectors."),
  threats: tags(ThreatFamily).describe("Empty: all threats."),
  themes: tags(Theme),
  regions: tags(Region),
  countries: tags(CountryCode),
  languages: tags(LanguageCode).describe("Languages the source is published in."),
  marking: EntryMarking.default("clear"),
  source: Source,
});
export type EntryContent = z.infer<typeof EntryContent>;
export type EntryContentInput = z.input<typeof EntryContent>;

const Person = z.object({ id: Id, name: z.string() });
const OrganisationRef = z.object({ id: Id, name: z.string() });

export const Entry = EntryContent.extend({
  id: Id,
  slug: Slug,
  version: z.number().int().min(1).describe("The published version shown."),
  organisation: OrganisationRef.nullable().describe("Who maintains it; null for the shipped pack."),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Entry = z.infer<typeof Entry>;

/** A title and summary as a translations file of a pack holds them (content/compendium/translations). */
export const EntryTranslationText = z
  .object({
    title: z.string().trim().min(3).max(300),
    summary: z.string().trim().min(10).max(2000),
    source: z
      .string()
      .regex(/^[0-9a-f]{16}$/, "16 hexadecimal digits: the mark of the English title and summary translated.")
      .optional()
      .describe(
        "Which English title and summary this translates (ADR 0041); when the entry's differ, readers are told the translation may be out of date.",
      ),
  })
  .strict();
export type EntryTranslationText = z.infer<typeof EntryTranslationText>;

/** The reader's language, when Bulwark has translated the entry's title and summary into it. */
export const EntryTranslation = z
  .object({
    language: z.enum(LANGUAGES),
    title: z.string(),
    summary: z.string(),
    by: z
      .literal("bulwark")
      .describe("Bulwark's own translation: the entry and its source stay the original."),
    stale: z
      .boolean()
      .describe(
        "The English title or summary changed since this translation was made: it may be out of date.",
      ),
  })
  .describe("The title and summary in the reader's language (Accept-Language, else the account's).");
export type EntryTranslation = z.infer<typeof EntryTranslation>;

/** A piece of a snippet: the words that matched the search are `hit`. */
const SnippetPart = z.object({ text: z.string(), hit: z.boolean() });

export const EntrySummary = z.object({
  id: Id,
  slug: Slug,
  title: z.string(),
  type: EntryType,
  summary: z.string(),
  marking: EntryMarking,
  phases: z.array(Phase),
  sectors: z.array(Sector),
  themes: z.array(Theme),
  regions: z.array(Region),
  year: z.number().int().nullable(),
  publisher: z.string().nullable(),
  snippet: z
    .array(SnippetPart)
    .describe(
      "Where the words searched for appear, with hits marked (in the translation when it holds them).",
    ),
  translation: EntryTranslation.nullable().describe(
    "Null when the entry is in the reader's language or not translated.",
  ),
});
export type EntrySummary = z.infer<typeof EntrySummary>;

/** Comma-separated values of a vocabulary in a query string: `phase=prevention,response`. */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((text) => [...new Set(text.split(",").map((part) => part.trim()))].filter(Boolean))
    .pipe(z.array(item).max(40))
    .optional();

export const FACETS = COMPENDIUM_FACETS;
export type Facet = CompendiumFacet;

export const CompendiumQuery = z.object({
  q: z.string().trim().max(300).optional().describe("Words to look for (web search syntax)."),
  type: list(EntryType),
  phase: list(Phase),
  sector: list(Sector),
  threat: list(ThreatFamily),
  theme: list(Theme),
  region: list(Region),
  country: list(CountryCode),
  language: list(LanguageCode),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type CompendiumQuery = z.input<typeof CompendiumQuery>;

/** Most entries one booklet holds. */
export const BOOKLET_MAX_ENTRIES = 200;
export const BookletQuery = CompendiumQuery.omit({ limit: true, offset: true }).extend({
  slugs: z
    .string()
    .max(30_000)
    .transform((text) => [...new Set(text.split(",").map((part) => part.trim()))].filter(Boolean))
    .pipe(z.array(Slug).min(1).max(BOOKLET_MAX_ENTRIES))
    .optional()
    .describe("The entries to print, in this order; without it, the entries the words and filters find."),
  title: z.string().trim().min(1).max(120).optional().describe("The booklet's title on its cover."),
});
export type BookletQuery = z.input<typeof BookletQuery>;

const FacetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const CompendiumResults = z.object({
  total: z.number().int(),
  items: z.array(EntrySummary),
  facets: z
    .object(
      Object.fromEntries(FACETS.map((facet) => [facet, FacetCounts])) as Record<Facet, typeof FacetCounts>,
    )
    .describe(
      "For each tag, how many entries match with each value, counting the other filters but not this tag's own.",
    ),
});
export type CompendiumResults = z.infer<typeof CompendiumResults>;

export const SlugParams = z.object({ slug: Slug });
export const VersionParams = z.object({ slug: Slug, version: z.coerce.number().int().min(1) });

export const EntryVersion = z.object({
  version: z.number().int(),
  author: Person.nullable().describe("Null for the shipped pack."),
  note: z.string().nullable(),
  createdAt: Timestamp,
});

/** A line of a body diff: kept, added or removed. */
export const DiffLine = z.object({ op: z.enum(["same", "add", "remove"]), text: z.string() });
export const FieldChange = z.object({ field: z.string(), before: z.string(), after: z.string() });
export const EntryDiff = z.object({
  fields: z.array(FieldChange).describe("Changed fields other than the body, as text."),
  body: z.array(DiffLine),
});
export type EntryDiff = z.infer<typeof EntryDiff>;

export const EntryVersionDetail = EntryVersion.extend({
  content: EntryContent,
  diff: EntryDiff.describe("Against the version before (empty for the first)."),
});

export const PROPOSAL_STATES = ["open", "changes-requested", "approved", "rejected", "withdrawn"] as const;
export const ProposalState = z.enum(PROPOSAL_STATES);
/** What a review step does; "withdraw" is the author's own, the others are the moderators' (and anyone's comment). */
export const REVIEW_ACTIONS = ["comment", "request-changes", "approve", "reject", "withdraw"] as const;

export const ProposalCreate = z.object({
  entrySlug: Slug.optional().describe("The entry to change; absent to propose a new entry."),
  slug: Slug.optional().describe("For a new entry: its slug (made from the title when absent)."),
  baseVersion: z.number().int().min(1).optional().describe("The version the edit started from."),
  content: EntryContent,
  note: z.string().trim().max(2000).optional().describe("What changed and why."),
});
export type ProposalCreate = z.input<typeof ProposalCreate>;

export const ProposalUpdate = z.object({
  content: EntryContent,
  note: z.string().trim().max(2000).optional(),
});

export const ReviewCreate = z
  .object({
    action: z.enum(REVIEW_ACTIONS),
    comment: z.string().trim().max(10_000).default(""),
  })
  .refine((review) => review.action !== "comment" || review.comment.length > 0, {
    message: "A comment needs some text.",
    path: ["comment"],
  })
  .refine((review) => review.action !== "request-changes" || review.comment.length > 0, {
    message: "Say which changes you request.",
    path: ["comment"],
  });

export const Review = z.object({
  id: Id,
  action: z.enum(REVIEW_ACTIONS),
  comment: z.string(),
  author: Person,
  createdAt: Timestamp,
});

export const ProposalSummary = z.object({
  id: Id,
  state: ProposalState,
  title: z.string(),
  entry: z.object({ slug: Slug, title: z.string() }).nullable().describe("Null for a new entry."),
  author: Person,
  organisation: OrganisationRef,
  note: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Proposal = ProposalSummary.extend({
  slug: Slug,
  baseVersion: z.number().int().nullable(),
  content: EntryContent,
  diff: EntryDiff.describe("Against the entry's version the edit started from (or empty content)."),
  reviews: z.array(Review),
  publishedVersion: z.number().int().nullable(),
  abilities: z.object({ review: z.boolean(), edit: z.boolean() }),
});
export type Proposal = z.infer<typeof Proposal>;

export const ProposalQuery = z.object({
  state: ProposalState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const EntryDetail = Entry.extend({
  translation: EntryTranslation.nullable().describe(
    "Null when the entry is in the reader's language or not translated.",
  ),
  related: z.array(EntrySummary.omit({ snippet: true })).describe("Entries sharing the most tags."),
  abilities: z.object({ propose: z.boolean(), moderate: z.boolean() }),
});
export type EntryDetail = z.infer<typeof EntryDetail>;

/**
 * An entry as saved on a device for reading and searching offline. Only CLEAR entries are ever
 * sent (TLP:CLEAR may be shared without restriction): GREEN and AMBER must not land on a disk.
 */
export const OfflineEntry = Entry.extend({ marking: z.literal("clear") });
export type OfflineEntry = z.infer<typeof OfflineEntry>;

export const CompendiumOffline = z.object({
  version: z
    .string()
    .describe("Changes whenever a CLEAR entry is published, changed or withdrawn; the ETag quotes it."),
  entries: z.array(OfflineEntry).describe("Every published CLEAR entry, in slug order."),
});
export type CompendiumOffline = z.infer<typeof CompendiumOffline>;
