// Every text a reader sees in the shipped frameworks, threat scenarios and risk methodology has
// Bulwark's translation into each of the five other UN languages, at the same id, with the same
// {{placeholders}} and the same figures; a missing, stale or untranslated text fails.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Framework, Methodology, ScenarioContent } from "@bulwark/contracts";
import {
  figuresOf,
  placeholdersOf,
  readYaml,
  type TextVisitor,
  textsOf,
  translateContent,
  walkFramework,
  walkMethodology,
  walkScenario,
} from "@bulwark/core";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { contentFiles, readTranslation, TRANSLATED_LANGUAGES } from "./translations.ts";

const CONTENT = fileURLToPath(new URL("../../../../content/", import.meta.url));

function english<T extends z.ZodType>(folder: string, name: string, schema: T): z.output<T> {
  const read = readYaml(readFileSync(join(CONTENT, folder, name), "utf8"));
  if (!read.ok) throw new Error(`${folder}/${name}: ${read.message}`);
  return schema.parse(read.data);
}

// Letters of the script each language is written in: a text left in English lacks them.
const SCRIPT: Partial<Record<string, RegExp>> = {
  ar: /\p{Script=Arabic}/u,
  ru: /\p{Script=Cyrillic}/u,
  zh: /\p{Script=Han}/u,
};

interface Kind {
  folder: string;
  read: (name: string) => unknown;
  walk: (content: never, visit: TextVisitor) => unknown;
}

const KINDS: Kind[] = [
  { folder: "frameworks", read: (name) => english("frameworks", name, Framework), walk: walkFramework },
  { folder: "scenarios", read: (name) => english("scenarios", name, ScenarioContent), walk: walkScenario },
  { folder: "risk", read: (name) => english("risk", name, Methodology), walk: walkMethodology },
];

describe("Bulwark's translations of the shipped content", () => {
  for (const kind of KINDS)
    for (const name of contentFiles(kind.folder))
      describe(`${kind.folder}/${name}`, () => {
        const source = kind.read(name);
        const walk = kind.walk as (content: unknown, visit: TextVisitor) => unknown;
        const texts = textsOf(source, walk);

        it("has texts to translate", () => expect(texts.length).toBeGreaterThan(3));

        for (const language of TRANSLATED_LANGUAGES)
          it(`is translated into ${language}, text by text`, () => {
            const translation = readTranslation(kind.folder, name, language);
            expect(translation, `content/${kind.folder}/i18n/${language}/${name} is missing`).not.toBeNull();
            if (!translation) return;
            const result = translateContent(source, walk, translation.texts);
            expect(result.missing, "texts without a translation").toEqual([]);
            expect(result.unused, "translations of no text (a stale id?)").toEqual([]);
            const script = SCRIPT[language];
            for (const [path, text] of texts) {
              const translated = translation.texts.get(path) ?? "";
              expect([path, placeholdersOf(translated)]).toEqual([path, placeholdersOf(text)]);
              const figures = figuresOf(translated.replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, "$1"));
              for (const figure of figuresOf(text))
                expect([path, figures]).toEqual([path, expect.arrayContaining([figure])]);
              // A sign such as "%" needs no letters; words must be in the language's script.
              if (script && /\p{L}{3}/u.test(text) && /\p{L}/u.test(translated))
                expect([path, script.test(translated)]).toEqual([path, true]);
            }
          });
      });
});

describe("the translation check", () => {
  const framework = english("frameworks", "unsc-2341-v1.yaml", Framework);
  const french = readTranslation("frameworks", "unsc-2341-v1.yaml", "fr");

  it("reports a text the translation lacks, and a translation of no text", () => {
    expect(french).not.toBeNull();
    if (!french) return;
    const texts = new Map(french.texts);
    texts.delete("sections.risk.questions.risk-national.guidance");
    texts.set("sections.risk.questions.gone.text", "Question disparue ?");
    const result = translateContent(framework, walkFramework, texts);
    expect(result.missing).toEqual(["sections.risk.questions.risk-national.guidance"]);
    expect(result.unused).toEqual(["sections.risk.questions.gone.text"]);
    // The missing text stays in English; ids and structure do not change.
    const question = result.value.sections
      .find((s) => s.id === "risk")
      ?.questions.find((q) => q.id === "risk-national");
    expect(question?.guidance).toBe(framework.sections.find((s) => s.id === "risk")?.questions[0]?.guidance);
    expect(result.value.sections.map((s) => s.questions.map((q) => q.id))).toEqual(
      framework.sections.map((s) => s.questions.map((q) => q.id)),
    );
  });

  it("finds the figures and placeholders a translation must keep", () => {
    expect(figuresOf("Article 15: within 24 hours, 1,000 people")).toEqual(["15", "24", "1000"]);
    expect(placeholdersOf("{{b}} and {{a}}")).toEqual(["{{a}}", "{{b}}"]);
  });
});
