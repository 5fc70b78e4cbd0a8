import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authorityFor, type FiledReport, obligations, type Regime, readRegime } from "./regimes.ts";

const NIS2_LIKE = `
id: test-regime
title: A test regime
summary: Three staged reports, as NIS2 asks them.
source:
  citation: Test.
  url: https://example.org/act
timeZone: Europe/Brussels
sectors: [energy-electricity, banking]
authorities:
  - name: Financial supervisor
    kind: regulator
    sectors: [banking]
  - name: Energy CSIRT
    kind: national-authority
reports:
  - id: early-warning
    title: Early warning
    reference: Article 23(4)(a)
    due: { within: { hours: 24 }, after: awareness }
    warnBefore: { hours: 6 }
    fields:
      - { id: suspected-malicious, text: Whether an attack is suspected. }
  - id: notification
    title: Incident notification
    due: { within: { hours: 72 }, after: awareness }
    warnBefore: { hours: 12 }
    fields: []
  - id: final
    title: Final report
    condition: where relevant
    due: { within: { months: 1 }, after: notification }
    warnBefore: { days: 5 }
    fields: []
`;

function regimeOf(text: string): Regime {
  const read = readRegime("test.yaml", text);
  if (!("regime" in read)) throw new Error(JSON.stringify(read.problems));
  return read.regime;
}

function problemsOf(text: string) {
  const read = readRegime("bad.yaml", text);
  if ("regime" in read) throw new Error("the file was accepted");
  return read.problems;
}

const REGIME = regimeOf(NIS2_LIKE);
const d = (iso: string) => new Date(iso);
const AWARE = d("2026-03-28T22:30:00Z"); // 23:30 in Brussels, the evening before summer time

describe("readRegime", () => {
  it("reads a regime", () => {
    expect(REGIME.id).toBe("test-regime");
    expect(REGIME.ours).toBe(false);
    expect(REGIME.reports.map((report) => [report.id, report.due])).toEqual([
      ["early-warning", { within: { hours: 24 }, after: "awareness" }],
      ["notification", { within: { hours: 72 }, after: "awareness" }],
      ["final", { within: { months: 1 }, after: "notification" }],
    ]);
    expect(REGIME.reports[2]?.condition).toBe("where relevant");
    expect(REGIME.authorities[1]).toEqual({
      name: "Energy CSIRT",
      kind: "national-authority",
      sectors: null,
    });
  });

  it("names the file, the field and its line", () => {
    const problems = problemsOf(NIS2_LIKE.replace("warnBefore: { hours: 12 }", "warnbefore: { hours: 12 }"));
    expect(problems).toContainEqual({
      file: "bad.yaml",
      line: 27,
      message: expect.stringMatching(/^reports\.1\.warnbefore: unknown field/),
    });
    // The missing field is reported on the report that lacks it.
    expect(problems).toContainEqual({
      file: "bad.yaml",
      line: 24,
      message: "reports.1.warnBefore: is required",
    });
  });

  it("reports YAML syntax errors with their line", () => {
    const [problem] = problemsOf("id: x\ntitle: [unclosed\nsummary: y\n");
    expect(problem?.file).toBe("bad.yaml");
    expect(problem?.line).toBeGreaterThanOrEqual(2);
  });

  it("refuses a repeated key", () => {
    expect(problemsOf(`${NIS2_LIKE}\ntitle: again\n`)[0]?.message).toMatch(/unique/i);
  });

  it.each([
    [
      "a deadline after a later report",
      "due: { within: { hours: 24 }, after: awareness }",
      "due: { within: { hours: 24 }, after: notification }",
      /earlier report/,
    ],
    [
      "an unknown sector",
      "sectors: [energy-electricity, banking]",
      "sectors: [energy-electricity, banks]",
      /unknown sector/,
    ],
    ["an unknown time zone", "timeZone: Europe/Brussels", "timeZone: Europe/Atlantis", /IANA/],
    ["a period in two units", "within: { hours: 72 }", "within: { hours: 72, days: 1 }", /exactly one of/],
    ["a period of zero", "within: { hours: 24 }", "within: { hours: 0 }", /whole number/],
    ["an unknown organisation kind", "kind: regulator", "kind: ministry", /must be one of/],
    ["two default authorities", "    sectors: [banking]\n", "", /exactly one authority without sectors/],
    ["no source address for a law", "  url: https://example.org/act\n", "", /url: is required unless/],
    ["a plain http address", "https://example.org/act", "http://example.org/act", /https address/],
    ["a repeated report id", "id: notification", "id: early-warning", /used by an earlier report/],
    ["a report without reports", /reports:[\s\S]*$/, "reports: []\n", /must name a report/],
  ] as const)("refuses %s", (_, original, replacement, problem) => {
    const text = NIS2_LIKE.replace(original, replacement);
    expect(text).not.toBe(NIS2_LIKE);
    expect(
      problemsOf(text)
        .map((found) => found.message)
        .join("\n"),
    ).toMatch(problem);
  });

  it("takes a regime of our own without an address", () => {
    const ours = regimeOf(NIS2_LIKE.replace("  url: https://example.org/act\n", "").concat("ours: true\n"));
    expect(ours.ours).toBe(true);
    expect(ours.source.url).toBeNull();
  });
});

