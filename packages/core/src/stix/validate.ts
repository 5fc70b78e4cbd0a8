// Checks STIX 2.1 content arriving from outside (an uploaded bundle, a TAXII envelope, a remote
// collection) before anything is stored: the bundle's shape, the common properties of every object
// (STIX 2.1 part 3) and the required properties of each type the specification defines (parts 4-7).
// Custom `x-` types and properties the specification does not name are kept as they are: only
// their names are checked, and `_ref`/`_refs` values of all but `x_` properties. One pass, no copies: the objects handed back are the ones received,
// with each one's JSON text as the check made it (what is stored, ADR 0046).

import { findUnstorableText, type UnstorableSentence, unstorableEnglish } from "../text/storable-text.ts";

/**
 * What the checks say, in English with {{placeholders}}: the server's catalogue holds these
 * sentences (i18n/en.ts takes them from here) and says them in the caller's language.
 */
export const STIX_SENTENCES = {
  "stix.bundle": "A STIX bundle is a JSON object with type, id and objects.",
  "stix.bundle20":
    "This is a STIX 2.0 bundle; Bulwark takes STIX 2.1 only (convert it first, e.g. with the OASIS stix2-elevator).",
  "stix.bundleType": 'must be "bundle"',
  "stix.bundleId": "must be bundle--UUID",
  "stix.objects": "must be a list of STIX objects",
  "stix.notObject": "is not a JSON object",
  "stix.typeName": "must be a STIX type name (3 to 250 characters: a-z, 0-9 and hyphens)",
  "stix.specRequired":
    'is required: "2.1" (an object without it is STIX 2.0, which Bulwark does not take; convert it first)',
  "stix.spec20": "is 2.0: Bulwark takes STIX 2.1 only (convert it first, e.g. with the OASIS stix2-elevator)",
  "stix.spec21": 'must be "2.1"',
  "stix.required": "is required",
  "stix.markings": "must be a list of marking-definition identifiers",
  "stix.createdBy": "must be an identity identifier",
  "stix.confidence": "must be an integer from 0 to 100",
  "stix.propertyName": "is not a valid property name (3 to 250 characters: letters, digits and underscores)",
  "stix.refs": "must be a list of STIX identifiers",
  "stix.externalReference": "must be an object with a source_name",
  "stix.granularMarking": "must have selectors and a marking_ref (identifier) or lang",
  "stix.list": "must be a list",
  "stix.killChainPhase": "must have a kill_chain_name and a phase_name",
  "stix.extensionName": "must be named by an extension-definition id or end in -ext",
  "stix.object": "must be an object",
  "stix.location": "needs region, country, or latitude and longitude",
  "stix.latitudeLongitude": "latitude and longitude go together",
  "stix.malwareName": "is required when is_family is true",
  "stix.numberObserved": "must be between 1 and 999,999,999",
  "stix.definition": "is required with definition_type",
  "stix.kind.string": "must be a string",
  "stix.kind.timestamp": "must be an RFC 3339 UTC timestamp such as 2026-01-31T12:00:00.000Z",
  "stix.kind.id": "must be a STIX identifier (type--UUID)",
  "stix.kind.ids": "must be a non-empty list of STIX identifiers",
  "stix.kind.boolean": "must be true or false",
  "stix.kind.integer": "must be an integer",
  "stix.kind.strings": "must be a list of strings",
  "stix.kind.object": "must be an object",
  "stix.kind.list": "must be a list",
  "stix.oneOf": "needs at least one of {{properties}}",
  "stix.notEarlier": "must not be earlier than {{earlier}}",
  "stix.later": "must be later than {{earlier}}",
  "stix.idOfType": "must be {{type}}--UUID",
  "stix.idStart": 'must start with "{{type}}--" (the object\'s type)',
  "stix.nesting": "nests objects and lists more than {{levels}} levels deep",
  "stix.requiredFor": "is required for {{type}}",
} as const;

/** A problem's sentence: a key of STIX_SENTENCES (or of text that cannot be stored) and its values. */
export type StixSentence =
  | { readonly key: keyof typeof STIX_SENTENCES; readonly values?: Readonly<Record<string, string | number>> }
  | UnstorableSentence;

/** The sentence in English. */
export function stixEnglish(sentence: StixSentence): string {
  if (sentence.key.startsWith("text.")) return unstorableEnglish(sentence as UnstorableSentence);
  const values: Readonly<Record<string, string | number>> = sentence.values ?? {};
  return STIX_SENTENCES[sentence.key as keyof typeof STIX_SENTENCES].replace(
    /\{\{(\w+)\}\}/g,
    (whole, name: string) => String(values[name] ?? whole),
  );
}

