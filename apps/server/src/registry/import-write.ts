// The write of a registry import that passed its checks, in slices (ADR 0040). On PGlite every
// statement runs on the main thread and a transaction holds the one session: an import written in
// one transaction kept every other request (health included) waiting until it ended. Here the new
// assets and their dependencies are written a few hundred rows a statement, outside any
// transaction, each row marked with the import's id and hidden from every read until the import is
// published; the event loop is given back between slices. The redundancy rules are checked on the
// registry as it would be, read page by page. Then one short transaction updates the assets that
// existed, replaces their dependencies, publishes the staged rows, bumps the registry and audits.
// Any failure deletes the staged rows (slice by slice, still hidden); a process that dies leaves
// them hidden until the sweep deletes them (sweepStagedImports).
import { randomUUID } from "node:crypto";
import { type Actor, buildGraphInSlices, type DependencyKind } from "@bulwark/core";
import {
  type AssetFields,
  appendAudit,
  beginStagedImport,
  discardStagedImport,
  publishStagedImport,
  registryWithStaged,
  replaceDependencies,
  silentStagedImports,
  stageAssets,
  stageDependencies,
  touchStagedImport,
  updateAsset,
  upsertAssets,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { type Language, type Message, say } from "../i18n/messages.ts";
import { bumpRegistry } from "./registry.service.ts";

/** Rows a statement: each a few milliseconds on PGlite, so that a waiting request waits little. */
export const SLICES = { assets: 200, dependencies: 400, reads: 2000 } as const;
/** Slices between two signs of life of the import (the sweep discards a silent one). */
const TOUCH_EVERY = 50;

/**
 * Let requests waiting on the event loop (and, on PGlite, for the session) through. One turn of the
 * event loop (setImmediate) was not enough: a waiting request needs several turns (its hooks, then
 * each of its statements) and got one step further per slice, so a few waited for most of an import
 * (ADR 0047). A few milliseconds let every waiting request finish.
 */
export const BREATHE_MS = 4;
export const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, BREATHE_MS));

export interface DependencyRow {
  readonly line: number;
  readonly value: {
    readonly dependent: string;
    readonly supplier: string;
    readonly service: string;
    readonly kind?: DependencyKind | undefined;
    readonly k?: number | undefined;
    readonly bufferHours?: number | undefined;
  };
}

export interface ImportPlan {
  /** The file's assets, checked, with their operator resolved. */
  readonly fields: readonly AssetFields[];
  readonly dependencyRows: readonly DependencyRow[];
  /** The asset (operator, ref) names that the importer sees, if it exists. */
  readonly existingOf: (ref: string, operatorId: string) => { id: string } | undefined;
  /** Assets by ref that the importer sees (a dependency may name one outside the file). */
  readonly visible: ReadonlyMap<string, readonly { id: string; operatorId: string }[]>;
  readonly format: "csv" | "geojson";
}

export type WriteProgress = (phase: "assets" | "dependencies" | "rules", done: number, total: number) => void;

/** Problems of the rules check, named as the synchronous import named them. */
type Fail = (problems: { path: string; message: Message }[]) => never;

