// The tabletop pack to print (issue 19, "for places with little"): a situation manual (purpose,
// scope, objectives, scenario, participants' roles, rules of play), one card per inject to hand to
// its recipients at its time, and the controllers' MSEL with what each inject expects. Controllers
// and evaluators print it (it holds the whole MSEL). Every page says EXERCISE EXERCISE EXERCISE.
import { type FileAnswer, ScenarioContent } from "@bulwark/contracts";
import {
  type Actor,
  assetPolicy,
  EXERCISE_MARK,
  type ExerciseRole,
  type ExerciseType,
  exercisePolicy,
  formatOffset,
} from "@bulwark/core";
import { exerciseObjectivesOf, findScenario, injectsFor, readableAssets } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { PdfReport } from "../pdf/report.ts";
import { audited, frameworkSections, must, seenExercise } from "./exercises.service.ts";

const DISCUSSION_BASED: readonly ExerciseType[] = ["seminar", "workshop", "tabletop", "game"];

const ROLE_DUTIES: Readonly<Record<ExerciseRole, string>> = {
  controller:
    "Runs the exercise: keeps its time, delivers the injects, answers for anyone outside the room, and stops play if needed.",
  player:
    "Responds to the injects it receives as it would in reality, with today's plans, procedures and resources.",
  evaluator:
    "Observes without taking part and records, against each objective, what went well and what needs to improve.",
};

const RULES_OF_PLAY = [
  `This is an exercise. Every message, card and document of it begins or ends with ${EXERCISE_MARK}; nothing said in it is to be taken for real.`,
  "Should a real emergency happen, say REAL WORLD: the controller stops play at once.",
  "Play in a no-fault setting: the exercise tests plans, procedures and coordination, not people. Decisions taken in play set no precedent.",
  "Respond with the plans, procedures, authorities and resources you have today, and say so when something is missing.",
  "Injects arrive at their exercise time, from the controller, on the channel their card names. Act on those addressed to your organisation; ask the controller about anything the scenario leaves open.",
  "Time may be compressed: the controller says when play moves on.",
  "Evaluators do not take part; they may ask why a decision was taken once play has paused.",
];

const clock = (ms: number) => `T+${formatOffset(ms)}`;

