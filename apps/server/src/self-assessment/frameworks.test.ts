// The shipped frameworks load and validate, recommend only entries that exist, and a broken file is
// reported by file and path.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_COMPENDIUM } from "../compendium/pack.service.ts";
import { FrameworkFileError, readFrameworks, unknownEntries } from "./frameworks.service.ts";

const scratch = mkdtempSync(join(tmpdir(), "bulwark-frameworks-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("shipped frameworks", () => {
  const frameworks = readFrameworks();

  it("holds resolution 2341 and the EU CER directive, each valid", () => {
    expect(frameworks.map((framework) => `${framework.id}@${framework.version}`).sort()).toEqual([
      "eu-cer@1",
      "unsc-2341@1",
    ]);
    const unsc = frameworks.find((framework) => framework.id === "unsc-2341");
    expect(unsc?.sections.length).toBeGreaterThanOrEqual(8);
    const types = new Set(
      unsc?.sections.flatMap((section) => section.questions.map((question) => question.answer.type)),
    );
    expect([...types].sort()).toEqual(["choice", "maturity", "number", "text"]);
  });

  it("recommends only compendium entries that exist", () => {
    const slugs = new Set(
      readdirSync(DEMO_COMPENDIUM)
        .filter((name) => name.endsWith(".md") && name !== "README.md")
        .map((name) => name.slice(0, -3)),
    );
    expect(unknownEntries(frameworks, slugs)).toEqual([]);
    expect(unknownEntries(frameworks, new Set())).not.toEqual([]);
  });
});

describe("readFrameworks", () => {
  it("names the file and the path of every problem", () => {
    writeFileSync(
      join(scratch, "broken.yaml"),
      [
        "id: broken",
        "version: 1",
        "title: Broken",
        "summary: A framework with mistakes.",
        "source: { citation: A source }",
        "sections:",
        "  - id: one",
        "    title: One",
        "    weight: 9",
        "    questions:",
        "      - id: q1",
        "        text: Question?",
        "        guidance: Guidance.",
        "        weight: 1",
        "        answer: { type: maturity, levels: [a, b] }",
        "        entries: []",
      ].join("\n"),
    );
    writeFileSync(join(scratch, "unreadable.yaml"), "id: [unclosed\n");
    let error: unknown;
    try {
      readFrameworks(scratch);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FrameworkFileError);
    const message = String(error instanceof Error ? error.message : "");
    expect(message).toContain("broken.yaml: sections.0.weight");
    expect(message).toContain("broken.yaml: sections.0.questions.0.answer.levels");
    expect(message).toMatch(/unreadable\.yaml:\d+:/);
  });
});
