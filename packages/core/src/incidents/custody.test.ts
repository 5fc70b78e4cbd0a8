import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CustodyLink, sealCustody, verifyCustody } from "./custody.ts";

const sha256 = (input: string) => createHash("sha256").update(input).digest("hex");
const ITEM = { description: "CCTV footage", sha256: "a".repeat(64) };

function chainOf(count: number, id = "e-1"): CustodyLink[] {
  const chain: CustodyLink[] = [];
  for (let i = 0; i < count; i++)
    chain.push(
      sealCustody(
        id,
        chain.at(-1) ?? null,
        {
          kind: i === 0 ? "collected" : "transfer",
          at: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
          fromHolder: i === 0 ? "Scene" : `Holder ${i - 1}`,
          toHolder: `Holder ${i}`,
          reason: `Reason ${i}`,
          recordedBy: "user-1",
          item: i === 0 ? ITEM : null,
        },
        sha256,
      ),
    );
  return chain;
}
const headOf = (chain: CustodyLink[]) => {
  const last = chain.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
};

describe("the chain of custody", () => {
  it("verifies a chain as sealed, against the head the audit trail holds", () => {
    const chain = chainOf(4);
    expect(chain.map((link) => link.seq)).toEqual([1, 2, 3, 4]);
    expect(verifyCustody("e-1", ITEM, chain, headOf(chain), sha256)).toEqual({
      ok: true,
      checked: 4,
      firstBroken: null,
    });
  });

  it("is bound to its item: the same records under another id do not verify", () => {
    const chain = chainOf(2);
    expect(verifyCustody("e-2", ITEM, chain, headOf(chain), sha256).ok).toBe(false);
  });

  it("finds any field of any record altered", () => {
    const fields = ["at", "fromHolder", "toHolder", "reason", "recordedBy"] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.constantFrom(...fields), (size, field) => {
        const chain = chainOf(size);
        const index = size - 1;
        const record = chain[index] as CustodyLink;
        const altered = [...chain];
        altered[index] = {
          ...record,
          [field]: field === "at" ? "2020-01-01T00:00:00.000Z" : `${record[field]}!`,
        };
        const report = verifyCustody("e-1", ITEM, altered, headOf(chain), sha256);
        expect(report.ok).toBe(false);
        expect(report.firstBroken?.seq).toBe(index + 1);
      }),
    );
  });

  it("finds a record deleted anywhere, the newest included, and records reordered", () => {
    const chain = chainOf(4);
    const head = headOf(chain);
    for (let i = 0; i < 4; i++) {
      const rest = chain.filter((_, j) => j !== i);
      expect(verifyCustody("e-1", ITEM, rest, head, sha256).ok, `record ${i + 1}`).toBe(false);
    }
    expect(verifyCustody("e-1", ITEM, [], head, sha256).ok).toBe(false);
    const [a, b, c, d] = chain as [CustodyLink, CustodyLink, CustodyLink, CustodyLink];
    expect(verifyCustody("e-1", ITEM, [a, c, b, d], head, sha256).ok).toBe(false);
  });

  it("finds the item's description or file hash changed after collection", () => {
    const chain = chainOf(2);
    const report = verifyCustody("e-1", { ...ITEM, sha256: "b".repeat(64) }, chain, headOf(chain), sha256);
    expect(report).toMatchObject({ ok: false, firstBroken: { seq: null } });
    expect(verifyCustody("e-1", { ...ITEM, description: "Other" }, chain, headOf(chain), sha256).ok).toBe(
      false,
    );
  });

  it("fails without the audit trail's head", () => {
    const chain = chainOf(2);
    expect(verifyCustody("e-1", ITEM, chain, null, sha256).firstBroken?.reason).toEqual({
      key: "custody.unaudited",
    });
  });
});
