// The tabletop pack to print (issue 19, "for places with little"): a situation manual (purpose,
// scope, objectives, scenario, participants' roles, rules of play), one card per inject to hand to
// its recipients at its time, and the controllers' MSEL with what each inject expects. Controllers
// and evaluators print it (it holds the whole MSEL). Every page says EXERCISE EXERCISE EXERCISE.
import { type FileAnswer, ScenarioContent } from "@bulwark/contracts";
import {
  type Actor,
  assetPolicy,
  EXERCISE_MARK,
  type ExerciseCapability,
  type ExerciseRole,
  type ExerciseType,
  exercisePolicy,
  formatOffset,
  type InjectChannel,
} from "@bulwark/core";
import { exerciseObjectivesOf, findScenario, injectsFor, readableAssets } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { type Language, type MessageKey, say } from "../i18n/messages.ts";
import { PdfReport } from "../pdf/report.ts";
import { scenarioOf } from "../risk/scenarios.service.ts";
import { audited, frameworkSections, must, seenExercise } from "./exercises.service.ts";

const DISCUSSION_BASED: readonly ExerciseType[] = ["seminar", "workshop", "tabletop", "game"];

const clock = (ms: number) => `T+${formatOffset(ms)}`;

const RULES = [1, 2, 3, 4, 5, 6, 7] as const;

