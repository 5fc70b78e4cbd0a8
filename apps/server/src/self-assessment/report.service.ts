// The PDF report of a self-assessment run, for a minister's office: the same content as the HTML
// report page (cover, summary, radar chart of the section scores, change since the previous run,
// gaps ranked with the recommended compendium entries the reader may see, recommendations, annex
// of every answer). It reads the run through the same scoped queries as the results, so whoever
// may not see the run gets 404, and it is marked TLP:AMBER+STRICT: a run stays with its
// organisation.
import type { AnswerValue, FileAnswer, Framework, RunResults } from "@bulwark/contracts";
import type { Actor } from "@bulwark/core";
import { appendAudit, listAnswers } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { type Language, type MessageKey, say } from "../i18n/messages.ts";
import { formatPercent, PdfReport } from "../pdf/report.ts";
import { frameworkVersion } from "./frameworks.service.ts";
import { runResults } from "./results.service.ts";
import { visibleRun } from "./runs.service.ts";

type Question = Framework["sections"][number]["questions"][number];

type Say = (key: MessageKey, values?: Record<string, string | number>) => string;

const sayIn =
  (language: Language): Say =>
  (key, values) =>
    say(language, values ? { key, values } : { key });

/** An answer in words, as the HTML report's annex writes it. */
export function answerInWords(
  question: Question,
  value: AnswerValue | null,
  language: Language = "en",
): string {
  const t = sayIn(language);
  if (!value) return t("pdf.selfAssessment.notAnswered");
  const number = (n: number) => new Intl.NumberFormat(language).format(n);
  switch (value.type) {
    case "maturity":
      return question.answer.type === "maturity"
        ? `${value.level} – ${question.answer.levels[value.level] ?? ""}`
        : String(value.level);
    case "choice":
      return t(`pdf.selfAssessment.choice.${value.choice}`);
    case "number":
      return question.answer.type === "number" && question.answer.unit
        ? `${number(value.value)} ${question.answer.unit}`
        : number(value.value);
    case "text":
      return value.text;
  }
}

const day = (timestamp: string) => timestamp.slice(0, 10);

/** "+12 points", "−5 points", "no change", or "—" when either side has no score. */
const change = (t: Say, delta: number | null) =>
  delta === null
    ? "—"
    : Math.round(delta * 100) === 0
      ? t("pdf.selfAssessment.noChange")
      : t("pdf.selfAssessment.points", {
          sign: delta > 0 ? "+" : "−",
          points: Math.abs(Math.round(delta * 100)),
        });

function summaryText(t: Say, results: RunResults): string {
  const answered = results.sections.filter((section) => section.score !== null);
  const strongest = [...answered].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  const weakest = [...answered].sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
  const parts = [
    t("pdf.selfAssessment.summaryOverall", {
      score: formatPercent(results.overall),
      answered: formatPercent(results.completeness),
    }),
  ];
  if (strongest && weakest && strongest !== weakest)
    parts.push(
      t("pdf.selfAssessment.summaryExtremes", {
        strongest: strongest.title,
        strongestScore: formatPercent(strongest.score),
        weakest: weakest.title,
        weakestScore: formatPercent(weakest.score),
      }),
    );
  const unanswered = results.sections.filter((section) => section.score === null).length;
  if (unanswered > 0) parts.push(t("pdf.selfAssessment.summaryUnanswered", { count: unanswered }));
  parts.push(
    results.gaps.length > 0
      ? t("pdf.selfAssessment.summaryGaps", { count: results.gaps.length })
      : t("pdf.selfAssessment.noGaps"),
  );
  return parts.join(" ");
}