/** One thing wrong with an object, named so the sender can find it. */
export interface StixProblem {
  /** Position in the bundle's `objects` (or the envelope's), or null for the bundle itself. */
  readonly index: number | null;
  /** The object's id when it has a readable one. */
  readonly id: string | null;
  readonly property: string | null;
  /** What is wrong, to be said in the reader's language. */
  readonly sentence: StixSentence;
  /** The same in English. */
  readonly message: string;
}

export type StixCheck =
  | {
      readonly ok: true;
      readonly objects: readonly CheckedStixObject[];
      /** Each object as JSON text (JSON.stringify's), made while it was checked: what is stored. */
      readonly json: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly StixProblem[]; readonly problemCount: number };

/** An object that passed the checks: the common properties are known to hold these types. */
export interface CheckedStixObject {
  readonly type: string;
  readonly id: string;
  readonly spec_version?: string;
  readonly created?: string;
  readonly modified?: string;
  readonly revoked?: boolean;
  readonly object_marking_refs?: readonly string[];
  readonly [property: string]: unknown;
}

/** At most this many problems are listed (the count says how many there were). */
export const MAX_STIX_PROBLEMS = 100;

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const BUNDLE_ID = new RegExp(`^bundle--${UUID}$`);
const TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;

// The checks below run several times per object on bundles of 100,000 objects and more, so they
// read character codes instead of running regular expressions (a STIX id's regular expression
// backtracks over the whole UUID). validate.test.ts holds them to the regular expressions they
// replace, written out there.

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLowerOrDigit = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
const isHexDigit = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);

/**
 * The type part of a STIX identifier (`type--UUID`, the type of lowercase letters, digits and
 * inner hyphens), or null when the value is not one.
 */
export function stixIdType(value: string): string | null {
  const split = value.length - 38;
  if (split < 2 || value.charCodeAt(split) !== 45 || value.charCodeAt(split + 1) !== 45) return null;
  for (let k = 0; k < 36; k++) {
    const code = value.charCodeAt(split + 2 + k);
    if (k === 8 || k === 13 || k === 18 || k === 23 ? code !== 45 : !isHexDigit(code)) return null;
  }
  for (let k = 0; k < split; k++) {
    const code = value.charCodeAt(k);
    if (!isLowerOrDigit(code) && (code !== 45 || k === 0 || k === split - 1)) return null;
  }
  return value.slice(0, split);
}

/** Spec property names are lowercase; custom ones may also use uppercase (STIX 2.1 3.1 and 11.1). */
export function isStixPropertyName(name: string): boolean {
  if (name.length < 3 || name.length > 250) return false;
  for (let k = 0; k < name.length; k++) {
    const code = name.charCodeAt(k);
    if (!(isDigit(code) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95))
      return false;
  }
  return true;
}

/** The two digits at `at` as a number, or -1 when they are not two digits. */
function twoDigits(value: string, at: number): number {
  const tens = value.charCodeAt(at);
  const units = value.charCodeAt(at + 1);
  return isDigit(tens) && isDigit(units) ? (tens - 48) * 10 + units - 48 : -1;
}

/**
 * An RFC 3339 UTC timestamp as STIX writes it (the "Z" is required): YYYY-MM-DDTHH:MM:SS, an
 * optional fraction of any length, Z; a date's day may be up to 31 in any month, as Date.parse
 * takes it; a leap second (60), which Date.parse does not take, is refused.
 */
