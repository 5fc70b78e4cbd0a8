import { userPolicy } from "@bulwark/core";
import { getUser, listUsers } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { notFound } from "../errors.ts";
import { changeUser, createUser, resetPassword } from "./users.service.ts";

export function userRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listUsers", ({ caller, query }) =>
    listUsers(context.db, userPolicy.readScope(caller), query),
  );
  route(app, context, "getUser", async ({ caller, params }) => {
    const user = await getUser(context.db, userPolicy.readScope(caller), params.id);
    if (!user) throw notFound("account");
    return user;
  });
  route(app, context, "createUser", ({ caller, body }) => createUser(context, caller, body));
  route(app, context, "updateUser", ({ caller, params, body }) =>
    changeUser(context, caller, params.id, body),
  );
  route(app, context, "resetPassword", ({ caller, params, body }) =>
    resetPassword(context, caller, params.id, body.password),
  );
}
