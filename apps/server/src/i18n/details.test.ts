// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the scan names source text, template placeholders included.
// No problem answer in English only (issue 15): a scan of the server's source (and of core's refusal
// reasons, which routes throw as they are) finds every user-facing error and checks what it says.
// A detail, title or field message written as a string must be a sentence of the catalogue (so it
// is said in the caller's language); one built from pieces (a template, `+`, `.join`) must be a
// catalogue Message with placeholders instead. A detail passed in a variable is accepted only from
// the few places listed below, whose values are catalogue sentences or Messages themselves.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { englishShapes, notFoundMessage } from "./messages.ts";

const REPOSITORY = fileURLToPath(new URL("../../../../", import.meta.url));
const SERVER = join(REPOSITORY, "apps/server/src");
const CORE = join(REPOSITORY, "packages/core/src");

const SHAPES = englishShapes();
const SENTENCES = new Set<string>(Object.values(en).filter((text) => !text.includes("{{")));

// Details held in a variable: where they come from and why they are in the catalogue.
const DYNAMIC = new Set([
  // Core's decisions: their reasons are literals of core, scanned below.
  "*.reason",
  // Attachment checks: core's AttachmentProblem details, literals of core scanned below.
  "incidents/attachments.service.ts problem.detail",
  "sharing/attachments.service.ts problem.detail",
  "incidents/attachments.service.ts title",
  "sharing/attachments.service.ts title",
  // Catalogue Messages built by a helper.
  "resource-requests/resource-requests.service.ts detail",
  "federation/federation.service.ts detail",
  "federation/sending.ts detail",
  "system/database-outage.ts DETAIL[outage]",
  "sharing/sharing.service.ts reason",
  "sharing/sharing.service.ts WITHDRAW_REFUSED",
  // errorAt's message: core's package sentences as Messages, or what the service's `problem` helper
  // passes, each a literal sentence of the catalogue.
  "exercises/package.service.ts message",
]);

// Said in English still, each named by file and expression. Empty since core's CSV, GeoJSON and
// graph checks name their sentences (issue 15): it stays empty, an entry no longer found fails.
const LEFT = new Set<string>([]);
const left = new Set<string>();

const MACHINERY = new Set(["errors.ts", "i18n/messages.ts"]);

const HELPERS = new Set(["invalid", "conflict", "forbidden", "unauthorized"]);
const CORE_REFUSALS = new Set(["deny", "refuse"]);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith(".ts") && !/\.test(-support)?\.ts$/.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

interface Finding {
  where: string;
  text: string;
  why: string;
}

/** What is wrong with an expression said to a user, or nothing. */
function check(expression: ts.Expression, file: string): string | null {
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression))
    return check(expression.expression, file);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
    return expression.text === "" || SENTENCES.has(expression.text)
      ? null
      : "is not a sentence of the catalogue (i18n/en.ts)";
  if (ts.isConditionalExpression(expression))
    return check(expression.whenTrue, file) ?? check(expression.whenFalse, file);
  // A Message: the type checker holds its key to the catalogue's.
  if (ts.isObjectLiteralExpression(expression)) return null;
  // A sentence with values that the catalogue says back in the caller's language (messages.ts).
  if (ts.isTemplateExpression(expression)) {
    const shape =
      expression.head.text + expression.templateSpans.map((span) => `{{}}${span.literal.text}`).join("");
    if (SHAPES.has(shape)) return null;
  }
  if (
    ts.isTemplateExpression(expression) ||
    ts.isBinaryExpression(expression) ||
    ts.isCallExpression(expression)
  )
    return "is a sentence built from pieces: use a catalogue Message with placeholders";
  const text = expression.getText();
  if (
    ts.isPropertyAccessExpression(expression) &&
    expression.name.text === "reason" &&
    DYNAMIC.has("*.reason")
  )
    return null;
  return DYNAMIC.has(`${file} ${text}`) ? null : "is a variable not known to hold catalogue sentences";
}

function scan(
  directory: string,
  visit: (node: ts.Node, report: (node: ts.Node, why: string | null) => void) => void,
) {
  const findings: Finding[] = [];
  for (const path of sourceFiles(directory)) {
    const file = relative(directory, path);
    // The machinery itself: the helpers' definitions and the catalogue's lookups.
    if (MACHINERY.has(file)) continue;
    const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    const report = (node: ts.Node, why: string | null) => {
      if (why === null) return;
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const text = node.getText().replace(/\s+/g, " ").slice(0, 120);
      if (LEFT.has(`${file} ${text}`)) left.add(`${file} ${text}`);
      else findings.push({ where: `${file}:${line}`, text, why });
    };
    const walk = (node: ts.Node) => {
      visit(node, report);
      ts.forEachChild(node, walk);
    };
    walk(source);
  }
  return findings.map((f) => `${f.where} ${f.text} ${f.why}`);
}

