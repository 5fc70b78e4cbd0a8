// Demo content for risk assessment: the shipped threat scenario pack (loaded on every seed, new
// and changed scenarios only), then once a handful of assessments of Meridia's assets by their
// operators, as those operators would see them, one of them with its review overdue. Fictional.
import type { AssessmentContentInput } from "@bulwark/contracts";
import { AssessmentContent } from "@bulwark/contracts";
import type { Actor, Role } from "@bulwark/core";
import {
  appendAudit,
  assetsByRef,
  insertAssessment,
  readSetting,
  reviseAssessment,
  writeSetting,
} from "@bulwark/db";
import { AnalysisCache } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { stableId } from "../demo/seed-demo.ts";
import { prepare } from "./assessments.service.ts";
import { loadScenarioPack } from "./content.service.ts";

const SEEDED = "demo.risk";
const DAY = 86_400_000;

interface DemoAssessment {
  key: string;
  /** Who assesses: a demo account of the operating organisation. */
  assessor: { email: string; organisation: string; roles: Role[]; kind: Actor["organisationKind"] };
  refs: string[];
  /** Review date as days from today (negative: overdue). */
  reviewInDays: number;
  content: Omit<AssessmentContentInput, "assetIds" | "reviewDate" | "ratings"> & {
    likelihood: number;
    vulnerability: number;
    /** null: take the engine's proposal. */
    consequence: number | null;
  };
  /** A later version: changes applied to the first. */
  revision?: Partial<DemoAssessment["content"]>;
}

const GRID = {
  email: "fatima.nasser@meridiagrid.example",
  organisation: "meridiagrid",
  roles: ["coordinator"] as Role[],
  kind: "public-operator" as const,
};
const WATER = {
  email: "pablo.restrepo@meridiawater.example",
  organisation: "nwu",
  roles: ["analyst"] as Role[],
  kind: "public-operator" as const,
};
const TELECOM = {
  email: "isabel.moreno@astel.example",
  organisation: "astel",
  roles: ["analyst"] as Role[],
  kind: "private-operator" as const,
};
const VENUES = {
  email: "linh.tran@asterarena.example",
  organisation: "asterarena",
  roles: ["coordinator"] as Role[],
  kind: "private-operator" as const,
};

const DEMO: DemoAssessment[] = [
  {
    key: "ulohaven-drones",
    assessor: GRID,
    refs: ["XM-EL-SUB-0001"],
    reviewInDays: 180,
    content: {
      title: "Ulohaven 1 substation against drone attack",
      scenario: "uas-attack-on-site",
      likelihood: 3,
      vulnerability: 4,
      consequence: null,
      rationale: {
        likelihood:
          "Drone overflights of energy sites were reported in the region; no specific threat to this site.",
        vulnerability: "Transformers are open to the sky; no drone detection on site.",
        consequence: "As proposed by the cascade engine.",
      },
      marking: "amber",
      measures: [
        {
          title: "Perimeter CCTV with alarm to the control centre",
          kind: "existing",
          status: "done",
          owner: "Security manager",
          effect: { likelihood: 0, vulnerability: 1, consequence: 0 },
        },
        {
          title: "Drone detection and a response plan agreed with the police",
          kind: "planned",
          status: "in-progress",
          compendiumSlug: "protectuk-counter-uas-guidance",
          owner: "Head of security",
          dueDate: null,
          effect: { likelihood: 0, vulnerability: 2, consequence: 0 },
        },
      ],
      note: "First assessment.",
    },
    revision: { likelihood: 4, note: "Likelihood raised after the sector threat briefing." },
  },
  {
    key: "quenaek2-sabotage",
    assessor: GRID,
    refs: ["XM-EL-SUB-0431"],
    reviewInDays: -20,
    content: {
      title: "Quenaek 2 substation against sabotage and gunfire",
      scenario: "sabotage-of-linear-assets",
      likelihood: 3,
      vulnerability: 3,
      consequence: null,
      rationale: {
        likelihood: "Remote site; attacks of this kind on substations are documented elsewhere.",
        vulnerability: "Chain-link fence, transformers visible from the road.",
        consequence: "As proposed by the cascade engine.",
      },
      marking: "green",
      measures: [
        {
          title: "Screening walls around the transformers",
          kind: "planned",
          status: "planned",
          owner: "Asset manager, south region",
          effect: { likelihood: 0, vulnerability: 1, consequence: 0 },
        },
      ],
      note: "First assessment.",
    },
  },
  {
    key: "port-aster-wtp2-cbrn",
    assessor: WATER,
    refs: ["XM-WA-WTP-0003"],
    reviewInDays: 25,
    content: {
      title: "Port Aster water treatment plant 2 against contamination and chlorine release",
      scenario: "cbrn-theft-or-release",
      likelihood: 2,
      vulnerability: 3,
      consequence: 4,
      overrideReason:
        "The plant serves the capital's hospitals: loss of drinking water there weighs more than the population figure alone.",
      rationale: {
        likelihood: "No known intent against the water sector in Meridia.",
        vulnerability:
          "Chlorine store inside the fence but with one lock; online quality monitoring in place.",
        consequence: "Raised above the engine's proposal (see the reason).",
      },
      marking: "amber",
      measures: [
        {
          title: "Vetting of contractors with access to the chemical store",
          kind: "planned",
          status: "planned",
          owner: "Human resources",
          effect: { likelihood: 1, vulnerability: 0, consequence: 0 },
        },
      ],
      note: "First assessment.",
    },
  },
  {
    key: "quenaek-dam-cyber",
    assessor: WATER,
    refs: ["XM-DA-DAM-0001"],
    reviewInDays: 300,
    content: {
      title: "Quenaek Dam against a cyber attack on its gate controls",
      scenario: "cyber-attack-on-control-systems",
      likelihood: 2,
      vulnerability: 2,
      consequence: null,
      rationale: {
        likelihood: "Control systems are not reachable from the internet; remote access for the vendor only.",
        vulnerability: "Segmented network, but vendor access uses shared accounts.",
        consequence: "As proposed by the cascade engine.",
      },
      marking: "amber+strict",
      measures: [
        {
          title: "Named accounts and multi-factor sign-in for vendor remote access",
          kind: "planned",
          status: "planned",
          owner: "OT security lead",
          effect: { likelihood: 0, vulnerability: 1, consequence: 0 },
        },
      ],
      note: "First assessment.",
    },
  },
  {
    key: "astel-msc-insider",
    assessor: TELECOM,
    refs: ["XM-TE-MSC-0001"],
    reviewInDays: 120,
    content: {
      title: "Port Aster mobile switching centre against insider sabotage",
      scenario: "insider-sabotage",
      likelihood: 2,
      vulnerability: 3,
      consequence: null,
      rationale: {
        likelihood: "Contractor turnover is high; no incident so far.",
        vulnerability: "Badge access logged but not reviewed.",
        consequence: "As proposed by the cascade engine.",
      },
      marking: "amber",
      measures: [],
      note: "First assessment.",
    },
  },
  {
    key: "arena-vehicle",
    assessor: VENUES,
    refs: ["XM-CF-STAD-0001"],
    reviewInDays: 60,
    content: {
      title: "National Stadium forecourt against vehicle ramming",
      scenario: "vehicle-borne-and-ramming",
      likelihood: 3,
      vulnerability: 4,
      consequence: null,
      rationale: {
        likelihood: "Crowded places are named in the national threat picture.",
        vulnerability: "The forecourt opens onto a straight road without barriers.",
        consequence: "As proposed by the cascade engine; the engine does not count the people in the crowd.",
      },
      marking: "green",
      measures: [
        {
          title: "Rated vehicle barriers on the forecourt approach",
          kind: "planned",
          status: "planned",
          compendiumSlug: "npsa-hostile-vehicle-mitigation",
          owner: "Venue operations director",
          effect: { likelihood: 0, vulnerability: 2, consequence: 0 },
        },
      ],
      note: "First assessment.",
    },
  },
];