export function isStixTimestamp(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const length = value.length;
  if (length < 20 || value.charCodeAt(length - 1) !== 90 /* Z */) return false;
  if (
    !isDigit(value.charCodeAt(0)) ||
    !isDigit(value.charCodeAt(1)) ||
    !isDigit(value.charCodeAt(2)) ||
    !isDigit(value.charCodeAt(3)) ||
    value.charCodeAt(4) !== 45 /* - */ ||
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 /* T */ ||
    value.charCodeAt(13) !== 58 /* : */ ||
    value.charCodeAt(16) !== 58
  )
    return false;
  if (length > 20) {
    if (length === 21 || value.charCodeAt(19) !== 46 /* . */) return false;
    for (let k = 20; k < length - 1; k++) if (!isDigit(value.charCodeAt(k))) return false;
  }
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

/** Compares two valid STIX timestamps to the nanosecond (negative when a is earlier). */
export function compareStixTimestamps(a: string, b: string): number {
  if (a === b) return 0;
  const left = sortable(a);
  const right = sortable(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function sortable(value: string): string {
  const dot = value.indexOf(".");
  if (dot < 0) return `${value.slice(0, 19)}.000000000`;
  return `${value.slice(0, 19)}.${value
    .slice(dot + 1, -1)
    .padEnd(9, "0")
    .slice(0, 9)}`;
}

const isId = (value: unknown): value is string => typeof value === "string" && stixIdType(value) !== null;

type Kind = "string" | "timestamp" | "id" | "ids" | "boolean" | "integer" | "strings" | "object" | "list";

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "timestamp":
      return isStixTimestamp(value);
    case "id":
      return isId(value);
    case "ids":
      return Array.isArray(value) && value.length > 0 && value.every(isId);
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isInteger(value);
    case "strings":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "list":
      return Array.isArray(value);
  }
}

/** A type's checks beyond its required properties, answering the message or null. */
type Rule = (object: Record<string, unknown>) => { property: string; sentence: StixSentence } | null;

interface TypeSpec {
  readonly category: "sdo" | "sro" | "sco" | "meta";
  /** Required properties (beyond the common ones of the category) and what they hold. */
  readonly required: readonly (readonly [string, Kind])[];
  /** Optional properties whose type is checked when present. */
  readonly optional?: readonly (readonly [string, Kind])[];
  readonly rules?: readonly Rule[];
}

const oneOf =
  (...properties: string[]): Rule =>
  (object) =>
    properties.some((property) => object[property] !== undefined)
      ? null
      : {
          property: properties.join(" | "),
          sentence: { key: "stix.oneOf", values: { properties: properties.join(", ") } },
        };

const notBefore =
  (later: string, earlier: string): Rule =>
  (object) => {
    const a = object[later];
    const b = object[earlier];
    return isStixTimestamp(a) && isStixTimestamp(b) && compareStixTimestamps(a, b) < 0
      ? { property: later, sentence: { key: "stix.notEarlier", values: { earlier } } }
      : null;
  };

const after =
  (later: string, earlier: string): Rule =>
  (object) => {
    const a = object[later];
    const b = object[earlier];
    return isStixTimestamp(a) && isStixTimestamp(b) && compareStixTimestamps(a, b) <= 0
      ? { property: later, sentence: { key: "stix.later", values: { earlier } } }
      : null;
  };

const named: readonly (readonly [string, Kind])[] = [["name", "string"]];
const seen: readonly (readonly [string, Kind])[] = [
  ["first_seen", "timestamp"],
  ["last_seen", "timestamp"],
];

/** Every type STIX 2.1 defines, with what it requires (STIX 2.1 cs03/os, parts 4 to 7). */
const TYPES: ReadonlyMap<string, TypeSpec> = new Map<string, TypeSpec>([
  ["attack-pattern", { category: "sdo", required: named }],
  [
    "campaign",
    { category: "sdo", required: named, optional: seen, rules: [notBefore("last_seen", "first_seen")] },
  ],
  ["course-of-action", { category: "sdo", required: named }],
  [
    "grouping",
    {
      category: "sdo",
      required: [
        ["context", "string"],
        ["object_refs", "ids"],
      ],
    },
  ],
  [
    "identity",
    {
      category: "sdo",
      required: named,
      optional: [
        ["sectors", "strings"],
        ["roles", "strings"],
      ],
    },
  ],
  ["incident", { category: "sdo", required: named }],
  [
    "indicator",
    {
      category: "sdo",
      required: [
        ["pattern", "string"],
        ["pattern_type", "string"],
        ["valid_from", "timestamp"],
      ],
      optional: [
        ["valid_until", "timestamp"],
        ["indicator_types", "strings"],
      ],
      rules: [after("valid_until", "valid_from")],
    },
  ],
  [
    "infrastructure",
    { category: "sdo", required: named, optional: seen, rules: [notBefore("last_seen", "first_seen")] },
  ],
  [
    "intrusion-set",
    { category: "sdo", required: named, optional: seen, rules: [notBefore("last_seen", "first_seen")] },
  ],
  [
    "location",
    {
      category: "sdo",
      required: [],
      rules: [
        (object) =>
          object.region !== undefined ||
          object.country !== undefined ||
          (object.latitude !== undefined && object.longitude !== undefined)
            ? null
            : {
                property: "region | country | latitude",
                sentence: { key: "stix.location" },
              },
        (object) =>
          (object.latitude === undefined) === (object.longitude === undefined)
            ? null
            : { property: "latitude", sentence: { key: "stix.latitudeLongitude" } },
      ],
    },
  ],
  [
    "malware",
    {
      category: "sdo",
      required: [["is_family", "boolean"]],
      optional: [...seen, ["malware_types", "strings"]],
      rules: [
        (object) =>
          object.is_family === true && typeof object.name !== "string"
            ? { property: "name", sentence: { key: "stix.malwareName" } }
            : null,
        notBefore("last_seen", "first_seen"),
      ],
    },
  ],
  [
    "malware-analysis",
    {
      category: "sdo",
      required: [["product", "string"]],
      rules: [oneOf("result", "analysis_sco_refs")],
    },
  ],
  [
    "note",
    {
      category: "sdo",
      required: [
        ["content", "string"],
        ["object_refs", "ids"],
      ],
    },
  ],
  [
    "observed-data",
    {
      category: "sdo",
      required: [
        ["first_observed", "timestamp"],
        ["last_observed", "timestamp"],
        ["number_observed", "integer"],
      ],
      rules: [
        oneOf("object_refs", "objects"),
        notBefore("last_observed", "first_observed"),
        (object) => {
          const count = object.number_observed;
          return typeof count === "number" && (count < 1 || count > 999_999_999)
            ? { property: "number_observed", sentence: { key: "stix.numberObserved" } }
            : null;
        },
      ],
    },
  ],
  [
    "opinion",
    {
      category: "sdo",
      required: [
        ["opinion", "string"],
        ["object_refs", "ids"],
      ],
    },
  ],
  [
    "report",
    {
      category: "sdo",
      required: [
        ["name", "string"],
        ["published", "timestamp"],
        ["object_refs", "ids"],
      ],
    },
  ],
  [
    "threat-actor",
    { category: "sdo", required: named, optional: seen, rules: [notBefore("last_seen", "first_seen")] },
  ],
  ["tool", { category: "sdo", required: named }],
  ["vulnerability", { category: "sdo", required: named }],
  [
    "relationship",
    {
      category: "sro",
      required: [
        ["relationship_type", "string"],
        ["source_ref", "id"],
        ["target_ref", "id"],
      ],
      optional: [
        ["start_time", "timestamp"],
        ["stop_time", "timestamp"],
      ],
      rules: [after("stop_time", "start_time")],
    },
  ],
  [
    "sighting",
    {
      category: "sro",
      required: [["sighting_of_ref", "id"]],
      optional: [
        ["first_seen", "timestamp"],
        ["last_seen", "timestamp"],
        ["count", "integer"],
      ],
      rules: [notBefore("last_seen", "first_seen")],
    },
  ],
  [
    "marking-definition",
    {
      category: "meta",
      required: [],
      optional: [
        ["definition_type", "string"],
        ["definition", "object"],
        ["name", "string"],
      ],
      rules: [
        (object) =>
          object.definition_type !== undefined && object.definition === undefined
            ? { property: "definition", sentence: { key: "stix.definition" } }
            : null,
      ],
    },
  ],
  [
    "language-content",
    {
      category: "meta",
      required: [
        ["object_ref", "id"],
        ["contents", "object"],
      ],
    },
  ],
  [
    "extension-definition",
    {
      category: "meta",
      required: [
        ["created_by_ref", "id"],
        ["name", "string"],
        ["schema", "string"],
        ["version", "string"],
        ["extension_types", "strings"],
      ],
    },
  ],
  // Cyber-observable objects (part 6).
  ["artifact", { category: "sco", required: [], rules: [oneOf("payload_bin", "url")] }],
  ["autonomous-system", { category: "sco", required: [["number", "integer"]] }],
  ["directory", { category: "sco", required: [["path", "string"]] }],
  ["domain-name", { category: "sco", required: [["value", "string"]] }],
  ["email-addr", { category: "sco", required: [["value", "string"]] }],
  ["email-message", { category: "sco", required: [["is_multipart", "boolean"]] }],
  [
    "file",
    { category: "sco", required: [], optional: [["hashes", "object"]], rules: [oneOf("hashes", "name")] },
  ],
  ["ipv4-addr", { category: "sco", required: [["value", "string"]] }],
  ["ipv6-addr", { category: "sco", required: [["value", "string"]] }],
  ["mac-addr", { category: "sco", required: [["value", "string"]] }],
  ["mutex", { category: "sco", required: [["name", "string"]] }],
  [
    "network-traffic",
    {
      category: "sco",
      required: [["protocols", "strings"]],
      rules: [oneOf("src_ref", "dst_ref")],
    },
  ],
  ["process", { category: "sco", required: [] }],
  ["software", { category: "sco", required: [["name", "string"]] }],
  ["url", { category: "sco", required: [["value", "string"]] }],
  ["user-account", { category: "sco", required: [] }],
  ["windows-registry-key", { category: "sco", required: [] }],
  ["x509-certificate", { category: "sco", required: [] }],
]);

/** Common properties whose type is checked wherever they appear (STIX 2.1 3.2). */
const COMMON: readonly (readonly [string, Kind])[] = [
  ["created_by_ref", "id"],
  ["revoked", "boolean"],
  ["labels", "strings"],
  ["lang", "string"],
  ["external_references", "list"],
  ["granular_markings", "list"],
  ["extensions", "object"],
  ["defanged", "boolean"],
];

/** Properties only the specification may name in two letters or fewer. */
const SHORT_NAMES = new Set(["id"]);

// The optional properties checked below are absent from most objects, and asking an object for a
// property it lacks (under a name only known at run time) costs more than listing the ones it has:
// one pass over its names marks which of these it holds, one bit each, and only those are read.
const WATCHED = [
  ...new Set([
    ...COMMON.map(([property]) => property),
    "object_marking_refs",
    "confidence",
    "kill_chain_phases",
    ...[...TYPES.values()].flatMap((spec) => (spec.optional ?? []).map(([property]) => property)),
  ]),
];
// Bits 0 to 28: shifted above a name's kind (NAME_BITS), they stay within 32 bits.
if (WATCHED.length > 29) throw new Error("validate.ts: more watched properties than bits in a mask");
const bitOf = (property: string): number => 1 << WATCHED.indexOf(property);
const COMMON_BITS = COMMON.map(([property, kind]) => [property, kind, bitOf(property)] as const);
const OPTIONAL_BITS = new Map(
  [...TYPES.values()].map((spec) => [
    spec,
    (spec.optional ?? []).map(([property, kind]) => [property, kind, bitOf(property)] as const),
  ]),
);
const MARKINGS_BIT = bitOf("object_marking_refs");
const CREATED_BY_BIT = bitOf("created_by_ref");
const CONFIDENCE_BIT = bitOf("confidence");
const PARTS_BITS =
  bitOf("external_references") |
  bitOf("granular_markings") |
  bitOf("kill_chain_phases") |
  bitOf("extensions");

class Collector {
  readonly problems: StixProblem[] = [];
  count = 0;
  /** The object being checked, for `problem`. */
  private index: number | null = null;
  private id: string | null = null;
  constructor(private readonly cap = MAX_STIX_PROBLEMS) {}
  add(index: number | null, id: string | null, property: string | null, sentence: StixSentence): void {
    this.count++;
    if (this.problems.length < this.cap)
      this.problems.push({ index, id, property, sentence, message: stixEnglish(sentence) });
  }
  /** From now on `problem` is about this object. */
  at(index: number, id: string | null): void {
    this.index = index;
    this.id = id;
  }
  /** A problem of the object named by the last `at`. */
  problem(property: string | null, sentence: StixSentence): void {
    this.add(this.index, this.id, property, sentence);
  }
}

/** Checks a STIX 2.1 bundle (`{"type": "bundle", "id": "bundle--…", "objects": [...]}`). */
export function checkStixBundle(bundle: unknown): StixCheck {
  const problems = new Collector();
  if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
    problems.add(null, null, null, { key: "stix.bundle" });
    return { ok: false, problems: problems.problems, problemCount: problems.count };
  }
  const record = bundle as Record<string, unknown>;
  if (record.spec_version === "2.0") problems.add(null, null, "spec_version", { key: "stix.bundle20" });
  if (record.type !== "bundle") problems.add(null, null, "type", { key: "stix.bundleType" });
  if (typeof record.id !== "string" || !BUNDLE_ID.test(record.id))
    problems.add(null, null, "id", { key: "stix.bundleId" });
  const objects = record.objects ?? [];
  if (!Array.isArray(objects)) {
    problems.add(null, null, "objects", { key: "stix.objects" });
    return { ok: false, problems: problems.problems, problemCount: problems.count };
  }
  if (problems.count > 0) {
    return { ok: false, problems: problems.problems, problemCount: problems.count };
  }
  return checkAll(objects, problems);
}

