// Exercise packages (issue 19): an exercise's design written as a YAML file another installation
// imports (core's package.ts holds the format). Export: controllers and evaluators only (the whole
// MSEL), attacked assets only those the reader may see. Import: all or nothing, every problem named
// with its field and line, organisations resolved by name unless mapped, assets by operator and
// reference under the importer's asset read scope. `caller` null is the operator at the console
// (the CLI), who sees every exercise and asset and names the owning organisation.
import type { Exercise, ExercisePackageImport, FileAnswer } from "@bulwark/contracts";
import {
  type Actor,
  type AssetReadScope,
  assetPolicy,
  type ExerciseCapability,
  type ExercisePackage,
  type ExerciseRole,
  type ExerciseType,
  exercisePolicy,
  type InjectChannel,
  type PackagePath,
  type PackageProblem,
  readExercisePackage,
  writeExercisePackage,
} from "@bulwark/core";
import {
  appendAudit,
  exerciseObjectivesOf,
  exerciseParticipantsOf,
  existingOrganisations,
  findExercise,
  findScenario,
  injectsFor,
  insertExercise,
  insertInject,
  namesOfOrganisations,
  organisationsNamed,
  readableAssets,
  readableAssetsByRef,
  refKey,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { type Message, say } from "../i18n/messages.ts";
import { exerciseDetail, frameworkSections, must, seenExercise } from "./exercises.service.ts";

const EVERYTHING: AssetReadScope = { kind: "all" };

/** A problem of the package as the API answers it: the field under body.package, with its line. */
export interface PackageError {
  readonly path: string;
  /** A catalogue sentence or Message, said in the caller's language. */
  readonly message: string | Message;
  /** The same in English (the CLI's words). */
  readonly english: string;
  readonly line: number | null;
  readonly field: string;
}

const errorAt = (path: PackagePath, line: number | null, message: string | Message): PackageError => {
  const field = path.map(String).join(".");
  return {
    path: `body.package${field ? `.${field}` : ""}${line === null ? "" : ` (line ${line})`}`,
    message,
    english: typeof message === "string" ? message : say("en", message),
    line,
    field,
  };
};

/** Core's problem, said in the caller's language (its English as core wrote it). */
const errorOf = (problem: PackageProblem): PackageError =>
  errorAt(problem.path, problem.line, { ...problem.sentence, english: problem.message });

/** The exercise's design as a package, and a file name for it. */
export async function exercisePackage(
  context: ServerContext,
  caller: Actor | null,
  id: string,
): Promise<{ text: string; pack: ExercisePackage }> {
  let record: Awaited<ReturnType<typeof findExercise>>;
  if (caller) {
    const seen = await seenExercise(context, caller, id);
    must(exercisePolicy.share(seen.abilities));
    record = seen.record;
  } else {
    record = await findExercise(context.db, null, id);
    if (!record) throw notFound("exercise");
  }
  const [participants, objectives, injects, attacked] = await Promise.all([
    exerciseParticipantsOf(context.db, id),
    exerciseObjectivesOf(context.db, id),
    injectsFor(context.db, { organisationId: record.owner.id, all: true }, id, 0),
    readableAssets(context.db, caller ? assetPolicy.readScope(caller) : EVERYTHING, record.attackedAssetIds),
  ]);
  const operators = await namesOfOrganisations(
    context.db,
    [...attacked.values()].map((asset) => asset.operatorId),
  );
  const names = new Map(participants.map((p) => [p.organisation.id, p.organisation.name]));
  const numberOf = new Map(objectives.map((objective) => [objective.id, objective.position]));
  const pack: ExercisePackage = {
    title: record.title,
    type: record.type as ExerciseType,
    summary: record.summary,
    objectives: objectives.map((objective) => ({
      title: objective.title,
      section: objective.section,
      capability: objective.capability as ExerciseCapability | null,
    })),
    threat: record.scenarioSlug,
    // In the order the exercise lists them; those the reader may not see are left out.
    attackedAssets: record.attackedAssetIds.flatMap((assetId) => {
      const asset = attacked.get(assetId);
      const operator = asset ? operators.get(asset.operatorId) : undefined;
      return asset && operator ? [{ operator, ref: asset.ref }] : [];
    }),
    participants: participants.map((p) => ({
      organisation: p.organisation.name,
      role: p.role as ExerciseRole,
    })),
    injects: injects.map((inject) => ({
      offsetMs: inject.offsetMs,
      sender: inject.sender,
      to: inject.recipientOrganisationIds.flatMap((organisationId) => names.get(organisationId) ?? []),
      channel: inject.channel as InjectChannel,
      content: inject.content,
      expectedAction: inject.expectedAction,
      objective: inject.objectiveId === null ? null : (numberOf.get(inject.objectiveId) ?? null),
    })),
  };
  return { text: writeExercisePackage(pack), pack };
}

/** `GET /api/exercises/{id}/package`: the file, its download recorded in the audit trail. */
export async function exercisePackageFile(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<FileAnswer> {
  const { text, pack } = await exercisePackage(context, caller, id);
  const now = context.clock();
  await context.db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "exercises.package.export",
        targetType: "exercise",
        targetId: id,
        details: { injects: pack.injects.length, attackedAssets: pack.attackedAssets.length },
      },
      now,
    ),
  );
  const slug = pack.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return { bytes: new TextEncoder().encode(text), filename: `exercise-${slug || "package"}.yaml` };
}

