// The signed-in caller of a request, once the route's onRequest hook has authenticated it: kept
// beside the request (not on it) so that only code that imports this module can read it, and so
// the one error handler can say who was refused.
import type { FastifyRequest } from "fastify";
import type { Caller } from "./principal.ts";

const callers = new WeakMap<FastifyRequest, Caller>();

export const setRequestCaller = (request: FastifyRequest, caller: Caller): void => {
  callers.set(request, caller);
};

export const requestCaller = (request: FastifyRequest): Caller | null => callers.get(request) ?? null;