/** A failed check. */
export type StixCheckFailure = Extract<StixCheck, { ok: false }>;

/**
 * checkStixBundle a part at a time, in order, for a caller that acts on each part once it passed
 * (a server writes a slice of a bundle import while it checks the next, ADR 0058). Once every
 * object is checked, `failure` is checkStixBundle's answer when that is a failure (the same
 * problems, in the same order, however the objects were cut), else null.
 */
export interface StixBundleParts {
  /** The objects to check: none when the bundle's own properties failed. */
  readonly objects: readonly unknown[];
  /** How many objects were checked (each part starts there). */
  readonly checked: number;
  /** Whether no problem was found so far (the bundle's own included). */
  readonly passing: boolean;
  /**
   * Checks `objects[checked]` up to (not including) `to`: each one's JSON text (what is stored)
   * while every object so far passes, else null.
   */
  check(to: number): string[] | null;
  /** checkStixBundle's failure, or null when it passes; only once every object was checked. */
  failure(): StixCheckFailure | null;
}

export function checkStixBundleInParts(bundle: unknown): StixBundleParts {
  const listed =
    typeof bundle === "object" && bundle !== null ? (bundle as { objects?: unknown }).objects : null;
  // The bundle's own properties, without its objects (a spread copies only the top level).
  const head = Array.isArray(listed)
    ? checkStixBundle({ ...(bundle as object), objects: [] })
    : checkStixBundle(bundle);
  const objects: readonly unknown[] = head.ok && Array.isArray(listed) ? listed : [];
  const problems = new Collector();
  let checked = 0;
  return {
    objects,
    get checked() {
      return checked;
    },
    get passing() {
      return head.ok && problems.count === 0;
    },
    check(to) {
      const end = Math.min(to, objects.length);
      const json: string[] = new Array(Math.max(0, end - checked));
      for (let index = checked; index < end; index++)
        json[index - checked] = checkObject(objects[index], index, problems) as string;
      checked = Math.max(checked, end);
      return head.ok && problems.count === 0 ? json : null;
    },
    failure() {
      if (!head.ok) return head;
      if (checked < objects.length) throw new RangeError("checkStixBundleInParts: objects left unchecked");
      return problems.count > 0
        ? { ok: false, problems: problems.problems, problemCount: problems.count }
        : null;
    },
  };
}

