// PDF reports of risk assessment (issue 6: "export to CSV and to a PDF report"): one assessment
// (scenario, assets, ratings with their rationale, the 5x5 matrix with the point and the appetite
// line, measures, residual risk, version history) and the register under the same filters as the
// CSV (heat map, bands, table). Both read through the same scoped queries as the JSON, so what the
// caller may not see is not printed (one assessment: 404), and both are audited.
import type { AssessmentSummary, FileAnswer, Methodology, RegisterQuery } from "@bulwark/contracts";
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
import { en } from "../i18n/en.ts";
import { type Language, list, type MessageKey, say } from "../i18n/messages.ts";
import { PdfReport } from "../pdf/report.ts";
import { assessmentDetail, assessmentVersions, todayOf } from "./assessments.service.ts";
import { allRegisterItems, riskRegister } from "./register.service.ts";
import { scenarioDetail } from "./scenarios.service.ts";

const DIMENSIONS = ["likelihood", "vulnerability", "consequence"] as const;

type Say = (key: MessageKey, values?: Record<string, string | number>) => string;

const sayIn =
  (language: Language): Say =>
  (key, values) =>
    say(language, values ? { key, values } : { key });

/** "electricity-transmission" -> "Electricity transmission": a value no catalogue names. */
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, " ");

/** A sector by name in the reader's language. */
const sectorName = (t: Say, value: string) => {
  const key = `pdf.sector.${value}`;
  return key in en ? t(key as MessageKey) : label(value);
};

/** The assessment's assets in words, those the reader may not see counted. */
const assetsIn = (
  language: Language,
  t: Say,
  summary: Pick<AssessmentSummary, "assets" | "hiddenAssets">,
): string =>
  list(language, [
    ...summary.assets.map((asset) => asset.name),
    ...(summary.hiddenAssets > 0
      ? [t("pdf.risk.hiddenAssets", { count: new Intl.NumberFormat(language).format(summary.hiddenAssets) })]
      : []),
  ]);

/** The matrix of a methodology: band colours and which cells are above appetite. */
function matrixOf(t: Say, methodology: Methodology) {
  const rows = [1, 2, 3, 4, 5];
  return {
    colours: rows.map((c) => rows.map((e) => bandAt(methodology, e, c).colour)),
    aboveAppetite: rows.map((c) =>
      rows.map((e) => bandAboveAppetite(methodology, bandAt(methodology, e, c).id)),
    ),
    xLabel: t("pdf.risk.xLabel"),
    yLabel: t("pdf.risk.yLabel"),
  };
}

