// The time left before a deadline, as the obligations table says it: its two largest units.
import { describe, expect, it } from "vitest";
import { spanParts } from "./incident-parts.tsx";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("spanParts", () => {
  it.each([
    [0, [["minutes", 0]]],
    [29_999, [["minutes", 0]]],
    [30_000, [["minutes", 1]]],
    [35 * MINUTE, [["minutes", 35]]],
    [HOUR, [["hours", 1]]],
    [HOUR + 59 * MINUTE + 40_000, [["hours", 2]]],
    [
      3 * HOUR + 5 * MINUTE,
      [
        ["hours", 3],
        ["minutes", 5],
      ],
    ],
    [DAY, [["days", 1]]],
    [
      DAY + 4 * HOUR + 59 * MINUTE,
      [
        ["days", 1],
        ["hours", 4],
      ],
    ],
    [
      30 * DAY + 19 * HOUR,
      [
        ["days", 30],
        ["hours", 19],
      ],
    ],
    [
      -(2 * HOUR + 10 * MINUTE),
      [
        ["hours", 2],
        ["minutes", 10],
      ],
    ],
  ])("%i ms reads as %j", (ms, expected) => {
    expect(spanParts(ms).map((part) => [part.unit, part.count])).toEqual(expected);
  });
});