/**
 * checkStixBundle with the same answer, giving the event loop back (`between`) after every `every`
 * objects: a server checking a bundle of 100,000 objects would otherwise answer nothing else for
 * seconds.
 */
export async function checkStixBundleInSlices(
  bundle: unknown,
  between: () => Promise<void>,
  every = 1000,
): Promise<StixCheck> {
  const parts = checkStixBundleInParts(bundle);
  const json: string[] = [];
  while (parts.checked < parts.objects.length) {
    const texts = parts.check(parts.checked + every);
    if (texts) for (const text of texts) json.push(text);
    await between();
  }
  return parts.failure() ?? { ok: true, objects: parts.objects as readonly CheckedStixObject[], json };
}

/** Checks a list of STIX 2.1 objects (a bundle's, or a TAXII envelope's). */
export const checkStixObjects = (objects: readonly unknown[]): StixCheck =>
  checkAll(objects, new Collector());

/**
 * Checks each object on its own (TAXII's POST takes the good ones and reports the others): the
 * objects that pass, with their positions, and the first problem of each one that does not.
 */
export function sortStixObjects(objects: readonly unknown[]): {
  valid: { index: number; object: CheckedStixObject; json: string }[];
  invalid: StixProblem[];
} {
  const problems = new Collector(Number.POSITIVE_INFINITY);
  const valid: { index: number; object: CheckedStixObject; json: string }[] = [];
  const invalid: StixProblem[] = [];
  for (let index = 0; index < objects.length; index++) {
    const before = problems.count;
    const json = checkObject(objects[index], index, problems);
    const first = problems.problems[before];
    if (first) invalid.push(first);
    else valid.push({ index, object: objects[index] as CheckedStixObject, json: json as string });
  }
  return { valid, invalid };
}

