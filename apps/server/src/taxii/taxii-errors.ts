// TAXII 2.1 error messages (section 3.6.1): TAXII clients parse these, not problem+json (ADR 0009).
// Every answer under /taxii2/ goes out as application/taxii+json;version=2.1, errors included.
import { databaseFailure } from "@bulwark/db";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { requestLanguage, sayUserError, UserError } from "../errors.ts";
import { type Language, translated } from "../i18n/messages.ts";

export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";

export class TaxiiError extends Error {
  override name = "TaxiiError";
  constructor(
    readonly status: number,
    readonly title: string,
    readonly description?: string,
    readonly headers: Record<string, string | string[]> = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(description ? `${title}: ${description}` : title);
  }
}

/** The challenges a 401 carries: HTTP Basic (e-mail and password) and Bearer (an API token). */
export const CHALLENGES = ['Basic realm="Bulwark TAXII", charset="UTF-8"', 'Bearer realm="Bulwark TAXII"'];

export const taxiiUnauthorized = (description: string) =>
  new TaxiiError(401, "Unauthorized", description, { "www-authenticate": CHALLENGES });
export const taxiiNotFound = (what: string) =>
  new TaxiiError(404, "Not found", `No ${what} here is visible to you.`);
export const taxiiForbidden = (description: string) => new TaxiiError(403, "Forbidden", description);
export const taxiiBadRequest = (description: string) => new TaxiiError(400, "Bad request", description);

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  406: "Not acceptable",
  413: "Request too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
};

function errorOf(error: FastifyError | Error, language: Language): TaxiiError {
  // Title and description are for a person: said in the caller's language (English unless the
  // request asks otherwise); status, headers and details stay as they are.
  const say = (text: string) => translated(language, text);
  if (error instanceof TaxiiError)
    return new TaxiiError(
      error.status,
      say(error.title),
      error.description && say(error.description),
      error.headers,
      error.details,
    );
  // The shared services speak UserError; the same facts, in TAXII's words.
  if (error instanceof UserError) {
    const said = sayUserError(error, language);
    return new TaxiiError(error.status, say(TITLES[error.status] ?? error.title), said.detail ?? said.title, {
      ...error.headers,
      ...(error.status === 401 ? { "www-authenticate": CHALLENGES } : {}),
    });
  }
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
  if (status >= 400 && status < 500 && !databaseFailure(error))
    return new TaxiiError(status, say(TITLES[status] ?? "Bad request"), error.message);
  return new TaxiiError(500, say("Internal error"), say("The error was logged; please try again."));
}

export function sendTaxiiError(reply: FastifyReply, error: TaxiiError): FastifyReply {
  return reply
    .code(error.status)
    .headers(error.headers)
    .header("content-type", TAXII_MEDIA_TYPE)
    .send(
      Buffer.from(
        JSON.stringify({
          title: error.title,
          ...(error.description ? { description: error.description } : {}),
          http_status: String(error.status),
          ...(error.details ? { details: error.details } : {}),
        }),
      ),
    );
}

/** Errors of the TAXII routes (registered inside their plugin, so the rest of the API keeps problem+json). */
export function registerTaxiiErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const taxii = errorOf(error, requestLanguage(request));
    if (taxii.status >= 500) {
      const database = databaseFailure(error);
      if (database) request.log.error({ database }, "TAXII request failed in the database");
      else request.log.error({ err: error }, "TAXII request failed");
    }
    return sendTaxiiError(reply, taxii);
  });
}
