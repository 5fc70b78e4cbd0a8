// Every file of content/notification-regimes reads and passes readRegime (a broken file fails
// here), the facts the files paraphrase are the ones checked against the directives, and a broken
// folder is reported by file, field and line.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRegime } from "@bulwark/core";
import { afterAll, describe, expect, it } from "vitest";
import { REGIMES_FOLDER, RegimeFileError, readRegimes } from "./regimes.service.ts";

const scratch = mkdtempSync(join(tmpdir(), "bulwark-regimes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const files = readdirSync(REGIMES_FOLDER).filter((name) => name.endsWith(".yaml"));

describe("shipped notification regimes", () => {
  it.each(files)("%s is valid", (name) => {
    const read = readRegime(name, readFileSync(join(REGIMES_FOLDER, name), "utf8"));
    expect("problems" in read ? read.problems : []).toEqual([]);
  });

  const regimes = readRegimes();
  const deadlines = (id: string) =>
    regimes.get(id)?.reports.map((report) => [report.id, report.due.within, report.due.after]);

  it("holds the CER and NIS2 articles and our national default, and nothing else unread", () => {
    expect([...regimes.keys()]).toEqual(["eu-cer-article-15", "eu-nis2-article-23", "national-default"]);
    expect(files).toHaveLength(regimes.size);
  });

  it("asks what CER Article 15 asks: 24 hours after awareness, then one month after that", () => {
    expect(deadlines("eu-cer-article-15")).toEqual([
      ["initial-notification", { hours: 24 }, "awareness"],
      ["detailed-report", { months: 1 }, "initial-notification"],
    ]);
    const cer = regimes.get("eu-cer-article-15");
    // Article 6(3) and Article 8: no Chapter III duties for banking, market infrastructure, digital.
    for (const sector of ["banking", "financial-market-infrastructure", "digital-infrastructure"] as const)
      expect(cer?.sectors).not.toContain(sector);
    expect(cer?.source.url).toBe("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022L2557");
  });

  it("asks what NIS2 Article 23 asks: 24 and 72 hours after awareness, one month after the notification", () => {
    expect(deadlines("eu-nis2-article-23")).toEqual([
      ["early-warning", { hours: 24 }, "awareness"],
      ["incident-notification", { hours: 72 }, "awareness"],
      ["final-report", { months: 1 }, "incident-notification"],
    ]);
    expect(regimes.get("eu-nis2-article-23")?.source.url).toBe(
      "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022L2555",
    );
  });

  it("says that the national default is ours", () => {
    const national = regimes.get("national-default");
    expect(national?.ours).toBe(true);
    expect(national?.source.citation).toMatch(/Bulwark's own/);
    expect(regimes.get("eu-cer-article-15")?.ours).toBe(false);
  });
});

describe("readRegimes", () => {
  it("names the file, the field and the line of every problem, and refuses an id that is not the name", () => {
    const good = readFileSync(join(REGIMES_FOLDER, "national-default.yaml"), "utf8");
    writeFileSync(join(scratch, "renamed.yaml"), good);
    writeFileSync(
      join(scratch, "broken.yaml"),
      good.replace("within: { hours: 72 }", "within: { weeks: 1 }"),
    );
    let error: unknown;
    try {
      readRegimes(scratch);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(RegimeFileError);
    const problems = error instanceof RegimeFileError ? error.problems : [];
    const broken = problems.filter((problem) => problem.file.endsWith("broken.yaml"));
    expect(broken.map((problem) => problem.message)).toContainEqual(
      expect.stringMatching(/^reports\.1\.due\.within\.weeks: unknown field/),
    );
    expect(broken.every((problem) => typeof problem.line === "number" && problem.line > 1)).toBe(true);
    expect(problems).toContainEqual({
      file: join(scratch, "renamed.yaml"),
      line: null,
      message: 'id: "national-default" must be the file\'s name, "renamed"',
    });
  });
});
