// Exercise packages: an exercise's design as one YAML file that countries share (issue 19) — its
// type, objectives, scenario and MSEL, with organisations named by name and assets by operator and
// reference, never by an installation's ids, and nothing of its conduct (clock, observations,
// corrective actions) nor any person. readExercisePackage checks a file strictly and names every
// problem's field and line; writeExercisePackage writes one that reads back to the same package.
import { isMap, isSeq, LineCounter, parseDocument, stringify } from "yaml";
import {
  EXERCISE_CAPABILITIES,
  EXERCISE_MARK,
  EXERCISE_ROLES,
  EXERCISE_TYPES,
  type ExerciseCapability,
  type ExerciseRole,
  type ExerciseType,
  INJECT_CHANNELS,
  type InjectChannel,
} from "./vocabulary.ts";

/** The `format` line every package starts with (a later version of the format gets a new one). */
export const EXERCISE_PACKAGE_FORMAT = "bulwark-exercise-package/1";
/** Injects due later than this after the start are refused (the API's limit too). */
export const MAX_INJECT_OFFSET_MS = 366 * 24 * 3_600_000;

export interface PackageObjective {
  readonly title: string;
  /** A section id of resolution 2341's framework, or null when tied to a capability. */
  readonly section: string | null;
  readonly capability: ExerciseCapability | null;
}

export interface PackageParticipant {
  /** The organisation's name (an importer maps it to one of its own organisations). */
  readonly organisation: string;
  readonly role: ExerciseRole;
}

export interface PackageAsset {
  /** The operating organisation's name. */
  readonly operator: string;
  /** The operator's own reference of the asset. */
  readonly ref: string;
}

export interface PackageInject {
  readonly offsetMs: number;
  readonly sender: string;
  /** Names of player organisations of the package. */
  readonly to: readonly string[];
  readonly channel: InjectChannel;
  readonly content: string;
  readonly expectedAction: string;
  /** 1-based number of the objective it serves, or null. */
  readonly objective: number | null;
}

export interface ExercisePackage {
  readonly title: string;
  readonly type: ExerciseType;
  readonly summary: string;
  readonly objectives: readonly PackageObjective[];
  /** The threat scenario's slug in the risk catalogue, or null. */
  readonly threat: string | null;
  readonly attackedAssets: readonly PackageAsset[];
  readonly participants: readonly PackageParticipant[];
  readonly injects: readonly PackageInject[];
}

export type PackagePath = readonly (string | number)[];

/**
 * What a package check says, in English with {{placeholders}}: the server's catalogue holds these
 * sentences (i18n/en.ts takes them from here) and says them in the caller's language.
 */
export const PACKAGE_SENTENCES = {
  "package.required": "is required",
  "package.mapping": "must be a mapping",
  "package.unknownField": "unknown field (expected one of {{fields}})",
  "package.text": "must be a text",
  "package.maxCharacters": "must be at most {{max}} characters",
  "package.nonEmptyText": "must be a non-empty text",
  "package.oneOf": "must be one of {{allowed}}",
  "package.list": "must be a list",
  "package.atLeast": "must hold at least {{min}}",
  "package.atMost": "must hold at most {{max}}",
  "package.tied": "must be tied to one section of resolution 2341 or one capability",
  "package.section": "must be a section id: lower-case letters and digits joined by hyphens",
  "package.time": 'must be an exercise time h:mm:ss, e.g. "1:30:00" (quoted)',
  "package.timeMax": "must be at most 8784:00:00 (366 days)",
  "package.recipientRole": "must name a participant whose role is player",
  "package.recipientTwice": "names a recipient twice",
  "package.objective": "must be the number of an objective, from 1 to {{objectives}}",
  "package.exactly": "must be {{expected}}",
  "package.threat": "must be a threat scenario's slug, e.g. uas-payload-delivery",
  "package.assetTwice": "names an asset twice",
  "package.organisationTwice": "names an organisation twice",
  "package.yaml": "is not valid YAML: {{reason}}",
  "package.unreadable": "cannot be read: {{reason}}",
} as const;

