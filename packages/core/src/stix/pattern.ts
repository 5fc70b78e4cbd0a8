// A parser for STIX 2.1 patterns (pattern_type "stix"; STIX 2.1 part 9, "STIX Patterning"),
// following the OASIS ANTLR grammar (cti-stix2-json-schemas pattern_grammar/STIXPattern.g4 and
// cti-pattern-validator's v21 grammar):
//
//   pattern            := observations EOF
//   observations       := obsOr (FOLLOWEDBY obsOr)*
//   obsOr              := obsAnd (OR obsAnd)*
//   obsAnd             := observation (AND observation)*
//   observation        := ( '[' comparison ']' | '(' observations ')' ) qualifier*
//   qualifier          := WITHIN (int | float) SECONDS | REPEATS int TIMES
//                       | START t'...' STOP t'...'
//   comparison         := compAnd (OR compAnd)*
//   compAnd            := test (AND test)*
//   test               := '(' comparison ')'
//                       | path NOT? (= | !=) primitive
//                       | path NOT? (> | < | >= | <=) orderable
//                       | path NOT? IN '(' [primitive (',' primitive)*] ')'
//                       | path NOT? (LIKE | MATCHES | ISSUBSET | ISSUPERSET) string
//   path               := object-type ':' key ('.' key | '[' int | '*' ']')*
//
// Keywords are upper case, booleans `true` and `false`; strings are single-quoted with `\'` and
// `\\` as their only escapes; t'...' is an RFC 3339 UTC timestamp, h'...' hex in pairs, b'...'
// base64. The grammar's `==` and `<>` spellings are accepted too. Whitespace and /* */ or //
// comments are skipped. Beyond the grammar, timestamps must be real dates, hex and base64 well
// formed, MATCHES a regular expression, STOP after START, and hash values of the right form (as
// OASIS's cti-pattern-validator checks them). Whether an object type or property exists is not
// checked: STIX patterns may name custom objects and properties.

