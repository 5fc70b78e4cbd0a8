import { describe, expect, it } from "vitest";
import {
  type EntryFileContent,
  isPackProblem,
  readEntryFile,
  slugify,
  slugOfFile,
  writeEntryFile,
} from "./pack.ts";

const content: EntryFileContent = {
  title: "ISO 22301:2019 Business continuity management systems",
  type: "tool",
  toolKind: "guideline",
  summary: "The requirements of a business continuity management system: plan, do, check, act.",
  body: "## Why it matters\n\nAn operator that keeps running after an attack protects everyone who depends on it.",
  language: "en",
  phases: ["preparedness", "recovery"],
  sectors: [],
  threats: [],
  themes: ["crisis"],
  regions: ["global"],
  countries: [],
  languages: ["en", "fr"],
  marking: "clear",
  source: {
    citation:
      "ISO 22301:2019, Security and resilience — Business continuity management systems — Requirements.",
    url: "https://www.iso.org/standard/75106.html",
    publisher: "International Organization for Standardization",
    year: 2019,
    licence: null,
  },
};

describe("compendium pack files", () => {
  it("round-trips an entry through its file", () => {
    const text = writeEntryFile(content);
    expect(text).toMatch(/^---\ntitle: /);
    expect(text).toContain("tool_kind: guideline");
    expect(text).toContain("phases: [preparedness, recovery]");
    const read = readEntryFile("content/compendium/iso-22301-2019.md", text);
    if (isPackProblem(read)) throw new Error(read.message);
    expect(read.slug).toBe("iso-22301-2019");
    expect(read.fields).toEqual({
      ...content,
      source: { ...content.source, licence: undefined },
    } satisfies Record<string, unknown>);
  });

  it.each([
    ["Bad Name.md", "---\ntitle: x\n---\n", /file name/],
    ["ok-name.txt", "---\ntitle: x\n---\n", /file name/],
    ["no-front.md", "# Just a heading\n", /front matter/],
    ["list-front.md", "---\n- a\n- b\n---\nbody", /key: value/],
    ["broken-yaml.md", "---\ntitle: [unclosed\n---\nbody", /.+/],
  ])("names the problem in %s", (file, text, message) => {
    const read = readEntryFile(file, text);
    expect(isPackProblem(read)).toBe(true);
    if (isPackProblem(read)) expect(read.message).toMatch(message);
  });

  it("gives YAML errors with their line in the file", () => {
    const read = readEntryFile("broken.md", "---\ntitle: fine\nsummary: : :\n  bad: [\n---\n");
    expect(isPackProblem(read) && read.line).toBeGreaterThan(1);
  });

  it.each([
    ["ISO 31000:2018 Risk management", "iso-31000-2018-risk-management"],
    ["Résolution 2341 (2017)", "resolution-2341-2017"],
    ["!!", "entry-untitled"],
  ])("slugifies %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
    expect(slugOfFile(`${slug}.md`)).toBe(slug);
  });
});
