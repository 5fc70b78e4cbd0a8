import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DiffLine, diffLines } from "./diff.ts";

const side = (lines: readonly DiffLine[], keep: "remove" | "add") =>
  lines
    .filter((line) => line.op === "same" || line.op === keep)
    .map((line) => line.text)
    .join("\n");
const edits = (lines: readonly DiffLine[]) => lines.filter((line) => line.op !== "same").length;

describe("diffLines", () => {
  it.each([
    ["", "", []],
    ["a", "a", [{ op: "same", text: "a" }]],
    ["", "a", [{ op: "add", text: "a" }]],
    ["a", "", [{ op: "remove", text: "a" }]],
    [
      "a\nb\nc",
      "a\nx\nc",
      [
        { op: "same", text: "a" },
        { op: "remove", text: "b" },
        { op: "add", text: "x" },
        { op: "same", text: "c" },
      ],
    ],
    [
      "a\nb\nc\nd",
      "a\nc\nd\ne",
      [
        { op: "same", text: "a" },
        { op: "remove", text: "b" },
        { op: "same", text: "c" },
        { op: "same", text: "d" },
        { op: "add", text: "e" },
      ],
    ],
  ])("diffs %j against %j", (before, after, expected) => {
    expect(diffLines(before, after)).toEqual(expected);
  });

  it("rebuilds both texts and is never longer than the plain edit count", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 30 })
      .map((l) => l.join("\n"));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const lines = diffLines(before, after);
        expect(side(lines, "remove")).toBe(before);
        expect(side(lines, "add")).toBe(after);
        const a = before === "" ? 0 : before.split("\n").length;
        const b = after === "" ? 0 : after.split("\n").length;
        expect(edits(lines)).toBeLessThanOrEqual(a + b);
      }),
    );
  });

  it("finds a shortest edit script (checked against dynamic programming)", () => {
    const lcs = (a: string[], b: string[]) => {
      const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = a.length - 1; i >= 0; i -= 1)
        for (let j = b.length - 1; j >= 0; j -= 1)
          (table[i] as number[])[j] =
            a[i] === b[j]
              ? ((table[i + 1] as number[])[j + 1] as number) + 1
              : Math.max((table[i + 1] as number[])[j] as number, (table[i] as number[])[j + 1] as number);
      return (table[0] as number[])[0] as number;
    };
    const lines = fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        expect(edits(diffLines(a.join("\n"), b.join("\n")))).toBe(a.length + b.length - 2 * lcs(a, b));
      }),
    );
  });
});
