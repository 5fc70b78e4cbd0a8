// The event stream's framing and its backpressure, on a reply whose client reads nothing: events
// carry an id, comments are comments, and a client that stops reading is dropped once its backlog
// passes MAX_BUFFERED_BYTES rather than held in memory.
import { EventEmitter } from "node:events";
import type { FastifyReply } from "fastify";
import { describe, expect, it } from "vitest";
import { EventStream, MAX_BUFFERED_BYTES, RECONNECT_MS } from "./event-stream.ts";

/** A reply whose socket takes nothing: everything written stays buffered. */
function stalledReply() {
  const raw = Object.assign(new EventEmitter(), {
    written: [] as string[],
    writableLength: 0,
    destroyed: false,
    ended: false,
    head: null as { status: number; headers: Record<string, string> } | null,
    writeHead(status: number, headers: Record<string, string>) {
      raw.head = { status, headers };
    },
    write(text: string) {
      raw.written.push(text);
      raw.writableLength += Buffer.byteLength(text);
      return raw.writableLength < 16_384;
    },
    end() {
      raw.ended = true;
    },
    destroy() {
      raw.destroyed = true;
    },
    socket: { setNoDelay: () => undefined },
  });
  let hijacked = false;
  const reply = { raw, hijack: () => (hijacked = true) } as unknown as FastifyReply;
  return { reply, raw, hijacked: () => hijacked };
}

describe("EventStream", () => {
  it("takes the reply over and frames events with an id, comments as comments", () => {
    const { reply, raw, hijacked } = stalledReply();
    const stream = new EventStream(reply, { secure: true });
    expect(hijacked()).toBe(true);
    expect(raw.head?.status).toBe(200);
    expect(raw.head?.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(raw.head?.headers["cache-control"]).toBe("no-store");
    expect(raw.head?.headers["strict-transport-security"]).toMatch(/max-age=/);
    expect(stream.send("item", "a-1", { id: "x" })).toBe(true);
    expect(stream.comment("heartbeat")).toBe(true);
    expect(raw.written).toEqual([
      `retry: ${RECONNECT_MS}\n\n`,
      'id: a-1\nevent: item\ndata: {"id":"x"}\n\n',
      ": heartbeat\n\n",
    ]);
  });

  it("drops a client that stops reading once its backlog passes the limit, and says so once", () => {
    const { reply, raw } = stalledReply();
    const stream = new EventStream(reply, { secure: false });
    let closed = 0;
    stream.onClose(() => closed++);
    let sent = 0;
    while (stream.send("item", `a-${sent}`, { id: "00000000-0000-4000-8000-000000000000" })) sent++;
    expect(raw.destroyed).toBe(true);
    expect(stream.open).toBe(false);
    expect(closed).toBe(1);
    // Dropped as soon as the backlog passed the limit: the client held no more than that and one event.
    expect(raw.writableLength).toBeGreaterThan(MAX_BUFFERED_BYTES);
    expect(raw.writableLength).toBeLessThan(MAX_BUFFERED_BYTES + 200);
    expect(sent).toBeGreaterThan(100);
    // Nothing more is written, and closing again changes nothing.
    const length = raw.written.length;
    expect(stream.comment("heartbeat")).toBe(false);
    stream.close();
    expect(raw.written.length).toBe(length);
    expect(closed).toBe(1);
  });

  it("ends when the client leaves", () => {
    const { reply, raw } = stalledReply();
    const stream = new EventStream(reply, { secure: false });
    let closed = 0;
    stream.onClose(() => closed++);
    raw.emit("close");
    expect(stream.open).toBe(false);
    expect(closed).toBe(1);
    expect(stream.send("item", "a-1", {})).toBe(false);
  });
});
