// Compendium packs on disk (content/compendium/*.md): read and validate a folder, publish what is
// new or changed (all or nothing), and write the entries one may see back out as files.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type EntryContent, EntryContent as EntryContentSchema } from "@bulwark/contracts";
import {
  type Actor,
  compendiumPolicy,
  isPackProblem,
  type PackProblem,
  readEntryFile,
  unstorableIndex,
  unstorableReason,
  writeEntryFile,
} from "@bulwark/core";
import { appendAudit, listEntries, publishEntry } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { asContent } from "./entries.service.ts";

export const DEMO_COMPENDIUM = fileURLToPath(new URL("../../../../content/compendium", import.meta.url));

export interface PackEntry {
  readonly slug: string;
  readonly content: EntryContent;
}

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
    if (parsed.success) entries.push({ slug: read.slug, content: parsed.data });
    else
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          line: null,
          message: `${issue.path.map(String).map(fileKey).join(".") || "front matter"}: ${issue.message}`,
        });
  }
  if (problems.length > 0) throw new PackError(problems);
  return entries;
}

const fileKey = (key: string) => (key === "toolKind" ? "tool_kind" : key);

export interface PackReport {
  created: number;
  updated: number;
  unchanged: number;
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
  const report: PackReport = { created: 0, updated: 0, unchanged: 0 };
  await context.db.transaction(async (tx) => {
    // One read of what is published (a start-up runs this on every seed), then only the writes.
    const published = new Map((await listEntries(tx, { kind: "all" })).map((entry) => [entry.slug, entry]));
    for (const entry of entries) {
      const current = published.get(entry.slug);
      if (current && same(EntryContentSchema.parse(current), entry.content)) {
        report.unchanged += 1;
        continue;
      }
      await publishEntry(tx, {
        slug: entry.slug,
        content: entry.content,
        organisationId: null,
        authorId: actor?.userId ?? null,
        note: current ? "Updated from a content pack." : "Loaded from a content pack.",
        now,
      });
      if (current) report.updated += 1;
      else report.created += 1;
    }
    if (report.created + report.updated > 0)
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
  return entries.length;
}
