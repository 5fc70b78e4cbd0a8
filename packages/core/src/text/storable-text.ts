// Text Bulwark can store: PostgreSQL refuses the NUL character in text and JSON, and a UTF-16
// surrogate without its pair is no character at all (it would be stored as U+FFFD, silently
// changing what was sent). Every input is checked for both once, where it enters: the HTTP
// server's hook over params, query and parsed bodies, and the imports that read files (registry
// CSV and GeoJSON, compendium packs, STIX objects pulled from a TAXII server).

import { drive, driveInSlices, type Steps } from "../steps.ts";

// In u mode, [\uD800-\uDFFF] matches only a surrogate without its pair.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is looked for.
const UNSTORABLE = /\u0000|[\uD800-\uDFFF]/u;

/**
 * Why text cannot be stored, in English with {{placeholders}}: the server's catalogue holds these
 * sentences (i18n/en.ts takes them from here) and says them in the caller's language.
 */
export const UNSTORABLE_SENTENCES = {
  "text.nul": "holds a NUL character (at {{at}}), which text may not hold.",
  "text.surrogate": "holds an unpaired UTF-16 surrogate (at {{at}}), which is not a character.",
  "text.nameNul": "a name that holds a NUL character (at {{at}}), which text may not hold.",
  "text.nameSurrogate":
    "a name that holds an unpaired UTF-16 surrogate (at {{at}}), which is not a character.",
} as const;

/** Why a string cannot be stored: a key of UNSTORABLE_SENTENCES and where the character is. */
export interface UnstorableSentence {
  readonly key: keyof typeof UNSTORABLE_SENTENCES;
  readonly values: { readonly at: number };
}

export interface UnstorableText {
  /** Where: the path of the string in the input, dot-separated ("body.warning.event"). */
  readonly path: string;
  /** Why, to be said in the reader's language. */
  readonly sentence: UnstorableSentence;
  /** The same in English. */
  readonly message: string;
}

/** The sentence in English. */
export const unstorableEnglish = (sentence: UnstorableSentence): string =>
  UNSTORABLE_SENTENCES[sentence.key].replace("{{at}}", String(sentence.values.at));

/** Where the first character that cannot be stored is, or -1. */
export const unstorableIndex = (text: string): number => text.search(UNSTORABLE);

/** Why this string (or a name, when `name`) cannot be stored, or null when it can. */
export function unstorableSentence(text: string, name = false): UnstorableSentence | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  const nul = found[0] === "\u0000";
  const key = name ? (nul ? "text.nameNul" : "text.nameSurrogate") : nul ? "text.nul" : "text.surrogate";
  return { key, values: { at: found.index } };
}

/** Why this string cannot be stored, in English, or null when it can. */
export function unstorableReason(text: string): string | null {
  const sentence = unstorableSentence(text);
  return sentence && unstorableEnglish(sentence);
}

/**
 * The first string (or object key) in a parsed input that cannot be stored, or null. Walks any
 * depth without recursion, so a deeply nested body cannot exhaust the stack.
 */
export const findUnstorableText = (value: unknown, root: string): UnstorableText | null =>
  drive(unstorableTextSteps(value, root));

/** The same, with `between` awaited every WALK_STEP values (a server walking a 50 MB body). */
export const findUnstorableTextInSlices = (
  value: unknown,
  root: string,
  between: () => Promise<void>,
): Promise<UnstorableText | null> => driveInSlices(unstorableTextSteps(value, root), between);

/** Values (strings, keys, arrays, objects) walked between two stops: a few milliseconds. */
const WALK_STEP = 50_000;

function* unstorableTextSteps(value: unknown, root: string): Steps<UnstorableText | null> {
  return (yield* holdsUnstorableText(value)) ? yield* locateUnstorableText(value, root) : null;
}

/**
 * Whether any string or key in the value cannot be stored: the same walk as
 * locateUnstorableText without naming a path for every value (most inputs hold none).
 */
function* holdsUnstorableText(value: unknown): Steps<boolean> {
  const stack: unknown[] = [value];
  let walked = 0;
  while (stack.length > 0) {
    if (++walked % WALK_STEP === 0) yield;
    const next = stack.pop();
    if (typeof next === "string") {
      if (UNSTORABLE.test(next)) return true;
    } else if (Array.isArray(next)) {
      for (const item of next) stack.push(item);
    } else if (typeof next === "object" && next !== null && !ArrayBuffer.isView(next)) {
      for (const key of Object.keys(next)) {
        if (UNSTORABLE.test(key)) return true;
        stack.push((next as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** The first string or key that cannot be stored, with its path. */
function* locateUnstorableText(value: unknown, root: string): Steps<UnstorableText | null> {
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  let walked = 0;
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (++walked % WALK_STEP === 0) yield;
    const { value: current, path } = next;
    if (typeof current === "string") {
      const sentence = unstorableSentence(current);
      if (sentence) return { path, sentence, message: unstorableEnglish(sentence) };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--)
        stack.push({ value: current[index], path: `${path}.${index}` });
    } else if (typeof current === "object" && current !== null && !ArrayBuffer.isView(current)) {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, inner] = entries[index] ?? ["", undefined];
        const sentence = unstorableSentence(key, true);
        if (sentence)
          return { path: `${path}.${JSON.stringify(key)}`, sentence, message: unstorableEnglish(sentence) };
        stack.push({ value: inner, path: `${path}.${key}` });
      }
    }
  }
  return null;
}