/** Write a checked import in slices; returns how many dependents it set. */
export async function writeSliced(
  context: ServerContext,
  actor: Actor | null,
  plan: ImportPlan,
  progress: WriteProgress,
  fail: Fail,
  now: Date,
): Promise<number> {
  const db = context.db;
  const importId = randomUUID();
  await beginStagedImport(db, importId, now);
  let slices = 0;
  const next = async () => {
    await breathe();
    if (++slices % TOUCH_EVERY === 0) await touchStagedImport(db, importId, context.clock());
  };
  try {
    const fresh = plan.fields.filter((row) => !plan.existingOf(row.ref, row.operatorId));
    const updates = plan.fields.filter((row) => plan.existingOf(row.ref, row.operatorId));
    const staged = new Map<string, string>();
    progress("assets", 0, plan.fields.length);
    for (let from = 0; from < fresh.length; from += SLICES.assets) {
      const slice = fresh.slice(from, from + SLICES.assets);
      const ids = await stageAssets(db, importId, slice, now);
      for (const [i, row] of slice.entries()) staged.set(`${row.operatorId}/${row.ref}`, ids[i] ?? "");
      progress("assets", from + slice.length, plan.fields.length);
      await next();
    }

    const operatorInFile = new Map(plan.fields.map((row) => [row.ref, row.operatorId]));
    const idOf = (ref: string): string => {
      const operatorId = operatorInFile.get(ref);
      if (operatorId) return plan.existingOf(ref, operatorId)?.id ?? staged.get(`${operatorId}/${ref}`) ?? "";
      return plan.visible.get(ref)?.[0]?.id ?? "";
    };
    const newIds = new Set(staged.values());
    const rows = plan.dependencyRows.map(({ value }) => ({
      dependentId: idOf(value.dependent),
      supplierId: idOf(value.supplier),
      service: value.service.toLowerCase(),
      kind: value.kind ?? ("physical" as const),
      k: value.k ?? 1,
      bufferHours: value.bufferHours ?? 0,
    }));
    // A new asset's dependencies are staged with it; those of an asset that existed replace its
    // old ones in the final step (staged, they would show beside them).
    const stagedRows = rows.filter((row) => newIds.has(row.dependentId));
    const finalRows = rows.filter((row) => !newIds.has(row.dependentId));
    const dependents = new Set(rows.map((row) => row.dependentId));
    const existingDependents = [...dependents].filter((id) => !newIds.has(id));
    progress("dependencies", 0, rows.length);
    for (let from = 0; from < stagedRows.length; from += SLICES.dependencies) {
      await stageDependencies(db, stagedRows.slice(from, from + SLICES.dependencies), now);
      progress("dependencies", Math.min(from + SLICES.dependencies, stagedRows.length), rows.length);
      await next();
    }
    // The others are written in the final step, with what they replace.
    if (stagedRows.length < rows.length) progress("dependencies", rows.length, rows.length);

    progress("rules", 0, 1);
    await checkRules(context, importId, { updates, plan, idOf, finalRows, existingDependents }, fail);
    progress("rules", 1, 1);

    await db.transaction(async (tx) => {
      await upsertAssets(tx, updates, now);
      // The upsert keeps the polygon of an asset it updates: set the ones the GeoJSON gives.
      for (const row of updates) if (row.area) await updateAsset(tx, idOf(row.ref), { area: row.area }, now);
      await replaceDependencies(tx, existingDependents, finalRows, now);
      await publishStagedImport(tx, importId);
      await bumpRegistry(tx, now);
      await appendAudit(
        tx,
        {
          actorId: actor?.userId ?? null,
          action: "registry.import",
          targetType: "registry",
          targetId: null,
          details: {
            assetsCreated: fresh.length,
            assetsUpdated: updates.length,
            dependents: dependents.size,
            dependencies: rows.length,
            format: plan.format,
            via: actor ? "api" : "cli",
          },
        },
        now,
      );
    });
    return dependents.size;
  } catch (error) {
    // Nothing was shown: take the staged rows away (the sweep does it if this fails too).
    await discardStagedImport(db, importId, breathe).catch(() => undefined);
    throw error;
  }
}

/** The redundancy rules over the registry as the import would leave it: else every problem. */
async function checkRules(
  context: ServerContext,
  importId: string,
  change: {
    readonly updates: readonly AssetFields[];
    readonly plan: ImportPlan;
    readonly idOf: (ref: string) => string;
    readonly finalRows: readonly {
      dependentId: string;
      supplierId: string;
      service: string;
      k: number;
      bufferHours: number;
    }[];
    readonly existingDependents: readonly string[];
  },
  fail: Fail,
): Promise<void> {
  const whole = await registryWithStaged(context.db, importId, breathe, SLICES.reads);
  const updated = new Map(change.updates.map((row) => [change.idOf(row.ref), row]));
  const assets = whole.assets.map((asset) => {
    const row = updated.get(asset.id);
    return {
      id: asset.id,
      ref: asset.ref,
      sector: row?.sector ?? asset.sector,
      population: row ? row.populationServed : Number(asset.population),
      lat: (row ? row.lat : asset.lat) ?? undefined,
      lon: (row ? row.lon : asset.lon) ?? undefined,
    };
  });
  const replaced = new Set(change.existingDependents);
  const dependencies = [
    ...whole.dependencies.filter((row) => !replaced.has(row.dependent)),
    ...change.finalRows.map((row) => ({
      dependent: row.dependentId,
      supplier: row.supplierId,
      service: row.service,
      k: row.k,
      bufferHours: row.bufferHours,
    })),
  ];
  await breathe();
  const built = await buildGraphInSlices(assets, dependencies, breathe);
  if (built.graph) return;
  const refOf = new Map(assets.map((asset) => [asset.id, asset.ref]));
  const lineOf = new Map(
    change.plan.dependencyRows.map((row) => [
      `${row.value.dependent}/${row.value.service.toLowerCase()}`,
      row.line,
    ]),
  );
  fail(
    built.issues.map((issue) => {
      const row = issue.list === "dependencies" ? dependencies[issue.index] : undefined;
      const dependentRef = refOf.get(row?.dependent ?? "") ?? "?";
      return {
        path: `dependencies.csv:${lineOf.get(`${dependentRef}/${row?.service}`) ?? 0}:${issue.field}`,
        message: {
          key: "registry.rowIssue",
          values: {
            ref: dependentRef,
            service: row?.service ?? "?",
            what: (language: Language) => say(language, issue.sentence),
          },
        },
      };
    }),
  );
}

/**
 * Delete the staged rows of imports silent since `before` (their process died before publishing),
 * slice by slice; returns how many imports were discarded.
 */
export async function sweepStagedImports(context: ServerContext, before: Date): Promise<number> {
  const silent = await silentStagedImports(context.db, before);
  for (const id of silent) await discardStagedImport(context.db, id, breathe);
  return silent.length;
}
