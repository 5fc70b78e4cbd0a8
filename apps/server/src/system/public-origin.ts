// The origin of links that leave the server (CAP messages, the Atom feed, TAXII discovery): the
// configured public address, else this server's own listening address. Never a request's Host or
// X-Forwarded-Host: anyone can write those, and a poisoned link in a public feed sends every
// reader to the attacker.
import type { FastifyRequest } from "fastify";
import { linkOrigin } from "../config.ts";
import type { ServerContext } from "../context.ts";

export function publicOrigin(context: ServerContext, request: FastifyRequest): string {
  // The port the connection actually reached (PORT=0 picks one at start); not a header.
  return linkOrigin(context.config, request.socket.localPort ?? context.config.port);
}
