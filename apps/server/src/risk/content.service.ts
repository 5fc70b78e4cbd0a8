// The risk content shipped in content/: the default methodology (content/risk/methodology.yaml)
// and the threat scenario pack (content/scenarios/*.yaml), read and validated against the same
// schemas the API uses, and the pack loaded into the catalogue (new and changed scenarios only).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Methodology, ScenarioContent } from "@bulwark/contracts";
import { type Language, readYaml } from "@bulwark/core";
import { appendAudit, upsertScenario } from "@bulwark/db";
import type { z } from "zod";
import { methodologyIn, scenarioIn } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";

export const DEFAULT_METHODOLOGY_FILE = fileURLToPath(
  new URL("../../../../content/risk/methodology.yaml", import.meta.url),
);
export const SCENARIO_FOLDER = fileURLToPath(new URL("../../../../content/scenarios", import.meta.url));

export class RiskContentError extends Error {
  override name = "RiskContentError";
}

function readYamlFile<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  const read = readYaml(readFileSync(file, "utf8"));
  if (!read.ok) throw new RiskContentError(`${file}: ${read.message}`);
  const parsed = schema.safeParse(read.data);
  if (!parsed.success)
    throw new RiskContentError(
      `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  return parsed.data;
}

let defaultMethodology: Methodology | null = null;

/** The shipped default methodology (read once). */
export function readDefaultMethodology(): Methodology {
  defaultMethodology ??= readYamlFile(DEFAULT_METHODOLOGY_FILE, Methodology);
  return defaultMethodology;
}

// JSON with keys in order: a methodology read back from a jsonb column has its keys reordered.
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
let defaultKey: string | null = null;

/**
 * A methodology in the reader's language when it is the shipped default (an assessment keeps a copy
 * of the methodology it was scored under); an organisation's own methodology stays as written.
 */
export function methodologyFor(methodology: Methodology, language: Language): Methodology {
  if (language === "en") return methodology;
  defaultKey ??= canonical(readDefaultMethodology());
  return methodologyIn(methodology, canonical(methodology) === defaultKey, language);
}

export interface ScenarioFile {
  readonly slug: string;
  readonly content: ScenarioContent;
}

/** Every scenario file of the folder (its README aside), validated; throws on the first bad one. */
export function readScenarioPack(folder = SCENARIO_FOLDER): ScenarioFile[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => ({
      slug: name.slice(0, -".yaml".length),
      content: readYamlFile(join(folder, name), ScenarioContent),
    }));
}

let shippedTitles: Map<string, string> | null = null;

/**
 * A scenario's title as a summary names it (an assessment keeps the title it was written with), in
 * the reader's language when it is the shipped scenario's own English title.
 */
export function scenarioTitleFor(slug: string, title: string, language: Language): string {
  if (language === "en") return title;
  shippedTitles ??= new Map(readScenarioPack().map((file) => [file.slug, file.content.title]));
  if (shippedTitles.get(slug) !== title) return title;
  return scenarioIn(
    { title, summary: "", description: "", targets: [], attackPaths: [] },
    slug,
    true,
    language,
  ).title;
}

/** Load the pack into the catalogue (all or nothing), audited; unchanged scenarios are left alone. */
export async function loadScenarioPack(
  context: ServerContext,
  pack: readonly ScenarioFile[] = readScenarioPack(),
): Promise<{ created: number; updated: number; unchanged: number }> {
  const now = context.clock();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  await context.db.transaction(async (tx) => {
    for (const { slug, content } of pack) {
      const { id, outcome } = await upsertScenario(tx, {
        slug,
        organisationId: null,
        family: content.family,
        title: content.title,
        content,
        now,
      });
      counts[outcome] += 1;
      if (outcome !== "unchanged")
        await appendAudit(
          tx,
          {
            actorId: null,
            action: `risk.scenario.${outcome === "created" ? "create" : "update"}`,
            targetType: "risk-scenario",
            targetId: id,
            details: { slug, source: "content-pack" },
          },
          now,
        );
    }
  });
  return counts;
}