describe("obligations", () => {
  const at = (
    now: string,
    reports: FiledReport[] = [],
    sector: "energy-electricity" | "banking" | "health" = "energy-electricity",
  ) =>
    obligations(REGIME, { awareAt: AWARE, sector, reports }, d(now)).map((o) => ({
      report: o.report,
      dueAt: o.dueAt.toISOString(),
      submittedAt: o.submittedAt?.toISOString() ?? null,
      status: o.status,
    }));

  it("counts hours from awareness across midnight and the change to summer time", () => {
    expect(at("2026-03-29T10:00:00Z")).toEqual([
      { report: "early-warning", dueAt: "2026-03-29T22:30:00.000Z", submittedAt: null, status: "pending" },
      { report: "notification", dueAt: "2026-03-31T22:30:00.000Z", submittedAt: null, status: "pending" },
      // Not filed: one month after the notification's deadline (1 April 00:30 in Brussels).
      { report: "final", dueAt: "2026-04-30T22:30:00.000Z", submittedAt: null, status: "pending" },
    ]);
  });

  it("is due soon from warnBefore on, due at the deadline itself, overdue after it", () => {
    expect(at("2026-03-29T16:29:59.999Z")[0]?.status).toBe("pending");
    expect(at("2026-03-29T16:30:00Z")[0]?.status).toBe("due-soon");
    expect(at("2026-03-29T22:30:00Z")[0]?.status).toBe("due-soon");
    expect(at("2026-03-29T22:30:00.001Z")[0]?.status).toBe("overdue");
  });

  it("tells filed on time from filed late", () => {
    const filed = at("2026-04-02T00:00:00Z", [
      { report: "early-warning", submittedAt: d("2026-03-29T22:30:00Z") },
      { report: "notification", submittedAt: d("2026-04-01T08:00:00Z") },
    ]);
    expect(filed.map((o) => o.status)).toEqual(["submitted", "late", "pending"]);
    // The final report counts from the notification's filing: 1 April 10:00 in Brussels + 1 month.
    expect(filed[2]?.dueAt).toBe("2026-05-01T08:00:00.000Z");
  });

  it("counts the first of several filings and ignores reports the regime does not name", () => {
    const [early] = at("2026-04-02T00:00:00Z", [
      { report: "early-warning", submittedAt: d("2026-03-30T10:00:00Z") },
      { report: "early-warning", submittedAt: d("2026-03-29T09:00:00Z") },
      { report: "intermediate", submittedAt: d("2026-03-29T09:00:00Z") },
    ]);
    expect(early).toMatchObject({ submittedAt: "2026-03-29T09:00:00.000Z", status: "submitted" });
  });

  it("asks nothing of a sector the regime does not bind, and names each sector's authority", () => {
    expect(at("2026-03-29T10:00:00Z", [], "health")).toEqual([]);
    expect(authorityFor(REGIME, "banking")?.name).toBe("Financial supervisor");
    expect(authorityFor(REGIME, "energy-electricity")?.name).toBe("Energy CSIRT");
    expect(authorityFor(REGIME, null)?.name).toBe("Energy CSIRT");
    const [first] = obligations(REGIME, { awareAt: AWARE, sector: "banking", reports: [] }, AWARE);
    expect(first?.authority).toBe("Financial supervisor");
  });

  it("refuses an invalid date", () => {
    expect(() => obligations(REGIME, { awareAt: new Date(Number.NaN), reports: [] }, AWARE)).toThrow(
      RangeError,
    );
  });
});

