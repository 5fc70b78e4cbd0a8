// The asset registry: assets and dependencies, changed by the operator's editors or the national
// authority, each change audited and bumping the registry version that analysis caches follow.
import type { Asset, AssetCreate, AssetUpdate, Dependency, DependencyCreate } from "@bulwark/contracts";
import { type Actor, assetPolicy } from "@bulwark/core";
import {
  appendAudit,
  assetRefTaken,
  deleteAsset,
  deleteDependency,
  type Executor,
  getAsset,
  insertAsset,
  insertDependency,
  listDependencies,
  missingIds,
  readSetting,
  serviceRule,
  updateAsset,
  writeSetting,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";

type Create = z.output<typeof AssetCreate>;
type Update = z.output<typeof AssetUpdate>;
type NewDependency = z.output<typeof DependencyCreate>;

const VERSION_KEY = "registry.version";

/** The registry's version: bumped by every change, so caches of the graph know when to rebuild. */
export async function registryVersion(db: Executor): Promise<number> {
  const value = await readSetting(db, VERSION_KEY);
  return typeof value === "number" ? value : 0;
}

export async function bumpRegistry(db: Executor, now: Date): Promise<void> {
  await writeSetting(db, VERSION_KEY, (await registryVersion(db)) + 1, now);
}

export async function visibleAsset(context: ServerContext, actor: Actor, id: string): Promise<Asset> {
  const asset = await getAsset(context.db, assetPolicy.readScope(actor), id);
  if (!asset) throw notFound("asset");
  return asset;
}

function mayManage(actor: Actor, operatorId: string): void {
  const decision = assetPolicy.manage(actor, operatorId);
  if (!decision.allowed) throw forbidden(decision.reason);
}

export async function createAsset(context: ServerContext, actor: Actor, input: Create): Promise<Asset> {
  mayManage(actor, input.operatorId);
  if ((await missingIds(context.db, "organisations", [input.operatorId])).length > 0)
    throw invalid("The operator does not exist.", [
      { path: "body.operatorId", message: "No such organisation." },
    ]);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    if (await assetRefTaken(tx, input.operatorId, input.ref))
      throw conflict({ key: "registry.assetTaken", values: { ref: input.ref } });
    const created = await insertAsset(tx, input, now);
    await bumpRegistry(tx, now);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "asset.create",
        targetType: "asset",
        targetId: created,
        details: {
          ref: input.ref,
          sector: input.sector,
          operatorId: input.operatorId,
          marking: input.marking,
        },
      },
      now,
    );
    return created;
  });
  return visibleAsset(context, actor, id);
}

export async function changeAsset(
  context: ServerContext,
  actor: Actor,
  id: string,
  input: Update,
): Promise<Asset> {
  const current = await visibleAsset(context, actor, id);
  mayManage(actor, current.operator.id);
  if (input.operatorId && input.operatorId !== current.operator.id) {
    mayManage(actor, input.operatorId);
    if ((await missingIds(context.db, "organisations", [input.operatorId])).length > 0)
      throw invalid("The operator does not exist.", [
        { path: "body.operatorId", message: "No such organisation." },
      ]);
  }
  const lat = input.lat === undefined ? current.lat : input.lat;
  const lon = input.lon === undefined ? current.lon : input.lon;
  if ((lat === null) !== (lon === null))
    throw invalid("Give both lat and lon, or neither.", [
      { path: "body.lon", message: "Give both lat and lon, or neither." },
    ]);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    // Refs are unique per operator, and whoever may change an asset sees all of its operator's.
    const ref = input.ref ?? current.ref;
    const operatorId = input.operatorId ?? current.operator.id;
    if ((input.ref || input.operatorId) && (await assetRefTaken(tx, operatorId, ref, id)))
      throw conflict({ key: "registry.assetTaken", values: { ref } });
    await updateAsset(tx, id, input, now);
    await bumpRegistry(tx, now);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "asset.update",
        targetType: "asset",
        targetId: id,
        details: {
          fields: Object.keys(input).sort(),
          marking: input.marking ?? null,
          status: input.status ?? null,
        },
      },
      now,
    );
  });
  return visibleAsset(context, actor, id);
}

export async function removeAsset(context: ServerContext, actor: Actor, id: string): Promise<void> {
  const current = await visibleAsset(context, actor, id);
  mayManage(actor, current.operator.id);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await deleteAsset(tx, id);
    await bumpRegistry(tx, now);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "asset.delete",
        targetType: "asset",
        targetId: id,
        details: { ref: current.ref },
      },
      now,
    );
  });
}

export async function addDependency(
  context: ServerContext,
  actor: Actor,
  input: NewDependency,
): Promise<Dependency> {
  const dependent = await visibleAsset(context, actor, input.dependentId);
  // A dependency is declared by the dependent: its editors say what it needs.
  mayManage(actor, dependent.operator.id);
  await visibleAsset(context, actor, input.supplierId);
  if (input.dependentId === input.supplierId)
    throw invalid("An asset cannot supply itself.", [
      { path: "body.supplierId", message: "Choose another asset." },
    ]);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const rule = await serviceRule(tx, input.dependentId, input.service);
    if (rule && (rule.k !== input.k || rule.bufferHours !== input.bufferHours))
      throw invalid(
        {
          key: "registry.serviceRule",
          values: {
            asset: dependent.name,
            k: rule.k,
            suppliers: rule.suppliers,
            service: input.service,
            hours: rule.bufferHours,
          },
        },
        [
          {
            path: "body.k",
            message: { key: "registry.useRule" as const, values: { k: rule.k, hours: rule.bufferHours } },
          },
        ],
      );
    const existing = await listDependencies(
      tx,
      { kind: "all" },
      { dependentId: input.dependentId, supplierId: input.supplierId },
    );
    if (existing.some((item) => item.service === input.service))
      throw conflict("This dependency is recorded already.");
    const created = await insertDependency(tx, input, now);
    await bumpRegistry(tx, now);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "dependency.create",
        targetType: "dependency",
        targetId: created,
        details: {
          dependentId: input.dependentId,
          supplierId: input.supplierId,
          service: input.service,
          k: input.k,
          bufferHours: input.bufferHours,
        },
      },
      now,
    );
    return created;
  });
  const [created] = await listDependencies(context.db, assetPolicy.readScope(actor), { id });
  if (!created) throw notFound("dependency");
  return created;
}

export async function removeDependency(context: ServerContext, actor: Actor, id: string): Promise<void> {
  const [dependency] = await listDependencies(context.db, assetPolicy.readScope(actor), { id });
  if (!dependency) throw notFound("dependency");
  const dependent = await visibleAsset(context, actor, dependency.dependent.id);
  mayManage(actor, dependent.operator.id);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await deleteDependency(tx, id);
    await bumpRegistry(tx, now);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "dependency.delete",
        targetType: "dependency",
        targetId: id,
        details: {
          dependentId: dependency.dependent.id,
          supplierId: dependency.supplier.id,
          service: dependency.service,
        },
      },
      now,
    );
  });
}