export async function runReport(
  context: ServerContext,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<FileAnswer> {
  const t = sayIn(language);
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const run = await visibleRun(context, caller, id);
  const [results, framework, answers] = await Promise.all([
    runResults(context, caller, id, language),
    frameworkVersion(context, run.frameworkId, run.frameworkVersion, language),
    listAnswers(context.db, [run.id]),
  ]);
  const now = context.clock();
  const date = day(results.run.submittedAt ?? results.run.updatedAt);
  const pdf = new PdfReport({
    title: `${t("pdf.selfAssessment.title")}: ${results.run.title}`,
    marking: "amber+strict",
    language,
    createdAt: now,
    footer: t("pdf.selfAssessment.footer", {
      title: results.run.title,
      organisation: results.run.organisation.name,
    }),
  });

  pdf.cover(t("pdf.selfAssessment.title"), results.run.title, [
    t("pdf.selfAssessment.framework", { title: framework.title, version: framework.version }),
    t("pdf.selfAssessment.preparedFor", { organisation: results.run.organisation.name }),
    t(
      results.run.state === "submitted"
        ? "pdf.selfAssessment.stateSubmitted"
        : "pdf.selfAssessment.stateDraft",
      {
        date,
        printed: day(now.toISOString()),
      },
    ),
    t("pdf.selfAssessment.overallLine", {
      score: formatPercent(results.overall),
      answered: formatPercent(results.completeness),
    }),
    t("pdf.selfAssessment.frameworkSource", { citation: framework.source.citation }),
    t("pdf.selfAssessment.marking"),
  ]);

  pdf.newPage();
  pdf.heading(t("pdf.selfAssessment.summary"), 1, true);
  pdf.paragraph(summaryText(t, results));
  pdf.heading(t("pdf.selfAssessment.bySection"), 2, true);
  const previous = results.previous;
  const before = new Map(previous?.sections.map((section) => [section.sectionId, section]) ?? []);
  pdf.radarChart(
    results.sections.map((section) => ({
      label: section.title,
      value: section.score,
      ...(previous ? { previous: before.get(section.sectionId)?.before ?? null } : {}),
    })),
    {
      current: t("pdf.selfAssessment.thisRun"),
      ...(previous ? { previous: t("pdf.selfAssessment.previousRun", { title: previous.run.title }) } : {}),
    },
  );
  pdf.table(
    [t("pdf.selfAssessment.section"), t("pdf.selfAssessment.score"), t("pdf.selfAssessment.answered")],
    [
      ...results.sections.map((section) => [
        section.title,
        section.score === null ? t("pdf.selfAssessment.notAnswered") : formatPercent(section.score),
        t("pdf.selfAssessment.answeredOf", {
          answered: number(section.answered),
          questions: number(section.questions),
        }),
      ]),
      [t("pdf.selfAssessment.overall"), formatPercent(results.overall), formatPercent(results.completeness)],
    ],
    [0.6, 0.2, 0.2],
  );

  pdf.newPage();
  pdf.heading(t("pdf.selfAssessment.since"), 1, true);
  if (previous) {
    pdf.note(
      t("pdf.selfAssessment.comparedWith", {
        title: previous.run.title,
        date: day(previous.run.submittedAt ?? previous.run.updatedAt),
      }),
    );
    const titles = new Map(results.sections.map((section) => [section.sectionId, section.title]));
    pdf.table(
      [
        t("pdf.selfAssessment.section"),
        t("pdf.selfAssessment.before"),
        t("pdf.selfAssessment.now"),
        t("pdf.selfAssessment.change"),
      ],
      [
        ...previous.sections.map((section) => [
          titles.get(section.sectionId) ?? section.sectionId,
          formatPercent(section.before),
          formatPercent(section.after),
          change(t, section.delta),
        ]),
        [
          t("pdf.selfAssessment.overall"),
          formatPercent(previous.overall.before),
          formatPercent(previous.overall.after),
          change(t, previous.overall.delta),
        ],
      ],
      [0.46, 0.18, 0.18, 0.18],
    );
  } else pdf.paragraph(t("pdf.selfAssessment.first"));

  pdf.newPage();
  pdf.heading(t("pdf.selfAssessment.gaps"), 1, true);
  pdf.note(t("pdf.selfAssessment.gapsNote"));
  if (results.gaps.length === 0) pdf.paragraph(t("pdf.selfAssessment.noGaps"));
  else
    pdf.table(
      ["#", t("pdf.selfAssessment.question"), t("pdf.selfAssessment.score"), t("pdf.selfAssessment.reading")],
      results.gaps.map((gap, index) => [
        number(index + 1),
        gap.question,
        gap.score === null ? t("pdf.selfAssessment.notAnswered") : formatPercent(gap.score),
        gap.entries.length > 0 ? gap.entries.map((entry) => `• ${entry.title}`).join("\n") : "—",
      ]),
      [0.06, 0.46, 0.13, 0.35],
    );

  const questions = new Map(
    framework.sections.flatMap((section) => section.questions.map((question) => [question.id, question])),
  );
  const recommended = results.gaps.filter((gap) => gap.entries.length > 0).slice(0, 10);
  pdf.heading(t("pdf.selfAssessment.recommendations"), 1, true);
  if (recommended.length === 0) pdf.paragraph(t("pdf.selfAssessment.noRecommendation"));
  else {
    pdf.paragraph(t("pdf.selfAssessment.recommendationsIntro"));
    recommended.forEach((gap, index) => {
      pdf.heading(`${number(index + 1)}. ${gap.question}`, 3);
      const guidance = questions.get(gap.questionId)?.guidance;
      if (guidance) pdf.paragraph(guidance);
      pdf.facts(
        gap.entries.map((entry) => [
          t("pdf.selfAssessment.read"),
          t("pdf.selfAssessment.entry", {
            title: `${entry.title}${entry.marking === "clear" ? "" : ` [TLP:${entry.marking.toUpperCase()}]`}`,
            slug: entry.slug,
          }),
        ]),
      );
    });
  }

  pdf.newPage();
  pdf.heading(t("pdf.selfAssessment.annex"), 1, true);
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  for (const section of framework.sections) {
    pdf.heading(`${section.title}${section.reference ? ` (${section.reference})` : ""}`, 3);
    pdf.table(
      [t("pdf.selfAssessment.question"), t("pdf.selfAssessment.answer")],
      section.questions.map((question) => {
        const answer = byQuestion.get(question.id);
        const lines = [answerInWords(question, (answer?.value as AnswerValue | null) ?? null, language)];
        if (answer?.note) lines.push(t("pdf.selfAssessment.note", { note: answer.note }));
        for (const item of answer?.evidence ?? [])
          lines.push(t("pdf.selfAssessment.evidence", { title: item.title, url: item.url }));
        return [question.text, lines.join("\n")];
      }),
      [0.45, 0.55],
    );
  }

  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "self-assessment.report",
        targetType: "self-assessment-run",
        targetId: run.id,
        details: { framework: framework.id, version: framework.version, state: run.state },
      },
      now,
    ),
  );
  return { bytes, filename: `bulwark-self-assessment-${date}.pdf` };
}
