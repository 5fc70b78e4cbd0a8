// PDF reports of risk assessment (issue 6: "export to CSV and to a PDF report"): one assessment
// (scenario, assets, ratings with their rationale, the 5x5 matrix with the point and the appetite
// line, measures, residual risk, version history) and the register under the same filters as the
// CSV (heat map, bands, table). Both read through the same scoped queries as the JSON, so what the
// caller may not see is not printed (one assessment: 404), and both are audited.
import type { Assessment, FileAnswer, Methodology, RegisterQuery } from "@bulwark/contracts";
import {
  type Actor,
  bandAboveAppetite,
  bandAt,
  compendiumPolicy,
  matrixCell,
  TLP_MARKINGS,
  type TlpMarking,
} from "@bulwark/core";
import { appendAudit, visibleEntriesBySlug } from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { PdfReport } from "../pdf/report.ts";
import { assessmentDetail, assessmentVersions, assetsInWords, todayOf } from "./assessments.service.ts";
import { allRegisterItems, riskRegister } from "./register.service.ts";
import { scenarioDetail } from "./scenarios.service.ts";

const DIMENSIONS = ["likelihood", "vulnerability", "consequence"] as const;
const KINDS = { existing: "Existing", planned: "Planned" } as const;
const STATUSES = { planned: "Planned", "in-progress": "In progress", done: "Done", cancelled: "Cancelled" };
const REVIEW = { overdue: "Overdue", "due-soon": "Due soon", scheduled: "Scheduled" } as const;
const MARKING_WORDS: Record<Assessment["marking"], string> = {
  green: "TLP:GREEN: may be shared within the communities it was shared with, not in public channels.",
  amber: "TLP:AMBER: only within the organisations it was shared with, on a need-to-know basis.",
  "amber+strict": "TLP:AMBER+STRICT: only within the assessing organisation, on a need-to-know basis.",
};

/** "electricity-transmission" -> "Electricity transmission" */
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, " ");

/** The matrix of a methodology: band colours and which cells are above appetite. */
function matrixOf(methodology: Methodology) {
  const rows = [1, 2, 3, 4, 5];
  return {
    colours: rows.map((c) => rows.map((e) => bandAt(methodology, e, c).colour)),
    aboveAppetite: rows.map((c) =>
      rows.map((e) => bandAboveAppetite(methodology, bandAt(methodology, e, c).id)),
    ),
    xLabel: "Exposure (likelihood × vulnerability) →",
    yLabel: "Consequence →",
  };
}

