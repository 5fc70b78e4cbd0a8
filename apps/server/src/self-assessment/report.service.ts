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
import { formatPercent, PdfReport } from "../pdf/report.ts";
import { frameworkVersion } from "./frameworks.service.ts";
import { runResults } from "./results.service.ts";
import { visibleRun } from "./runs.service.ts";

type Question = Framework["sections"][number]["questions"][number];

const CHOICE_WORDS = { yes: "Yes", partial: "Partly", no: "No" } as const;

/** An answer in words, as the HTML report's annex writes it. */
export function answerInWords(question: Question, value: AnswerValue | null): string {
  if (!value) return "Not answered";
  switch (value.type) {
    case "maturity":
      return question.answer.type === "maturity"
        ? `${value.level} – ${question.answer.levels[value.level] ?? ""}`
        : String(value.level);
    case "choice":
      return CHOICE_WORDS[value.choice];
    case "number":
      return question.answer.type === "number" && question.answer.unit
        ? `${value.value} ${question.answer.unit}`
        : String(value.value);
    case "text":
      return value.text;
  }
}

const day = (timestamp: string) => timestamp.slice(0, 10);

/** "+12 points", "−5 points", "no change", or "—" when either side has no score. */
const change = (delta: number | null) =>
  delta === null
    ? "—"
    : Math.round(delta * 100) === 0
      ? "no change"
      : `${delta > 0 ? "+" : "−"}${Math.abs(Math.round(delta * 100))} points`;

function summaryText(results: RunResults): string {
  const answered = results.sections.filter((section) => section.score !== null);
  const strongest = [...answered].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  const weakest = [...answered].sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
  const parts = [
    `Overall score ${formatPercent(results.overall)}, with ${formatPercent(results.completeness)} of the questions answered.`,
  ];
  if (strongest && weakest && strongest !== weakest)
    parts.push(
      `The strongest section is “${strongest.title}” (${formatPercent(strongest.score)}); the weakest is “${weakest.title}” (${formatPercent(weakest.score)}).`,
    );
  const unanswered = results.sections.filter((section) => section.score === null).length;
  if (unanswered > 0)
    parts.push(`${unanswered} ${unanswered === 1 ? "section has" : "sections have"} no answer yet.`);
  parts.push(
    results.gaps.length > 0
      ? `${results.gaps.length} ${results.gaps.length === 1 ? "question falls" : "questions fall"} short of full marks; they are ranked below with the good practices that help close them.`
      : "No gaps: every scored question is at full marks.",
  );
  return parts.join(" ");
}

