// /api/openapi.json as a client generator sees it: valid against the official OpenAPI 3.1 schema
// with JSON Schema 2020-12 semantics (a second validator besides system.test.ts's), components
// reached by $ref alone, and a typed client generated from it by openapi-typescript compiles.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BASIC } from "@hyperjump/json-schema/experimental";
import { validate } from "@hyperjump/json-schema/openapi-3-1";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

let server: TestServer;
let text: string;
let document: Json;
beforeAll(async () => {
  server = await startTestServer();
  const response = await server.inject({ method: "GET", url: "/api/openapi.json" });
  text = response.body;
  document = JSON.parse(text);
});
afterAll(() => server.close());

/** Every value of `key` anywhere in the document, with where it is. */
function valuesOf(value: unknown, key: string, at = "#"): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => valuesOf(item, key, `${at}/${index}`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([name, inner]) => [
    ...(name === key ? ([[at, inner]] as [string, unknown][]) : []),
    ...valuesOf(inner, key, `${at}/${name}`),
  ]);
}

describe("the OpenAPI document", () => {
  it("passes the official OpenAPI 3.1 schema, every component checked as JSON Schema 2020-12", async () => {
    // schema-base also checks each schema against OpenAPI 3.1's dialect (2020-12), where an $id
    // may hold no fragment.
    const output = await validate("https://spec.openapis.org/oas/3.1/schema-base", document, BASIC);
    const errors = output.valid ? [] : (output.errors ?? []);
    expect(errors.map((error) => `${error.instanceLocation}: ${error.absoluteKeywordLocation}`)).toEqual([]);
    expect(output.valid).toBe(true);
  });

  it("names no schema by a fragment $id and reaches every component by a $ref that resolves", () => {
    expect(valuesOf(document, "$id")).toEqual([]);
    const schemas = valuesOf(document, "schemas").find(([at]) => at === "#/components")?.[1];
    const components = Object.keys(typeof schemas === "object" && schemas !== null ? schemas : {});
    expect(components).toContain("Problem");
    const refs = valuesOf(document, "$ref").map(([, ref]) => ref);
    expect(refs.length).toBeGreaterThan(50);
    const known = new Set(components.map((name) => `#/components/schemas/${name}`));
    expect(refs.filter((ref) => typeof ref !== "string" || !known.has(ref))).toEqual([]);
  });

  it("gives openapi-typescript a typed client that compiles", async () => {
    const folder = mkdtempSync(join(tmpdir(), "bulwark-openapi-"));
    try {
      writeFileSync(join(folder, "api.d.ts"), astToString(await openapiTS(Buffer.from(text))));
      // The types say something: a problem's status is a number, and health answers a status.
      writeFileSync(
        join(folder, "use.ts"),
        [
          'import type { components, paths } from "./api";',
          'type Problem = components["schemas"]["Problem"];',
          'type Health = paths["/api/health"]["get"]["responses"][200]["content"]["application/json"];',
          'export const problem: Problem = { type: "about:blank", title: "Not found", status: 404 };',
          "// @ts-expect-error a status is a number",
          'export const wrong: Problem = { type: "about:blank", title: "Not found", status: "404" };',
          "export const status = (health: Health): string => health.status;",
        ].join("\n"),
      );
      const program = ts.createProgram([join(folder, "use.ts")], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        lib: ["lib.es2022.d.ts"],
        types: [],
        skipLibCheck: true,
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      expect(problems).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
