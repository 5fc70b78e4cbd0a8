// Large JSON bodies read and parsed in slices (issue 14): a route that accepts more than the
// default megabyte (a STIX bundle, a registry import) would otherwise decode and JSON.parse its
// body in one go, and a 50 MB body stops every other request (health included) for a third of a
// second on a quiet machine. Here the bytes are decoded as they arrive and the text is parsed by
// core's parseJsonInSlices, with a pause between slices. The answers are Fastify's own: the same
// value, the same limits (413 past the route's bodyLimit, 400 for a wrong Content-Length), and the
// same 400 for an empty body, for text that is not JSON and for prototype keys.
// The parse also says whether the body can hold text the database cannot store; the input guard
// (input-guard.ts) then skips its walk of the body, or walks it in slices too.
import { StringDecoder } from "node:string_decoder";
import { JsonSyntaxError, parseJsonInSlices } from "@bulwark/core";
import { errorCodes, type FastifyInstance, type FastifyRequest } from "fastify";
import { breathe } from "./registry/import-write.ts";

/** Fastify's default for a route that names no bodyLimit. */
export const DEFAULT_BODY_LIMIT = 1_048_576;

/** Characters of work between two pauses (about 3 ms). */
const EVERY = 1_048_576;

// Bodies parsed here: true when no string or key in one can hold a NUL or an unpaired surrogate.
const parsedBodies = new WeakMap<object, boolean>();

/** Whether this body was parsed here, and if so whether it is known to hold only storable text. */
export function slicedBody(body: unknown): { storable: boolean } | null {
  if (typeof body !== "object" || body === null) return null;
  const storable = parsedBodies.get(body);
  return storable === undefined ? null : { storable };
}

type Payload = NodeJS.ReadableStream & { receivedEncodedLength?: number };

/** The body's text, decoded chunk by chunk, within the limits Fastify's own reader keeps. */
function readText(request: FastifyRequest, payload: Payload, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"]);
    if (declared > limit) {
      reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      return;
    }
    const decoder = new StringDecoder("utf8");
    const parts: string[] = [];
    let received = 0;
    const stop = () => {
      payload.removeListener("data", onData);
      payload.removeListener("end", onEnd);
      payload.removeListener("error", onEnd);
    };
    function onData(chunk: Buffer | string) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > limit || (payload.receivedEncodedLength ?? 0) > limit) {
        stop();
        reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
        return;
      }
      parts.push(decoder.write(bytes));
    }
    function onEnd(error?: Error & { statusCode?: number }) {
      stop();
      if (error) {
        if (!(typeof error.statusCode === "number" && error.statusCode >= 400)) error.statusCode = 400;
        reject(error);
        return;
      }
      if (!Number.isNaN(declared) && (payload.receivedEncodedLength || received) !== declared) {
        reject(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
        return;
      }
      parts.push(decoder.end());
      resolve(parts.join(""));
    }
    payload.on("data", onData);
    payload.on("end", onEnd);
    payload.on("error", onEnd);
    payload.resume();
  });
}

/** application/json bodies of the routes registered in `scope` parsed in slices, up to `bodyLimit`. */
export function parseJsonBodiesInSlices(scope: FastifyInstance, bodyLimit: number): void {
  scope.removeContentTypeParser("application/json");
  scope.addContentTypeParser(
    "application/json",
    { bodyLimit },
    async (request: FastifyRequest, payload: Payload) => {
      const text = await readText(request, payload, request.routeOptions.bodyLimit ?? bodyLimit);
      if (text.length === 0) throw new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY();
      try {
        const { value, storable } = await parseJsonInSlices(text, breathe, { every: EVERY });
        if (typeof value === "object" && value !== null) parsedBodies.set(value, storable);
        return value;
      } catch (error) {
        if (error instanceof JsonSyntaxError) throw new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
        throw error;
      }
    },
  );
}