export async function assessmentReport(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<FileAnswer> {
  const assessment = await assessmentDetail(context, caller, id);
  const [versions, scenario] = await Promise.all([
    assessmentVersions(context, caller, id),
    scenarioDetail(context, assessment.scenario.slug).catch(() => null),
  ]);
  const slugs = [...new Set(assessment.measures.flatMap((measure) => measure.compendiumSlug ?? []))];
  const entries = new Map(
    (await visibleEntriesBySlug(context.db, compendiumPolicy.readScope(caller), slugs)).map((entry) => [
      entry.slug,
      entry.title,
    ]),
  );
  const { methodology } = assessment;
  const now = context.clock();
  const today = todayOf(context);
  const pdf = new PdfReport({
    title: `Risk assessment: ${assessment.title}`,
    marking: assessment.marking as TlpMarking,
    language: "en",
    createdAt: now,
    footer: `${assessment.title} · ${assessment.organisation.name} · Bulwark risk assessment, version ${assessment.version}`,
  });

  pdf.cover("Risk assessment", assessment.title, [
    `Organisation: ${assessment.organisation.name}`,
    `Scenario: ${assessment.scenario.title}`,
    `Assets: ${assetsInWords(assessment)}`,
    `Risk score ${assessment.score} (${assessment.band.label})${assessment.aboveAppetite ? ", above the appetite" : ", within the appetite"}; residual ${assessment.residual.score} (${assessment.residual.band.label}).`,
    `Version ${assessment.version} of ${assessment.updatedAt.slice(0, 10)}; next review ${assessment.reviewDate} (${REVIEW[assessment.reviewState].toLowerCase()}); printed on ${today}.`,
    `Marking: ${MARKING_WORDS[assessment.marking]}`,
  ]);

  pdf.newPage();
  pdf.heading("Scenario and assets", 1, true);
  pdf.heading(assessment.scenario.title, 3);
  if (scenario) pdf.paragraph(scenario.summary);
  pdf.table(
    ["Asset", "Reference"],
    [
      ...assessment.assets.map((asset) => [asset.name, asset.ref]),
      ...(assessment.hiddenAssets > 0
        ? [[assetsInWords({ assets: [], hiddenAssets: assessment.hiddenAssets }), "—"]]
        : []),
    ],
    [0.7, 0.3],
  );
  pdf.facts([["Sector", label(assessment.sector)]]);

  pdf.heading("Ratings", 1, true);
  pdf.note(`${methodology.name}. ${methodology.formula.description}`);
  pdf.table(
    ["Dimension", "Rating", "Rationale"],
    DIMENSIONS.map((dimension) => {
      const level = assessment.ratings[dimension];
      const scale = methodology.scales[dimension];
      return [
        scale.label,
        `${level} – ${scale.levels[level - 1]?.label ?? ""}`,
        assessment.rationale[dimension] || "—",
      ];
    }),
    [0.2, 0.22, 0.58],
  );
  const proposal = assessment.proposal;
  pdf.facts([
    [
      "Consequence proposed by the cascade engine",
      `${proposal.level} (assets lost ${proposal.figures.assetsLost}, people affected ${Math.round(proposal.figures.population)}, sectors hit ${proposal.figures.sectorsHit}${proposal.fast ? ", fast" : ""})`,
    ],
    [
      "Assessor",
      assessment.overrideReason
        ? `overridden to ${assessment.ratings.consequence}: ${assessment.overrideReason}`
        : "confirmed the proposal",
    ],
  ]);

  pdf.heading("Risk matrix", 2, true);
  pdf.paragraph(
    `Score ${assessment.score} = ${assessment.ratings.likelihood} × ${assessment.ratings.vulnerability} × ${assessment.ratings.consequence}, band “${assessment.band.label}”. Appetite: ${methodology.appetite.description}`,
  );
  pdf.riskMatrix({
    ...matrixOf(methodology),
    points: [
      { ...matrixCell(methodology, assessment.ratings), label: `Current risk: score ${assessment.score}` },
      {
        ...matrixCell(methodology, assessment.residual.ratings),
        label: `Residual risk after planned measures: score ${assessment.residual.score}`,
        hollow: true,
      },
    ],
  });

  pdf.heading("Measures", 1, true);
  pdf.note("Existing measures are already reflected in the ratings; planned ones give the residual risk.");
  if (assessment.measures.length === 0) pdf.paragraph("No measure is recorded.");
  else
    pdf.table(
      ["Measure", "Kind", "Status", "Owner", "Due", "Effect (L / V / C)"],
      assessment.measures.map((measure) => {
        const entry = measure.compendiumSlug ? entries.get(measure.compendiumSlug) : undefined;
        return [
          entry ? `${measure.title}\nGood practice: ${entry}` : measure.title,
          KINDS[measure.kind],
          STATUSES[measure.status],
          measure.owner || "—",
          measure.dueDate ?? "—",
          `−${measure.effect.likelihood} / −${measure.effect.vulnerability} / −${measure.effect.consequence}`,
        ];
      }),
      [0.34, 0.11, 0.12, 0.16, 0.12, 0.15],
    );
  pdf.heading("Residual risk", 2, true);
  pdf.table(
    ["", ...DIMENSIONS.map((dimension) => methodology.scales[dimension].label), "Score", "Band"],
    [
      [
        "Now",
        ...DIMENSIONS.map((dimension) => String(assessment.ratings[dimension])),
        String(assessment.score),
        assessment.band.label,
      ],
      [
        "After planned measures",
        ...DIMENSIONS.map((dimension) => String(assessment.residual.ratings[dimension])),
        String(assessment.residual.score),
        `${assessment.residual.band.label}${assessment.residual.aboveAppetite ? " (above appetite)" : ""}`,
      ],
    ],
    [0.22, 0.15, 0.15, 0.17, 0.1, 0.21],
  );

  pdf.heading("Version history", 1, true);
  pdf.table(
    ["Version", "Date", "Author", "L / V / C", "Score", "Residual", "Note"],
    versions.items.map((version) => [
      String(version.version),
      version.createdAt.slice(0, 10),
      version.author?.name ?? "—",
      `${version.ratings.likelihood} / ${version.ratings.vulnerability} / ${version.ratings.consequence}`,
      String(version.score),
      String(version.residualScore),
      [version.note, version.overrideReason ? `Override: ${version.overrideReason}` : null]
        .filter(Boolean)
        .join("\n") || "—",
    ]),
    [0.09, 0.13, 0.16, 0.12, 0.08, 0.1, 0.32],
  );

  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "risk.assessment.report",
        targetType: "risk-assessment",
        targetId: assessment.id,
        details: { version: assessment.version, marking: assessment.marking },
      },
      now,
    ),
  );
  return { bytes, filename: `bulwark-risk-assessment-${today}.pdf` };
}