function checkAll(objects: readonly unknown[], problems: Collector): StixCheck {
  const json: string[] = new Array(objects.length);
  for (let index = 0; index < objects.length; index++)
    json[index] = checkObject(objects[index], index, problems) as string;
  // Once a problem is found the texts are not needed: they are kept only while all pass.
  return problems.count > 0
    ? { ok: false, problems: problems.problems, problemCount: problems.count }
    : { ok: true, objects: objects as readonly CheckedStixObject[], json };
}

/**
 * Checks one object; answers its JSON text (when it passes, what is stored). The text also
 * spares two walks of every object: JSON.stringify writes NUL and unpaired surrogates as \u
 * escapes, so a text without "\u" holds neither; and a text with at most MAX_STIX_NESTING
 * brackets and braces cannot nest deeper than that. Only the others are walked.
 */
function checkObject(value: unknown, index: number, problems: Collector): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.add(index, null, null, { key: "stix.notObject" });
    return null;
  }
  const object = value as Record<string, unknown>;
  const { type, id } = object;
  const idType = typeof id === "string" ? stixIdType(id) : null;
  problems.at(index, idType === null ? null : (id as string));
  const before = problems.count;
  let json: string | null = null;
  let unwritable: unknown = null;
  try {
    json = JSON.stringify(object);
  } catch (error) {
    // Nesting deep enough to exhaust the stack (found below), or a value JSON cannot hold.
    unwritable = error;
  }
  // Text the database cannot store (NUL, unpaired surrogates), wherever it is in the object.
  const unstorable = json === null || json.includes("\\u") ? findUnstorableText(object, "") : null;
  if (unstorable) {
    problems.problem(unstorable.path.slice(1) || null, unstorable.sentence);
    return null;
  }
  if (typeof type !== "string" || !TYPE_NAME.test(type)) {
    problems.problem("type", { key: "stix.typeName" });
    return null;
  }
  if (idType === null) problems.problem("id", { key: "stix.idOfType", values: { type } });
  else if (idType !== type) problems.problem("id", { key: "stix.idStart", values: { type } });
  const spec = TYPES.get(type);
  const category = spec?.category ?? (object.created === undefined ? "sco" : "sdo");
  if (object.spec_version === undefined) {
    if (category !== "sco") problems.problem("spec_version", { key: "stix.specRequired" });
  } else if (object.spec_version === "2.0") problems.problem("spec_version", { key: "stix.spec20" });
  else if (object.spec_version !== "2.1") problems.problem("spec_version", { key: "stix.spec21" });
  const created = object.created;
  const modified = object.modified;
  const createdValid = isStixTimestamp(created);
  const modifiedValid = isStixTimestamp(modified);
  if (created !== undefined && !createdValid) problems.problem("created", { key: "stix.kind.timestamp" });
  if (modified !== undefined && !modifiedValid) problems.problem("modified", { key: "stix.kind.timestamp" });
  if (category === "sdo" || category === "sro") {
    if (created === undefined) problems.problem("created", { key: "stix.required" });
    if (modified === undefined) problems.problem("modified", { key: "stix.required" });
  } else if (category === "meta" && created === undefined)
    problems.problem("created", { key: "stix.required" });
  if ((type === "language-content" || type === "extension-definition") && modified === undefined)
    problems.problem("modified", { key: "stix.required" });
  if (createdValid && modifiedValid && compareStixTimestamps(modified, created) < 0)
    problems.problem("modified", { key: "stix.notEarlier", values: { earlier: "created" } });
  let present = 0;
  for (const property in object) present |= propertyNameKind(property) >>> NAME_BITS;
  for (const [property, kind, bit] of COMMON_BITS) {
    if ((present & bit) === 0) continue;
    const found = object[property];
    if (found !== undefined && !hasKind(found, kind))
      problems.problem(property, { key: `stix.kind.${kind}` });
  }
  const markings = present & MARKINGS_BIT ? object.object_marking_refs : undefined;
  if (
    markings !== undefined &&
    !(Array.isArray(markings) && markings.every((ref) => isId(ref) && ref.startsWith("marking-definition--")))
  )
    problems.problem("object_marking_refs", { key: "stix.markings" });
  if (
    present & CREATED_BY_BIT &&
    typeof object.created_by_ref === "string" &&
    !object.created_by_ref.startsWith("identity--")
  )
    problems.problem("created_by_ref", { key: "stix.createdBy" });
  if (present & PARTS_BITS) checkParts(object, problems);
  const confidence = present & CONFIDENCE_BIT ? object.confidence : undefined;
  if (
    confidence !== undefined &&
    !(Number.isInteger(confidence) && (confidence as number) >= 0 && (confidence as number) <= 100)
  )
    problems.problem("confidence", { key: "stix.confidence" });
  for (const property in object) {
    const name = propertyNameKind(property) & NAME_KIND;
    if (name === NAME_INVALID) {
      problems.problem(property, { key: "stix.propertyName" });
      continue;
    }
    if (name === NAME_REF) {
      if (object[property] !== undefined && !isId(object[property]))
        problems.problem(property, { key: "stix.kind.id" });
    } else if (name === NAME_REFS) {
      const refs = object[property];
      if (!(Array.isArray(refs) && refs.every(isId))) problems.problem(property, { key: "stix.refs" });
    }
  }
  if ((json === null || bracketsExceed(json, MAX_STIX_NESTING)) && nestsDeeperThan(object, MAX_STIX_NESTING))
    problems.problem(null, { key: "stix.nesting", values: { levels: MAX_STIX_NESTING } });
  // Not JSON for another reason than its depth (a BigInt, say: no parsed input holds one).
  if (json === null && problems.count === before) throw unwritable;
  if (!spec) return json;
  for (const [property, kind] of spec.required) {
    const found = object[property];
    if (found === undefined) problems.problem(property, { key: "stix.requiredFor", values: { type } });
    else if (!hasKind(found, kind)) problems.problem(property, { key: `stix.kind.${kind}` });
  }
  for (const [property, kind, bit] of OPTIONAL_BITS.get(spec) ?? []) {
    if ((present & bit) === 0) continue;
    const found = object[property];
    if (found !== undefined && !hasKind(found, kind))
      problems.problem(property, { key: `stix.kind.${kind}` });
  }
  if (spec.rules)
    for (const rule of spec.rules) {
      const failure = rule(object);
      if (failure) problems.problem(failure.property, failure.sentence);
    }
  return json;
}

