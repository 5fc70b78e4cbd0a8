// Results of a run (scores, ranked gaps with the recommended entries the caller may see, the
// change since the previous submitted run) and the anonymised aggregation across regions.
import type { Aggregation, RunResults } from "@bulwark/contracts";
import {
  type Actor,
  aggregateByRegion,
  compareRuns,
  compendiumPolicy,
  type Language,
  MIN_CONTRIBUTORS,
  rankGaps,
  scoreRun,
  selfAssessmentPolicy,
} from "@bulwark/core";
import {
  consentedRunsForAggregation,
  listAnswers,
  previousSubmittedRun,
  visibleEntriesBySlug,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden } from "../errors.ts";
import { frameworkVersion } from "./frameworks.service.ts";
import { answerMap, summaryOf, visibleRun } from "./runs.service.ts";

export async function runResults(
  context: ServerContext,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<RunResults> {
  const run = await visibleRun(context, caller, id);
  const scope = selfAssessmentPolicy.readScope(caller);
  const [framework, answers, previous] = await Promise.all([
    frameworkVersion(context, run.frameworkId, run.frameworkVersion, language),
    listAnswers(context.db, [run.id]),
    previousSubmittedRun(context.db, scope, run),
  ]);
  const values = answerMap(answers);
  const score = scoreRun(framework, values);
  const gaps = rankGaps(framework, values);
  const entries = await visibleEntriesBySlug(context.db, compendiumPolicy.readScope(caller), [
    ...new Set(gaps.flatMap((gap) => gap.entries)),
  ]);
  const bySlug = new Map(entries.map((entry) => [entry.slug, entry]));
  const questions = new Map(
    framework.sections.flatMap((section) => section.questions.map((question) => [question.id, question])),
  );
  const titles = new Map(framework.sections.map((section) => [section.id, section.title]));

  let comparison: RunResults["previous"] = null;
  if (previous) {
    const [before, beforeAnswers] = await Promise.all([
      frameworkVersion(context, previous.frameworkId, previous.frameworkVersion, language),
      listAnswers(context.db, [previous.id]),
    ]);
    const change = compareRuns(scoreRun(before, answerMap(beforeAnswers)), score);
    comparison = { run: summaryOf(previous, before, beforeAnswers), ...change };
  }

  return {
    run: summaryOf(run, framework, answers),
    sections: score.sections.map((section) => ({
      ...section,
      title: titles.get(section.sectionId) ?? section.sectionId,
    })),
    overall: score.overall,
    completeness: score.completeness,
    gaps: gaps.map((gap) => ({
      sectionId: gap.sectionId,
      questionId: gap.questionId,
      question: questions.get(gap.questionId)?.text ?? gap.questionId,
      score: gap.score,
      priority: gap.priority,
      entries: gap.entries.flatMap((slug) => {
        const entry = bySlug.get(slug);
        return entry ? [{ ...entry, marking: entry.marking as "clear" | "green" | "amber" }] : [];
      }),
    })),
    previous: comparison,
  };
}

export async function aggregation(
  context: ServerContext,
  caller: Actor,
  query: { framework: string; version: number },
  language: Language = "en",
): Promise<Aggregation> {
  const decision = selfAssessmentPolicy.aggregate(caller);
  if (!decision.allowed) throw forbidden(decision.reason);
  const framework = await frameworkVersion(context, query.framework, query.version, language);
  const contributors = await consentedRunsForAggregation(context.db, framework.id, framework.version);
  const answers = await listAnswers(
    context.db,
    contributors.map((item) => item.runId),
  );
  const contributions = contributors.map((item) => {
    const score = scoreRun(framework, answerMap(answers.filter((answer) => answer.runId === item.runId)));
    return {
      organisationId: item.organisationId,
      country: item.country,
      verified: item.verified,
      sections: new Map(score.sections.map((section) => [section.sectionId, section.score])),
    };
  });
  const sectionIds = framework.sections.map((section) => section.id);
  return {
    framework: { id: framework.id, version: framework.version, title: framework.title },
    sections: framework.sections.map((section) => ({ id: section.id, title: section.title })),
    threshold: MIN_CONTRIBUTORS,
    rows: aggregateByRegion(sectionIds, contributions, { readerOrganisationId: caller.organisationId }).map(
      (row) => ({ ...row, cells: [...row.cells] }),
    ),
  };
}
