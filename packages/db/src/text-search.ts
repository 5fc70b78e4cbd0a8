// PostgreSQL's text-search values in their text form, read in the process: a tsvector
// ("'secur':3A,15C 'grid':7") into lexemes with how often each weight holds them, and a tsquery
// ("'secur' & 'grid' | !'drone'") into a tree. PostgreSQL still does the language work (parsing,
// stemming, stop words); this only reads what it produced, for the compendium's in-process index.

/** How often a lexeme occurs under each weight: A (title), B (summary), C and D (the rest). */
export interface LexemeCounts {
  readonly lexeme: string;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** Reads a quoted lexeme starting at text[start] === "'"; returns it and the index after it. */
function readQuoted(text: string, start: number): [string, number] {
  let value = "";
  let at = start + 1;
  for (;;) {
    const char = text[at];
    if (char === undefined)
      throw new Error(`Unterminated lexeme in ${JSON.stringify(text.slice(start, start + 40))}`);
    if (char === "\\") {
      value += text[at + 1] ?? "";
      at += 2;
    } else if (char === "'") {
      if (text[at + 1] === "'") {
        value += "'";
        at += 2;
      } else return [value, at + 1];
    } else {
      value += char;
      at += 1;
    }
  }
}

/** A tsvector's text form, lexeme by lexeme (a lexeme without positions counts once, as D). */
export function parseTsvector(text: string): LexemeCounts[] {
  const lexemes: LexemeCounts[] = [];
  let at = 0;
  while (at < text.length) {
    if (text[at] === " ") {
      at += 1;
      continue;
    }
    if (text[at] !== "'") throw new Error(`Unexpected ${JSON.stringify(text[at])} at ${at} in a tsvector`);
    const [lexeme, next] = readQuoted(text, at);
    at = next;
    let a = 0;
    let b = 0;
    let c = 0;
    if (text[at] === ":") {
      at += 1;
      for (;;) {
        while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at += 1;
        const weight = text[at];
        if (weight === "A") a += 1;
        else if (weight === "B") b += 1;
        else c += 1;
        if (weight === "A" || weight === "B" || weight === "C" || weight === "D") at += 1;
        if (text[at] !== ",") break;
        at += 1;
      }
    } else c = 1;
    lexemes.push({ lexeme, a, b, c });
  }
  return lexemes;
}

export type TsqueryNode =
  | { readonly kind: "term"; readonly lexeme: string; readonly prefix: boolean; readonly weights: string }
  | { readonly kind: "not"; readonly operand: TsqueryNode }
  | { readonly kind: "and" | "or"; readonly left: TsqueryNode; readonly right: TsqueryNode }
  /** Followed by (<->, or <N>): both, `distance` positions apart. */
  | {
      readonly kind: "phrase";
      readonly distance: number;
      readonly left: TsqueryNode;
      readonly right: TsqueryNode;
    };

type Token =
  | { readonly kind: "term"; readonly lexeme: string; readonly prefix: boolean; readonly weights: string }
  | { readonly kind: "op"; readonly op: "&" | "|" | "!" | "(" | ")" }
  | { readonly kind: "phrase"; readonly distance: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (char === " ") at += 1;
    else if (char === "'") {
      const [lexeme, next] = readQuoted(text, at);
      at = next;
      let prefix = false;
      let weights = "";
      if (text[at] === ":") {
        at += 1;
        while (at < text.length && /[*ABCDabcd]/.test(text[at] as string)) {
          if (text[at] === "*") prefix = true;
          else weights += (text[at] as string).toUpperCase();
          at += 1;
        }
      }
      tokens.push({ kind: "term", lexeme, prefix, weights });
    } else if (char === "<") {
      const close = text.indexOf(">", at);
      if (close < 0) throw new Error(`Unterminated phrase operator in a tsquery`);
      const inner = text.slice(at + 1, close);
      tokens.push({ kind: "phrase", distance: inner === "-" ? 1 : Number(inner) });
      at = close + 1;
    } else if (char === "&" || char === "|" || char === "!" || char === "(" || char === ")") {
      tokens.push({ kind: "op", op: char });
      at += 1;
    } else throw new Error(`Unexpected ${JSON.stringify(char)} at ${at} in a tsquery`);
  }
  return tokens;
}

