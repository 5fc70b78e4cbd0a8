// An incident as a STIX 2.1 bundle (application/stix+json;version=2.1): the incident with its TLP
// marking, the affected assets the reader may see as Bulwark critical-asset objects, their
// relationships. Read under the reader's scope: an incident they may not see is "not found", and
// assets they may not see are left out, as in every export (ADR 0014).
import { randomUUID } from "node:crypto";
import type { FileAnswer } from "@bulwark/contracts";
import {
  type Actor,
  assetPolicy,
  EXERCISE_MARK,
  incidentStixObjects,
  stixBundle,
  type TlpMarking,
} from "@bulwark/core";
import {
  exercisesOfIncidents,
  getAssets,
  incidentAssetHistory,
  organisationsForStix,
  recordAudit,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { incidentViewerOf, seenIncident } from "./incidents.service.ts";

export async function incidentStix(context: ServerContext, caller: Actor, id: string): Promise<FileAnswer> {
  const viewer = await incidentViewerOf(context, caller);
  const { record } = await seenIncident(context, viewer, id);
  const history = await incidentAssetHistory(context.db, id);
  const assets = await getAssets(
    context.db,
    assetPolicy.readScope(caller),
    history.map((row) => row.assetId),
  );
  const organisations = new Map(
    (
      await organisationsForStix(context.db, [
        record.organisation.id,
        ...assets.map((asset) => asset.operator.id),
      ])
    ).map((organisation) => [organisation.id, organisation]),
  );
  const filer = organisations.get(record.organisation.id);
  if (!filer) throw new Error("The incident's organisation is missing.");
  // Filed in exercise mode: its name and description say so, for whoever imports the bundle.
  const exercise = (await exercisesOfIncidents(context.db, [id])).get(id);
  const drill = exercise ? `${EXERCISE_MARK} ` : "";
  const objects = incidentStixObjects({
    id: record.id,
    title: `${drill}${record.title}`,
    description: exercise
      ? `${EXERCISE_MARK}: filed in the exercise "${exercise.title}"; not a real incident.\n\n${record.description}`
      : record.description,
    type: record.type,
    state: record.state,
    severity: record.severity,
    severityAssessed: record.severityAssessed,
    tlp: record.tlp as TlpMarking,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    filer,
    assets: assets.map((asset) => ({ ...asset, operatorId: asset.operator.id })),
    operators: assets.flatMap((asset) => organisations.get(asset.operator.id) ?? []),
  });
  await recordAudit(
    context.db,
    {
      actorId: caller.userId,
      action: "incidents.export-stix",
      targetType: "incident",
      targetId: id,
      details: { assets: assets.length },
    },
    context.clock(),
  );
  return {
    bytes: new TextEncoder().encode(JSON.stringify(stixBundle(objects, randomUUID()))),
    filename: `bulwark-incident-${record.id}.stix.json`,
  };
}
