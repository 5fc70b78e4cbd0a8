// The shipped content in the reader's language. The English files (content/frameworks, content/
// scenarios, content/risk) are the reference; Bulwark's own translations sit beside them
// (content/<folder>/i18n/<language>/<same file name>) and hold only the texts, keyed by the same ids:
// a framework's sections and questions by id, a methodology's levels by number and bands by id, a
// scenario's lists by position. Each kind has one walker that visits every text a reader sees, with
// its path in the translation file; the same walker lists the texts (for the content test) and puts
// the translation in place (for the API), so the two cannot disagree. Ids, numbers, weights,
// colours, slugs, citations and MITRE technique names stay as they are.

/** Called for every translatable text: its path in the translation file and the English text. */
export type TextVisitor = (path: string, text: string) => string;

export interface FrameworkTextShape {
  readonly title: string;
  readonly summary: string;
  readonly sections: readonly {
    readonly id: string;
    readonly title: string;
    readonly reference?: string | undefined;
    readonly questions: readonly {
      readonly id: string;
      readonly text: string;
      readonly guidance: string;
      readonly answer:
        | { readonly type: "maturity"; readonly levels: readonly string[] }
        | { readonly type: "choice" }
        | { readonly type: "number"; readonly target: number; readonly unit?: string | undefined }
        | { readonly type: "text" };
    }[];
  }[];
}

/** A framework with each text replaced by what `visit` returns for it. */
export function walkFramework<T extends FrameworkTextShape>(framework: T, visit: TextVisitor): T {
  return {
    ...framework,
    title: visit("title", framework.title),
    summary: visit("summary", framework.summary),
    sections: framework.sections.map((section) => {
      const at = `sections.${section.id}`;
      return {
        ...section,
        title: visit(`${at}.title`, section.title),
        ...(section.reference === undefined
          ? {}
          : { reference: visit(`${at}.reference`, section.reference) }),
        questions: section.questions.map((question) => {
          const q = `${at}.questions.${question.id}`;
          const answer = question.answer;
          return {
            ...question,
            text: visit(`${q}.text`, question.text),
            guidance: visit(`${q}.guidance`, question.guidance),
            answer:
              answer.type === "maturity"
                ? {
                    ...answer,
                    levels: answer.levels.map((level, index) => visit(`${q}.levels.${index}`, level)),
                  }
                : answer.type === "number" && answer.unit !== undefined
                  ? { ...answer, unit: visit(`${q}.unit`, answer.unit) }
                  : answer,
          };
        }),
      };
    }),
  };
}

export interface ScenarioTextShape {
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly targets: readonly string[];
  readonly attackPaths: readonly string[];
}

/** A scenario with each text replaced by what `visit` returns for it (ATT&CK names stay MITRE's). */
export function walkScenario<T extends ScenarioTextShape>(scenario: T, visit: TextVisitor): T {
  return {
    ...scenario,
    title: visit("title", scenario.title),
    summary: visit("summary", scenario.summary),
    description: visit("description", scenario.description),
    targets: scenario.targets.map((target, index) => visit(`targets.${index}`, target)),
    attackPaths: scenario.attackPaths.map((path, index) => visit(`attackPaths.${index}`, path)),
  };
}

interface ScaleTextShape {
  readonly label: string;
  readonly description: string;
  readonly levels: readonly {
    readonly level: number;
    readonly label: string;
    readonly description: string;
  }[];
}

export interface MethodologyTextShape {
  readonly name: string;
  readonly basis: string;
  readonly scales: {
    readonly likelihood: ScaleTextShape;
    readonly vulnerability: ScaleTextShape;
    readonly consequence: ScaleTextShape;
  };
  readonly formula: { readonly description: string };
  readonly bands: readonly { readonly id: string; readonly label: string; readonly action: string }[];
  readonly appetite: { readonly description: string };
  readonly consequence: { readonly description: string; readonly speed: { readonly description: string } };
}

