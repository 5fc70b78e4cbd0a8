// One guard for every route (the endpoint table's, CAP's, TAXII's, any added later): text the
// database cannot store (NUL, unpaired surrogates) in params, query, headers or a parsed body is
// refused with 400 problem+json naming where it is, before validation or any handler runs, so it
// never reaches SQL as an unexpected 500. Upload bodies are bytes, checked by their own rules. A
// large body parsed in slices (json-body.ts) is not walked when its parse found no escape that
// could make such text, and is walked in slices when it did.
import { findUnstorableText, findUnstorableTextInSlices, type UnstorableText } from "@bulwark/core";
import type { FastifyInstance } from "fastify";
import { UserError } from "./errors.ts";
import { say } from "./i18n/messages.ts";
import { slicedBody } from "./json-body.ts";
import { breathe } from "./registry/import-write.ts";

async function unstorableInBody(body: unknown): Promise<UnstorableText | null> {
  const sliced = slicedBody(body);
  if (!sliced) return findUnstorableText(body, "body");
  return sliced.storable ? null : findUnstorableTextInSlices(body, "body", breathe);
}

export function refuseUnstorableInput(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const body = request.body instanceof Uint8Array ? undefined : request.body;
    const found =
      findUnstorableText(request.params, "params") ??
      findUnstorableText(request.query, "query") ??
      findUnstorableText(request.headers, "headers") ??
      (await unstorableInBody(body));
    if (found)
      throw Object.assign(
        new UserError(
          400,
          "Invalid input",
          {
            key: "detail.unstorable",
            values: { path: found.path, reason: (language) => say(language, found.sentence) },
          },
          "urn:bulwark:problem:invalid",
        ),
        { errors: [{ path: found.path, message: { ...found.sentence } }] },
      );
  });
}
