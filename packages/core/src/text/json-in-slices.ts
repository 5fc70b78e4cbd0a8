// JSON text parsed in slices: a server that parses a 50 MB body with one JSON.parse answers nothing
// else for a third of a second (issue 14). The text is walked once; each value of at most `whole`
// characters (a bundle's object, a key, a short string) is handed to JSON.parse whole, so nearly
// all the work is still V8's, and every larger array or object is taken apart here, member by
// member, with a stop (yield) every `every` characters. Strings longer than `whole` are decoded a
// piece at a time. Nesting depth is not limited (the open containers are a list, not the stack).
//
// The answer is JSON.parse's, and what is refused is what Fastify's own parser refuses: text that
// is not JSON (one UTF-8 byte order mark at the start is skipped), and an object with an own
// `__proto__` key or a `constructor` object with an own `prototype` key (secure-json-parse with
// both actions "error").
//
// It also tells whether the value may hold text the database cannot store (storable-text.ts): in
// JSON text a NUL or an unpaired surrogate can only come from a \u escape, or from an unpaired
// surrogate in the text itself, and the text is searched for both as it is parsed. `storable:
// true` means none can be there, so the value need not be walked again.

import { drive, driveInSlices, type Steps } from "../steps.ts";

/** Why the text is not JSON (or not accepted), and where: a character offset in the text. */
export class JsonSyntaxError extends SyntaxError {
  override name = "JsonSyntaxError";
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(`${reason} (at character ${at})`);
  }
}

export interface ParsedJson {
  readonly value: unknown;
  /** True when no string or key of the value can hold a NUL or an unpaired surrogate. */
  readonly storable: boolean;
}

export interface JsonSlicing {
  /** Characters parsed between two stops (default 256 Ki: about a millisecond of work). */
  readonly every?: number;
  /** Arrays, objects and strings up to this many characters go to JSON.parse whole (16 Ki). */
  readonly whole?: number;
}

const EVERY = 262_144;
const WHOLE = 16_384;

// An escape that could decode to a NUL or to a surrogate (\u0000, \uD800 to \uDFFF, either case).
const MAYBE_UNSTORABLE = /\\u(?:0000|[dD][89a-fA-F])/;
// secure-json-parse's own tests: a key that may spell __proto__ or constructor.
const SUSPECT_PROTO =
  /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"\s*:/;
const SUSPECT_CONSTRUCTOR =
  /"(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)"\s*:/;
// Anything the three tests above could find starts one of these: the text ahead is searched for
// them (as fast as indexOf), and the values before the first are not tested one by one.
const ANY_SUSPECT = /\\u|__proto__|constructor/;
/** Characters searched ahead at a time. */
const AHEAD = 65_536;
/** No unpaired surrogate in the text itself (String.prototype.isWellFormed, Node 20). */
const wellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();
// A number or a literal (JSON.parse then says whether it is one).
const TOKEN = /[-+.0-9A-Za-z]+/y;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const FORBIDDEN = "an object with a forbidden prototype property";
const hasOwn = (value: object, key: string) => Object.hasOwn(value, key);

/** secure-json-parse's rule for one object: an own __proto__, or a constructor with a prototype. */
function forbidden(node: object): boolean {
  if (hasOwn(node, "__proto__")) return true;
  if (!hasOwn(node, "constructor")) return false;
  const made: unknown = (node as { constructor: unknown }).constructor;
  return typeof made === "object" && made !== null && hasOwn(made, "prototype");
}

/** The rule over every object of a value JSON.parse made (its text looked suspect). */
function refuseForbidden(value: object, at: number): void {
  const stack: object[] = [value];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (forbidden(node)) throw new JsonSyntaxError(FORBIDDEN, at);
    for (const inner of Object.values(node))
      if (typeof inner === "object" && inner !== null) stack.push(inner);
  }
}