/**
 * A tsquery's text form as a tree, with PostgreSQL's precedence: ! binds tightest, then <->,
 * then &, then |. The empty query (only stop words) is null.
 */
export function parseTsquery(text: string): TsqueryNode | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (op: string) => {
    const token = peek();
    return token?.kind === "op" && token.op === op;
  };
  const primary = (): TsqueryNode => {
    const token = tokens[at];
    at += 1;
    if (!token) throw new Error("A tsquery ends too early");
    if (token.kind === "term") return token;
    if (token.kind === "op" && token.op === "!") return { kind: "not", operand: primary() };
    if (token.kind === "op" && token.op === "(") {
      const inner = or();
      if (!isOp(")")) throw new Error("A tsquery misses a closing parenthesis");
      at += 1;
      return inner;
    }
    throw new Error(`Unexpected ${token.kind === "op" ? token.op : "phrase operator"} in a tsquery`);
  };
  const phrase = (): TsqueryNode => {
    let left = primary();
    for (let token = peek(); token?.kind === "phrase"; token = peek()) {
      at += 1;
      left = { kind: "phrase", distance: token.distance, left, right: primary() };
    }
    return left;
  };
  const and = (): TsqueryNode => {
    let left = phrase();
    while (isOp("&")) {
      at += 1;
      left = { kind: "and", left, right: phrase() };
    }
    return left;
  };
  const or = (): TsqueryNode => {
    let left = and();
    while (isOp("|")) {
      at += 1;
      left = { kind: "or", left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (at !== tokens.length) throw new Error("A tsquery has more after its end");
  return tree;
}

/** The lexemes a query looks for (not those it excludes), for ranking. */
export function positiveTerms(node: TsqueryNode, negated = false, into = new Set<string>()): Set<string> {
  if (node.kind === "term") {
    if (!negated) into.add(node.lexeme);
  } else if (node.kind === "not") positiveTerms(node.operand, !negated, into);
  else {
    positiveTerms(node.left, negated, into);
    positiveTerms(node.right, negated, into);
  }
  return into;
}

/** Whether the query needs positions, which the index does not keep (phrases: "a b" in quotes). */
export function hasPhrase(node: TsqueryNode): boolean {
  if (node.kind === "term") return false;
  if (node.kind === "not") return hasPhrase(node.operand);
  if (node.kind === "phrase") return true;
  return hasPhrase(node.left) || hasPhrase(node.right);
}

/** A tsquery tree back in PostgreSQL's text form (parenthesised: precedence need not be known). */
export function tsqueryText(node: TsqueryNode): string {
  switch (node.kind) {
    case "term": {
      const marks = `${node.prefix ? "*" : ""}${node.weights}`;
      return `'${node.lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'${marks === "" ? "" : `:${marks}`}`;
    }
    case "not":
      return `!( ${tsqueryText(node.operand)} )`;
    case "phrase":
      return `( ${tsqueryText(node.left)} <${node.distance}> ${tsqueryText(node.right)} )`;
    default:
      return `( ${tsqueryText(node.left)} ${node.kind === "and" ? "&" : "|"} ${tsqueryText(node.right)} )`;
  }
}

/**
 * The same query without repeated alternatives: "a | b | a" is "a | b". The query in every
 * stemming repeats most words (a word most languages leave alone); what it matches is the same.
 */
export function withoutRepeats(node: TsqueryNode): TsqueryNode {
  if (node.kind !== "or") return node;
  const alternatives = new Map<string, TsqueryNode>();
  const gather = (part: TsqueryNode) => {
    if (part.kind === "or") {
      gather(part.left);
      gather(part.right);
    } else alternatives.set(tsqueryText(part), part);
  };
  gather(node);
  return [...alternatives.values()].reduce((left, right) => ({ kind: "or", left, right }));
}
