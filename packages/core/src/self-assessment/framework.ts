// The shape of a self-assessment framework and of answers, as core's scoring reads them. The
// files' full format (with texts and guidance) is validated by `Framework` in contracts; any value
// of that type is also one of these.
export const ANSWER_TYPES = ["maturity", "choice", "number", "text"] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
export const CHOICES = ["yes", "partial", "no"] as const;
export type Choice = (typeof CHOICES)[number];

export type AnswerSpec =
  | { readonly type: "maturity"; readonly levels: readonly string[] }
  | { readonly type: "choice" }
  | { readonly type: "number"; readonly target: number; readonly unit?: string | undefined }
  | { readonly type: "text" };

export interface FrameworkQuestion {
  readonly id: string;
  readonly weight: number;
  readonly answer: AnswerSpec;
  readonly entries: readonly string[];
}

export interface FrameworkSection {
  readonly id: string;
  readonly weight: number;
  readonly questions: readonly FrameworkQuestion[];
}

export interface FrameworkShape {
  readonly sections: readonly FrameworkSection[];
}

/** What someone answered to one question. */
export type AnswerValue =
  | { readonly type: "maturity"; readonly level: number }
  | { readonly type: "choice"; readonly choice: Choice }
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "text"; readonly text: string };

/** Whether a value answers a question of this kind (a maturity level within 0-5, a number >= 0). */
export function answerFits(spec: AnswerSpec, value: AnswerValue): boolean {
  if (spec.type !== value.type) return false;
  if (value.type === "maturity") return Number.isInteger(value.level) && value.level >= 0 && value.level <= 5;
  if (value.type === "number") return Number.isFinite(value.value) && value.value >= 0;
  return true;
}

/** Every question of a framework, with its section, in the framework's order. */
export function questionsOf(
  framework: FrameworkShape,
): { section: FrameworkSection; question: FrameworkQuestion }[] {
  return framework.sections.flatMap((section) =>
    section.questions.map((question) => ({ section, question })),
  );
}