export async function tabletopPack(context: ServerContext, caller: Actor, id: string): Promise<FileAnswer> {
  const seen = await seenExercise(context, caller, id);
  must(exercisePolicy.share(seen.abilities));
  const { record, participants } = seen;
  const [objectives, injects, scenario, assets] = await Promise.all([
    exerciseObjectivesOf(context.db, id),
    injectsFor(context.db, { organisationId: caller.organisationId, all: true }, id, 0),
    record.scenarioSlug ? findScenario(context.db, record.scenarioSlug) : null,
    readableAssets(context.db, assetPolicy.readScope(caller), record.attackedAssetIds),
  ]);
  const sections = frameworkSections();
  const names = new Map([
    [record.owner.id, record.owner.name],
    ...participants.map((p) => [p.organisation.id, p.organisation.name] as const),
  ]);
  const objectiveNumber = new Map(objectives.map((objective) => [objective.id, objective.position]));
  const now = context.clock();
  const pdf = new PdfReport({
    title: `${EXERCISE_MARK} Tabletop pack: ${record.title}`,
    marking: "amber",
    language: "en",
    createdAt: now,
    footer: `${EXERCISE_MARK} · Tabletop pack · ${record.title}`,
  });
  pdf.cover("Tabletop pack", record.title, [
    EXERCISE_MARK,
    `A ${record.type} exercise controlled by ${record.owner.name}.`,
    "Situation manual, one card per inject, and the controllers' master scenario events list (MSEL).",
    `Printed on ${now.toISOString().slice(0, 10)}.`,
    "Marking: TLP:AMBER: the participating organisations, on a need-to-know basis.",
  ]);

  pdf.newPage();
  pdf.heading("Situation manual", 1, true);
  pdf.note(EXERCISE_MARK);
  pdf.heading("Purpose", 2, true);
  pdf.paragraph(
    "The exercise lets the participating organisations test their plans, procedures and coordination against the scenario below, in a no-fault setting, and find their strengths and areas for improvement.",
  );
  if (record.summary.trim()) pdf.paragraph(record.summary);
  pdf.heading("Scope", 2, true);
  const last = injects.at(-1);
  pdf.facts([
    [
      "Type",
      `${record.type} (${DISCUSSION_BASED.includes(record.type as ExerciseType) ? "discussion-based" : "operations-based"})`,
    ],
    ["Organisations", String(participants.length + 1)],
    ["Injects", String(injects.length)],
    ["Exercise time covered", last ? `${clock(0)} to ${clock(last.offsetMs)}` : clock(0)],
  ]);
  pdf.heading("Objectives", 2, true);
  pdf.table(
    ["Objective", "Tied to"],
    objectives.map((objective) => [
      `${objective.position}. ${objective.title}`,
      objective.section
        ? `Resolution 2341: ${sections.get(objective.section) ?? objective.section}`
        : `Capability: ${objective.capability ?? ""}`,
    ]),
    [0.6, 0.4],
  );
  pdf.heading("Scenario", 2, true);
  if (scenario) {
    pdf.heading(scenario.title, 3);
    const content = ScenarioContent.safeParse(scenario.content);
    if (content.success) {
      pdf.paragraph(content.data.summary);
      pdf.paragraph(content.data.description);
      if (content.data.attackPaths.length > 0)
        pdf.facts([
          ["How the attack unfolds", content.data.attackPaths.map((step) => `• ${step}`).join("\n")],
        ]);
    }
  } else pdf.note("No threat scenario of the catalogue is named: the injects tell the story.");
  const attacked = record.attackedAssetIds.flatMap((assetId) => assets.get(assetId) ?? []);
  if (attacked.length > 0)
    pdf.facts([["Assets attacked", attacked.map((asset) => `${asset.name} (${asset.ref})`).join(", ")]]);
  pdf.heading("Participants and their roles", 2, true);
  pdf.table(
    ["Organisation", "Role", "What the role does"],
    [
      [record.owner.name, "controller", ROLE_DUTIES.controller],
      ...participants.map((p) => [p.organisation.name, p.role, ROLE_DUTIES[p.role as ExerciseRole] ?? ""]),
    ],
    [0.34, 0.14, 0.52],
  );
  pdf.heading("Rules of play", 2, true);
  RULES_OF_PLAY.forEach((rule, i) => {
    pdf.paragraph(`${i + 1}. ${rule}`);
  });

  // One card per inject, each on its own page, to cut out or hand over as it is.
  for (const inject of injects) {
    pdf.newPage();
    pdf.heading(`${EXERCISE_MARK}`, 2);
    pdf.heading(`Inject ${inject.position} · ${clock(inject.offsetMs)}`, 1, true);
    pdf.facts([
      ["From", inject.sender],
      [
        "To",
        inject.recipientOrganisationIds.map((organisationId) => names.get(organisationId) ?? "").join(", "),
      ],
      ["Channel", inject.channel],
    ]);
    pdf.paragraph(inject.content);
    pdf.space();
    pdf.note(EXERCISE_MARK);
  }

  pdf.newPage();
  pdf.heading("Master scenario events list (controllers and evaluators only)", 1, true);
  if (injects.length === 0) pdf.note("The MSEL holds no inject yet.");
  else
    pdf.table(
      ["#", "Time", "To", "Expected action", "Objective"],
      injects.map((inject) => [
        String(inject.position),
        clock(inject.offsetMs),
        inject.recipientOrganisationIds.map((organisationId) => names.get(organisationId) ?? "").join(", "),
        inject.expectedAction,
        inject.objectiveId ? String(objectiveNumber.get(inject.objectiveId) ?? "") : "",
      ]),
      [0.06, 0.14, 0.25, 0.43, 0.12],
    );
  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    audited(tx, caller, id, "exercises.tabletop-pack", now, { injects: injects.length }),
  );
  return { bytes, filename: `bulwark-exercise-tabletop-pack-${now.toISOString().slice(0, 10)}.pdf` };
}
