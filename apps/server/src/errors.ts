// A few typed errors, mapped once to RFC 9457 problem+json by one error handler.
import type { Problem } from "@bulwark/contracts";
import { databaseFailure, databaseOutage, recordAudit, uniqueViolation } from "@bulwark/db";
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { requestCaller } from "./auth/request-caller.ts";
import type { ServerContext } from "./context.ts";
import {
  amount,
  issueMessage,
  type Language,
  languageOf,
  list,
  type Message,
  notFoundMessage,
  say,
  translated,
} from "./i18n/messages.ts";
import { databaseUnavailable, rememberOutage } from "./system/database-outage.ts";

/**
 * Something the caller can fix: bad input, not allowed, not found, conflict. `title` and `detail`
 * are English (what logs and TAXII see); the answer says them in the caller's language when the
 * catalogue holds them (i18n/messages.ts): a detail given as a Message, or an English sentence the
 * catalogue knows.
 */
export class UserError extends Error {
  override name = "UserError";
  readonly detail?: string;
  readonly detailMessage?: Message;
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string | Message,
    readonly type = "about:blank",
    readonly headers: Record<string, string> = {},
  ) {
    const english = typeof detail === "object" ? say("en", detail) : detail;
    super(english ? `${title}: ${english}` : title);
    this.detail = english;
    if (typeof detail === "object") this.detailMessage = detail;
  }
}

export const unauthorized = (detail: string | Message = { key: "detail.signIn" }) =>
  new UserError(401, "Not signed in", detail, "urn:bulwark:problem:unauthenticated");
export const forbidden = (reason: string | Message) =>
  new UserError(403, "Not allowed", reason, "urn:bulwark:problem:forbidden");
export const notFound = (what: string) =>
  new UserError(
    404,
    "Not found",
    notFoundMessage(what) ?? {
      key: "notFound.any",
      values: {},
      english: `No ${what} with this id is visible to you.`,
    },
    "urn:bulwark:problem:not-found",
  );
export const conflict = (detail: string | Message) =>
  new UserError(409, "Conflict", detail, "urn:bulwark:problem:conflict");
/** One field's problem: where (never translated) and what, a catalogue sentence or Message. */
export interface FieldError {
  readonly path: string;
  readonly message: string | Message;
}

export const invalid = (detail: string | Message, errors?: readonly FieldError[]) =>
  Object.assign(new UserError(422, "Invalid input", detail, "urn:bulwark:problem:invalid"), { errors });

/** A UserError as problem+json in a language: its title, detail and each field's message said in it. */
export function sayUserError(error: UserError, language: Language): Problem {
  const errors = "errors" in error && Array.isArray(error.errors) ? error.errors : undefined;
  return {
    type: error.type,
    title: translated(language, error.title),
    status: error.status,
    detail:
      error.detailMessage && language !== "en"
        ? say(language, error.detailMessage)
        : error.detail && translated(language, error.detail),
    errors: errors?.map((item: FieldError) => ({
      path: item.path,
      message:
        typeof item.message === "string" ? translated(language, item.message) : say(language, item.message),
    })),
  };
}

function problemOf(
  error: FastifyError | UserError | Error,
  bodyLimit: number,
  language: Language,
): Problem & { headers?: Record<string, string> } {
  if (error instanceof UserError) return { ...sayUserError(error, language), headers: error.headers };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: `${error.validationContext ?? "body"}${issue.instancePath.replaceAll("/", ".")}`,
      message: issueMessage(language, {
        code: issue.keyword,
        message: issue.message ?? "is invalid",
        params: issue.params as Record<string, unknown>,
      }),
    }));
    return {
      type: "urn:bulwark:problem:invalid",
      title: say(language, { key: "title.invalid" }),
      status: 400,
      detail: errors.map((item) => `${item.path}: ${item.message}`).join("; "),
      errors,
    };
  }
  if ("code" in error && error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return {
      type: "urn:bulwark:problem:too-large",
      title: say(language, { key: "title.tooLarge" }),
      status: 413,
      detail: say(language, {
        key: "detail.tooLarge",
        values: { size: amount(language, Math.round((bodyLimit / 1024 / 1024) * 10) / 10, "megabyte") },
      }),
    };
  // A row that others still point to (PostgreSQL foreign_key_violation).
  if (databaseFailure(error)?.code === "23503" || ("code" in error && error.code === "23503"))
    return {
      type: "urn:bulwark:problem:conflict",
      title: say(language, { key: "title.conflict" }),
      status: 409,
      detail: say(language, { key: "detail.dependents" }),
    };
  // A unique key taken, e.g. by a request creating the same thing at the same moment: past the
  // service's own "exists already?" check, the database refuses the second (unique_violation).
  const taken = uniqueViolation(error);
  if (taken)
    return {
      type: "urn:bulwark:problem:conflict",
      title: say(language, { key: "title.conflict" }),
      status: 409,
      detail: say(language, {
        key: "detail.unique",
        values: { fields: taken.length > 0 ? list(language, taken) : "key" },
      }),
      errors: taken.map((path) => ({ path, message: say(language, { key: "detail.taken" }) })),
    };
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
  if (status >= 400 && status < 500 && !isResponseSerializationError(error))
    return {
      type: "about:blank",
      title: error.message ? translated(language, error.message) : say(language, { key: "title.badRequest" }),
      status,
    };
  return {
    type: "about:blank",
    title: say(language, { key: "title.unexpected" }),
    status: 500,
    detail: say(language, { key: "detail.unexpected" }),
  };
}

/**
 * The language of a request's answer: the first of the six its Accept-Language names, else the
 * one chosen on the signed-in caller's account, else English.
 */
export const requestLanguage = (request: FastifyRequest): Language =>
  languageOf(request.headers["accept-language"], requestCaller(request)?.principal.language);

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
    const language = requestLanguage(request);
    const { headers, ...problem } = problemOf(
      outage ? databaseUnavailable(outage) : error,
      request.routeOptions.bodyLimit ?? 1_048_576,
      language,
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
      .header("content-language", language)
      .header("vary", "Accept-Language")
      .type("application/problem+json")
      .send({ ...problem, instance: request.url.split("?")[0] });
  });
  app.setNotFoundHandler((request, reply) => {
    const language = requestLanguage(request);
    reply
      .code(404)
      .header("content-language", language)
      .header("vary", "Accept-Language")
      .type("application/problem+json")
      .send({
        type: "about:blank",
        title: say(language, { key: "title.notFound" }),
        status: 404,
        detail: say(language, {
          key: "detail.noRoute",
          values: { method: request.method, path: request.url.split("?")[0] ?? "" },
        }),
      });
  });
}