const FILTER_NAMES = {
  sector: "sector",
  scenario: "scenario",
  band: "band",
  aboveAppetite: "above appetite",
  review: "review",
  organisationId: "organisation",
  country: "country",
} as const;

/** The register's filters in words, for the cover. */
function describeFilters(query: z.output<typeof RegisterQuery>, organisations: Map<string, string>): string {
  const parts = (Object.keys(FILTER_NAMES) as (keyof typeof FILTER_NAMES)[]).flatMap((key) => {
    const value = query[key];
    if (value === undefined) return [];
    const shown =
      key === "organisationId"
        ? (organisations.get(value) ?? "one organisation")
        : key === "aboveAppetite"
          ? value === "true"
            ? "yes"
            : "no"
          : key === "country"
            ? value
            : label(value);
    return [`${FILTER_NAMES[key]}: ${shown}`];
  });
  return parts.length > 0
    ? `Assessments you may see, filtered by ${parts.join("; ")}.`
    : "Every assessment you may see, without filters.";
}

export async function registerReport(
  context: ServerContext,
  caller: Actor,
  query: z.output<typeof RegisterQuery>,
): Promise<FileAnswer> {
  const [register, { today, items }] = await Promise.all([
    riskRegister(context, caller, { ...query, limit: 1, offset: 0 }),
    allRegisterItems(context, caller, query),
  ]);
  const marking = items.reduce<TlpMarking>((wide, item) => {
    const mark = item.marking as TlpMarking;
    return TLP_MARKINGS.indexOf(mark) > TLP_MARKINGS.indexOf(wide) ? mark : wide;
  }, "clear");
  const organisations = new Map(items.map((item) => [item.organisation.id, item.organisation.name]));
  const now = context.clock();
  const pdf = new PdfReport({
    title: "Risk register",
    marking,
    language: "en",
    createdAt: now,
    footer: `Risk register · Bulwark · ${today}`,
  });
  pdf.cover("Risk register", `${register.total} ${register.total === 1 ? "assessment" : "assessments"}`, [
    describeFilters(query, organisations),
    `Printed on ${today}.`,
    marking === "clear"
      ? "Marking: nothing marked is printed."
      : `Marking: TLP:${marking.toUpperCase()}, the widest marking of the assessments inside; each row shows its own.`,
  ]);

  pdf.newPage();
  pdf.heading("Summary", 1, true);
  pdf.facts([
    ["Assessments", String(register.total)],
    ["Above their organisation's appetite", String(register.aboveAppetite)],
    ["Reviews overdue", String(register.reviews.overdue)],
    ["Reviews due soon", String(register.reviews.dueSoon)],
  ]);
  pdf.heading("Heat map", 2, true);
  pdf.note(
    `Assessments per cell of the matrix, coloured by the bands of ${register.methodology.name}; the line is its appetite.`,
  );
  pdf.riskMatrix({ ...matrixOf(register.methodology), counts: register.heatMap });
  pdf.table(
    ["Band", "Assessments"],
    register.bands.map((band) => [band.label, String(band.count)]),
    [0.6, 0.4],
  );

  pdf.newPage();
  pdf.heading("Assessments", 1, true);
  if (items.length === 0) pdf.paragraph("No assessment matches.");
  else
    pdf.table(
      ["Assessment", "Organisation", "Scenario", "Score", "Residual", "Review", "TLP"],
      items.map((item) => [
        `${item.title}\n${assetsInWords(item)}`,
        item.organisation.name,
        item.scenario.title,
        `${item.score} ${item.band.label}${item.aboveAppetite ? " (above appetite)" : ""}`,
        `${item.residual.score} ${item.residual.band.label}`,
        `${item.reviewDate}\n${REVIEW[item.reviewState]}`,
        item.marking.toUpperCase(),
      ]),
      [0.22, 0.14, 0.16, 0.11, 0.09, 0.13, 0.15],
    );

  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "risk.register.report",
        targetType: "risk-register",
        details: {
          assessments: items.length,
          marking,
          filters: (Object.keys(FILTER_NAMES) as (keyof typeof FILTER_NAMES)[]).filter(
            (key) => query[key] !== undefined,
          ),
        },
      },
      now,
    ),
  );
  return { bytes, filename: `bulwark-risk-register-${today}.pdf` };
}