/**
 * Plan an exercise from a package: the new exercise's id. `owner` is the controlling organisation
 * (the caller's own unless the operator imports at the console).
 */
export async function importPackage(
  context: ServerContext,
  caller: Actor | null,
  owner: string,
  input: z.output<typeof ExercisePackageImport>,
): Promise<string> {
  if (caller) must(exercisePolicy.create(caller));
  const read = readExercisePackage(input.package);
  if ("problems" in read)
    throw invalid("The exercise package cannot be imported as written.", read.problems.map(errorOf));
  const { package: pack, locate } = read;
  const problems: PackageError[] = [];
  const problem = (path: PackagePath, message: string) => problems.push(errorAt(path, locate(path), message));

  // Organisation names: mapped ones first, the others by name.
  const mapped = new Map(Object.entries(input.organisations));
  const named = new Set([
    ...pack.participants.map((p) => p.organisation),
    ...pack.attackedAssets.map((a) => a.operator),
  ]);
  for (const name of mapped.keys())
    if (!named.has(name))
      problems.push({
        path: `body.organisations.${name}`,
        message: "Not an organisation of this package.",
        english: "Not an organisation of this package.",
        line: null,
        field: `organisations.${name}`,
      });
  const [existing, byName] = await Promise.all([
    existingOrganisations(context.db, [...mapped.values()]),
    organisationsNamed(
      context.db,
      [...named].filter((name) => !mapped.has(name)),
    ),
  ]);
  const organisationOf = (name: string): string | null => {
    const id = mapped.get(name);
    if (id !== undefined) return existing.has(id) ? id : null;
    return byName.get(name)?.id ?? null;
  };
  const NO_ORGANISATION = "No organisation of this name here: map it to one of yours.";

  const participants: { organisationId: string; role: ExerciseRole }[] = [];
  pack.participants.forEach((participant, i) => {
    const path = ["participants", i, "organisation"];
    const organisationId = organisationOf(participant.organisation);
    if (organisationId === null) problem(path, NO_ORGANISATION);
    else if (organisationId === owner) problem(path, "Your organisation controls it already.");
    else if (participants.some((p) => p.organisationId === organisationId))
      problem(path, "Name each organisation once.");
    else participants.push({ organisationId, role: participant.role });
  });

  const sections = frameworkSections();
  pack.objectives.forEach((objective, i) => {
    if (objective.section !== null && !sections.has(objective.section))
      problem(["objectives", i, "section"], "No such section in the resolution 2341 framework.");
  });
  if (pack.threat !== null && !(await findScenario(context.db, pack.threat)))
    problem(["scenario", "threat"], "No such threat scenario.");

  const refs = pack.attackedAssets.flatMap((asset, i) => {
    const operatorId = organisationOf(asset.operator);
    if (operatorId === null) problem(["scenario", "attackedAssets", i, "operator"], NO_ORGANISATION);
    return operatorId === null ? [] : [{ operatorId, ref: asset.ref, i }];
  });
  const found = await readableAssetsByRef(
    context.db,
    caller ? assetPolicy.readScope(caller) : EVERYTHING,
    refs,
  );
  const attackedAssetIds: string[] = [];
  for (const ref of refs) {
    const asset = found.get(refKey(ref.operatorId, ref.ref));
    if (!asset) problem(["scenario", "attackedAssets", ref.i, "ref"], "No such asset of this operator.");
    else attackedAssetIds.push(asset.id);
  }
  if (problems.length > 0) throw invalid("The exercise package cannot be imported as written.", problems);

  const now = context.clock();
  const ids = new Map(pack.participants.map((p) => [p.organisation, organisationOf(p.organisation)]));
  return context.db.transaction(async (tx) => {
    const id = await insertExercise(
      tx,
      {
        title: pack.title,
        summary: pack.summary,
        type: pack.type,
        ownerOrganisationId: owner,
        scenarioSlug: pack.threat,
        attackedAssetIds,
        participants,
        objectives: pack.objectives.map((objective) => ({ ...objective })),
        createdBy: caller?.userId ?? null,
      },
      now,
    );
    const objectives = await exerciseObjectivesOf(tx, id);
    for (const inject of pack.injects)
      await insertInject(
        tx,
        id,
        {
          offsetMs: inject.offsetMs,
          sender: inject.sender,
          recipientOrganisationIds: inject.to.flatMap((name) => ids.get(name) ?? []),
          channel: inject.channel,
          content: inject.content,
          expectedAction: inject.expectedAction,
          objectiveId: inject.objective === null ? null : (objectives[inject.objective - 1]?.id ?? null),
        },
        caller?.userId ?? null,
        now,
      );
    await appendAudit(
      tx,
      {
        actorId: caller?.userId ?? null,
        action: "exercises.package.import",
        targetType: "exercise",
        targetId: id,
        details: {
          via: caller ? "api" : "cli",
          type: pack.type,
          participants: participants.length,
          objectives: pack.objectives.length,
          injects: pack.injects.length,
          attackedAssets: attackedAssetIds.length,
        },
      },
      now,
    );
    return id;
  });
}

/** `POST /api/exercises/import`: the exercise planned, as its controller sees it. */
export async function importPackageAs(
  context: ServerContext,
  caller: Actor,
  input: z.output<typeof ExercisePackageImport>,
): Promise<Exercise> {
  const id = await importPackage(context, caller, caller.organisationId, input);
  return exerciseDetail(context, caller, id);
}
