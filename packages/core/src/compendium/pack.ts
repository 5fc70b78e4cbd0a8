// Compendium packs: one Markdown file per entry, YAML front matter holding the tags and the
// source (content/compendium/README.md). Parsing here only splits and renames; the schema in
// @bulwark/contracts validates the result, so a pack and the API accept exactly the same entries.
import { parse, stringify, YAMLParseError } from "yaml";

export interface PackProblem {
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
}

export interface PackFile {
  readonly slug: string;
  /** Entry fields in the API's names (tool_kind becomes toolKind), body included. */
  readonly fields: Record<string, unknown>;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Keys written in snake_case in files and camelCase in the API. */
const RENAMED: Readonly<Record<string, string>> = { tool_kind: "toolKind" };

/** The slug of `file` (its name without .md), or null when the name cannot be one. */
export function slugOfFile(file: string): string | null {
  const name = file.replace(/^.*[\\/]/, "");
  if (!name.endsWith(".md")) return null;
  const slug = name.slice(0, -3);
  return SLUG.test(slug) && slug.length >= 3 && slug.length <= 120 ? slug : null;
}

export function readEntryFile(file: string, text: string): PackFile | PackProblem {
  const slug = slugOfFile(file);
  if (slug === null)
    return {
      file,
      line: null,
      message: "The file name must be the entry's slug: lowercase letters, digits and hyphens, then .md.",
    };
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ""));
  if (!match)
    return { file, line: 1, message: "The file must start with YAML front matter between two --- lines." };
  let data: unknown;
  try {
    data = parse(match[1] ?? "");
  } catch (error) {
    if (error instanceof YAMLParseError)
      return { file, line: (error.linePos?.[0]?.line ?? 0) + 1, message: error.message.split("\n")[0] ?? "" };
    throw error;
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return { file, line: 2, message: "The front matter must be a set of `key: value` lines." };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) fields[RENAMED[key] ?? key] = value;
  fields.body = text
    .replace(/^\uFEFF/, "")
    .slice(match[0].length)
    .trim();
  return { slug, fields };
}

export const isPackProblem = (value: PackFile | PackProblem): value is PackProblem => "message" in value;

/** What an entry file holds, in the API's names. */
export interface EntryFileContent {
  readonly title: string;
  readonly type: string;
  readonly toolKind: string | null;
  readonly summary: string;
  readonly body: string;
  readonly language: string;
  readonly phases: readonly string[];
  readonly sectors: readonly string[];
  readonly threats: readonly string[];
  readonly themes: readonly string[];
  readonly regions: readonly string[];
  readonly countries: readonly string[];
  readonly languages: readonly string[];
  readonly marking: string;
  readonly source: {
    readonly citation: string;
    readonly url: string | null;
    readonly publisher: string | null;
    readonly year: number | null;
    readonly licence: string | null;
  };
}

/** The file for an entry; reading it back gives the same content. */
export function writeEntryFile(content: EntryFileContent): string {
  const { body, toolKind, source, ...rest } = content;
  const front: Record<string, unknown> = {
    title: rest.title,
    type: rest.type,
    ...(toolKind ? { tool_kind: toolKind } : {}),
    summary: rest.summary,
    language: rest.language,
    phases: rest.phases,
    sectors: rest.sectors,
    threats: rest.threats,
    themes: rest.themes,
    regions: rest.regions,
    countries: rest.countries,
    languages: rest.languages,
    marking: rest.marking,
    source: Object.fromEntries(Object.entries(source).filter(([, value]) => value !== null)),
  };
  const yaml = stringify(front, { lineWidth: 100, flowCollectionPadding: false, collectionStyle: "any" })
    // Short tag lists read best on one line: [prevention, response].
    .replace(/^(\w+):\n((?: {2}- [^\n]+\n)+)/gm, (whole, key: string, items: string) => {
      const values = items
        .trim()
        .split("\n")
        .map((line) => line.replace(/^\s*- /, ""));
      const inline = `${key}: [${values.join(", ")}]\n`;
      return values.every((value) => /^[\w+-]+$/.test(value)) && inline.length <= 100 ? inline : whole;
    });
  return `---\n${yaml}---\n\n${body.trim()}\n`;
}

/** A slug from a title: "ISO 31000:2018 Risk management" -> "iso-31000-2018-risk-management". */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return slug.length >= 3 ? slug : `entry-${slug || "untitled"}`.slice(0, 80);
}

/**
 * A pack's translations file (translations/<language>.yaml): a mapping of entry slugs to a title
 * and a summary, as read (the schema in @bulwark/contracts validates each), or the problem.
 */
export function readTranslationsFile(
  file: string,
  text: string,
): { entries: Record<string, unknown> } | PackProblem {
  let data: unknown;
  try {
    data = parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    return { file, line: error.linePos?.[0]?.line ?? null, message: error.message };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return { file, line: null, message: "Write a mapping of entry slugs to a title and a summary." };
  return { entries: data as Record<string, unknown> };
}

/** A translations file's text: the entries' titles and summaries into `language`, by slug. */
export function writeTranslationsFile(
  language: string,
  bySlug: Readonly<Record<string, { title: string; summary: string; source?: string }>>,
): string {
  return `# Bulwark's own translation (${language}) of each entry's title and summary; the sources stay the originals.\n${stringify(bySlug, { lineWidth: 100 })}`;
}
