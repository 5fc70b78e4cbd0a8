// Demo self-assessment for Meridia (fictional): the shipped frameworks, then, once, a submitted
// run from last year and a draft run in progress for the National Critical Infrastructure
// Protection Authority on the resolution 2341 framework. The answers describe a fictional
// authority and say nothing about any real state.
import type { AnswerValue } from "@bulwark/core";
import {
  appendAudit,
  insertComment,
  insertRun,
  readSetting,
  saveAnswer,
  submitRun,
  writeSetting,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { stableId } from "../demo/seed-demo.ts";
import { loadFrameworks, readFrameworks } from "./frameworks.service.ts";

const SEEDED = "demo.self-assessment";
const DAY = 24 * 60 * 60 * 1000;

type Answers = [questionId: string, value: AnswerValue, note?: string][];

const LAST_YEAR: Answers = [
  ["strategy-document", { type: "maturity", level: 2 }, "Draft strategy circulated to ministries."],
  ["strategy-lead", { type: "choice", choice: "partial" }],
  ["identification-criteria", { type: "maturity", level: 1 }],
  ["identification-register", { type: "choice", choice: "no" }],
  ["risk-national", { type: "maturity", level: 1 }],
  ["risk-operators", { type: "number", value: 20 }],
  ["legal-offences", { type: "choice", choice: "yes" }],
  ["legal-obligations", { type: "maturity", level: 1 }],
  ["coordination-mechanism", { type: "maturity", level: 2 }],
  ["ppp-partnership", { type: "maturity", level: 1 }],
  ["sharing-channel", { type: "choice", choice: "no" }],
  ["crisis-plans", { type: "maturity", level: 2 }],
  ["crisis-exercises", { type: "number", value: 1 }],
  ["international-cooperation", { type: "maturity", level: 2 }],
  ["awareness-public", { type: "choice", choice: "partial" }],
];

const THIS_YEAR: Answers = [
  [
    "strategy-document",
    { type: "maturity", level: 3 },
    "Strategy adopted by the Council of Ministers; energy and water first.",
  ],
  ["strategy-lead", { type: "choice", choice: "yes" }],
  ["strategy-review", { type: "text", text: "First review due next year, after the national exercise." }],
  ["identification-criteria", { type: "maturity", level: 3 }],
  [
    "identification-register",
    { type: "choice", choice: "partial" },
    "The register covers energy, water and transport.",
  ],
  ["risk-national", { type: "maturity", level: 2 }],
  ["risk-operators", { type: "number", value: 45 }],
  ["legal-offences", { type: "choice", choice: "yes" }],
  ["coordination-mechanism", { type: "maturity", level: 3 }],
  ["ppp-partnership", { type: "maturity", level: 2 }],
  ["sharing-channel", { type: "choice", choice: "partial" }],
  ["crisis-exercises", { type: "number", value: 2 }],
];

/** Frameworks on every seed (new versions only); the demo runs once. */
export async function seedSelfAssessmentDemo(context: ServerContext): Promise<void> {
  await loadFrameworks(context, readFrameworks());
  if (await readSetting(context.db, SEEDED)) return;
  const organisationId = stableId("organisation:ncipa");
  const coordinator = stableId("user:tomas.varga@ncipa.meridia.example");
  const analyst = stableId("user:priya.raman@ncipa.meridia.example");
  const today = context.clock();
  const lastYear = new Date(today.getTime() - 330 * DAY);
  await context.db.transaction(async (tx) => {
    if (await readSetting(tx, SEEDED)) return;
    const run = async (title: string, at: Date, answers: Answers) => {
      const id = await insertRun(tx, {
        organisationId,
        frameworkId: "unsc-2341",
        frameworkVersion: 1,
        title,
        createdBy: coordinator,
        now: at,
      });
      for (const [questionId, value, note] of answers)
        await saveAnswer(tx, { runId: id, questionId }, 0, { value, note: note ?? null }, coordinator, at);
      await appendAudit(
        tx,
        {
          actorId: null,
          action: "self-assessment.start",
          targetType: "self-assessment-run",
          targetId: id,
          details: { framework: "unsc-2341", version: 1, source: "demo-country" },
        },
        at,
      );
      return id;
    };
    const previous = await run("Resolution 2341 baseline", lastYear, LAST_YEAR);
    await submitRun(tx, previous, true, new Date(lastYear.getTime() + 14 * DAY));
    const current = await run("Resolution 2341 annual review", today, THIS_YEAR);
    await saveAnswer(
      tx,
      { runId: current, questionId: "risk-national" },
      1,
      {
        assigneeId: analyst,
        evidence: [
          { title: "Risk method (internal wiki)", url: "https://ncipa.meridia.example/risk-method" },
        ],
      },
      coordinator,
      today,
    );
    await insertComment(tx, {
      runId: current,
      questionId: "risk-national",
      authorId: coordinator,
      body: "Can we count the water sector assessment finished in spring?",
      now: today,
    });
    await writeSetting(tx, SEEDED, { at: today.toISOString(), runs: [previous, current] }, today);
  });
}
