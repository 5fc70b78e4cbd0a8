import { assetPolicy } from "@bulwark/core";
import { listAssets, listDependencies, listMapAssets } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { exportFiles, exportGeoJson, importRegistry } from "./import.service.ts";
import { importJobRoutes } from "./import-jobs.ts";
import { assetNeighbourhood } from "./neighbourhood.service.ts";
import {
  addDependency,
  changeAsset,
  createAsset,
  removeAsset,
  removeDependency,
  visibleAsset,
} from "./registry.service.ts";
import { registryStix } from "./stix.service.ts";

export function registryRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listAssets", ({ caller, query }) =>
    listAssets(context.db, assetPolicy.readScope(caller), query),
  );
  route(app, context, "getAsset", ({ caller, params }) => visibleAsset(context, caller, params.id));
  route(app, context, "createAsset", ({ caller, body }) => createAsset(context, caller, body));
  route(app, context, "updateAsset", ({ caller, params, body }) =>
    changeAsset(context, caller, params.id, body),
  );
  route(app, context, "deleteAsset", async ({ caller, params }) => {
    await removeAsset(context, caller, params.id);
    return undefined;
  });
  route(app, context, "getAssetDependencies", async ({ caller, params }) => {
    await visibleAsset(context, caller, params.id);
    const scope = assetPolicy.readScope(caller);
    const [suppliers, dependents] = await Promise.all([
      listDependencies(context.db, scope, { dependentId: params.id }),
      listDependencies(context.db, scope, { supplierId: params.id }),
    ]);
    return { suppliers, dependents };
  });
  route(app, context, "assetNeighbourhood", ({ caller, params, query }) =>
    assetNeighbourhood(context, caller, params.id, query.depth),
  );
  route(app, context, "importRegistry", ({ caller, body }) => importRegistry(context, caller, body));
  importJobRoutes(app, context);
  route(app, context, "exportRegistry", ({ caller }) => exportFiles(context, caller));
  route(app, context, "exportGeoJson", ({ caller }) => exportGeoJson(context, caller));
  // The maps' read: the export's assets (same scope), in the few fields a map needs.
  route(app, context, "mapAssets", async ({ caller }) => ({
    assets: await listMapAssets(context.db, assetPolicy.readScope(caller)),
  }));
  route(app, context, "exportRegistryStix", ({ caller }) => registryStix(context, caller));
  route(app, context, "createDependency", ({ caller, body }) => addDependency(context, caller, body));
  route(app, context, "deleteDependency", async ({ caller, params }) => {
    await removeDependency(context, caller, params.id);
    return undefined;
  });
}