describe("obligations, properties", () => {
  const instant = fc.integer({
    min: Date.parse("2024-01-01T00:00:00Z"),
    max: Date.parse("2030-01-01T00:00:00Z"),
  });
  const hours = fc.integer({ min: 0, max: 24 * 60 });
  const filings = fc.record({
    early: fc.option(hours, { nil: undefined }),
    notification: fc.option(hours, { nil: undefined }),
    final: fc.option(hours, { nil: undefined }),
  });
  const filed = (aware: number, after: { early?: number; notification?: number; final?: number }) =>
    (["early", "notification", "final"] as const).flatMap((key) => {
      const offset = after[key];
      const report = key === "early" ? "early-warning" : key;
      return offset === undefined ? [] : [{ report, submittedAt: new Date(aware + offset * 3_600_000) }];
    });

  it("never gives a later awareness an earlier deadline (filings fixed)", () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 72 * 3_600_000 }),
        filings,
        instant,
        (aware, delay, after, now) => {
          const reports = filed(aware + delay + 100 * 24 * 3_600_000, after);
          const early = obligations(REGIME, { awareAt: new Date(aware), reports }, new Date(now));
          const late = obligations(REGIME, { awareAt: new Date(aware + delay), reports }, new Date(now));
          early.forEach((obligation, index) => {
            expect(late[index]?.dueAt.getTime()).toBeGreaterThanOrEqual(obligation.dueAt.getTime());
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never gives a later filing of the earlier report an earlier deadline", () => {
    fc.assert(
      fc.property(instant, hours, fc.integer({ min: 0, max: 48 * 3_600_000 }), (aware, offset, delay) => {
        const filedAt = aware + offset * 3_600_000;
        const due = (at: number) =>
          obligations(
            REGIME,
            { awareAt: new Date(aware), reports: [{ report: "notification", submittedAt: new Date(at) }] },
            new Date(aware),
          )[2]?.dueAt.getTime() ?? 0;
        expect(due(filedAt + delay)).toBeGreaterThanOrEqual(due(filedAt));
      }),
      { numRuns: 300 },
    );
  });

  it("gives each report a state that fits its deadline, and never un-overdues with time", () => {
    fc.assert(
      fc.property(instant, filings, instant, hours, (aware, after, now, step) => {
        const reports = filed(aware, after);
        const today = obligations(REGIME, { awareAt: new Date(aware), reports }, new Date(now));
        const later = obligations(
          REGIME,
          { awareAt: new Date(aware), reports },
          new Date(now + step * 3_600_000),
        );
        const order = ["pending", "due-soon", "overdue"];
        today.forEach((obligation, index) => {
          const due = obligation.dueAt.getTime();
          const submitted = obligation.submittedAt?.getTime() ?? null;
          if (submitted !== null) expect(obligation.status).toBe(submitted <= due ? "submitted" : "late");
          else if (now > due) expect(obligation.status).toBe("overdue");
          else expect(["pending", "due-soon"]).toContain(obligation.status);
          expect(obligation.warnFrom.getTime()).toBeLessThan(due);
          const next = later[index]?.status ?? "";
          if (submitted === null)
            expect(order.indexOf(next)).toBeGreaterThanOrEqual(order.indexOf(obligation.status));
          else expect(next).toBe(obligation.status);
        });
      }),
      { numRuns: 300 },
    );
  });
});
