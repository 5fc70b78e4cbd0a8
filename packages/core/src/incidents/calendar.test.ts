import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addPeriod, isTimeZone, type Period } from "./calendar.ts";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const due = (from: string, period: Period, zone: string) => iso(addPeriod(at(from), period, zone));

describe("addPeriod", () => {
  it.each([
    // Hours are elapsed time, also across the spring change in Brussels (29 March 2026).
    ["2026-03-28T13:37:00.000Z", { hours: 24 }, "Europe/Brussels", "2026-03-29T13:37:00.000Z"],
    ["2026-10-24T13:37:00.000Z", { hours: 72 }, "Europe/Brussels", "2026-10-27T13:37:00.000Z"],
    // Days keep the wall clock: 14:37 stays 14:37, 23 hours later in spring, 25 in autumn.
    ["2026-03-28T13:37:00.000Z", { days: 1 }, "Europe/Brussels", "2026-03-29T12:37:00.000Z"],
    ["2026-10-24T12:37:00.000Z", { days: 1 }, "Europe/Brussels", "2026-10-25T13:37:00.000Z"],
    // Months keep the day and the wall clock, across the spring change.
    ["2026-03-15T13:37:00.000Z", { months: 1 }, "Europe/Brussels", "2026-04-15T12:37:00.000Z"],
    ["2026-12-15T09:00:00.000Z", { months: 1 }, "UTC", "2027-01-15T09:00:00.000Z"],
    ["2026-11-30T09:00:00.000Z", { months: 3 }, "UTC", "2027-03-01T00:00:00.000Z"],
    // A month with no such day ends with its last day (midnight starting the next month).
    ["2026-01-31T13:00:00.000Z", { months: 1 }, "Europe/Brussels", "2026-02-28T23:00:00.000Z"],
    ["2028-01-31T13:00:00.000Z", { months: 1 }, "Europe/Brussels", "2028-02-29T23:00:00.000Z"],
    ["2026-03-31T08:00:00.000Z", { months: 1 }, "UTC", "2026-05-01T00:00:00.000Z"],
    ["2026-01-28T08:00:00.000Z", { months: 1 }, "UTC", "2026-02-28T08:00:00.000Z"],
    // Crossing midnight: the local date, not the UTC one, is what counts.
    ["2026-02-28T23:30:00.000Z", { months: 1 }, "Europe/Brussels", "2026-03-31T22:30:00.000Z"],
    ["2026-02-28T23:30:00.000Z", { months: 1 }, "UTC", "2026-03-28T23:30:00.000Z"],
    ["2026-12-31T14:30:00.000Z", { months: 1 }, "Asia/Tokyo", "2027-01-31T14:30:00.000Z"],
    // 31 January 20:00 in Los Angeles (1 February in UTC): February has no 31st, so midnight 1 March.
    ["2026-02-01T04:00:00.000Z", { months: 1 }, "America/Los_Angeles", "2026-03-01T08:00:00.000Z"],
    ["2026-01-31T18:45:00.000Z", { days: 1 }, "Asia/Kolkata", "2026-02-01T18:45:00.000Z"],
    ["2026-06-30T23:30:00.000Z", { days: 1 }, "America/New_York", "2026-07-01T23:30:00.000Z"],
    // A deadline at a local time the clocks skip is the moment they jump (02:30 → 03:00 CEST).
    ["2026-03-28T01:30:00.000Z", { days: 1 }, "Europe/Brussels", "2026-03-29T01:00:00.000Z"],
    ["2026-02-08T07:30:00.000Z", { months: 1 }, "America/New_York", "2026-03-08T07:00:00.000Z"],
    // A deadline at a local time that happens twice is its first pass (02:30 CEST, not CET).
    ["2026-10-24T00:30:00.000Z", { days: 1 }, "Europe/Brussels", "2026-10-25T00:30:00.000Z"],
    // A start inside the repeated hour counts from the reading the clocks go back to (02:00).
    ["2026-10-25T00:30:00.000Z", { days: 1 }, "Europe/Brussels", "2026-10-26T01:00:00.000Z"],
    ["2026-10-25T01:10:00.000Z", { days: 1 }, "Europe/Brussels", "2026-10-26T01:10:00.000Z"],
    // Clocks that go back by half an hour: 01:45 in the repeated half hour counts from 01:30.
    ["2026-04-04T14:45:00.000Z", { days: 1 }, "Australia/Lord_Howe", "2026-04-05T15:00:00.000Z"],
    // Subtracting (the warning before a deadline).
    ["2026-04-15T12:37:00.000Z", { days: -5 }, "Europe/Brussels", "2026-04-10T12:37:00.000Z"],
    ["2026-03-01T00:00:00.000Z", { months: -1 }, "UTC", "2026-02-01T00:00:00.000Z"],
  ] as const)("%s + %j in %s is %s", (from, period, zone, expected) => {
    expect(due(from, period, zone)).toBe(expected);
  });

  it("keeps milliseconds", () => {
    expect(due("2026-05-05T10:00:00.123Z", { months: 2 }, "Europe/Brussels")).toBe(
      "2026-07-05T10:00:00.123Z",
    );
  });

  it("counts a day the zone skipped as no time at all (Samoa, 30 December 2011)", () => {
    // 29 December 12:00 in Apia (UTC-10) plus two days is 31 December 12:00 (UTC+14): 24 hours.
    expect(due("2011-12-29T22:00:00.000Z", { days: 2 }, "Pacific/Apia")).toBe("2011-12-30T22:00:00.000Z");
  });

  it("knows time zones", () => {
    expect(isTimeZone("Europe/Brussels")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("addPeriod, properties", () => {
  const zones = fc.constantFrom(
    "UTC",
    "Europe/Brussels",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Apia",
  );
  // 2000-2040, with a bias towards the days before daylight-saving changes and the ends of months.
  const instants = fc.oneof(
    fc.integer({ min: at("2000-01-01T00:00:00Z"), max: at("2040-01-01T00:00:00Z") }),
    fc.integer({ min: at("2026-03-27T22:00:00Z"), max: at("2026-03-29T04:00:00Z") }),
    fc.integer({ min: at("2026-10-23T22:00:00Z"), max: at("2026-10-25T04:00:00Z") }),
    fc.integer({ min: at("2026-10-31T04:00:00Z"), max: at("2026-11-01T08:00:00Z") }),
    fc
      .record({
        year: fc.integer({ min: 2000, max: 2039 }),
        month: fc.integer({ min: 0, max: 11 }),
        day: fc.integer({ min: 27, max: 31 }),
        minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      })
      .map(({ year, month, day, minute }) => Date.UTC(year, month, day, 0, minute)),
  );
  const periods = fc.oneof(
    fc.integer({ min: 1, max: 200 }).map((hours): Period => ({ hours })),
    fc.integer({ min: 1, max: 60 }).map((days): Period => ({ days })),
    fc.integer({ min: 1, max: 2 }).map((days): Period => ({ days })),
    fc.integer({ min: 1, max: 24 }).map((months): Period => ({ months })),
    fc.integer({ min: 1, max: 2 }).map((months): Period => ({ months })),
  );

  it("never gives a later start an earlier deadline", () => {
    fc.assert(
      fc.property(
        zones,
        periods,
        instants,
        fc.integer({ min: 0, max: 3 * 3_600_000 }),
        (zone, period, a, d) => {
          expect(addPeriod(a + d, period, zone)).toBeGreaterThanOrEqual(addPeriod(a, period, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never gives a later start an earlier deadline around the changes of the clocks", () => {
    // Brussels 2026: clocks forward at 01:00 UTC on 29 March, back at 01:00 UTC on 25 October.
    const changes = [at("2026-03-29T01:00:00Z"), at("2026-10-25T01:00:00Z")];
    const near = fc
      .record({
        change: fc.constantFrom(...changes),
        daysBefore: fc.constantFrom(0, 1, 31),
        minute: fc.integer({ min: -150, max: 150 }),
      })
      .map(({ change, daysBefore, minute }) => change - daysBefore * 86_400_000 + minute * 60_000);
    const calendar = fc.constantFrom<Period>({ days: 1 }, { days: 2 }, { months: 1 });
    fc.assert(
      fc.property(calendar, near, fc.integer({ min: 0, max: 90 * 60_000 }), (period, a, d) => {
        const zone = "Europe/Brussels";
        expect(addPeriod(a + d, period, zone)).toBeGreaterThanOrEqual(addPeriod(a, period, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it("never gives a longer period an earlier deadline, and always a deadline after the start", () => {
    fc.assert(
      fc.property(zones, instants, fc.integer({ min: 1, max: 40 }), (zone, from, n) => {
        for (const unit of ["hours", "days", "months"] as const) {
          const shorter = addPeriod(from, { [unit]: n } as Period, zone);
          const longer = addPeriod(from, { [unit]: n + 1 } as Period, zone);
          expect(shorter).toBeGreaterThan(from);
          expect(longer).toBeGreaterThan(shorter);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("counts days and months in whole local days, within the zone's offset changes", () => {
    fc.assert(
      // Not Pacific/Apia: it skipped 30 December 2011 altogether, a day of 0 hours.
      fc.property(
        zones.filter((zone) => zone !== "Pacific/Apia"),
        instants,
        fc.integer({ min: 1, max: 30 }),
        (zone, from, days) => {
          const elapsed = addPeriod(from, { days }, zone) - from;
          // A day is 24 hours, give or take the offset changes in between (at most a few hours).
          expect(Math.abs(elapsed - days * 86_400_000)).toBeLessThanOrEqual(3 * 3_600_000);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agrees with plain UTC arithmetic in UTC", () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 60 }), (from, days) => {
        expect(addPeriod(from, { days }, "UTC")).toBe(from + days * 86_400_000);
      }),
    );
  });
});
