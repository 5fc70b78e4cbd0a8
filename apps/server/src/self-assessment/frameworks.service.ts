// Self-assessment frameworks: read and validate the YAML files of content/frameworks (errors name
// the file and the path), load new versions into the database (a version already loaded must not
// change: runs keep the version they started with), and list them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Framework, type FrameworkSummary } from "@bulwark/contracts";
import { type Language, type PackProblem, readFrameworkFile } from "@bulwark/core";
import { appendAudit, findFramework, insertFramework, listFrameworks } from "@bulwark/db";
import { frameworkIn } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";

export const FRAMEWORKS_FOLDER = fileURLToPath(new URL("../../../../content/frameworks", import.meta.url));

export class FrameworkFileError extends Error {
  override name = "FrameworkFileError";
  constructor(readonly problems: readonly PackProblem[]) {
    super(
      `The frameworks have ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems
        .map((problem) => `  ${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`)
        .join("\n")}`,
    );
  }
}

/** Every *.yaml file of `folder`, validated. Throws FrameworkFileError naming each file and path. */
export function readFrameworks(folder = FRAMEWORKS_FOLDER): Framework[] {
  const problems: PackProblem[] = [];
  const frameworks: Framework[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith(".yaml") || file.endsWith(".yml"))
    .sort()) {
    const file = join(folder, name);
    const read = readFrameworkFile(file, readFileSync(file, "utf8"));
    if ("message" in read) {
      problems.push(read);
      continue;
    }
    const parsed = Framework.safeParse(read.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          line: null,
          message: `${issue.path.map(String).join(".") || "document"}: ${issue.message}`,
        });
      continue;
    }
    const key = `${parsed.data.id}@${parsed.data.version}`;
    const other = seen.get(key);
    if (other)
      problems.push({
        file,
        line: null,
        message: `version ${parsed.data.version} of "${parsed.data.id}" is also in ${other}`,
      });
    seen.set(key, file);
    frameworks.push(parsed.data);
  }
  if (problems.length > 0) throw new FrameworkFileError(problems);
  return frameworks;
}

/** Slugs named by the frameworks that are not among `known` (every recommendation must exist). */
export function unknownEntries(frameworks: readonly Framework[], known: ReadonlySet<string>): string[] {
  const missing = new Set<string>();
  for (const framework of frameworks)
    for (const section of framework.sections)
      for (const question of section.questions)
        for (const slug of question.entries)
          if (!known.has(slug)) missing.add(`${framework.id}/${question.id}: ${slug}`);
  return [...missing].sort();
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Load framework versions that are not in the database yet (one transaction, audited). A version
 * already loaded with different content is refused: publish a new version instead.
 */
export async function loadFrameworks(
  context: ServerContext,
  frameworks: readonly Framework[],
): Promise<{ loaded: number; unchanged: number }> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    let loaded = 0;
    let unchanged = 0;
    for (const framework of frameworks) {
      const current = await findFramework(tx, framework.id, framework.version);
      if (current) {
        if (!same(Framework.parse(current.content), framework))
          throw new FrameworkFileError([
            {
              file: `${framework.id} version ${framework.version}`,
              line: null,
              message: "this version was loaded before with other content; give the change a new version",
            },
          ]);
        unchanged += 1;
        continue;
      }
      await insertFramework(
        tx,
        { id: framework.id, version: framework.version, title: framework.title, content: framework },
        now,
      );
      await appendAudit(
        tx,
        {
          actorId: null,
          action: "self-assessment.load-framework",
          targetType: "self-assessment-framework",
          targetId: null,
          details: { framework: framework.id, version: framework.version },
        },
        now,
      );
      loaded += 1;
    }
    return { loaded, unchanged };
  });
}

const summaryOf = (framework: Framework): FrameworkSummary => ({
  id: framework.id,
  version: framework.version,
  title: framework.title,
  summary: framework.summary,
  source: framework.source,
  sections: framework.sections.length,
  questions: framework.sections.reduce((sum, section) => sum + section.questions.length, 0),
});

/** The frameworks loaded, in `language` where Bulwark translated them (content/frameworks/i18n). */
export async function frameworks(
  context: ServerContext,
  language: Language = "en",
): Promise<FrameworkSummary[]> {
  return (await listFrameworks(context.db)).map((record) =>
    summaryOf(frameworkIn(Framework.parse(record.content), language)),
  );
}

/**
 * One version of a framework (the latest without `version`), its texts in `language` where Bulwark
 * translated them; ids, weights and answer types are the same in every language.
 */
export async function frameworkVersion(
  context: ServerContext,
  id: string,
  version?: number,
  language: Language = "en",
): Promise<Framework> {
  const record = await findFramework(context.db, id, version);
  if (!record) throw notFound("framework");
  return frameworkIn(Framework.parse(record.content), language);
}
