import { describe, expect, it } from "vitest";
import {
  type ExercisePackage,
  formatOffset,
  problemText,
  readExercisePackage,
  writeExercisePackage,
} from "./package.ts";

const pack: ExercisePackage = {
  title: "Drones over substations",
  type: "tabletop",
  summary: "Two drones are seen over a substation at night.\nThe grid operator calls the police.\n",
  objectives: [
    { title: "Share the first report within an hour", section: null, capability: "operational-coordination" },
    { title: "Warn the sector", section: "information-sharing", capability: null },
  ],
  threat: "uas-surveillance",
  attackedAssets: [{ operator: "Meridia Grid Company", ref: "SUB-7" }],
  participants: [
    { organisation: "Meridia Grid Company", role: "player" },
    { organisation: 'Meridia Police: "Ops"', role: "evaluator" },
  ],
  injects: [
    {
      offsetMs: 15 * 60_000,
      sender: "Night shift",
      to: ["Meridia Grid Company"],
      channel: "phone",
      content: "Two drones hover over SUB-7: 'yes', # not a comment",
      expectedAction: "",
      objective: 1,
    },
    {
      offsetMs: 3_600_000 + 250,
      sender: "Press",
      to: ["Meridia Grid Company"],
      channel: "media",
      content: "true",
      expectedAction: "Answer the press.\n",
      objective: null,
    },
  ],
};

const read = (text: string) => {
  const result = readExercisePackage(text);
  if ("problems" in result) throw new Error(result.problems.map(problemText).join("\n"));
  return result.package;
};

describe("exercise packages", () => {
  it("write then read back to the same package and the same text", () => {
    const text = writeExercisePackage(pack);
    expect(text).toContain("EXERCISE EXERCISE EXERCISE");
    expect(text).toContain("at: 1:00:00.250");
    expect(read(text)).toEqual(pack);
    expect(writeExercisePackage(read(text))).toBe(text);
  });

  it("writes exercise times as h:mm:ss", () => {
    expect(formatOffset(0)).toBe("0:00:00");
    expect(formatOffset(26 * 3_600_000 + 61_000)).toBe("26:01:01");
  });

  it("names every problem with its field and line, and nothing else", () => {
    const text = writeExercisePackage(pack)
      .replace("type: tabletop", "type: hackathon")
      .replace("role: player", "role: spectator")
      .replace("at: 0:15:00", "at: 15 minutes")
      .replace(
        "capability: operational-coordination",
        "capability: operational-coordination\n    colour: red",
      );
    const result = readExercisePackage(text);
    if (!("problems" in result)) throw new Error("accepted a bad package");
    const lineOf = (needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;
    expect(result.problems.map(problemText)).toEqual([
      `line ${lineOf("hackathon")}: type: must be one of seminar, workshop, tabletop, game, drill, functional, full-scale`,
      `line ${lineOf("colour")}: objectives.0.colour: unknown field (expected one of title, section, capability)`,
      `line ${lineOf("spectator")}: participants.0.role: must be one of player, controller, evaluator`,
      `line ${lineOf("15 minutes")}: injects.0.at: must be an exercise time h:mm:ss, e.g. "1:30:00" (quoted)`,
      // The grid company is no longer a player, so neither inject may go to it.
      expect.stringMatching(/^line \d+: injects\.0\.to\.0: must name a participant whose role is player$/),
      expect.stringMatching(/^line \d+: injects\.1\.to\.0: must name a participant whose role is player$/),
    ]);
  });

  it("refuses what is not a package, and broken YAML with its line", () => {
    const other = readExercisePackage("format: something-else\n");
    expect("problems" in other && other.problems.map(problemText)).toContain(
      "line 1: format: must be bulwark-exercise-package/1",
    );
    const broken = readExercisePackage("title: a\ntitle: b\n");
    expect("problems" in broken && broken.problems[0]?.line).toBe(2);
    const tied = readExercisePackage(
      writeExercisePackage(pack).replace(
        "section: information-sharing",
        "section: x\n    capability: planning",
      ),
    );
    expect("problems" in tied && tied.problems.map(problemText)).toEqual([
      expect.stringMatching(
        /objectives\.1: must be tied to one section of resolution 2341 or one capability$/,
      ),
    ]);
  });
});
