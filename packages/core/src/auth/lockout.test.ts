import { describe, expect, it } from "vitest";
import { FREE_ATTEMPTS, lockDuration, secondsLocked } from "./lockout.ts";

describe("lockout", () => {
  it("allows a few free attempts, then locks for longer each time, up to an hour", () => {
    expect(lockDuration(FREE_ATTEMPTS - 1)).toBe(0);
    expect(lockDuration(FREE_ATTEMPTS)).toBe(60_000);
    expect(lockDuration(FREE_ATTEMPTS + 1)).toBe(120_000);
    expect(lockDuration(FREE_ATTEMPTS + 30)).toBe(3_600_000);
  });
  it("counts the seconds left, rounding up", () => {
    const now = new Date("2026-01-01T00:00:00.000Z");
    expect(secondsLocked(null, now)).toBe(0);
    expect(secondsLocked(new Date("2026-01-01T00:00:01.500Z"), now)).toBe(2);
    expect(secondsLocked(new Date("2025-12-31T23:59:59.000Z"), now)).toBe(0);
  });
});
