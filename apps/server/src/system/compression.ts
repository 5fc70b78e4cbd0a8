// Large JSON answers of the API go out gzipped to a client that accepts gzip: the maps' assets
// (451 kB for the demo) become 46 kB, the offline compendium 245 kB → 88 kB, a page of the directory
// 9 kB → 2 kB, for a few milliseconds of the server's time (gzip level 1: 3.6 ms for the maps'
// assets on a loaded machine, against 12 ms at level 6 for 15 % fewer bytes). The web app's own
// files are compressed at build time already (web.ts). Only reads (GET) are compressed and never
// the session's answers (`/api/me` and `/api/auth/…` carry the CSRF token): a secret compressed
// beside text an attacker chose could be guessed from the answer's length (BREACH).
import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";
import type { FastifyInstance } from "fastify";

const gzipAsync = promisify(gzip);

/** Smaller answers gain too little to be worth a compressor's work. */
export const COMPRESS_FROM_BYTES = 4096;

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding = "", ...parameters] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") return false;
    const quality = parameters.map((item) => item.trim()).find((item) => item.startsWith("q="));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

function holdsSessionSecrets(path: string): boolean {
  return path === "/api/me" || path.startsWith("/api/me/") || path.startsWith("/api/auth/");
}

export function registerCompression(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "GET") return payload;
    const path = request.url.split("?")[0] ?? "";
    if (!path.startsWith("/api/") || holdsSessionSecrets(path)) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader("content-encoding")) return payload;
    const type = String(reply.getHeader("content-type") ?? "");
    if (!/^application\/([a-z.+-]+\+)?json\b/.test(type)) return payload;
    // Caches keep the compressed and the plain answer apart, whichever this one is.
    const vary = String(reply.getHeader("vary") ?? "");
    if (!/\baccept-encoding\b/i.test(vary))
      reply.header("vary", vary ? `${vary}, accept-encoding` : "accept-encoding");
    const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
    if (bytes.length < COMPRESS_FROM_BYTES || !acceptsGzip(request.headers["accept-encoding"]))
      return payload;
    const compressed = await gzipAsync(bytes, { level: constants.Z_BEST_SPEED });
    reply.header("content-encoding", "gzip");
    reply.removeHeader("content-length");
    return compressed;
  });
}
