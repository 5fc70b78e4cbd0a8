// The after-action report and improvement plan (AAR/IP) of an exercise as a PDF: each objective
// with the ratings evaluators gave it (the lowest, the most challenged, is the objective's), their
// strengths and areas for improvement, then the corrective actions as the follow-up tracker holds
// them. Every page says EXERCISE EXERCISE EXERCISE (the footer) so nobody takes it for real.
import type { FileAnswer } from "@bulwark/contracts";
import {
  type Actor,
  EXERCISE_MARK,
  type ExerciseCapability,
  type ExerciseRole,
  type ExerciseStatus,
  type ExerciseType,
  exercisePolicy,
  type HseepRating,
  lowestRating,
} from "@bulwark/core";
import { correctiveActionsFor, exerciseObjectivesOf, findScenario, observationsFor } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { type Language, list, type MessageKey, say } from "../i18n/messages.ts";
import { PdfReport } from "../pdf/report.ts";
import { scenarioOf } from "../risk/scenarios.service.ts";
import { audited, frameworkSections, must, seenExercise } from "./exercises.service.ts";

const clockText = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  return `T+${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
};

export async function aarReport(
  context: ServerContext,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<FileAnswer> {
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    say(language, values ? { key, values } : { key });
  const ratingText = (rating: HseepRating | null) =>
    rating === null ? t("pdf.aar.notRated") : `${rating}: ${t(`pdf.aar.rating.${rating}`)}`;
  const seen = await seenExercise(context, caller, id);
  must(exercisePolicy.evaluate(seen.abilities));
  const { record } = seen;
  const [objectives, observations, actions, scenario] = await Promise.all([
    exerciseObjectivesOf(context.db, id),
    observationsFor(context.db, caller.organisationId, id),
    correctiveActionsFor(context.db, caller.organisationId, id),
    record.scenarioSlug ? findScenario(context.db, record.scenarioSlug) : null,
  ]);
  const sections = frameworkSections(language);
  const tiedTo = (objective: { section: string | null; capability: string | null }) =>
    objective.section
      ? t("pdf.aar.resolution", { section: sections.get(objective.section) ?? objective.section })
      : t("pdf.aar.capability", {
          capability: objective.capability
            ? t(`pdf.exercise.capability.${objective.capability as ExerciseCapability}`)
            : "",
        });
  const now = context.clock();
  const pdf = new PdfReport({
    title: `${EXERCISE_MARK} ${t("pdf.aar.title", { title: record.title })}`,
    marking: "amber",
    language,
    createdAt: now,
    footer: `${EXERCISE_MARK} · AAR/IP · ${record.title}`,
  });
  const taking = seen.participants.map(
    (p) => `${p.organisation.name} (${t(`pdf.exercise.role.${p.role as ExerciseRole}`)})`,
  );
  pdf.cover(t("pdf.aar.cover"), record.title, [
    EXERCISE_MARK,
    t("pdf.aar.kind", {
      type: t(`pdf.exercise.type.${record.type as ExerciseType}`),
      owner: record.owner.name,
      status: t(`pdf.exercise.status.${record.status as ExerciseStatus}`),
    }),
    t("pdf.aar.takingPart", {
      list: taking.length > 0 ? list(language, taking) : t("pdf.aar.controllerOnly"),
    }),
    ...(scenario ? [t("pdf.aar.scenario", { title: scenarioOf(scenario, language).title })] : []),
    t("pdf.aar.printed", { date: now.toISOString().slice(0, 10) }),
    t("pdf.aar.marking"),
  ]);
  pdf.newPage();
  pdf.heading(t("pdf.aar.objectives"), 1, true);
  pdf.paragraph(t("pdf.aar.ratingsNote"));
  const byObjective = new Map(
    objectives.map((objective) => [objective.id, observations.filter((o) => o.objectiveId === objective.id)]),
  );
  const ratingOf = (objectiveId: string) =>
    lowestRating((byObjective.get(objectiveId) ?? []).map((o) => o.rating as HseepRating));
  pdf.table(
    [t("pdf.aar.objective"), t("pdf.aar.tiedTo"), t("pdf.aar.rating")],
    objectives.map((objective) => [
      `${objective.position}. ${objective.title}`,
      tiedTo(objective),
      ratingText(ratingOf(objective.id)),
    ]),
    [0.45, 0.3, 0.25],
  );
  for (const objective of objectives) {
    pdf.heading(`${objective.position}. ${objective.title}`, 2, true);
    pdf.facts([
      [t("pdf.aar.tiedTo"), tiedTo(objective)],
      [t("pdf.aar.rating"), ratingText(ratingOf(objective.id))],
    ]);
    const seenHere = byObjective.get(objective.id) ?? [];
    if (seenHere.length === 0) pdf.note(t("pdf.aar.noObservation"));
    for (const observation of seenHere) {
      pdf.heading(
        `${clockText(observation.exerciseTimeMs)} · ${observation.organisation.name} · ${observation.rating}`,
        3,
      );
      // Evaluators' words as plain text, never read as Markdown.
      if (observation.strengths.length > 0)
        pdf.facts([[t("pdf.aar.strengths"), observation.strengths.map((line) => `• ${line}`).join("\n")]]);
      if (observation.areasForImprovement.length > 0)
        pdf.facts([
          [t("pdf.aar.improvements"), observation.areasForImprovement.map((line) => `• ${line}`).join("\n")],
        ]);
      if (observation.note) pdf.paragraph(observation.note);
    }
  }
  pdf.newPage();
  pdf.heading(t("pdf.aar.plan"), 1, true);
  const titleOf = new Map(objectives.map((objective) => [objective.id, `${objective.position}`]));
  if (actions.length === 0) pdf.note(t("pdf.aar.noAction"));
  else
    pdf.table(
      [
        t("pdf.aar.action"),
        t("pdf.aar.objective"),
        t("pdf.aar.owner"),
        t("pdf.aar.due"),
        t("pdf.aar.status"),
      ],
      actions.map((action) => [
        action.title,
        action.objectiveId ? (titleOf.get(action.objectiveId) ?? "") : "",
        action.owner.name,
        action.dueOn,
        action.status,
      ]),
      [0.38, 0.1, 0.24, 0.14, 0.14],
    );
  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    audited(tx, caller, id, "exercises.aar", now, { objectives: objectives.length, actions: actions.length }),
  );
  return { bytes, filename: `bulwark-exercise-aar-${now.toISOString().slice(0, 10)}.pdf` };
}
