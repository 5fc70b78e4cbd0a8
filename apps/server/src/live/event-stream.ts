// One server-sent events answer (text/event-stream, HTML's "server-sent events"): the reply taken
// over from Fastify and written by hand. Each event has an `id:` (a reconnecting EventSource sends
// the last one back as Last-Event-ID), comments keep proxies from closing an idle stream, and a
// client that does not read is dropped rather than buffered for: events are small (ids), so a
// backlog this large means the client has stopped reading.
import type { FastifyReply } from "fastify";
import { API_CSP, HSTS } from "../system/security-headers.ts";

/** Bytes written but not yet taken by the client past which it is dropped. */
export const MAX_BUFFERED_BYTES = 64 * 1024;

/** How long a browser waits before reconnecting after the stream ends (the `retry:` field), ms. */
export const RECONNECT_MS = 2_000;

export class EventStream {
  private ended = false;
  private readonly closers: (() => void)[] = [];

  /** Takes the reply over and sends the headers; `secure`: behind HTTPS (HSTS, as every answer). */
  constructor(
    private readonly reply: FastifyReply,
    options: { secure: boolean },
  ) {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      // nginx and others buffer answers unless told not to; an event must go out at once.
      "x-accel-buffering": "no",
      connection: "keep-alive",
      "content-security-policy": API_CSP,
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      ...(options.secure ? { "strict-transport-security": HSTS } : {}),
    });
    raw.socket?.setNoDelay(true);
    raw.on("close", () => this.finish());
    raw.on("error", () => this.finish());
    this.write(`retry: ${RECONNECT_MS}\n\n`);
  }

  get open(): boolean {
    return !this.ended;
  }

  /** Calls `closer` once when the stream ends, whoever ends it. */
  onClose(closer: () => void): void {
    if (this.ended) closer();
    else this.closers.push(closer);
  }

  /** One event; false when the stream is (or has just been) closed. */
  send(event: string, id: string, data: unknown): boolean {
    return this.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line: nothing for the client, but bytes on the wire. */
  comment(text: string): boolean {
    return this.write(`: ${text}\n\n`);
  }

  /** Ends the stream (the client may reconnect; it is then authenticated again). */
  close(): void {
    if (this.ended) return;
    this.reply.raw.end();
    this.finish();
  }

  private write(text: string): boolean {
    if (this.ended) return false;
    const raw = this.reply.raw;
    raw.write(text);
    if (raw.writableLength > MAX_BUFFERED_BYTES) {
      // A slow or stalled reader: let go of it and what it holds (it reconnects and refetches).
      raw.destroy();
      this.finish();
      return false;
    }
    return true;
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    for (const closer of this.closers.splice(0)) {
      try {
        closer();
      } catch {
        // One closer's failure does not keep the others from running.
      }
    }
  }
}
