// Bulwark's own translations of the shipped content, served in the reader's language. Beside each
// English file of content/frameworks, content/scenarios and content/risk, the file of the same name
// under i18n/<language>/ holds its texts in that language, keyed by the same ids (the folders'
// READMEs give the format). The English stays the reference: a text a translation lacks is served
// in English, and content an organisation wrote itself (its scenarios, its own methodology) is
// served as written.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type FrameworkTextShape,
  LANGUAGES,
  type Language,
  type MethodologyTextShape,
  readYaml,
  type ScenarioTextShape,
  translateContent,
  translationTexts,
  walkFramework,
  walkMethodology,
  walkScenario,
} from "@bulwark/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import { requestLanguage } from "../errors.ts";

const CONTENT = fileURLToPath(new URL("../../../../content/", import.meta.url));

/** The languages content is translated into (English is the reference). */
export const TRANSLATED_LANGUAGES = LANGUAGES.filter((language) => language !== "en");

export class TranslationFileError extends Error {
  override name = "TranslationFileError";
}

export interface TranslationFile {
  readonly file: string;
  /** The sentence the translation opens with, saying it is Bulwark's own (in its language). */
  readonly notice: string;
  readonly texts: ReadonlyMap<string, string>;
}

/** The translation of `folder/name` into `language`, or null when there is none. */
export function readTranslation(folder: string, name: string, language: Language): TranslationFile | null {
  const file = join(CONTENT, folder, "i18n", language, name);
  if (!existsSync(file)) return null;
  const read = readYaml(readFileSync(file, "utf8"));
  if (!read.ok) throw new TranslationFileError(`${file}: ${read.message}`);
  const data = read.data;
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new TranslationFileError(`${file}: expected a mapping of texts`);
  const header = data as { language?: unknown; notice?: unknown };
  if (header.language !== language)
    throw new TranslationFileError(`${file}: "language" must be ${language}, the folder's language`);
  if (typeof header.notice !== "string" || header.notice.trim() === "")
    throw new TranslationFileError(`${file}: "notice" must say the translation is Bulwark's own`);
  return { file, notice: header.notice.trim(), texts: translationTexts(data) };
}

/** The English files of a content folder that translations follow (*.yaml, the README aside). */
export const contentFiles = (folder: string): string[] =>
  readdirSync(join(CONTENT, folder))
    .filter((name) => name.endsWith(".yaml"))
    .sort();

const cache = new Map<string, TranslationFile | null>();

function translationOf(folder: string, name: string, language: Language): TranslationFile | null {
  const key = `${folder}/${language}/${name}`;
  if (!cache.has(key)) cache.set(key, readTranslation(folder, name, language));
  return cache.get(key) ?? null;
}

// Frameworks are stored by id and version; their files are named freely: map one to the other once.
let frameworkFiles: Map<string, string> | null = null;

function frameworkFileOf(id: string, version: number): string | undefined {
  if (!frameworkFiles) {
    frameworkFiles = new Map();
    for (const name of contentFiles("frameworks")) {
      const read = readYaml(readFileSync(join(CONTENT, "frameworks", name), "utf8"));
      const data = read.ok ? (read.data as { id?: unknown; version?: unknown } | null) : null;
      if (data && typeof data.id === "string" && typeof data.version === "number")
        frameworkFiles.set(`${data.id}@${data.version}`, name);
    }
  }
  return frameworkFiles.get(`${id}@${version}`);
}

/** What a response says about its language: the translation's notice, or null for the English original. */
export type TranslationMark = { readonly language: Language; readonly notice: string } | null;

/** A shipped framework version in `language` (a version with no translation stays English). */
export function frameworkIn<T extends FrameworkTextShape & { id: string; version: number }>(
  framework: T,
  language: Language,
): T {
  return frameworkWithMark(framework, language).value;
}

export function frameworkWithMark<T extends FrameworkTextShape & { id: string; version: number }>(
  framework: T,
  language: Language,
): { value: T; translation: TranslationMark } {
  if (language === "en") return { value: framework, translation: null };
  const name = frameworkFileOf(framework.id, framework.version);
  const file = name ? translationOf("frameworks", name, language) : null;
  if (!file) return { value: framework, translation: null };
  return {
    value: translateContent(framework, walkFramework, file.texts).value,
    translation: { language, notice: file.notice },
  };
}

/**
 * A scenario of the shipped catalogue (no organisation) in `language`; an organisation's own
 * scenario, or one with no translation, stays as written.
 */
export function scenarioIn<T extends ScenarioTextShape>(
  scenario: T,
  slug: string,
  shipped: boolean,
  language: Language,
): T {
  if (language === "en" || !shipped || !/^[a-z0-9-]+$/.test(slug)) return scenario;
  const file = translationOf("scenarios", `${slug}.yaml`, language);
  return file ? translateContent(scenario, walkScenario, file.texts).value : scenario;
}

/**
 * A methodology in `language` when it is the shipped default (`shipped`); an organisation's own
 * stays as written.
 */
export function methodologyIn<T extends MethodologyTextShape>(
  methodology: T,
  shipped: boolean,
  language: Language,
): T {
  if (language === "en" || !shipped) return methodology;
  const file = translationOf("risk", "methodology.yaml", language);
  return file ? translateContent(methodology, walkMethodology, file.texts).value : methodology;
}

/**
 * The language to answer a request for content in (as for problem details: Accept-Language, else the
 * account's, else English); the answer says it varies with Accept-Language.
 */
export function readerLanguage({
  request,
  reply,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
}): Language {
  reply.header("vary", "Accept-Language");
  return requestLanguage(request);
}
