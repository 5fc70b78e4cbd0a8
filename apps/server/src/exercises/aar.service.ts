// The after-action report and improvement plan (AAR/IP) of an exercise as a PDF: each objective
// with the ratings evaluators gave it (the lowest, the most challenged, is the objective's), their
// strengths and areas for improvement, then the corrective actions as the follow-up tracker holds
// them. Every page says EXERCISE EXERCISE EXERCISE (the footer) so nobody takes it for real.
import type { FileAnswer } from "@bulwark/contracts";
import {
  type Actor,
  EXERCISE_MARK,
  exercisePolicy,
  HSEEP_RATING_MEANINGS,
  type HseepRating,
  lowestRating,
} from "@bulwark/core";
import { correctiveActionsFor, exerciseObjectivesOf, findScenario, observationsFor } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { PdfReport } from "../pdf/report.ts";
import { audited, frameworkSections, must, seenExercise } from "./exercises.service.ts";

const clockText = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  return `T+${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
};

const ratingText = (rating: HseepRating | null) =>
  rating === null ? "Not rated" : `${rating}: ${HSEEP_RATING_MEANINGS[rating]}`;

export async function aarReport(context: ServerContext, caller: Actor, id: string): Promise<FileAnswer> {
  const seen = await seenExercise(context, caller, id);
  must(exercisePolicy.evaluate(seen.abilities));
  const { record } = seen;
  const [objectives, observations, actions, scenario] = await Promise.all([
    exerciseObjectivesOf(context.db, id),
    observationsFor(context.db, caller.organisationId, id),
    correctiveActionsFor(context.db, caller.organisationId, id),
    record.scenarioSlug ? findScenario(context.db, record.scenarioSlug) : null,
  ]);
  const sections = frameworkSections();
  const tiedTo = (objective: { section: string | null; capability: string | null }) =>
    objective.section
      ? `Resolution 2341: ${sections.get(objective.section) ?? objective.section}`
      : `Capability: ${objective.capability ?? ""}`;
  const now = context.clock();
  const pdf = new PdfReport({
    title: `${EXERCISE_MARK} After-action report: ${record.title}`,
    marking: "amber",
    language: "en",
    createdAt: now,
    footer: `${EXERCISE_MARK} · AAR/IP · ${record.title}`,
  });
  pdf.cover("After-action report and improvement plan", record.title, [
    EXERCISE_MARK,
    `A ${record.type} exercise controlled by ${record.owner.name}; status: ${record.status}.`,
    `Taking part: ${seen.participants.map((p) => `${p.organisation.name} (${p.role})`).join(", ") || "the controller only"}.`,
    ...(scenario ? [`Scenario: ${scenario.title}.`] : []),
    `Printed on ${now.toISOString().slice(0, 10)}.`,
    "Marking: TLP:AMBER: the participating organisations, on a need-to-know basis.",
  ]);
  pdf.newPage();
  pdf.heading("Objectives and ratings", 1, true);
  pdf.paragraph(
    "HSEEP's ratings: P performed without challenges; S performed with some challenges; M performed with major challenges; U unable to be performed. An objective's rating is the lowest its evaluators gave.",
  );
  const byObjective = new Map(
    objectives.map((objective) => [objective.id, observations.filter((o) => o.objectiveId === objective.id)]),
  );
  const ratingOf = (objectiveId: string) =>
    lowestRating((byObjective.get(objectiveId) ?? []).map((o) => o.rating as HseepRating));
  pdf.table(
    ["Objective", "Tied to", "Rating"],
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
      ["Tied to", tiedTo(objective)],
      ["Rating", ratingText(ratingOf(objective.id))],
    ]);
    const seenHere = byObjective.get(objective.id) ?? [];
    if (seenHere.length === 0) pdf.note("No observation was recorded against this objective.");
    for (const observation of seenHere) {
      pdf.heading(
        `${clockText(observation.exerciseTimeMs)} · ${observation.organisation.name} · ${observation.rating}`,
        3,
      );
      // Evaluators' words as plain text, never read as Markdown.
      if (observation.strengths.length > 0)
        pdf.facts([["Strengths", observation.strengths.map((line) => `• ${line}`).join("\n")]]);
      if (observation.areasForImprovement.length > 0)
        pdf.facts([
          ["Areas for improvement", observation.areasForImprovement.map((line) => `• ${line}`).join("\n")],
        ]);
      if (observation.note) pdf.paragraph(observation.note);
    }
  }
  pdf.newPage();
  pdf.heading("Improvement plan", 1, true);
  const titleOf = new Map(objectives.map((objective) => [objective.id, `${objective.position}`]));
  if (actions.length === 0) pdf.note("No corrective action has been recorded yet.");
  else
    pdf.table(
      ["Corrective action", "Objective", "Owner", "Due", "Status"],
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