function walkScale<T extends ScaleTextShape>(scale: T, at: string, visit: TextVisitor): T {
  return {
    ...scale,
    label: visit(`${at}.label`, scale.label),
    description: visit(`${at}.description`, scale.description),
    levels: scale.levels.map((level) => ({
      ...level,
      label: visit(`${at}.levels.${level.level}.label`, level.label),
      description: visit(`${at}.levels.${level.level}.description`, level.description),
    })),
  };
}

/** A methodology with each text replaced by what `visit` returns for it. */
export function walkMethodology<T extends MethodologyTextShape>(methodology: T, visit: TextVisitor): T {
  return {
    ...methodology,
    name: visit("name", methodology.name),
    basis: visit("basis", methodology.basis),
    scales: {
      ...methodology.scales,
      likelihood: walkScale(methodology.scales.likelihood, "scales.likelihood", visit),
      vulnerability: walkScale(methodology.scales.vulnerability, "scales.vulnerability", visit),
      consequence: walkScale(methodology.scales.consequence, "scales.consequence", visit),
    },
    formula: {
      ...methodology.formula,
      description: visit("formula.description", methodology.formula.description),
    },
    bands: methodology.bands.map((band) => ({
      ...band,
      label: visit(`bands.${band.id}.label`, band.label),
      action: visit(`bands.${band.id}.action`, band.action),
    })),
    appetite: {
      ...methodology.appetite,
      description: visit("appetite.description", methodology.appetite.description),
    },
    consequence: {
      ...methodology.consequence,
      description: visit("consequence.description", methodology.consequence.description),
      speed: {
        ...methodology.consequence.speed,
        description: visit("consequence.speed.description", methodology.consequence.speed.description),
      },
    },
  };
}

/** Every text the walker visits, path first, in order. */
export function textsOf<T>(content: T, walk: (content: T, visit: TextVisitor) => T): [string, string][] {
  const texts: [string, string][] = [];
  walk(content, (path, text) => {
    texts.push([path, text]);
    return text;
  });
  return texts;
}

/**
 * The strings of a parsed translation file by path ("sections.risk.questions.risk-national.text"):
 * objects by key, lists by position. Keys listed in `skip` (at the top: language, notice) are left out.
 */
export function translationTexts(
  document: unknown,
  skip: readonly string[] = ["language", "notice"],
): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "string") found.set(path, value);
    else if (Array.isArray(value))
      for (const [index, item] of value.entries()) visit(item, `${path}.${index}`);
    else if (value !== null && typeof value === "object")
      for (const [key, inner] of Object.entries(value))
        if (path !== "" || !skip.includes(key)) visit(inner, path === "" ? key : `${path}.${key}`);
  };
  visit(document, "");
  return found;
}

export interface Translated<T> {
  readonly value: T;
  /** Paths of texts the translation lacks (they stay in English). */
  readonly missing: readonly string[];
  /** Paths the translation holds that the content has no text at (a stale id, a dropped line). */
  readonly unused: readonly string[];
}

/** Content with every text the translation holds put in place; the others stay English. */
export function translateContent<T>(
  content: T,
  walk: (content: T, visit: TextVisitor) => T,
  translation: ReadonlyMap<string, string>,
): Translated<T> {
  const missing: string[] = [];
  const used = new Set<string>();
  const value = walk(content, (path, text) => {
    const translated = translation.get(path)?.trim();
    if (translated) {
      used.add(path);
      return translated;
    }
    missing.push(path);
    return text;
  });
  return { value, missing, unused: [...translation.keys()].filter((path) => !used.has(path)) };
}

/** The {{placeholders}} of a text, sorted. */
export const placeholdersOf = (text: string): string[] => (text.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();

/**
 * Figures written in digits (dates, article numbers, hours, thresholds): a translation says the
 * same facts, so every figure of the English text appears in it too.
 */
export const figuresOf = (text: string): string[] =>
  (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/,/g, ""));
