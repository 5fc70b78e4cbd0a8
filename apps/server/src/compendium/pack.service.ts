// Compendium packs on disk (content/compendium/*.md, and Bulwark's translations of titles and
// summaries in translations/<language>.yaml): read and validate a folder, publish what is new or
// changed (all or nothing), and write the entries one may see back out as files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type EntryContent,
  EntryContent as EntryContentSchema,
  EntryTranslationText,
} from "@bulwark/contracts";
import {
  type Actor,
  compendiumPolicy,
  isPackProblem,
  LANGUAGES,
  type Language,
  type PackProblem,
  readEntryFile,
  readTranslationsFile,
  unstorableIndex,
  unstorableReason,
  writeEntryFile,
  writeTranslationsFile,
} from "@bulwark/core";
import {
  appendAudit,
  type EntryTranslations,
  listEntries,
  listTranslations,
  publishEntry,
  type TranslationRow,
  writeTranslations,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { asContent } from "./entries.service.ts";

export const DEMO_COMPENDIUM = fileURLToPath(new URL("../../../../content/compendium", import.meta.url));

export interface PackEntry {
  readonly slug: string;
  readonly content: EntryContent;
  /**
   * Bulwark's translations of the title and summary, by language: exactly those the entry keeps
   * (readPack always says, {} for none); absent, the stored ones are left as they are.
   */
  readonly translations?: EntryTranslations;
}

/** Where a pack keeps its translations: translations/<language>.yaml, entries keyed by slug. */
const TRANSLATIONS = "translations";

export class PackError extends Error {
  override name = "PackError";
  constructor(readonly problems: readonly PackProblem[]) {
    super(
      `The pack has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems
        .map((problem) => `  ${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`)
        .join("\n")}`,
    );
  }
}

/** Every *.md file of `folder` but its README, validated like an API proposal. Throws PackError. */
export function readPack(folder: string): PackEntry[] {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md")
    .sort();
  const problems: PackProblem[] = [];
  const entries: PackEntry[] = [];
  for (const name of files) {
    const file = join(folder, name);
    const text = readFileSync(file, "utf8");
    // Text the database cannot store (a NUL byte; bytes that are not UTF-8 read as U+FFFD, storable).
    const at = unstorableIndex(text);
    if (at >= 0) {
      problems.push({
        file,
        line: text.slice(0, at).split("\n").length,
        message: unstorableReason(text) ?? "",
      });
      continue;
    }
    const read = readEntryFile(file, text);
    if (isPackProblem(read)) {
      problems.push(read);
      continue;
    }
    const parsed = EntryContentSchema.safeParse(read.fields);
    if (parsed.success) entries.push({ slug: read.slug, content: parsed.data, translations: {} });
    else
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          line: null,
          message: `${issue.path.map(String).map(fileKey).join(".") || "front matter"}: ${issue.message}`,
        });
  }
  readTranslations(folder, entries, problems);
  if (problems.length > 0) throw new PackError(problems);
  return entries;
}

/**
 * Adds each translations/<language>.yaml of the pack to its entries (a mapping of slug to title and
 * summary). A file for a language outside the six, a slug the pack lacks, a translation into the
 * entry's own language or a malformed one is a problem.
 */
function readTranslations(folder: string, entries: PackEntry[], problems: PackProblem[]): void {
  const dir = join(folder, TRANSLATIONS);
  if (!existsSync(dir)) return;
  const bySlug = new Map(entries.map((entry) => [entry.slug, entry]));
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .sort()) {
    const file = join(dir, name);
    const language = name.slice(0, -".yaml".length);
    if (!(LANGUAGES as readonly string[]).includes(language)) {
      problems.push({ file, line: null, message: `Name the file after one of ${LANGUAGES.join(", ")}.` });
      continue;
    }
    const text = readFileSync(file, "utf8");
    const at = unstorableIndex(text);
    if (at >= 0) {
      problems.push({
        file,
        line: text.slice(0, at).split("\n").length,
        message: unstorableReason(text) ?? "",
      });
      continue;
    }
    const data = readTranslationsFile(file, text);
    if ("message" in data) {
      problems.push(data);
      continue;
    }
    for (const [slug, value] of Object.entries(data.entries)) {
      const entry = bySlug.get(slug);
      if (!entry) {
        problems.push({ file, line: null, message: `${slug}: no entry of the pack has this slug.` });
        continue;
      }
      if (entry.content.language === language) {
        problems.push({ file, line: null, message: `${slug}: the entry is written in ${language} already.` });
        continue;
      }
      const parsed = EntryTranslationText.safeParse(value);
      if (parsed.success) (entry.translations ?? {})[language] = parsed.data;
      else
        for (const issue of parsed.error.issues)
          problems.push({
            file,
            line: null,
            message: `${[slug, ...issue.path.map(String)].join(".")}: ${issue.message}`,
          });
    }
  }
}