export async function assessmentReport(
  context: ServerContext,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<FileAnswer> {
  const t = sayIn(language);
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const assessment = await assessmentDetail(context, caller, id, language);
  const [versions, scenario] = await Promise.all([
    assessmentVersions(context, caller, id),
    scenarioDetail(context, assessment.scenario.slug, language).catch(() => null),
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
    title: `${t("pdf.risk.assessmentTitle")}: ${assessment.title}`,
    marking: assessment.marking as TlpMarking,
    language,
    createdAt: now,
    footer: t("pdf.risk.assessmentFooter", {
      title: assessment.title,
      organisation: assessment.organisation.name,
      version: assessment.version,
    }),
  });

  pdf.cover(t("pdf.risk.assessmentTitle"), assessment.title, [
    t("pdf.risk.organisation", { name: assessment.organisation.name }),
    t("pdf.risk.scenarioLine", { title: assessment.scenario.title }),
    t("pdf.risk.assetsLine", { assets: assetsIn(language, t, assessment) }),
    t(assessment.aboveAppetite ? "pdf.risk.scoreAbove" : "pdf.risk.scoreWithin", {
      score: assessment.score,
      band: assessment.band.label,
      residual: assessment.residual.score,
      residualBand: assessment.residual.band.label,
    }),
    t("pdf.risk.versionLine", {
      version: assessment.version,
      date: assessment.updatedAt.slice(0, 10),
      review: assessment.reviewDate,
      state: t(`pdf.risk.review.${assessment.reviewState}`).toLocaleLowerCase(language),
      printed: today,
    }),
    t("pdf.risk.marking", { marking: t(`pdf.risk.markingWords.${assessment.marking}`) }),
  ]);

  pdf.newPage();
  pdf.heading(t("pdf.risk.scenarioAndAssets"), 1, true);
  pdf.heading(assessment.scenario.title, 3);
  if (scenario) pdf.paragraph(scenario.summary);
  pdf.table(
    [t("pdf.risk.asset"), t("pdf.risk.reference")],
    [
      ...assessment.assets.map((asset) => [asset.name, asset.ref]),
      ...(assessment.hiddenAssets > 0
        ? [[assetsIn(language, t, { assets: [], hiddenAssets: assessment.hiddenAssets }), "—"]]
        : []),
    ],
    [0.7, 0.3],
  );
  pdf.facts([[t("pdf.risk.sector"), sectorName(t, assessment.sector)]]);

  pdf.heading(t("pdf.risk.ratings"), 1, true);
  pdf.note(`${methodology.name}. ${methodology.formula.description}`);
  pdf.table(
    [t("pdf.risk.dimension"), t("pdf.risk.rating"), t("pdf.risk.rationale")],
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
      t("pdf.risk.proposal"),
      t(proposal.fast ? "pdf.risk.proposalFast" : "pdf.risk.proposalFigures", {
        level: proposal.level,
        assets: number(proposal.figures.assetsLost),
        people: number(Math.round(proposal.figures.population)),
        sectors: number(proposal.figures.sectorsHit),
      }),
    ],
    [
      t("pdf.risk.assessor"),
      assessment.overrideReason
        ? t("pdf.risk.overridden", {
            level: assessment.ratings.consequence,
            reason: assessment.overrideReason,
          })
        : t("pdf.risk.confirmed"),
    ],
  ]);

  pdf.heading(t("pdf.risk.matrix"), 2, true);
  pdf.paragraph(
    t("pdf.risk.matrixText", {
      score: assessment.score,
      formula: `${assessment.ratings.likelihood} × ${assessment.ratings.vulnerability} × ${assessment.ratings.consequence}`,
      band: assessment.band.label,
      appetite: methodology.appetite.description,
    }),
  );
  pdf.riskMatrix({
    ...matrixOf(t, methodology),
    points: [
      {
        ...matrixCell(methodology, assessment.ratings),
        label: t("pdf.risk.currentPoint", { score: assessment.score }),
      },
      {
        ...matrixCell(methodology, assessment.residual.ratings),
        label: t("pdf.risk.residualPoint", { score: assessment.residual.score }),
        hollow: true,
      },
    ],
  });

  pdf.heading(t("pdf.risk.measures"), 1, true);
  pdf.note(t("pdf.risk.measuresNote"));
  if (assessment.measures.length === 0) pdf.paragraph(t("pdf.risk.noMeasure"));
  else
    pdf.table(
      [
        t("pdf.risk.measure"),
        t("pdf.risk.kind"),
        t("pdf.risk.status"),
        t("pdf.risk.owner"),
        t("pdf.risk.due"),
        t("pdf.risk.effect"),
      ],
      assessment.measures.map((measure) => {
        const entry = measure.compendiumSlug ? entries.get(measure.compendiumSlug) : undefined;
        return [
          entry ? `${measure.title}\n${t("pdf.risk.goodPractice", { title: entry })}` : measure.title,
          t(`pdf.risk.kind.${measure.kind}`),
          t(`pdf.risk.status.${measure.status}`),
          measure.owner || "—",
          measure.dueDate ?? "—",
          `−${measure.effect.likelihood} / −${measure.effect.vulnerability} / −${measure.effect.consequence}`,
        ];
      }),
      [0.34, 0.11, 0.12, 0.16, 0.12, 0.15],
    );
  pdf.heading(t("pdf.risk.residual"), 2, true);
  pdf.table(
    [
      "",
      ...DIMENSIONS.map((dimension) => methodology.scales[dimension].label),
      t("pdf.risk.score"),
      t("pdf.risk.band"),
    ],
    [
      [
        t("pdf.risk.now"),
        ...DIMENSIONS.map((dimension) => String(assessment.ratings[dimension])),
        String(assessment.score),
        assessment.band.label,
      ],
      [
        t("pdf.risk.afterPlanned"),
        ...DIMENSIONS.map((dimension) => String(assessment.residual.ratings[dimension])),
        String(assessment.residual.score),
        assessment.residual.aboveAppetite
          ? t("pdf.risk.aboveAppetite", { band: assessment.residual.band.label })
          : assessment.residual.band.label,
      ],
    ],
    [0.22, 0.15, 0.15, 0.17, 0.1, 0.21],
  );

  pdf.heading(t("pdf.risk.versions"), 1, true);
  pdf.table(
    [
      t("pdf.risk.version"),
      t("pdf.risk.date"),
      t("pdf.risk.author"),
      t("pdf.risk.lvc"),
      t("pdf.risk.score"),
      t("pdf.risk.residualColumn"),
      t("pdf.risk.noteColumn"),
    ],
    versions.items.map((version) => [
      String(version.version),
      version.createdAt.slice(0, 10),
      version.author?.name ?? "—",
      `${version.ratings.likelihood} / ${version.ratings.vulnerability} / ${version.ratings.consequence}`,
      String(version.score),
      String(version.residualScore),
      [
        version.note,
        version.overrideReason ? t("pdf.risk.override", { reason: version.overrideReason }) : null,
      ]
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

const FILTER_NAMES = [
  "sector",
  "scenario",
  "band",
  "aboveAppetite",
  "review",
  "organisationId",
  "country",
] as const;

/** The register's filters in words, for the cover. */
function describeFilters(
  language: Language,
  t: Say,
  query: z.output<typeof RegisterQuery>,
  organisations: Map<string, string>,
): string {
  const country = (code: string) => {
    try {
      return new Intl.DisplayNames([language], { type: "region" }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const parts = FILTER_NAMES.flatMap((key) => {
    const value = query[key];
    if (value === undefined) return [];
    const shown =
      key === "organisationId"
        ? (organisations.get(value) ?? t("pdf.risk.oneOrganisation"))
        : key === "aboveAppetite"
          ? t(value === "true" ? "pdf.risk.yes" : "pdf.risk.no")
          : key === "country"
            ? country(value)
            : key === "sector"
              ? sectorName(t, value)
              : key === "review"
                ? t(`pdf.risk.review.${value as "overdue" | "due-soon" | "scheduled"}`)
                : label(value);
    return [t("pdf.risk.filter", { name: t(`pdf.risk.filter.${key}`), value: shown })];
  });
  return parts.length > 0
    ? t("pdf.risk.filteredBy", { filters: parts.join("; ") })
    : t("pdf.risk.unfiltered");
}

export async function registerReport(
  context: ServerContext,
  caller: Actor,
  query: z.output<typeof RegisterQuery>,
  language: Language = "en",
): Promise<FileAnswer> {
  const t = sayIn(language);
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const [register, { today, items }] = await Promise.all([
    riskRegister(context, caller, { ...query, limit: 1, offset: 0 }, language),
    allRegisterItems(context, caller, query, language),
  ]);
  const marking = items.reduce<TlpMarking>((wide, item) => {
    const mark = item.marking as TlpMarking;
    return TLP_MARKINGS.indexOf(mark) > TLP_MARKINGS.indexOf(wide) ? mark : wide;
  }, "clear");
  const organisations = new Map(items.map((item) => [item.organisation.id, item.organisation.name]));
  const now = context.clock();
  const pdf = new PdfReport({
    title: t("pdf.risk.registerTitle"),
    marking,
    language,
    createdAt: now,
    footer: `${t("pdf.risk.registerTitle")} · Bulwark · ${today}`,
  });
  pdf.cover(t("pdf.risk.registerTitle"), t("pdf.risk.registerCount", { count: number(register.total) }), [
    describeFilters(language, t, query, organisations),
    t("pdf.risk.printed", { date: today }),
    marking === "clear"
      ? t("pdf.risk.markingNone")
      : t("pdf.risk.markingWidest", { marking: marking.toUpperCase() }),
  ]);

  pdf.newPage();
  pdf.heading(t("pdf.risk.summary"), 1, true);
  pdf.facts([
    [t("pdf.risk.assessments"), number(register.total)],
    [t("pdf.risk.aboveOwnAppetite"), number(register.aboveAppetite)],
    [t("pdf.risk.reviewsOverdue"), number(register.reviews.overdue)],
    [t("pdf.risk.reviewsDueSoon"), number(register.reviews.dueSoon)],
  ]);
  pdf.heading(t("pdf.risk.heatMap"), 2, true);
  pdf.note(t("pdf.risk.heatMapNote", { methodology: register.methodology.name }));
  pdf.riskMatrix({ ...matrixOf(t, register.methodology), counts: register.heatMap });
  pdf.table(
    [t("pdf.risk.band"), t("pdf.risk.assessments")],
    register.bands.map((band) => [band.label, number(band.count)]),
    [0.6, 0.4],
  );

  pdf.newPage();
  pdf.heading(t("pdf.risk.assessments"), 1, true);
  if (items.length === 0) pdf.paragraph(t("pdf.risk.noMatch"));
  else
    pdf.table(
      [
        t("pdf.risk.assessment"),
        t("pdf.risk.organisationColumn"),
        t("pdf.risk.scenario"),
        t("pdf.risk.score"),
        t("pdf.risk.residualColumn"),
        t("pdf.risk.reviewColumn"),
        "TLP",
      ],
      items.map((item) => [
        `${item.title}\n${assetsIn(language, t, item)}`,
        item.organisation.name,
        item.scenario.title,
        `${item.score} ${item.aboveAppetite ? t("pdf.risk.aboveAppetite", { band: item.band.label }) : item.band.label}`,
        `${item.residual.score} ${item.residual.band.label}`,
        `${item.reviewDate}\n${t(`pdf.risk.review.${item.reviewState}`)}`,
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
          filters: FILTER_NAMES.filter((key) => query[key] !== undefined),
        },
      },
      now,
    ),
  );
  return { bytes, filename: `bulwark-risk-register-${today}.pdf` };
}