const dateIn = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);

/** The scenario pack on every seed; the demo assessments once. */
export async function seedDemoRisk(context: ServerContext): Promise<void> {
  await loadScenarioPack(context);
  if (await readSetting(context.db, SEEDED)) return;
  const now = context.clock();
  const found = await assetsByRef(
    context.db,
    DEMO.flatMap((item) => item.refs),
  );
  const cache = new AnalysisCache();
  let count = 0;
  for (const item of DEMO) {
    const assetIds = item.refs.map((ref) => found.get(ref)?.[0]?.id);
    if (assetIds.some((id) => id === undefined)) continue;
    const assessor: Actor = {
      userId: stableId(`user:${item.assessor.email}`),
      organisationId: stableId(`organisation:${item.assessor.organisation}`),
      roles: item.assessor.roles,
      organisationKind: item.assessor.kind,
    };
    const contentOf = async (over: Partial<DemoAssessment["content"]> = {}) => {
      const { likelihood, vulnerability, consequence, ...rest } = { ...item.content, ...over };
      const base = {
        ...rest,
        assetIds: assetIds.filter((id) => id !== undefined),
        reviewDate: dateIn(now, item.reviewInDays),
      };
      const communities = rest.marking === "green" ? await communityOf(item.assessor.organisation) : [];
      const draft = AssessmentContent.parse({
        ...base,
        communityIds: communities,
        ratings: { likelihood, vulnerability, consequence: consequence ?? 1 },
      });
      if (consequence !== null) return draft;
      // Take the engine's proposal: a first pass tells it.
      const probe = await prepare(context, cache, assessor, assessor.organisationId, {
        ...draft,
        overrideReason: "probe",
      });
      return { ...draft, ratings: { ...draft.ratings, consequence: probe.record.proposal.level } };
    };
    const first = await prepare(context, cache, assessor, assessor.organisationId, await contentOf());
    const id = stableId(`risk-assessment:${item.key}`);
    const revised = item.revision
      ? await prepare(context, cache, assessor, assessor.organisationId, await contentOf(item.revision))
      : null;
    await context.db.transaction(async (tx) => {
      await insertAssessment(
        tx,
        { ...first, organisationId: assessor.organisationId },
        assessor.userId,
        new Date(now.getTime() - 90 * DAY),
        id,
      );
      await appendAudit(
        tx,
        {
          actorId: null,
          action: "risk.assessment.create",
          targetType: "risk-assessment",
          targetId: id,
          details: { source: "demo", version: 1 },
        },
        now,
      );
      if (revised) {
        await reviseAssessment(tx, id, revised, assessor.userId, new Date(now.getTime() - 10 * DAY));
        await appendAudit(
          tx,
          {
            actorId: null,
            action: "risk.assessment.revise",
            targetType: "risk-assessment",
            targetId: id,
            details: { source: "demo", version: 2 },
          },
          now,
        );
      }
    });
    count += 1;
  }
  await writeSetting(context.db, SEEDED, { at: now.toISOString(), assessments: count }, now);
}

/** The demo communities a GREEN assessment of this organisation is shared with. */
async function communityOf(organisation: string): Promise<string[]> {
  const names: Record<string, string> = {
    meridiagrid: "Energy sector – national",
    asterarena: "Transport and crowded places",
  };
  const name = names[organisation];
  return name ? [stableId(`community:${name}`)] : [];
}