const fileKey = (key: string) => (key === "toolKind" ? "tool_kind" : key);

export interface PackReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Translations written (new or changed) or removed. */
  translations: number;
}

const same = (a: EntryContent, b: EntryContent) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Publish the pack's entries: new ones at version 1, changed ones as a new version, the rest
 * left alone. One transaction: all or nothing. `actor` null is the console (seed, CLI).
 */
export async function loadPack(
  context: ServerContext,
  actor: Actor | null,
  entries: readonly PackEntry[],
): Promise<PackReport> {
  const now = context.clock();
  const report: PackReport = { created: 0, updated: 0, unchanged: 0, translations: 0 };
  await context.db.transaction(async (tx) => {
    // One read of what is published (a start-up runs this on every seed), then only the writes.
    const published = new Map((await listEntries(tx, { kind: "all" })).map((entry) => [entry.slug, entry]));
    const translated = await listTranslations(tx, { kind: "all" });
    const save: TranslationRow[] = [];
    const remove: { entryId: string; language: string }[] = [];
    const translate = (entryId: string, entry: PackEntry) => {
      if (entry.translations === undefined) return;
      const stored = translated.get(entry.slug) ?? {};
      for (const [language, text] of Object.entries(entry.translations)) {
        const was = stored[language];
        if (was?.title !== text.title || was.summary !== text.summary || was.source !== (text.source ?? null))
          save.push({ entryId, language, ...text, source: text.source ?? null });
      }
      for (const language of Object.keys(stored))
        if (!(language in entry.translations)) remove.push({ entryId, language });
    };
    for (const entry of entries) {
      const current = published.get(entry.slug);
      if (current && same(EntryContentSchema.parse(current), entry.content)) {
        report.unchanged += 1;
        translate(current.id, entry);
        continue;
      }
      const { id } = await publishEntry(tx, {
        slug: entry.slug,
        content: entry.content,
        organisationId: null,
        authorId: actor?.userId ?? null,
        note: current ? "Updated from a content pack." : "Loaded from a content pack.",
        now,
      });
      if (current) report.updated += 1;
      else report.created += 1;
      translate(id, entry);
    }
    // Translations in two statements at most: each rebuilds the search rows it touched once.
    await writeTranslations(tx, save, remove);
    report.translations = save.length + remove.length;
    if (report.created + report.updated + report.translations > 0)
      await appendAudit(
        tx,
        {
          actorId: actor?.userId ?? null,
          action: "compendium.load-pack",
          targetType: "compendium",
          targetId: null,
          details: { ...report },
        },
        now,
      );
  });
  return report;
}

/** Write the entries `actor` may see (all for the console) as a pack in `folder`. */
export async function exportPack(
  context: ServerContext,
  actor: Actor | null,
  folder: string,
): Promise<number> {
  const scope = actor ? compendiumPolicy.readScope(actor) : ({ kind: "all" } as const);
  const entries = await listEntries(context.db, scope);
  mkdirSync(folder, { recursive: true });
  for (const entry of entries)
    writeFileSync(join(folder, `${entry.slug}.md`), writeEntryFile(asContent(entry)));
  // Translations: one file per language, entries in slug order.
  const byLanguage = new Map<Language, Record<string, { title: string; summary: string; source?: string }>>();
  for (const [slug, translations] of await listTranslations(context.db, scope))
    for (const [language, { title, summary, source }] of Object.entries(translations)) {
      const file = byLanguage.get(language as Language) ?? {};
      file[slug] = source ? { title, summary, source } : { title, summary };
      byLanguage.set(language as Language, file);
    }
  if (byLanguage.size > 0) mkdirSync(join(folder, TRANSLATIONS), { recursive: true });
  for (const [language, file] of byLanguage)
    writeFileSync(join(folder, TRANSLATIONS, `${language}.yaml`), writeTranslationsFile(language, file));
  return entries.length;
}