/** Whether the file declares `name` (a parameter or a variable) with the type Message. */
function declaredAsMessage(source: ts.SourceFile, name: string): boolean {
  let found = false;
  const walk = (node: ts.Node) => {
    if (
      (ts.isParameter(node) || ts.isVariableDeclaration(node)) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name &&
      node.type?.getText() === "Message"
    )
      found = true;
    if (!found) ts.forEachChild(node, walk);
  };
  walk(source);
  return found;
}

const calleeName = (node: ts.CallExpression | ts.NewExpression): string | null =>
  ts.isIdentifier(node.expression) ? node.expression.text : null;

describe("every problem answer of the server can be said in the six languages", () => {
  it("throws no detail, title or field message that is English only", () => {
    const findings = scan(SERVER, (node, report) => {
      const file = relative(SERVER, node.getSourceFile().fileName);
      if (ts.isCallExpression(node) && HELPERS.has(calleeName(node) ?? "")) {
        const [detail] = node.arguments;
        if (detail) report(detail, check(detail, file));
      }
      if (ts.isNewExpression(node) && calleeName(node) === "UserError") {
        const [, title, detail] = node.arguments ?? [];
        if (title) report(title, check(title, file));
        if (detail) report(detail, check(detail, file));
      }
      if (ts.isCallExpression(node) && calleeName(node) === "notFound") {
        const [what] = node.arguments;
        if (what && ts.isStringLiteral(what) && notFoundMessage(what.text) === null)
          report(what, "names a thing the catalogue has no notFound sentence for (i18n/messages.ts)");
      }
      // A field's message in a problem's errors: { path, message }.
      if (ts.isObjectLiteralExpression(node)) {
        const names = node.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ""));
        if (names.includes("path") && names.includes("message"))
          for (const property of node.properties)
            if (
              ts.isPropertyAssignment(property) &&
              ts.isIdentifier(property.name) &&
              property.name.text === "message"
            )
              report(property.initializer, check(property.initializer, file));
            // { path, message }: a variable declared as a catalogue Message, or one listed above.
            else if (ts.isShorthandPropertyAssignment(property) && property.name.text === "message")
              report(
                property.name,
                declaredAsMessage(node.getSourceFile(), "message") ? null : check(property.name, file),
              );
      }
    });
    expect(findings.join("\n")).toBe("");
  });

  it("finds core's refusal reasons in the catalogue, none built from pieces", () => {
    const findings = scan(CORE, (node, report) => {
      if (ts.isCallExpression(node) && CORE_REFUSALS.has(calleeName(node) ?? "")) {
        const [reason] = node.arguments;
        if (reason && !ts.isIdentifier(reason)) report(reason, check(reason, "core"));
      }
      if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        (node.name.text === "reason" || node.name.text === "detail") &&
        (ts.isStringLiteral(node.initializer) || ts.isTemplateExpression(node.initializer))
      )
        report(node.initializer, check(node.initializer, "core"));
    });
    expect(findings.join("\n")).toBe("");
  });

  it("keeps its list of sentences left in English to those still found", () => {
    expect([...LEFT].filter((entry) => !left.has(entry))).toEqual([]);
  });

  it("fails on an English-only detail (the scan itself is checked)", () => {
    const source = ts.createSourceFile(
      "probe.ts",
      'throw invalid(`${n} things`); throw conflict("Not in the catalogue."); throw forbidden("Wrong or expired code.");',
      ts.ScriptTarget.Latest,
      true,
    );
    const verdicts: (string | null)[] = [];
    const walk = (node: ts.Node) => {
      if (ts.isCallExpression(node) && HELPERS.has(calleeName(node) ?? "") && node.arguments[0])
        verdicts.push(check(node.arguments[0], "probe.ts"));
      ts.forEachChild(node, walk);
    };
    walk(source);
    expect(verdicts[0]).toMatch(/built from pieces/);
    expect(verdicts[1]).toMatch(/not a sentence of the catalogue/);
    expect(verdicts[2]).toBeNull();
  });
});
