import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AuditLink,
  brokenLink,
  canonicalJson,
  contentAroundSeq,
  entryHash,
  GENESIS_HASH,
  type Json,
  seal,
  verifyChain,
} from "./chain.ts";

const sha256 = (input: string) => createHash("sha256").update(input).digest("hex");

function chainOf(count: number): AuditLink[] {
  const chain: AuditLink[] = [];
  for (let i = 0; i < count; i++) {
    const content = {
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorId: i % 2 ? "user-1" : null,
      action: i % 3 ? "user.update" : "auth.sign-in",
      targetType: "user",
      targetId: `user-${i}`,
      details: { n: i, fields: ["name"] },
    };
    chain.push(seal(chain.at(-1) ?? null, content, sha256));
  }
  return chain;
}

describe("canonical JSON", () => {
  it("orders keys at every level so equal values hash equally", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
  it("is a faithful encoding: parsing it gives back the value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = value as Json;
        expect(JSON.parse(canonicalJson(json))).toEqual(JSON.parse(JSON.stringify(json)));
      }),
    );
  });
});

describe("audit hash chain", () => {
  it("links the first entry to the genesis hash and numbers from 1", () => {
    const [first] = chainOf(1);
    expect(first?.seq).toBe(1);
    expect(first?.prevHash).toBe(GENESIS_HASH);
  });

  it("verifies an intact chain", () => {
    expect(verifyChain(chainOf(50), sha256)).toEqual({ ok: true, checked: 50, firstBroken: null });
  });

  it("names the first altered entry", () => {
    const chain = chainOf(10);
    const victim = chain[4];
    if (!victim) throw new Error("fixture");
    chain[4] = { ...victim, details: { n: 999 } };
    const report = verifyChain(chain, sha256);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ seq: 5, reason: expect.stringMatching(/altered/) });
  });

  it("names a deleted entry as a gap", () => {
    const chain = chainOf(10);
    chain.splice(6, 1);
    expect(verifyChain(chain, sha256).firstBroken).toEqual({ seq: 8, reason: "entries 7..7 are missing" });
  });

  it("catches a rehashed entry whose successor still links to the original", () => {
    const chain = chainOf(5);
    const victim = chain[1];
    if (!victim) throw new Error("fixture");
    const forged = seal(chain[0] ?? null, { ...victim, action: "nothing.happened" }, sha256);
    chain[1] = forged;
    expect(verifyChain(chain, sha256).firstBroken?.seq).toBe(3);
  });

  it("detects any single-field change anywhere in the chain", () => {
    const chain = chainOf(12);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.string({ minLength: 1 }), (index, text) => {
        const copy = [...chain];
        const original = copy[index];
        if (!original || original.action === text) return;
        copy[index] = { ...original, action: text };
        const report = verifyChain(copy, sha256);
        expect(report.firstBroken?.seq).toBe(index + 1);
      }),
    );
  });

  it("accepts a correct successor and rejects one out of order", () => {
    const [a, b] = chainOf(2);
    if (!a || !b) throw new Error("fixture");
    expect(brokenLink(a, b, sha256)).toBeNull();
    expect(brokenLink(b, a, sha256)).toMatch(/out of order/);
  });
});

describe("an entry's text around its sequence number", () => {
  it("is the text entryHash hashes, for any content, sequence number and link", () => {
    fc.assert(
      fc.property(
        fc.record({
          at: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          actorId: fc.option(fc.uuid()),
          action: fc.string(),
          targetType: fc.option(fc.string()),
          targetId: fc.option(fc.string()),
          // Details may hold a "seq" of their own (and the marker's text in strings).
          details: fc.oneof(
            fc.jsonValue() as fc.Arbitrary<Json>,
            fc.constant({ seq: 0, a: { seq: 0 } } as Json),
            fc.constant(',"seq":0,' as Json),
          ),
        }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.oneof(fc.constant(GENESIS_HASH), fc.stringMatching(/^[0-9a-f]{64}$/)),
        (content, seq, prevHash) => {
          const { before, after } = contentAroundSeq(content);
          expect(sha256(`${prevHash}\n${before}${seq}${after}`)).toBe(
            entryHash(prevHash, { ...content, seq }, sha256),
          );
        },
      ),
    );
  });
});
