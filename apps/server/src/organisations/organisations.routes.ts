import { organisationPolicy } from "@bulwark/core";
import { getOrganisation, listOrganisations } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { notFound } from "../errors.ts";
import { changeOrganisation, createOrganisation, removeOrganisation } from "./organisations.service.ts";

export function organisationRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listOrganisations", ({ caller, query }) =>
    listOrganisations(context.db, organisationPolicy.readScope(caller), query),
  );
  route(app, context, "getOrganisation", async ({ caller, params }) => {
    const organisation = await getOrganisation(context.db, organisationPolicy.readScope(caller), params.id);
    if (!organisation) throw notFound("organisation");
    return organisation;
  });
  route(app, context, "createOrganisation", ({ caller, body }) => createOrganisation(context, caller, body));
  route(app, context, "updateOrganisation", ({ caller, params, body }) =>
    changeOrganisation(context, caller, params.id, body),
  );
  route(app, context, "deleteOrganisation", async ({ caller, params }) => {
    await removeOrganisation(context, caller, params.id);
    return undefined;
  });
}