export async function tabletopPack(
  context: ServerContext,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<FileAnswer> {
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    say(language, values ? { key, values } : { key });
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const seen = await seenExercise(context, caller, id);
  must(exercisePolicy.share(seen.abilities));
  const { record, participants } = seen;
  const [objectives, injects, scenario, assets] = await Promise.all([
    exerciseObjectivesOf(context.db, id),
    injectsFor(context.db, { organisationId: caller.organisationId, all: true }, id, 0),
    record.scenarioSlug ? findScenario(context.db, record.scenarioSlug) : null,
    readableAssets(context.db, assetPolicy.readScope(caller), record.attackedAssetIds),
  ]);
  const sections = frameworkSections(language);
  const names = new Map([
    [record.owner.id, record.owner.name],
    ...participants.map((p) => [p.organisation.id, p.organisation.name] as const),
  ]);
  const objectiveNumber = new Map(objectives.map((objective) => [objective.id, objective.position]));
  const now = context.clock();
  const pdf = new PdfReport({
    title: `${EXERCISE_MARK} ${t("pdf.tabletop.title")}: ${record.title}`,
    marking: "amber",
    language,
    createdAt: now,
    footer: `${EXERCISE_MARK} · ${t("pdf.tabletop.title")} · ${record.title}`,
  });
  const type = t(`pdf.exercise.type.${record.type as ExerciseType}`);
  pdf.cover(t("pdf.tabletop.title"), record.title, [
    EXERCISE_MARK,
    t("pdf.tabletop.kind", { type, owner: record.owner.name }),
    t("pdf.tabletop.contents"),
    t("pdf.tabletop.printed", { date: now.toISOString().slice(0, 10) }),
    t("pdf.aar.marking"),
  ]);

  pdf.newPage();
  pdf.heading(t("pdf.tabletop.manual"), 1, true);
  pdf.note(EXERCISE_MARK);
  pdf.heading(t("pdf.tabletop.purpose"), 2, true);
  pdf.paragraph(t("pdf.tabletop.purposeText"));
  if (record.summary.trim()) pdf.paragraph(record.summary);
  pdf.heading(t("pdf.tabletop.scope"), 2, true);
  const last = injects.at(-1);
  pdf.facts([
    [
      t("pdf.tabletop.type"),
      t(
        DISCUSSION_BASED.includes(record.type as ExerciseType)
          ? "pdf.tabletop.discussion"
          : "pdf.tabletop.operations",
        { type },
      ),
    ],
    [t("pdf.tabletop.organisations"), number(participants.length + 1)],
    [t("pdf.tabletop.injects"), number(injects.length)],
    [
      t("pdf.tabletop.timeCovered"),
      last ? t("pdf.tabletop.timeSpan", { from: clock(0), to: clock(last.offsetMs) }) : clock(0),
    ],
  ]);
  pdf.heading(t("pdf.tabletop.objectives"), 2, true);
  pdf.table(
    [t("pdf.aar.objective"), t("pdf.aar.tiedTo")],
    objectives.map((objective) => [
      `${objective.position}. ${objective.title}`,
      objective.section
        ? t("pdf.aar.resolution", { section: sections.get(objective.section) ?? objective.section })
        : t("pdf.aar.capability", {
            capability: objective.capability
              ? t(`pdf.exercise.capability.${objective.capability as ExerciseCapability}`)
              : "",
          }),
    ]),
    [0.6, 0.4],
  );
  pdf.heading(t("pdf.tabletop.scenario"), 2, true);
  if (scenario) {
    // The shipped scenario in the reader's language (content/scenarios/i18n).
    const content = ScenarioContent.safeParse(scenario.content);
    const read = content.success ? scenarioOf({ ...scenario, content: content.data }, language) : null;
    pdf.heading(read?.title ?? scenario.title, 3);
    if (read) {
      pdf.paragraph(read.summary);
      pdf.paragraph(read.description);
      if (read.attackPaths.length > 0)
        pdf.facts([[t("pdf.tabletop.attackPaths"), read.attackPaths.map((step) => `• ${step}`).join("\n")]]);
    }
  } else pdf.note(t("pdf.tabletop.noScenario"));
  const attacked = record.attackedAssetIds.flatMap((assetId) => assets.get(assetId) ?? []);
  if (attacked.length > 0)
    pdf.facts([
      [t("pdf.tabletop.assetsAttacked"), attacked.map((asset) => `${asset.name} (${asset.ref})`).join(", ")],
    ]);
  pdf.heading(t("pdf.tabletop.participants"), 2, true);
  pdf.table(
    [t("pdf.tabletop.organisation"), t("pdf.tabletop.role"), t("pdf.tabletop.duties")],
    [
      [record.owner.name, t("pdf.exercise.role.controller"), t("pdf.tabletop.duty.controller")],
      ...participants.map((p) => {
        const role = p.role as ExerciseRole;
        return [p.organisation.name, t(`pdf.exercise.role.${role}`), t(`pdf.tabletop.duty.${role}`)];
      }),
    ],
    [0.34, 0.14, 0.52],
  );
  pdf.heading(t("pdf.tabletop.rules"), 2, true);
  for (const rule of RULES)
    pdf.paragraph(`${number(rule)}. ${t(`pdf.tabletop.rule${rule}`, { mark: EXERCISE_MARK })}`);

  // One card per inject, each on its own page, to cut out or hand over as it is.
  for (const inject of injects) {
    pdf.newPage();
    pdf.heading(`${EXERCISE_MARK}`, 2);
    pdf.heading(
      t("pdf.tabletop.inject", { number: number(inject.position), time: clock(inject.offsetMs) }),
      1,
      true,
    );
    pdf.facts([
      [t("pdf.tabletop.from"), inject.sender],
      [
        t("pdf.tabletop.to"),
        inject.recipientOrganisationIds.map((organisationId) => names.get(organisationId) ?? "").join(", "),
      ],
      [t("pdf.tabletop.channel"), t(`pdf.exercise.channel.${inject.channel as InjectChannel}`)],
    ]);
    pdf.paragraph(inject.content);
    pdf.space();
    pdf.note(EXERCISE_MARK);
  }

  pdf.newPage();
  pdf.heading(t("pdf.tabletop.msel"), 1, true);
  if (injects.length === 0) pdf.note(t("pdf.tabletop.emptyMsel"));
  else
    pdf.table(
      ["#", t("pdf.tabletop.time"), t("pdf.tabletop.to"), t("pdf.tabletop.expected"), t("pdf.aar.objective")],
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