/** The text parsed, with a stop every `every` characters. */
export function* parseJsonSteps(text: string, slicing: JsonSlicing = {}): Steps<ParsedJson> {
  const every = slicing.every ?? EVERY;
  const whole = Math.max(8, slicing.whole ?? WHOLE);
  const length = text.length;
  let storable = true;
  // Work since the last stop, in characters: those `at` has passed since `mark`, and those
  // scanned or decoded beside (`work`).
  let mark = 0;
  let work = 0;
  // The containers open around `at`, innermost last; for each, the key waiting for its value
  // (null in an array).
  const open: (unknown[] | Record<string, unknown>)[] = [];
  const keys: (string | null)[] = [];
  // Arrays and objects found larger than `whole` by a scan that gave up, in text order: they are
  // taken apart when reached, not scanned again (so a deeply nested text is scanned about once).
  let large: number[] = [];
  let nextLarge = 0;

  const fail = (reason: string, at: number): never => {
    throw new JsonSyntaxError(reason, at);
  };
  const space = (from: number): number => {
    let at = from;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
      else return at;
    }
  };
  /** Just past the string that starts (with its quote) at `from`. */
  const stringEnd = (from: number): number => {
    for (let quote = text.indexOf('"', from + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
      let before = quote - 1;
      while (text.charCodeAt(before) === BACKSLASH) before--;
      if ((quote - 1 - before) % 2 === 0) return quote + 1;
    }
    return fail("a string that does not end", from);
  };
  // Values that end by `clean` hold no escape, no __proto__ and no constructor (searched ahead).
  let clean = 0;
  const searchAhead = (from: number): void => {
    let end = Math.min(length, from + AHEAD);
    const before = text.charCodeAt(end - 1);
    if (before >= 0xd800 && before <= 0xdbff && end < length) end++;
    const ahead = text.slice(from, end);
    if (storable && !wellFormed(ahead)) storable = false;
    const found = ANY_SUSPECT.exec(ahead);
    clean = found ? from + found.index : end;
  };
  /** JSON.parse of text[from, to), checked as Fastify's parser checks a body. */
  const parsed = (from: number, to: number): unknown => {
    const slice = text.slice(from, to);
    let value: unknown;
    try {
      value = JSON.parse(slice);
    } catch {
      return fail("not JSON", from);
    }
    if (to > clean) searchAhead(from);
    if (to > clean) {
      if (storable && MAYBE_UNSTORABLE.test(slice)) storable = false;
      if (
        typeof value === "object" &&
        value !== null &&
        (SUSPECT_PROTO.test(slice) || SUSPECT_CONSTRUCTOR.test(slice))
      )
        refuseForbidden(value, from);
    }
    return value;
  };
  /**
   * Just past the array or object that starts at `from` when it ends within `whole` characters;
   * else -1, and every container still open where the scan gave up is listed in `large`.
   */
  const scan = (from: number): number => {
    const limit = from + whole;
    const starts: number[] = [];
    let at = from;
    while (at < length) {
      const c = text.charCodeAt(at);
      if (c === QUOTE) at = stringEnd(at);
      else {
        if (c === OPEN_OBJECT || c === OPEN_ARRAY) starts.push(at);
        else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
          starts.pop();
          if (starts.length === 0) {
            work += at + 1 - from;
            return at + 1;
          }
        }
        at++;
      }
      if (at > limit) break;
    }
    work += at - from;
    if (nextLarge >= large.length) {
      large = [];
      nextLarge = 0;
    }
    for (const start of starts) large.push(start);
    return -1;
  };
  /** A string longer than `whole`, [from, to) with its quotes, decoded a piece at a time. */
  function* longString(from: number, to: number): Steps<string> {
    const pieces: string[] = [];
    const last = to - 1;
    for (let cut = from + 1; cut < last; ) {
      let end = Math.min(last, cut + whole);
      if (end < last) {
        // Never inside an escape: a \uXXXX is 6 characters, and the first of a run of backslashes
        // always starts one. A run that starts the piece is cut after an even number of them.
        const backslash = text.lastIndexOf("\\", end - 1);
        if (backslash >= end - 6 && backslash >= cut) {
          let run = backslash;
          while (run > cut && text.charCodeAt(run - 1) === BACKSLASH) run--;
          end = run > cut ? run : cut + 2 * Math.floor((backslash + 1 - cut) / 2);
        }
        // Nor between the halves of a pair.
        const before = text.charCodeAt(end - 1);
        if (before >= 0xd800 && before <= 0xdbff && end - 1 > cut) end--;
      }
      const piece = text.slice(cut, end);
      if (storable && (MAYBE_UNSTORABLE.test(piece) || !wellFormed(piece))) storable = false;
      try {
        pieces.push(JSON.parse(`"${piece}"`) as string);
      } catch {
        fail("not a JSON string", cut);
      }
      work += end - cut;
      cut = end;
      if (work >= every) {
        work = 0;
        yield;
      }
    }
    return pieces.join("");
  }
  /** A string value or key starting at `from`; `at` is moved past it. */
  function* string(from: number): Steps<string> {
    const end = stringEnd(from);
    at = end;
    if (end - from <= whole) return parsed(from, end) as string;
    const decoded = yield* longString(from, end);
    // Counted as decoded.
    mark += end - from;
    return decoded;
  }
  /** An object's key from `from` up to its colon; `at` is left after the colon. */
  function* key(from: number): Steps<void> {
    const start = space(from);
    if (text.charCodeAt(start) !== QUOTE) fail("a key expected", start);
    const name = yield* string(start);
    if (name === "__proto__") fail(FORBIDDEN, start);
    at = space(at);
    if (text.charCodeAt(at) !== COLON) fail("a colon expected", at);
    at++;
    keys[keys.length - 1] = name;
  }

  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (space(at) >= length) fail("no JSON value", at);
  for (;;) {
    if (work + at - mark >= every) {
      work = 0;
      mark = at;
      yield;
    }
    // A value starts.
    at = space(at);
    const c = text.charCodeAt(at);
    let value: unknown;
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      while (nextLarge < large.length && (large[nextLarge] as number) < at) nextLarge++;
      const end = large[nextLarge] === at ? -1 : scan(at);
      if (end >= 0) {
        value = parsed(at, end);
        at = end;
      } else {
        // Taken apart: its members are values of their own.
        if (large[nextLarge] === at) nextLarge++;
        const array = c === OPEN_ARRAY;
        at = space(at + 1);
        if (text.charCodeAt(at) === (array ? CLOSE_ARRAY : CLOSE_OBJECT)) {
          at++;
          value = array ? [] : {};
        } else {
          open.push(array ? [] : {});
          keys.push(null);
          if (!array) yield* key(at);
          continue;
        }
      }
    } else if (c === QUOTE) value = yield* string(at);
    else {
      TOKEN.lastIndex = at;
      if (!TOKEN.test(text)) fail(at < length ? "a JSON value expected" : "the text ends early", at);
      value = parsed(at, TOKEN.lastIndex);
      at = TOKEN.lastIndex;
    }
    // A value ends: it goes into its container, and so on out while containers close.
    for (;;) {
      const container = open.at(-1);
      if (container === undefined) {
        if (space(at) < length) fail("text after the JSON value", space(at));
        return { value, storable };
      }
      const array = Array.isArray(container);
      if (array) container.push(value);
      else container[keys.at(-1) as string] = value;
      at = space(at);
      const next = text.charCodeAt(at);
      if (next === COMMA) {
        at++;
        if (!array) yield* key(at);
        break;
      }
      if (next !== (array ? CLOSE_ARRAY : CLOSE_OBJECT))
        fail(array ? "a comma or ] expected" : "a comma or } expected", at);
      at++;
      if (!array && forbidden(container)) fail(FORBIDDEN, at - 1);
      value = container;
      open.pop();
      keys.pop();
    }
  }
}

/** All at once (tests, tools). */
export const parseJson = (text: string, slicing?: JsonSlicing): ParsedJson =>
  drive(parseJsonSteps(text, slicing));

/** With `between` awaited at each stop (a server, which must keep answering other requests). */
export const parseJsonInSlices = (
  text: string,
  between: () => Promise<void>,
  slicing?: JsonSlicing,
): Promise<ParsedJson> => driveInSlices(parseJsonSteps(text, slicing), between);
