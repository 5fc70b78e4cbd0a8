import { listTokens } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import {
  changePassword,
  chooseLanguage,
  describeMe,
  setTotp,
  signIn,
  signOut,
  startTotp,
} from "./auth.service.ts";
import { forgetRecentCallers, setSessionCookie } from "./principal.ts";
import { createToken, revokeOwnToken } from "./tokens.service.ts";

export function authRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "login", async ({ body, request, reply }) => {
    const { me, sessionSecret } = await signIn(context, { ...body, address: request.ip });
    setSessionCookie(context, reply, sessionSecret);
    return me;
  });
  route(app, context, "logout", async ({ caller, reply }) => {
    await signOut(context, caller, caller.principal.sessionId);
    setSessionCookie(context, reply, null);
    return undefined;
  });
  route(app, context, "me", ({ caller }) => describeMe(context, caller, caller.principal.csrfToken));
  route(app, context, "setLanguage", async ({ caller, body }) => {
    await chooseLanguage(context, caller, body);
    // Remembered callers hold the account's language: the next request reads the new one.
    forgetRecentCallers(context);
    return describeMe(context, caller, caller.principal.csrfToken);
  });
  route(app, context, "changePassword", async ({ caller, body }) => {
    await changePassword(context, caller, caller.principal.sessionId, body);
    return undefined;
  });
  route(app, context, "totpSetup", ({ caller }) => startTotp(context, caller));
  route(app, context, "totpConfirm", async ({ caller, body }) => {
    await setTotp(context, caller, body.code, true);
    return describeMe(context, caller, caller.principal.csrfToken);
  });
  route(app, context, "totpDisable", async ({ caller, body }) => {
    await setTotp(context, caller, body.code, false);
    return describeMe(context, caller, caller.principal.csrfToken);
  });
  route(app, context, "listTokens", ({ caller }) => listTokens(context.db, caller.userId));
  route(app, context, "createToken", ({ caller, body }) => createToken(context, caller, body));
  route(app, context, "revokeToken", async ({ caller, params }) => {
    await revokeOwnToken(context, caller, params.id);
    return undefined;
  });
}
