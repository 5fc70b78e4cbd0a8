// Search everything (Ctrl+K): one box over the capabilities, each answered by that capability's
// own search under that capability's own read scope.
import { z } from "zod";

export const SEARCH_KINDS = [
  "asset",
  "shared-item",
  "compendium-entry",
  "expert",
  "event",
  "self-assessment-run",
  "risk-assessment",
] as const;
export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

/** Letters, marks, numbers, spaces and common punctuation; no control or format characters. */
const SEARCH_TEXT = /^[\p{L}\p{M}\p{N}\p{Zs}\p{P}\p{S}]*$/u;

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, "Type at least 2 characters.")
    .max(100, "Use at most 100 characters.")
    .regex(SEARCH_TEXT, "Use letters, numbers, spaces and punctuation only.")
    .describe("Words to look for (2 to 100 characters)."),
  kinds: z
    .string()
    .max(200)
    .transform((text) => [...new Set(text.split(",").map((part) => part.trim()))].filter(Boolean))
    .pipe(z.array(SearchKind).min(1).max(SEARCH_KINDS.length))
    .optional()
    .describe("Comma-separated kinds to search (default: all)."),
  limit: z.coerce.number().int().min(1).max(20).default(5).describe("Most results per kind."),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const SearchResult = z.object({
  kind: SearchKind,
  id: z.string(),
  title: z.string(),
  context: z.string().describe("A short line saying where it comes from or what it is."),
  href: z.string().describe("Where the web application shows it (a path)."),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchResults = z.object({
  q: z.string(),
  groups: z
    .array(
      z.object({
        kind: SearchKind,
        total: z.number().int().describe("How many of this kind the caller may see match."),
        items: z.array(SearchResult),
      }),
    )
    .describe("Kinds with at least one result, the best match first."),
});
export type SearchResults = z.infer<typeof SearchResults>;
