// Demo technical assistance for Meridia (fictional), once: the protection authority's largest gaps
// in its submitted resolution 2341 baseline become needs (addressed to the regional
// counter-terrorism office and the university's institute), both providers publish offers, and the
// regional office's engagement on the first need is under way with its milestones. Fictional
// organisations and plans: nothing here describes a real state or programme.

import type { AuditAction } from "@bulwark/core";
import { type AssistanceModality, rankGaps, THEMES, type Theme } from "@bulwark/core";
import {
  appendAudit,
  insertEngagement,
  insertNeed,
  insertOffer,
  listAnswers,
  readSetting,
  type Transaction,
  updateEngagement,
  updateNeed,
  writeSetting,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { stableId } from "../demo/seed-demo.ts";
import { frameworkVersion } from "../self-assessment/frameworks.service.ts";
import { answerMap } from "../self-assessment/runs.service.ts";

const SEEDED = "demo.assistance";
const DAY = 24 * 60 * 60 * 1000;

/** The help a gap of each section asks for, in the demo's story. */
const MODALITY: Partial<Record<string, AssistanceModality>> = {
  legal: "legislative-drafting",
  crisis: "exercise-support",
  risk: "expert-mission",
  identification: "expert-mission",
};

const isTheme = (value: string): value is Theme => (THEMES as readonly string[]).includes(value);
const day = (at: Date) => at.toISOString().slice(0, 10);

export async function seedAssistanceDemo(context: ServerContext): Promise<void> {
  if (await readSetting(context.db, SEEDED)) return;
  const runs = await readSetting(context.db, "demo.self-assessment");
  const baseline =
    runs && typeof runs === "object" && "runs" in runs && Array.isArray(runs.runs) ? runs.runs[0] : undefined;
  if (typeof baseline !== "string") return;
  const framework = await frameworkVersion(context, "unsc-2341", 1);
  const answers = answerMap(await listAnswers(context.db, [baseline]));
  const gaps = rankGaps(framework, answers)
    .filter((gap) => isTheme(gap.sectionId))
    .filter((gap, index, all) => all.findIndex((other) => other.sectionId === gap.sectionId) === index)
    .slice(0, 3);
  const question = (id: string) =>
    framework.sections.flatMap((section) => section.questions).find((item) => item.id === id);
  const ncipa = stableId("organisation:ncipa");
  const coordinator = stableId("user:tomas.varga@ncipa.meridia.example");
  const rctco = stableId("organisation:rctco");
  const rctcoCoordinator = stableId("user:johanna.virtanen@rctco.example");
  const university = stableId("organisation:uom-iir");
  const universityAnalyst = stableId("user:tariq.hussain@iir.uni-meridia.example");
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (await readSetting(tx, SEEDED)) return;
    const audit = (action: AuditAction, targetType: string, targetId: string, actorId: string) =>
      appendAudit(tx, { actorId, action, targetType, targetId, details: { source: "demo-country" } }, now);
    const needs: string[] = [];
    for (const [index, gap] of gaps.entries()) {
      const asked = question(gap.questionId);
      if (!asked || !isTheme(gap.sectionId)) continue;
      const id = await insertNeed(tx, {
        title: asked.text.slice(0, 300),
        description: asked.guidance,
        theme: gap.sectionId,
        sectors: ["energy-electricity", "water-drinking"],
        section: gap.sectionId,
        urgency: index === 0 ? "high" : "medium",
        languages: ["en", "fr"],
        modality: MODALITY[gap.sectionId] ?? "training",
        neededBy: day(new Date(now.getTime() + (120 + 60 * index) * DAY)),
        tlp: "amber",
        organisationId: ncipa,
        recorderId: coordinator,
        audience: { communityIds: [], organisationIds: [rctco, university], userIds: [] },
        sourceRunId: baseline,
        sourceQuestionId: gap.questionId,
        sourceActionId: null,
        now,
      });
      await audit("assistance.need.record", "assistance-need", id, coordinator);
      needs.push(id);
    }
    const offer = async (fields: Parameters<typeof insertOffer>[1]) => {
      const id = await insertOffer(tx, fields);
      await audit("assistance.offer.publish", "assistance-offer", id, fields.recorderId);
      return id;
    };
    const regionalOffer = await offer({
      title: "Risk assessment and exercise support for national authorities",
      description:
        "Expert missions of two to five days to set up a national risk method, and support to plan and run a tabletop exercise.",
      themes: ["risk", "crisis", "information-sharing", "identification"],
      sectors: [],
      regions: ["global"],
      languages: ["en", "fr"],
      modalities: ["expert-mission", "workshop", "exercise-support"],
      capacity: 3,
      availableFrom: day(now),
      availableUntil: day(new Date(now.getTime() + 365 * DAY)),
      tlp: "clear",
      organisationId: rctco,
      recorderId: rctcoCoordinator,
      audience: { communityIds: [], organisationIds: [], userIds: [] },
      now,
    });
    await offer({
      title: "Courses on critical infrastructure law and identification criteria",
      description:
        "A five-day course for officials and operators' staff, in English, at the institute or on site.",
      themes: ["legal", "identification", "awareness", "strategy"],
      sectors: [],
      regions: ["global"],
      languages: ["en"],
      modalities: ["training", "workshop", "legislative-drafting"],
      capacity: 2,
      availableFrom: day(new Date(now.getTime() + 30 * DAY)),
      availableUntil: null,
      tlp: "clear",
      organisationId: university,
      recorderId: universityAnalyst,
      audience: { communityIds: [], organisationIds: [], userIds: [] },
      now,
    });
    const first = needs[0];
    if (first)
      await engage(tx, { first, regionalOffer, ncipa, rctco, rctcoCoordinator, coordinator, now, audit });
    await writeSetting(tx, SEEDED, { at: now.toISOString(), needs }, now);
  });
}

async function engage(
  tx: Transaction,
  demo: {
    first: string;
    regionalOffer: string;
    ncipa: string;
    rctco: string;
    rctcoCoordinator: string;
    coordinator: string;
    now: Date;
    audit: (action: AuditAction, targetType: string, targetId: string, actorId: string) => Promise<unknown>;
  },
) {
  const { now } = demo;
  const id = await insertEngagement(tx, {
    needId: demo.first,
    offerId: demo.regionalOffer,
    stateOrganisationId: demo.ncipa,
    providerOrganisationId: demo.rctco,
    proposedBy: demo.rctcoCoordinator,
    message: "We can send two experts in the coming quarter.",
    now,
  });
  await demo.audit("assistance.engagement.propose", "assistance-engagement", id, demo.rctcoCoordinator);
  await updateEngagement(
    tx,
    id,
    {
      status: "active",
      startedAt: now,
      milestones: [
        { title: "Scoping call with the authority", dueOn: day(now), doneOn: day(now) },
        {
          title: "Expert mission to the capital",
          dueOn: day(new Date(now.getTime() + 45 * DAY)),
          doneOn: null,
        },
        { title: "Risk method handed over", dueOn: day(new Date(now.getTime() + 90 * DAY)), doneOn: null },
      ],
    },
    now,
  );
  await updateNeed(tx, demo.first, { status: "engaged" }, now);
  await demo.audit("assistance.engagement.update", "assistance-engagement", id, demo.coordinator);
}