const NAME_INVALID = 0;
/** Not looked into: object_marking_refs (checked above) and custom x_ properties. */
const NAME_KEPT = 1;
const NAME_REF = 2;
const NAME_REFS = 3;
const NAME_OTHER = 4;
const NAME_KIND = 7;
/** Above the kind, a watched property's bit (WATCHED). */
const NAME_BITS = 3;
/** What each property name seen is; a bundle repeats a few dozen names (bounded all the same). */
const propertyNames = new Map<string, number>();
const PROPERTY_NAMES_KEPT = 10_000;

function propertyNameKind(property: string): number {
  let kind = propertyNames.get(property);
  if (kind !== undefined) return kind;
  if (!isStixPropertyName(property) && !SHORT_NAMES.has(property)) kind = NAME_INVALID;
  // Custom properties are kept as sent: MITRE ATT&CK, for one, leaves x_mitre_*_ref empty.
  else if (property === "object_marking_refs" || property.startsWith("x_")) kind = NAME_KEPT;
  else if (property.endsWith("_ref")) kind = NAME_REF;
  else if (property.endsWith("_refs")) kind = NAME_REFS;
  else kind = NAME_OTHER;
  const watched = WATCHED.indexOf(property);
  if (watched >= 0) kind |= (1 << watched) << NAME_BITS;
  if (propertyNames.size < PROPERTY_NAMES_KEPT) propertyNames.set(property, kind);
  return kind;
}

