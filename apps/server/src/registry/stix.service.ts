// The registry as a STIX 2.1 bundle: the assets the caller may read (the registry's read scope, in
// SQL), their operators, locations, and the dependencies whose two ends the caller may read.
import { randomUUID } from "node:crypto";
import type { FileAnswer } from "@bulwark/contracts";
import { type Actor, assetPolicy, registryStixObjects, stixBundle } from "@bulwark/core";
import { exportRegistry, organisationsForStix, recordAudit } from "@bulwark/db";
import type { ServerContext } from "../context.ts";

export async function registryStix(context: ServerContext, caller: Actor): Promise<FileAnswer> {
  const { assets, dependencies } = await exportRegistry(context.db, assetPolicy.readScope(caller));
  const organisations = await organisationsForStix(
    context.db,
    assets.map((asset) => asset.operator.id),
  );
  const objects = registryStixObjects({
    assets: assets.map((asset) => ({ ...asset, operatorId: asset.operator.id })),
    dependencies: dependencies.map((dependency) => ({
      id: dependency.id,
      dependentId: dependency.dependent.id,
      supplierId: dependency.supplier.id,
      service: dependency.service,
      kind: dependency.kind,
      k: dependency.k,
      bufferHours: dependency.bufferHours,
      createdAt: dependency.createdAt,
    })),
    organisations,
  });
  await recordAudit(
    context.db,
    { actorId: caller.userId, action: "registry.export-stix", details: { assets: assets.length } },
    context.clock(),
  );
  const bundle = stixBundle(objects, randomUUID());
  const day = context.clock().toISOString().slice(0, 10);
  return {
    bytes: new TextEncoder().encode(JSON.stringify(bundle)),
    filename: `bulwark-registry-${day}.stix.json`,
  };
}
