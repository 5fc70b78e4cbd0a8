// A few typed errors, mapped once to RFC 9457 problem+json by one error handler.
import type { Problem } from "@bulwark/contracts";
import { databaseFailure, databaseOutage, recordAudit, uniqueViolation } from "@bulwark/db";
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { requestCaller } from "./auth/request-caller.ts";
import type { ServerContext } from "./context.ts";
import { databaseUnavailable, rememberOutage } from "./system/database-outage.ts";

/** Something the caller can fix: bad input, not allowed, not found, conflict. */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly type = "about:blank",
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

export const unauthorized = (detail = "Sign in, or send an API token.") =>
  new UserError(401, "Not signed in", detail, "urn:bulwark:problem:unauthenticated");
export const forbidden = (reason: string) =>
  new UserError(403, "Not allowed", reason, "urn:bulwark:problem:forbidden");
export const notFound = (what: string) =>
  new UserError(
    404,
    "Not found",
    `No ${what} with this id is visible to you.`,
    "urn:bulwark:problem:not-found",
  );
export const conflict = (detail: string) =>
  new UserError(409, "Conflict", detail, "urn:bulwark:problem:conflict");
export const invalid = (detail: string, errors?: { path: string; message: string }[]) =>
  Object.assign(new UserError(422, "Invalid input", detail, "urn:bulwark:problem:invalid"), { errors });

function problemOf(
  error: FastifyError | UserError | Error,
  bodyLimit: number,
): Problem & { headers?: Record<string, string> } {
  if (error instanceof UserError) {
    const errors = "errors" in error && Array.isArray(error.errors) ? error.errors : undefined;
    return {
      type: error.type,
      title: error.title,
      status: error.status,
      detail: error.detail,
      errors,
      headers: error.headers,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: `${error.validationContext ?? "body"}${issue.instancePath.replaceAll("/", ".")}`,
      message: issue.message ?? "is invalid",
    }));
    return {
      type: "urn:bulwark:problem:invalid",
      title: "Invalid input",
      status: 400,
      detail: errors.map((item) => `${item.path}: ${item.message}`).join("; "),
      errors,
    };
  }
  if ("code" in error && error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return {
      type: "urn:bulwark:problem:too-large",
      title: "Too large",
      status: 413,
      detail: `This endpoint accepts at most ${bodyLimit} bytes (${Math.round((bodyLimit / 1024 / 1024) * 10) / 10} MB).`,
    };
  // A row that others still point to (PostgreSQL foreign_key_violation).
  if (databaseFailure(error)?.code === "23503" || ("code" in error && error.code === "23503"))
    return {
      type: "urn:bulwark:problem:conflict",
      title: "Conflict",
      status: 409,
      detail: "Other records still depend on this one.",
    };
  // A unique key taken, e.g. by a request creating the same thing at the same moment: past the
  // service's own "exists already?" check, the database refuses the second (unique_violation).
  const taken = uniqueViolation(error);
  if (taken)
    return {
      type: "urn:bulwark:problem:conflict",
      title: "Conflict",
      status: 409,
      detail: `Something with the same ${taken.join(" and ") || "key"} exists already.`,
      errors: taken.map((path) => ({ path, message: "Taken already." })),
    };
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
  if (status >= 400 && status < 500 && !isResponseSerializationError(error))
    return { type: "about:blank", title: error.message || "Bad request", status };
  return {
    type: "about:blank",
    title: "Unexpected error",
    status: 500,
    detail: "The error was logged; please try again.",
  };
}

const FORBIDDEN = "urn:bulwark:problem:forbidden";

/**
 * A signed-in caller refused by the policy (403) leaves an `access.denied` entry: who, which
 * endpoint (its pattern, not the URL), and the id it named. Never the body, the query or the
 * reason text. A thing hidden from the caller answers 404 exactly like a missing one and is not
 * recorded: recording only the hidden ones would make them slower to answer, an existence oracle.
 */
async function recordDenial(context: ServerContext, request: FastifyRequest): Promise<void> {
  const caller = requestCaller(request);
  if (!caller) return;
  const params = request.params;
  const id =
    params && typeof params === "object" && "id" in params && typeof params.id === "string"
      ? params.id
      : null;
  const tag = request.routeOptions.schema?.tags?.[0] ?? null;
  await recordAudit(
    context.db,
    {
      actorId: caller.userId,
      action: "access.denied",
      targetType: tag,
      targetId: id ? id.slice(0, 100) : null,
      details: { endpoint: `${request.method} ${request.routeOptions.url ?? ""}`, roles: [...caller.roles] },
    },
    context.clock(),
  );
}

export function registerErrorHandler(app: FastifyInstance, context: ServerContext): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    // The database down, unresponsive or full: 503 with Retry-After (system/database-outage.ts).
    const outage = databaseOutage(error);
    if (outage) rememberOutage(context, outage);
    const { headers, ...problem } = problemOf(
      outage ? databaseUnavailable(outage) : error,
      request.routeOptions.bodyLimit ?? 1_048_576,
    );
    if (problem.status === 403 && problem.type === FORBIDDEN)
      await recordDenial(context, request).catch((failure: unknown) =>
        request.log.error({ err: failure }, "could not record a denied request"),
      );
    if (problem.status >= 500) {
      // Database errors are logged without their query parameters (they can hold personal data).
      const database = databaseFailure(error);
      if (database) request.log.error({ database }, "request failed in the database");
      else request.log.error({ err: error }, "request failed");
    }
    return reply
      .code(problem.status)
      .headers(headers ?? {})
      .type("application/problem+json")
      .send({ ...problem, instance: request.url.split("?")[0] });
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type("application/problem+json")
      .send({
        type: "about:blank",
        title: "Not found",
        status: 404,
        detail: `No route ${request.method} ${request.url.split("?")[0]}.`,
      });
  });
}