/** Does the JSON text hold more than `limit` opening brackets and braces (in strings too)? */
function bracketsExceed(json: string, limit: number): boolean {
  let count = 0;
  for (let at = json.indexOf("{"); at >= 0; at = json.indexOf("{", at + 1)) if (++count > limit) return true;
  for (let at = json.indexOf("["); at >= 0; at = json.indexOf("[", at + 1)) if (++count > limit) return true;
  return false;
}

/**
 * How deep objects and lists may nest within one STIX object. Storing and serving an object walks
 * it recursively (JSON.stringify, PostgreSQL's jsonb): thousands of levels would exhaust the stack
 * and fail the whole request. STIX's own objects nest a few levels.
 */
export const MAX_STIX_NESTING = 100;

/** Does the value nest deeper than `limit`? Walked with a stack of its own, never recursively. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    if (typeof entry.value !== "object" || entry.value === null) continue;
    if (entry.depth > limit) return true;
    for (const child of Array.isArray(entry.value) ? entry.value : Object.values(entry.value))
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: entry.depth + 1 });
  }
  return false;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const EXTENSION_KEY = new RegExp(`^(extension-definition--${UUID}|[a-z0-9-]+-ext)$`);

/** The shapes inside the common list and dictionary properties (STIX 2.1 2.5, 2.8, 3.2, 7.2.3). */
function checkParts(object: Record<string, unknown>, problems: Collector): void {
  const { external_references: references, granular_markings: granular, kill_chain_phases: phases } = object;
  if (Array.isArray(references))
    references.forEach((reference, n) => {
      if (!isRecord(reference) || typeof reference.source_name !== "string")
        problems.problem(`external_references[${n}]`, { key: "stix.externalReference" });
    });
  if (Array.isArray(granular))
    granular.forEach((marking, n) => {
      const selectors = isRecord(marking) ? marking.selectors : undefined;
      if (
        !isRecord(marking) ||
        !(
          Array.isArray(selectors) &&
          selectors.length > 0 &&
          selectors.every((item) => typeof item === "string")
        ) ||
        (marking.marking_ref === undefined && marking.lang === undefined) ||
        (marking.marking_ref !== undefined && !isId(marking.marking_ref))
      )
        problems.problem(`granular_markings[${n}]`, { key: "stix.granularMarking" });
    });
  if (phases !== undefined) {
    if (!Array.isArray(phases)) problems.problem("kill_chain_phases", { key: "stix.list" });
    else
      phases.forEach((phase, n) => {
        if (
          !isRecord(phase) ||
          typeof phase.kill_chain_name !== "string" ||
          typeof phase.phase_name !== "string"
        )
          problems.problem(`kill_chain_phases[${n}]`, { key: "stix.killChainPhase" });
      });
  }
  if (isRecord(object.extensions))
    for (const key in object.extensions) {
      if (!EXTENSION_KEY.test(key)) problems.problem(`extensions.${key}`, { key: "stix.extensionName" });
      else if (!isRecord(object.extensions[key]))
        problems.problem(`extensions.${key}`, { key: "stix.object" });
    }
}

/** The version an object is kept under: `modified`, else `created`, else none (one version only). */
export const stixVersionOf = (object: CheckedStixObject): string | null =>
  object.modified ?? object.created ?? null;