/** A package problem's sentence: a key of PACKAGE_SENTENCES and its placeholders' values. */
export interface PackageSentence {
  readonly key: keyof typeof PACKAGE_SENTENCES;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** The sentence in English (the CLI's language, and the tests'). */
export const packageEnglish = (sentence: PackageSentence): string =>
  PACKAGE_SENTENCES[sentence.key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    String(sentence.values?.[name] ?? whole),
  );

export interface PackageProblem {
  /** The field, e.g. ["injects", 2, "at"] (empty: the whole file). */
  readonly path: PackagePath;
  /** The line of the field, or of the nearest mapping or list holding it; null when unknown. */
  readonly line: number | null;
  /** What is wrong, to be said in the reader's language. */
  readonly sentence: PackageSentence;
  /** The same in English. */
  readonly message: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const AT = /^(\d{1,4}):([0-5]\d):([0-5]\d)(?:\.(\d{3}))?$/;
const TOP = [
  "format",
  "mark",
  "title",
  "type",
  "summary",
  "objectives",
  "scenario",
  "participants",
  "injects",
];
const INJECT = ["at", "sender", "to", "channel", "content", "expectedAction", "objective"];

/** An exercise time as the package writes it: h:mm:ss, with .mmm when it has milliseconds. */
export function formatOffset(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const rest = ms % 1000;
  const clock = `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
  return rest === 0 ? clock : `${clock}.${String(rest).padStart(3, "0")}`;
}

class Checker {
  readonly problems: { path: PackagePath; sentence: PackageSentence }[] = [];
  fail(path: PackagePath, key: PackageSentence["key"], values?: PackageSentence["values"]): null {
    this.problems.push({ path, sentence: values ? { key, values } : { key } });
    return null;
  }
  record(value: unknown, path: PackagePath, keys: readonly string[]): Record<string, unknown> | null {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return this.fail(path, value === undefined ? "package.required" : "package.mapping");
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (!keys.includes(key)) this.fail([...path, key], "package.unknownField", { fields: keys.join(", ") });
    return record;
  }
  text(value: unknown, path: PackagePath, max: number, optional = false): string | null {
    // Optional texts are kept as written; required ones trimmed, as the API does.
    if (optional) {
      if (value === undefined || value === null) return "";
      if (typeof value !== "string") return this.fail(path, "package.text");
      if (value.length > max) return this.fail(path, "package.maxCharacters", { max });
      return value;
    }
    if (typeof value !== "string" || value.trim() === "")
      return this.fail(path, value === undefined ? "package.required" : "package.nonEmptyText");
    if (value.trim().length > max) return this.fail(path, "package.maxCharacters", { max });
    return value.trim();
  }
  oneOf<T extends string>(value: unknown, path: PackagePath, allowed: readonly T[]): T | null {
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    return value === undefined
      ? this.fail(path, "package.required")
      : this.fail(path, "package.oneOf", { allowed: allowed.join(", ") });
  }
  list(value: unknown, path: PackagePath, min: number, max: number): readonly unknown[] {
    if (value === undefined && min === 0) return [];
    if (!Array.isArray(value)) {
      this.fail(path, value === undefined ? "package.required" : "package.list");
      return [];
    }
    if (value.length < min) this.fail(path, "package.atLeast", { min });
    if (value.length > max) this.fail(path, "package.atMost", { max });
    return value.slice(0, max);
  }
}

function checkObjective(check: Checker, value: unknown, path: PackagePath): PackageObjective | null {
  const record = check.record(value, path, ["title", "section", "capability"]);
  if (record === null) return null;
  const title = check.text(record.title, [...path, "title"], 500);
  const hasSection = record.section !== undefined && record.section !== null;
  const hasCapability = record.capability !== undefined && record.capability !== null;
  if (hasSection === hasCapability) {
    check.fail(path, "package.tied");
    return null;
  }
  let section: string | null = null;
  if (hasSection) {
    if (typeof record.section !== "string" || !SLUG.test(record.section) || record.section.length > 100)
      check.fail([...path, "section"], "package.section");
    else section = record.section;
  }
  const capability = hasCapability
    ? check.oneOf(record.capability, [...path, "capability"], EXERCISE_CAPABILITIES)
    : null;
  if (title === null || (hasSection && section === null) || (hasCapability && capability === null))
    return null;
  return { title, section, capability };
}

function checkInject(
  check: Checker,
  value: unknown,
  path: PackagePath,
  players: ReadonlySet<string>,
  objectives: number,
): PackageInject | null {
  const record = check.record(value, path, INJECT);
  if (record === null) return null;
  let offsetMs: number | null = null;
  const at = typeof record.at === "string" ? AT.exec(record.at) : null;
  if (!at) check.fail([...path, "at"], "package.time");
  else {
    const [, h = "0", m = "0", s = "0", ms = "0"] = at;
    offsetMs = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
    if (offsetMs > MAX_INJECT_OFFSET_MS) offsetMs = check.fail([...path, "at"], "package.timeMax");
  }
  const sender = check.text(record.sender, [...path, "sender"], 200);
  const to: string[] = [];
  check.list(record.to, [...path, "to"], 1, 200).forEach((name, index) => {
    if (typeof name !== "string" || !players.has(name))
      check.fail([...path, "to", index], "package.recipientRole");
    else if (to.includes(name)) check.fail([...path, "to", index], "package.recipientTwice");
    else to.push(name);
  });
  const channel = check.oneOf(record.channel, [...path, "channel"], INJECT_CHANNELS);
  const content = check.text(record.content, [...path, "content"], 20_000);
  const expectedAction = check.text(record.expectedAction, [...path, "expectedAction"], 5_000, true);
  let objective: number | null = null;
  if (record.objective !== undefined && record.objective !== null) {
    const n = record.objective;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > objectives)
      check.fail([...path, "objective"], "package.objective", { objectives });
    else objective = n;
  }
  if (offsetMs === null || sender === null || channel === null || content === null) return null;
  if (expectedAction === null) return null;
  return { offsetMs, sender, to, channel, content, expectedAction, objective };
}

function checkPackage(check: Checker, data: unknown): ExercisePackage | null {
  const record = check.record(data, [], TOP);
  if (record === null) return null;
  if (record.format !== EXERCISE_PACKAGE_FORMAT)
    check.fail(["format"], "package.exactly", { expected: EXERCISE_PACKAGE_FORMAT });
  if (record.mark !== EXERCISE_MARK) check.fail(["mark"], "package.exactly", { expected: EXERCISE_MARK });
  const title = check.text(record.title, ["title"], 300);
  const type = check.oneOf(record.type, ["type"], EXERCISE_TYPES);
  const summary = check.text(record.summary, ["summary"], 20_000, true);
  const objectives: PackageObjective[] = [];
  const objectiveList = check.list(record.objectives, ["objectives"], 1, 50);
  objectiveList.forEach((item, index) => {
    const objective = checkObjective(check, item, ["objectives", index]);
    if (objective) objectives.push(objective);
  });
  let threat: string | null = null;
  const attackedAssets: PackageAsset[] = [];
  if (record.scenario !== undefined) {
    const scenario = check.record(record.scenario, ["scenario"], ["threat", "attackedAssets"]);
    if (scenario && scenario.threat !== undefined && scenario.threat !== null) {
      if (typeof scenario.threat !== "string" || !SLUG.test(scenario.threat) || scenario.threat.length > 100)
        check.fail(["scenario", "threat"], "package.threat");
      else threat = scenario.threat;
    }
    check.list(scenario?.attackedAssets, ["scenario", "attackedAssets"], 0, 200).forEach((item, index) => {
      const path = ["scenario", "attackedAssets", index];
      const asset = check.record(item, path, ["operator", "ref"]);
      if (asset === null) return;
      const operator = check.text(asset.operator, [...path, "operator"], 300);
      const ref = check.text(asset.ref, [...path, "ref"], 200);
      if (operator === null || ref === null) return;
      if (attackedAssets.some((a) => a.operator === operator && a.ref === ref))
        check.fail(path, "package.assetTwice");
      else attackedAssets.push({ operator, ref });
    });
  }
  const participants: PackageParticipant[] = [];
  check.list(record.participants, ["participants"], 0, 200).forEach((item, index) => {
    const path = ["participants", index];
    const participant = check.record(item, path, ["organisation", "role"]);
    if (participant === null) return;
    const organisation = check.text(participant.organisation, [...path, "organisation"], 300);
    const role = check.oneOf(participant.role, [...path, "role"], EXERCISE_ROLES);
    if (organisation === null || role === null) return;
    if (participants.some((p) => p.organisation === organisation))
      check.fail([...path, "organisation"], "package.organisationTwice");
    else participants.push({ organisation, role });
  });
  const players = new Set(participants.filter((p) => p.role === "player").map((p) => p.organisation));
  const injects: PackageInject[] = [];
  check.list(record.injects, ["injects"], 0, 1_000).forEach((item, index) => {
    const inject = checkInject(check, item, ["injects", index], players, objectiveList.length);
    if (inject) injects.push(inject);
  });
  if (check.problems.length > 0 || title === null || type === null || summary === null) return null;
  return { title, type, summary, objectives, threat, attackedAssets, participants, injects };
}

/** Where each field of a package file sits, to name the line of problems found later (the server's). */
export type PackageLocator = (path: PackagePath) => number | null;

/**
 * A package file's text, checked: the package and a locator of its fields' lines, or every problem
 * with its field and line.
 */
export function readExercisePackage(
  text: string,
): { package: ExercisePackage; locate: PackageLocator } | { problems: PackageProblem[] } {
  const lines = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ""), {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const lineOf = (offset: number | undefined) => (offset === undefined ? null : lines.linePos(offset).line);
  if (document.errors.length > 0)
    return {
      problems: document.errors.map((error) =>
        problemOf([], lineOf(error.pos[0]), {
          key: "package.yaml",
          values: { reason: error.message.split("\n")[0] ?? "" },
        }),
      ),
    };
  const locate: PackageLocator = (path) => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
      if (isMap(node) || isSeq(node) || (node && typeof node === "object" && "range" in node)) {
        const line = lineOf((node as { range?: [number, number, number] }).range?.[0]);
        if (line !== null) return line;
      }
    }
    return null;
  };
  const check = new Checker();
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      problems: [
        problemOf([], null, {
          key: "package.unreadable",
          values: { reason: error instanceof Error ? error.message : String(error) },
        }),
      ],
    };
  }
  const found = checkPackage(check, data);
  if (found !== null) return { package: found, locate };
  return {
    problems: check.problems.map(({ path, sentence }) => problemOf(path, locate(path), sentence)),
  };
}

const problemOf = (path: PackagePath, line: number | null, sentence: PackageSentence): PackageProblem => ({
  path,
  line,
  sentence,
  message: packageEnglish(sentence),
});

/** A problem as a person reads it: `line 12: injects.2.at: message`. */
export const problemText = (problem: PackageProblem): string =>
  `${problem.line === null ? "" : `line ${problem.line}: `}${problem.path.map(String).join(".") || "file"}: ${problem.message}`;

/** The package as YAML: the same package always gives the same text, which reads back to it. */
export function writeExercisePackage(pack: ExercisePackage): string {
  const data = {
    format: EXERCISE_PACKAGE_FORMAT,
    mark: EXERCISE_MARK,
    title: pack.title,
    type: pack.type,
    summary: pack.summary,
    objectives: pack.objectives.map((objective) =>
      objective.section !== null
        ? { title: objective.title, section: objective.section }
        : { title: objective.title, capability: objective.capability },
    ),
    scenario: {
      threat: pack.threat,
      attackedAssets: pack.attackedAssets.map((asset) => ({ operator: asset.operator, ref: asset.ref })),
    },
    participants: pack.participants.map((p) => ({ organisation: p.organisation, role: p.role })),
    injects: pack.injects.map((inject) => ({
      at: formatOffset(inject.offsetMs),
      sender: inject.sender,
      to: [...inject.to],
      channel: inject.channel,
      content: inject.content,
      expectedAction: inject.expectedAction,
      objective: inject.objective,
    })),
  };
  return `# ${EXERCISE_MARK}: an exercise package of Bulwark (${EXERCISE_PACKAGE_FORMAT}).\n${stringify(data, { lineWidth: 0 })}`;
}
