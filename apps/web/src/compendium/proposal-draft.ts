// A proposal being written: the editor's draft of an entry's content, how it becomes the API's
// EntryContent, and the API's field errors keyed as the editor names its fields.
import type { EntryContent, EntryContentInput } from "@bulwark/contracts";
import { type EntryType, PHASES, REGIONS, SECTORS, THEMES, THREAT_FAMILIES, TOOL_KINDS } from "@bulwark/core";
import { problemOf } from "../app/api.ts";
import { isOneOf, onlyOf } from "../app/vocabulary.ts";

export const MARKINGS = ["clear", "green", "amber"] as const;

export interface Draft {
  title: string;
  type: EntryType;
  toolKind: string | null;
  summary: string;
  body: string;
  language: string;
  phases: string[];
  sectors: string[];
  threats: string[];
  themes: string[];
  regions: string[];
  countries: string[];
  languages: string[];
  marking: (typeof MARKINGS)[number];
  citation: string;
  url: string;
  publisher: string;
  year: number | string;
  licence: string;
  slug: string;
  note: string;
}

export function draftOf(content: EntryContent | null, note = ""): Draft {
  return {
    title: content?.title ?? "",
    type: content?.type ?? "good-practice",
    toolKind: content?.toolKind ?? null,
    summary: content?.summary ?? "",
    body: content?.body ?? "",
    language: content?.language ?? "en",
    phases: content?.phases ?? [],
    sectors: content?.sectors ?? [],
    threats: content?.threats ?? [],
    themes: content?.themes ?? [],
    regions: content?.regions ?? [],
    countries: content?.countries ?? [],
    languages: content?.languages ?? [],
    marking: content?.marking ?? "clear",
    citation: content?.source.citation ?? "",
    url: content?.source.url ?? "",
    publisher: content?.source.publisher ?? "",
    year: content?.source.year ?? "",
    licence: content?.source.licence ?? "",
    slug: "",
    note,
  };
}

const orNull = (text: string) => text.trim() || null;

export function contentOf(draft: Draft): EntryContentInput {
  return {
    title: draft.title,
    type: draft.type,
    toolKind: draft.type === "tool" && isOneOf(TOOL_KINDS, draft.toolKind) ? draft.toolKind : null,
    summary: draft.summary,
    body: draft.body,
    language: draft.language,
    phases: onlyOf(PHASES, draft.phases),
    sectors: onlyOf(SECTORS, draft.sectors),
    threats: onlyOf(THREAT_FAMILIES, draft.threats),
    themes: onlyOf(THEMES, draft.themes),
    regions: onlyOf(REGIONS, draft.regions),
    countries: draft.countries,
    languages: draft.languages,
    marking: draft.marking,
    source: {
      citation: draft.citation,
      url: orNull(draft.url),
      publisher: orNull(draft.publisher),
      year: typeof draft.year === "number" ? draft.year : null,
      licence: orNull(draft.licence),
    },
  };
}

/** Field errors keyed as the form names its fields: "title", "source.url", "note"… */
export function proposalErrorsOf(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const item of problemOf(error)?.errors ?? []) {
    const segments = item.path
      .replace(/^(body|query|params)\.?/, "")
      .replace(/^content\.?/, "")
      .split(".")
      .filter((segment) => segment !== "" && !/^\d+$/.test(segment));
    const key = segments[0] === "source" ? segments.slice(0, 2).join(".") : (segments[0] ?? "");
    if (key && !(key in errors)) errors[key] = item.message;
  }
  return errors;
}