/** A pattern that does not parse: what is wrong, and where (0-based offset into the text). */
export class StixPatternError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} (at position ${position + 1})`);
    this.name = "StixPatternError";
  }
}

type TokenKind =
  | "keyword"
  | "identifier"
  | "string"
  | "int"
  | "float"
  | "bool"
  | "timestamp"
  | "hex"
  | "binary"
  | "operator"
  | "punctuation"
  | "end";

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: number;
  /** The decoded value of a string literal. */
  readonly value?: string;
}

const KEYWORDS = new Set([
  "AND",
  "OR",
  "NOT",
  "FOLLOWEDBY",
  "LIKE",
  "MATCHES",
  "ISSUPERSET",
  "ISSUBSET",
  "LAST",
  "IN",
  "START",
  "STOP",
  "SECONDS",
  "WITHIN",
  "REPEATS",
  "TIMES",
]);

// The grammar's WS: space, tab, CR, LF, VT, FF and the Unicode spaces it lists.
const WHITESPACE = new Set(
  [0x20, 0x09, 0x0d, 0x0a, 0x0b, 0x0c, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]
    .concat(Array.from({ length: 11 }, (_, i) => 0x2000 + i))
    .map((code) => String.fromCharCode(code)),
);
const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function describe(token: Token): string {
  if (token.kind === "end") return "the end of the pattern";
  return `'${token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text}'`;
}

function checkTimestamp(body: string, position: number): void {
  const match = TIMESTAMP.exec(body);
  if (!match)
    throw new StixPatternError(
      `Timestamp '${body}' is not RFC 3339 in UTC (like t'2026-01-31T12:00:00Z')`,
      position,
    );
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  if (
    (month ?? 0) < 1 ||
    (month ?? 0) > 12 ||
    (day ?? 0) < 1 ||
    (day ?? 0) > daysInMonth ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 60
  )
    throw new StixPatternError(`Timestamp '${body}' is not a real date and time`, position);
}

/** Reads a quoted body starting at the opening quote; returns the raw end offset and the decoded text. */
function readQuoted(text: string, quote: number): { end: number; value: string } {
  let value = "";
  let at = quote + 1;
  while (at < text.length) {
    const char = text[at];
    if (char === "'") return { end: at + 1, value };
    if (char === "\\") {
      const next = text[at + 1];
      if (next !== "'" && next !== "\\")
        throw new StixPatternError(
          "Only \\' and \\\\ may be escaped in a string (write a backslash as \\\\)",
          at,
        );
      value += next;
      at += 2;
      continue;
    }
    value += char;
    at += 1;
  }
  throw new StixPatternError("The string is never closed with '", quote);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] ?? "";
    const next = text[at + 1] ?? "";
    if (WHITESPACE.has(char)) {
      at += 1;
      continue;
    }
    if (char === "/" && next === "*") {
      const end = text.indexOf("*/", at + 2);
      if (end < 0) throw new StixPatternError("The comment is never closed with */", at);
      at = end + 2;
      continue;
    }
    if (char === "/" && next === "/") {
      while (at < text.length && text[at] !== "\n" && text[at] !== "\r") at += 1;
      continue;
    }
    const start = at;
    // Typed literals: t'...', h'...', b'...'.
    if ((char === "t" || char === "h" || char === "b") && next === "'") {
      const { end, value } = readQuoted(text, at + 1);
      const raw = text.slice(start, end);
      if (char === "t") {
        checkTimestamp(value, start);
        tokens.push({ kind: "timestamp", text: raw, position: start, value });
      } else if (char === "h") {
        if (!/^(?:[0-9A-Fa-f]{2})*$/.test(value))
          throw new StixPatternError("A hex literal holds pairs of hex digits (like h'ff00')", start);
        tokens.push({ kind: "hex", text: raw, position: start, value });
      } else {
        if (!BASE64.test(value))
          throw new StixPatternError("A binary literal holds base64 (like b'ZXhhbXBsZQ==')", start);
        tokens.push({ kind: "binary", text: raw, position: start, value });
      }
      at = end;
      continue;
    }
    if (char === "'") {
      const { end, value } = readQuoted(text, at);
      tokens.push({ kind: "string", text: text.slice(start, end), position: start, value });
      at = end;
      continue;
    }
    if (IDENTIFIER_START.test(char)) {
      while (at < text.length && IDENTIFIER_PART.test(text[at] ?? "")) at += 1;
      const word = text.slice(start, at);
      const kind: TokenKind = KEYWORDS.has(word)
        ? "keyword"
        : word === "true" || word === "false"
          ? "bool"
          : "identifier";
      tokens.push({ kind, text: word, position: start });
      continue;
    }
    if (
      DIGIT.test(char) ||
      (char === "." && DIGIT.test(next)) ||
      ((char === "+" || char === "-") &&
        (DIGIT.test(next) || (next === "." && DIGIT.test(text[at + 2] ?? ""))))
    ) {
      if (char === "+" || char === "-") at += 1;
      const digitsStart = at;
      while (DIGIT.test(text[at] ?? "")) at += 1;
      const integer = text.slice(digitsStart, at);
      let kind: TokenKind = "int";
      if (text[at] === "." && DIGIT.test(text[at + 1] ?? "")) {
        at += 1;
        while (DIGIT.test(text[at] ?? "")) at += 1;
        kind = "float";
      } else if (integer.length > 1 && integer.startsWith("0"))
        throw new StixPatternError(`An integer does not start with 0: '${integer}'`, start);
      if (IDENTIFIER_START.test(text[at] ?? ""))
        throw new StixPatternError(`A number runs into a word: '${text.slice(start, at + 1)}'`, start);
      tokens.push({ kind, text: text.slice(start, at), position: start });
      continue;
    }
    const two = text.slice(at, at + 2);
    if (two === "!=" || two === "<>" || two === ">=" || two === "<=" || two === "==") {
      tokens.push({ kind: "operator", text: two, position: start });
      at += 2;
      continue;
    }
    if (char === "=" || char === "<" || char === ">") {
      tokens.push({ kind: "operator", text: char, position: start });
      at += 1;
      continue;
    }
    if ("[]():.,*".includes(char)) {
      tokens.push({ kind: "punctuation", text: char, position: start });
      at += 1;
      continue;
    }
    if (char === '"')
      throw new StixPatternError("Strings are in single quotes ('...'), not double quotes", start);
    throw new StixPatternError(`Unexpected character '${char}'`, start);
  }
  tokens.push({ kind: "end", text: "", position: text.length });
  return tokens;
}

/** A comparison operator as the pattern spells it (the grammar's `==` and `<>` normalised). */
export type StixComparisonOperator =
  | "="
  | "!="
  | ">"
  | "<"
  | ">="
  | "<="
  | "IN"
  | "LIKE"
  | "MATCHES"
  | "ISSUBSET"
  | "ISSUPERSET";

/** A literal: its kind and its text as written (strings decoded). */
export interface StixPatternLiteral {
  readonly kind: "string" | "int" | "float" | "bool" | "timestamp" | "hex" | "binary";
  readonly value: string;
}

export type StixComparison =
  | { readonly kind: "and" | "or"; readonly operands: readonly StixComparison[] }
  | {
      readonly kind: "test";
      readonly objectType: string;
      /** The property path: keys, and list indexes (a number or "*"). */
      readonly path: readonly (string | number)[];
      readonly negated: boolean;
      readonly operator: StixComparisonOperator;
      readonly value: StixPatternLiteral | readonly StixPatternLiteral[];
    };

export type StixQualifier =
  | { readonly kind: "within"; readonly seconds: number }
  | { readonly kind: "repeats"; readonly times: number }
  | { readonly kind: "start-stop"; readonly start: string; readonly stop: string };

export type StixObservation =
  | { readonly kind: "and" | "or" | "followedby"; readonly operands: readonly StixObservation[] }
  | {
      readonly kind: "observation";
      readonly comparison: StixComparison;
      readonly qualifiers: readonly StixQualifier[];
    }
  | {
      readonly kind: "group";
      readonly expression: StixObservation;
      readonly qualifiers: readonly StixQualifier[];
    };

// Hash values compared with = or != are checked as cti-pattern-validator does
// (stix2patterns/v21/object_validator.py): the key after `hashes`, upper-cased without hyphens,
// names the hash; a value of the wrong form is refused.
const HASH_FORMS: Record<string, RegExp> = {
  MD5: /^[a-fA-F0-9]{32}$/,
  SHA1: /^[a-fA-F0-9]{40}$/,
  SHA224: /^[a-fA-F0-9]{56}$/,
  SHA256: /^[a-fA-F0-9]{64}$/,
  SHA384: /^[a-fA-F0-9]{96}$/,
  SHA512: /^[a-fA-F0-9]{128}$/,
  SHA3224: /^[a-fA-F0-9]{56}$/,
  SHA3256: /^[a-fA-F0-9]{64}$/,
  SHA3384: /^[a-fA-F0-9]{96}$/,
  SHA3512: /^[a-fA-F0-9]{128}$/,
  RIPEMD160: /^[a-fA-F0-9]{40}$/,
  WHIRLPOOL: /^[a-fA-F0-9]{128}$/,
  SSDEEP: /^[a-zA-Z0-9/+:.]{1,128}$/,
};

function checkHash(path: readonly (string | number)[], value: StixPatternLiteral, position: number): void {
  const hashes = path.indexOf("hashes");
  const name = path[path.length - 1];
  if (hashes < 0 || hashes !== path.length - 2 || typeof name !== "string" || value.kind !== "string") return;
  const form = HASH_FORMS[name.toUpperCase().replaceAll("-", "")];
  if (form && !form.test(value.value))
    throw new StixPatternError(`'${value.value}' is not a valid ${name} hash`, position);
}

/**
 * How deep parentheses may nest. The parser descends once per parenthesis; without a bound, a
 * pattern of a few thousand '(' would exhaust the stack instead of getting a clear answer.
 * Real patterns nest a handful of levels.
 */
export const MAX_PATTERN_DEPTH = 100;

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private get current(): Token {
    return this.tokens[this.at] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private advance(): Token {
    const token = this.current;
    if (token.kind !== "end") this.at += 1;
    return token;
  }

  private is(kind: TokenKind, text?: string): boolean {
    return this.current.kind === kind && (text === undefined || this.current.text === text);
  }

  private expect(kind: TokenKind, text: string, what: string): Token {
    if (!this.is(kind, text)) this.fail(`Expected ${what}`);
    return this.advance();
  }

  private fail(expected: string): never {
    throw new StixPatternError(`${expected}, found ${describe(this.current)}`, this.current.position);
  }

  parse(): StixObservation {
    if (this.is("end")) this.fail("Expected an observation expression in square brackets");
    const expression = this.observations();
    if (!this.is("end"))
      this.fail(
        this.is("keyword", "AND") || this.is("keyword", "OR")
          ? "Expected the end of the pattern or FOLLOWEDBY"
          : "Expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern",
      );
    return expression;
  }

  /** Parse what a parenthesis opens, one level deeper, refusing more than MAX_PATTERN_DEPTH. */
  private nested<T>(inner: () => T): T {
    if (this.depth >= MAX_PATTERN_DEPTH)
      throw new StixPatternError(
        `Parentheses nest more than ${MAX_PATTERN_DEPTH} deep; a pattern may nest at most ${MAX_PATTERN_DEPTH} levels`,
        this.current.position,
      );
    this.depth += 1;
    try {
      return inner();
    } finally {
      this.depth -= 1;
    }
  }

  private binary<T>(keyword: string, operand: () => T, build: (operands: T[]) => T): T {
    const operands = [operand()];
    while (this.is("keyword", keyword)) {
      this.advance();
      operands.push(operand());
    }
    return operands.length === 1 ? (operands[0] as T) : build(operands);
  }

  private observations(): StixObservation {
    return this.binary(
      "FOLLOWEDBY",
      () => this.observationOr(),
      (operands) => ({ kind: "followedby", operands }),
    );
  }

  private observationOr(): StixObservation {
    return this.binary(
      "OR",
      () => this.observationAnd(),
      (operands) => ({ kind: "or", operands }),
    );
  }

  private observationAnd(): StixObservation {
    return this.binary(
      "AND",
      () => this.observation(),
      (operands) => ({ kind: "and", operands }),
    );
  }

  private observation(): StixObservation {
    let expression: StixObservation;
    if (this.is("punctuation", "[")) {
      this.advance();
      const comparison = this.comparison();
      this.expect("punctuation", "]", "']' to close the observation expression, or AND / OR");
      expression = { kind: "observation", comparison, qualifiers: [] };
    } else if (this.is("punctuation", "(")) {
      this.advance();
      const inner = this.nested(() => this.observations());
      this.expect("punctuation", ")", "')' to close the parenthesis, or AND / OR / FOLLOWEDBY");
      expression = { kind: "group", expression: inner, qualifiers: [] };
    } else this.fail("Expected an observation expression in square brackets ('[') or '('");
    const qualifiers: StixQualifier[] = [];
    for (;;) {
      const qualifier = this.qualifier();
      if (!qualifier) break;
      qualifiers.push(qualifier);
    }
    return { ...expression, qualifiers };
  }

  private qualifier(): StixQualifier | undefined {
    if (this.is("keyword", "WITHIN")) {
      this.advance();
      if (!(this.is("int") || this.is("float")) || this.current.text.startsWith("-"))
        this.fail("Expected a positive number of seconds after WITHIN");
      const seconds = Number(this.advance().text);
      if (!(seconds > 0)) this.fail("WITHIN takes a number of seconds above 0");
      this.expect("keyword", "SECONDS", "SECONDS after the number in WITHIN");
      return { kind: "within", seconds };
    }
    if (this.is("keyword", "REPEATS")) {
      this.advance();
      if (!this.is("int") || this.current.text.startsWith("-"))
        this.fail("Expected a positive whole number after REPEATS");
      const times = Number(this.advance().text);
      if (!(times > 0)) this.fail("REPEATS takes a whole number above 0");
      this.expect("keyword", "TIMES", "TIMES after the number in REPEATS");
      return { kind: "repeats", times };
    }
    if (this.is("keyword", "START")) {
      this.advance();
      if (!this.is("timestamp")) this.fail("Expected a timestamp (t'...') after START");
      const start = this.advance();
      this.expect("keyword", "STOP", "STOP after START's timestamp");
      if (!this.is("timestamp")) this.fail("Expected a timestamp (t'...') after STOP");
      const stop = this.advance();
      if (Date.parse(stop.value ?? "") <= Date.parse(start.value ?? ""))
        throw new StixPatternError("STOP must be later than START", stop.position);
      return { kind: "start-stop", start: start.value ?? "", stop: stop.value ?? "" };
    }
    return undefined;
  }

  private comparison(): StixComparison {
    return this.binary(
      "OR",
      () => this.comparisonAnd(),
      (operands) => ({ kind: "or", operands }),
    );
  }

  private comparisonAnd(): StixComparison {
    return this.binary(
      "AND",
      () => this.test(),
      (operands) => ({ kind: "and", operands }),
    );
  }

  private literal(allowed: readonly StixPatternLiteral["kind"][], what: string): StixPatternLiteral {
    const token = this.current;
    if (!(allowed as readonly string[]).includes(token.kind)) this.fail(`Expected ${what}`);
    this.advance();
    const kind = token.kind as StixPatternLiteral["kind"];
    return { kind, value: token.value ?? token.text };
  }

  private test(): StixComparison {
    if (this.is("punctuation", "(")) {
      this.advance();
      const inner = this.nested(() => this.comparison());
      this.expect("punctuation", ")", "')' to close the parenthesis, or AND / OR");
      return inner;
    }
    if (this.is("punctuation", "["))
      this.fail("Expected a comparison (object-type:property = value); observations do not nest");
    const { objectType, path } = this.objectPath();
    const negated = this.is("keyword", "NOT");
    if (negated) this.advance();
    const token = this.current;
    const orderable = ["int", "float", "string", "binary", "hex", "timestamp"] as const;
    const primitive = [...orderable, "bool"] as const;
    if (token.kind === "operator") {
      this.advance();
      const operator = (
        token.text === "==" ? "=" : token.text === "<>" ? "!=" : token.text
      ) as StixComparisonOperator;
      const at = this.current.position;
      const value =
        operator === "=" || operator === "!="
          ? this.literal(primitive, `a value after ${token.text}`)
          : this.literal(orderable, `a number, string, timestamp, hex or binary value after ${token.text}`);
      if (operator === "=" || operator === "!=") checkHash(path, value, at);
      return { kind: "test", objectType, path, negated, operator, value };
    }
    if (token.kind === "keyword" && token.text === "IN") {
      this.advance();
      this.expect("punctuation", "(", "'(' and a list of values after IN");
      const values: StixPatternLiteral[] = [];
      if (!this.is("punctuation", ")")) {
        values.push(this.literal(primitive, "a value in the list"));
        while (this.is("punctuation", ",")) {
          this.advance();
          values.push(this.literal(primitive, "a value after ','"));
        }
      }
      this.expect("punctuation", ")", "',' or ')' to close the list");
      return { kind: "test", objectType, path, negated, operator: "IN", value: values };
    }
    if (
      token.kind === "keyword" &&
      (token.text === "LIKE" ||
        token.text === "MATCHES" ||
        token.text === "ISSUBSET" ||
        token.text === "ISSUPERSET")
    ) {
      this.advance();
      const value = this.literal(["string"], `a quoted string after ${token.text}`);
      if (token.text === "MATCHES") {
        try {
          new RegExp(value.value, "u");
        } catch {
          // PCRE is wider than JavaScript's syntax; only a pattern neither accepts is refused here.
          try {
            new RegExp(value.value);
          } catch {
            throw new StixPatternError(`'${value.value}' is not a regular expression`, token.position);
          }
        }
      }
      return { kind: "test", objectType, path, negated, operator: token.text, value };
    }
    this.fail(
      negated
        ? "Expected =, !=, >, <, >=, <=, IN, LIKE, MATCHES, ISSUBSET or ISSUPERSET after NOT"
        : "Expected a comparison operator (=, !=, >, <, >=, <=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)",
    );
  }

  private objectPath(): { objectType: string; path: (string | number)[] } {
    if (!this.is("identifier"))
      this.fail(
        this.is("keyword")
          ? `Expected an object type (like ipv4-addr), not the keyword ${this.current.text}`
          : "Expected an object type (like ipv4-addr:value)",
      );
    const type = this.advance();
    this.expect("punctuation", ":", `':' and a property after the object type '${type.text}'`);
    const path: (string | number)[] = [this.key()];
    for (;;) {
      if (this.is("punctuation", ".")) {
        this.advance();
        path.push(this.key());
      } else if (this.is("punctuation", "[")) {
        this.advance();
        if (this.is("punctuation", "*")) {
          this.advance();
          path.push("*");
        } else if (this.is("int")) path.push(Number(this.advance().text));
        else this.fail("Expected a list index (a whole number or *)");
        this.expect("punctuation", "]", "']' after the list index");
      } else break;
    }
    return { objectType: type.text, path };
  }

  private key(): string {
    if (this.is("string")) return this.advance().value ?? "";
    if (this.is("identifier")) {
      const token = this.advance();
      if (token.text.includes("-"))
        throw new StixPatternError(
          `A property name with a hyphen is quoted: '${token.text}' (like hashes.'SHA-256')`,
          token.position,
        );
      return token.text;
    }
    this.fail("Expected a property name");
  }
}

/** Parses a STIX 2.1 pattern, or throws a StixPatternError saying what is wrong and where. */
export function parseStixPattern(pattern: string): StixObservation {
  return new Parser(tokenize(pattern)).parse();
}

/** Checks a STIX 2.1 pattern: null when it parses, otherwise the reason and its position. */
export function stixPatternProblem(pattern: string): StixPatternError | null {
  try {
    parseStixPattern(pattern);
    return null;
  } catch (error) {
    if (error instanceof StixPatternError) return error;
    throw error;
  }
}