export async function runReport(context: ServerContext, caller: Actor, id: string): Promise<FileAnswer> {
  const run = await visibleRun(context, caller, id);
  const [results, framework, answers] = await Promise.all([
    runResults(context, caller, id),
    frameworkVersion(context, run.frameworkId, run.frameworkVersion),
    listAnswers(context.db, [run.id]),
  ]);
  const now = context.clock();
  const date = day(results.run.submittedAt ?? results.run.updatedAt);
  const state = results.run.state === "submitted" ? "submitted" : "draft, not yet submitted";
  const pdf = new PdfReport({
    title: `Self-assessment report: ${results.run.title}`,
    marking: "amber+strict",
    language: "en",
    createdAt: now,
    footer: `${results.run.title} · ${results.run.organisation.name} · Bulwark self-assessment report`,
  });

  pdf.cover("Self-assessment report", results.run.title, [
    `Framework: ${framework.title} (version ${framework.version})`,
    `Prepared for ${results.run.organisation.name}`,
    `State on ${date} (${state}); printed on ${day(now.toISOString())}.`,
    `Overall score: ${formatPercent(results.overall)} · questions answered: ${formatPercent(results.completeness)}`,
    `Source of the framework: ${framework.source.citation}`,
    "Marking: TLP:AMBER+STRICT: only within your organisation, on a need-to-know basis.",
  ]);

  pdf.newPage();
  pdf.heading("Summary", 1, true);
  pdf.paragraph(summaryText(results));
  pdf.heading("Score by section", 2, true);
  const previous = results.previous;
  const before = new Map(previous?.sections.map((section) => [section.sectionId, section]) ?? []);
  pdf.radarChart(
    results.sections.map((section) => ({
      label: section.title,
      value: section.score,
      ...(previous ? { previous: before.get(section.sectionId)?.before ?? null } : {}),
    })),
    { current: "This run", ...(previous ? { previous: `Previous: ${previous.run.title}` } : {}) },
  );
  pdf.table(
    ["Section", "Score", "Answered"],
    [
      ...results.sections.map((section) => [
        section.title,
        section.score === null ? "Not answered" : formatPercent(section.score),
        `${section.answered} of ${section.questions}`,
      ]),
      ["Overall", formatPercent(results.overall), formatPercent(results.completeness)],
    ],
    [0.6, 0.2, 0.2],
  );

  pdf.newPage();
  pdf.heading("Since the previous self-assessment", 1, true);
  if (previous) {
    pdf.note(
      `Compared with “${previous.run.title}”, submitted ${day(previous.run.submittedAt ?? previous.run.updatedAt)}.`,
    );
    const titles = new Map(results.sections.map((section) => [section.sectionId, section.title]));
    pdf.table(
      ["Section", "Before", "Now", "Change"],
      [
        ...previous.sections.map((section) => [
          titles.get(section.sectionId) ?? section.sectionId,
          formatPercent(section.before),
          formatPercent(section.after),
          change(section.delta),
        ]),
        [
          "Overall",
          formatPercent(previous.overall.before),
          formatPercent(previous.overall.after),
          change(previous.overall.delta),
        ],
      ],
      [0.46, 0.18, 0.18, 0.18],
    );
  } else
    pdf.paragraph(
      "This is the first submitted self-assessment of this framework: the next one will show progress.",
    );

  pdf.newPage();
  pdf.heading("Gaps, largest first", 1, true);
  pdf.note("Ranked by how much each question counts and how far it is from full marks.");
  if (results.gaps.length === 0) pdf.paragraph("No gaps: every scored question is at full marks.");
  else
    pdf.table(
      ["#", "Question", "Score", "Recommended reading"],
      results.gaps.map((gap, index) => [
        String(index + 1),
        gap.question,
        gap.score === null ? "Not answered" : formatPercent(gap.score),
        gap.entries.length > 0 ? gap.entries.map((entry) => `• ${entry.title}`).join("\n") : "—",
      ]),
      [0.06, 0.46, 0.13, 0.35],
    );

  const questions = new Map(
    framework.sections.flatMap((section) => section.questions.map((question) => [question.id, question])),
  );
  const recommended = results.gaps.filter((gap) => gap.entries.length > 0).slice(0, 10);
  pdf.heading("Recommendations", 1, true);
  if (recommended.length === 0)
    pdf.paragraph("No entry of the compendium that you may see is recommended for these gaps.");
  else {
    pdf.paragraph(
      "For the largest gaps that the compendium can help with, what the framework asks and the good practices to read first:",
    );
    recommended.forEach((gap, index) => {
      pdf.heading(`${index + 1}. ${gap.question}`, 3);
      const guidance = questions.get(gap.questionId)?.guidance;
      if (guidance) pdf.paragraph(guidance);
      pdf.facts(
        gap.entries.map((entry) => [
          "Read",
          `${entry.title}${entry.marking === "clear" ? "" : ` [TLP:${entry.marking.toUpperCase()}]`} (compendium entry “${entry.slug}”)`,
        ]),
      );
    });
  }

  pdf.newPage();
  pdf.heading("Annex: answers", 1, true);
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  for (const section of framework.sections) {
    pdf.heading(`${section.title}${section.reference ? ` (${section.reference})` : ""}`, 3);
    pdf.table(
      ["Question", "Answer"],
      section.questions.map((question) => {
        const answer = byQuestion.get(question.id);
        const lines = [answerInWords(question, (answer?.value as AnswerValue | null) ?? null)];
        if (answer?.note) lines.push(`Note: ${answer.note}`);
        for (const item of answer?.evidence ?? []) lines.push(`Evidence: ${item.title} (${item.url})`);
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
