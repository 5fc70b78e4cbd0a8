// The notification regimes shipped in content/notification-regimes (format in its README), read
// from the repository like the other content packs and checked by core's readRegime: a file's id
// must be its name, and errors name the file, the field and the line.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { NotificationRegime } from "@bulwark/contracts";
import { type PackProblem, type Regime, readRegime } from "@bulwark/core";
import { invalid } from "../errors.ts";

export const REGIMES_FOLDER = fileURLToPath(
  new URL("../../../../content/notification-regimes", import.meta.url),
);

export class RegimeFileError extends Error {
  override name = "RegimeFileError";
  constructor(readonly problems: readonly PackProblem[]) {
    super(
      `The notification regimes have ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems
        .map((problem) => `  ${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`)
        .join("\n")}`,
    );
  }
}

/** Every *.yaml file of `folder`, checked, by id. Throws RegimeFileError naming every problem. */
export function readRegimes(folder = REGIMES_FOLDER): ReadonlyMap<string, Regime> {
  const problems: PackProblem[] = [];
  const regimes = new Map<string, Regime>();
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith(".yaml"))
    .sort()) {
    const file = join(folder, name);
    const read = readRegime(file, readFileSync(file, "utf8"));
    if ("problems" in read) {
      problems.push(...read.problems);
      continue;
    }
    const id = basename(name, ".yaml");
    if (read.regime.id !== id) {
      problems.push({
        file,
        line: null,
        message: `id: "${read.regime.id}" must be the file's name, "${id}"`,
      });
      continue;
    }
    regimes.set(id, read.regime);
  }
  if (problems.length > 0) throw new RegimeFileError(problems);
  return regimes;
}

let shipped: ReadonlyMap<string, Regime> | null = null;

/** The shipped regimes, read once. */
export function shippedRegimes(): ReadonlyMap<string, Regime> {
  shipped ??= readRegimes();
  return shipped;
}

/** The shipped regime `id`, or 422 naming `path` and the regimes there are. */
export function knownRegime(id: string, path = "body.regime"): Regime {
  const regime = shippedRegimes().get(id);
  if (!regime)
    throw invalid("No such notification regime.", [
      {
        path,
        message: {
          key: "detail.useOneOf" as const,
          values: { choices: [...shippedRegimes().keys()].join(", ") },
        },
      },
    ]);
  return regime;
}

/** 422 naming `path` unless `report` is one of the regime's reports. */
export function checkRegimeReport(regime: Regime, report: string, path = "body.report"): void {
  if (!regime.reports.some((known) => known.id === report))
    throw invalid({ key: "incidents.notRegimeReport", values: { report, regime: regime.id } }, [
      {
        path,
        message: {
          key: "detail.useOneOf" as const,
          values: { choices: regime.reports.map((known) => known.id).join(", ") },
        },
      },
    ]);
}

/** A regime as the API shows it. */
export const presentRegime = (regime: Regime): NotificationRegime => ({
  ...regime,
  source: { ...regime.source },
  sectors: [...regime.sectors],
  authorities: regime.authorities.map((authority) => ({
    ...authority,
    sectors: authority.sectors ? [...authority.sectors] : null,
  })),
  reports: regime.reports.map((report) => ({
    ...report,
    due: { ...report.due },
    fields: report.fields.map((field) => ({ ...field })),
  })),
  notes: [...regime.notes],
});
