// Risk assessments: the consequence the cascade engine proposes, writing versions (each one
// checked, scored under the owner's methodology and audited), and reading them back as the
// policy allows. Handlers call these; SQL filters come from riskPolicy's scope.
import type {
  Assessment,
  AssessmentContent,
  AssessmentSummary,
  ConsequenceProposal,
  Methodology,
} from "@bulwark/contracts";
import {
  type Actor,
  assetPolicy,
  cascadeFigures,
  compendiumPolicy,
  type Decision,
  aboveAppetite as isAboveAppetite,
  type Language,
  matrixCell,
  proposeConsequence,
  type Ratings,
  residualRatings,
  reviewState,
  riskBand,
  riskPolicy,
  riskScore,
  type Sector,
} from "@bulwark/core";
import {
  type AssessmentRow,
  type AssetMention,
  appendAudit,
  communitiesOf,
  findAssessment,
  findEntry,
  findMethodology,
  findScenario,
  getAsset,
  insertAssessment,
  listAssessmentVersions,
  mentionsIn,
  readableAssets,
  reviseAssessment,
} from "@bulwark/db";
import type { z } from "zod";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import { runCascade } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { methodologyFor, readDefaultMethodology, scenarioTitleFor } from "./content.service.ts";

type Content = z.output<typeof AssessmentContent>;

export const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

/** An organisation's methodology: its own, or the shipped default. */
export async function methodologyOf(
  context: ServerContext,
  organisationId: string,
): Promise<{ methodology: Methodology; source: "default" | "organisation" }> {
  const own = await findMethodology(context.db, organisationId);
  return own
    ? { methodology: own as Methodology, source: "organisation" }
    : { methodology: readDefaultMethodology(), source: "default" };
}

export const todayOf = (context: ServerContext): string => context.clock().toISOString().slice(0, 10);

/** What the engine says losing these assets causes, over the part of the registry the caller sees. */
export async function proposeFromCascade(
  context: ServerContext,
  cache: AnalysisCache,
  caller: Actor,
  assetIds: readonly string[],
  methodology: Methodology,
): Promise<ConsequenceProposal> {
  const report = await runCascade(context, cache, caller, { assetIds: [...assetIds] });
  const figures = cascadeFigures(methodology, report.totals);
  const proposal = proposeConsequence(methodology, figures);
  return {
    ...proposal,
    figures: {
      ...figures,
      speedHours: methodology.consequence.speed.hours,
      bySector: report.totals.bySector,
      lastFailureHours: report.totals.timeline.at(-1)?.hours ?? 0,
    },
  };
}

/** The full record of one version, kept in the row and in the version history. */
interface VersionRecord {
  content: Content;
  proposal: ConsequenceProposal;
  methodology: Methodology;
}

const bandView = (band: { id: string; label: string; colour: string }) => ({
  id: band.id,
  label: band.label,
  colour: band.colour,
});

/** Check a version's content and compute what the register stores with it (the demo uses it too). */
export async function prepare(
  context: ServerContext,
  cache: AnalysisCache,
  caller: Actor,
  organisationId: string,
  content: Content,
) {
  const scenario = await findScenario(context.db, content.scenario);
  if (!scenario)
    throw invalid("No such threat scenario.", [{ path: "body.scenario", message: "Unknown scenario." }]);
  const assetScope = assetPolicy.readScope(caller);
  const assets = [];
  for (const id of new Set(content.assetIds)) {
    const asset = await getAsset(context.db, assetScope, id);
    if (!asset)
      throw invalid("Assess only assets you may see.", [
        { path: "body.assetIds", message: { key: "risk.assetUnseen" as const, values: { id } } },
      ]);
    assets.push(asset);
  }
  const first = assets[0];
  if (!first) throw invalid("Name at least one asset.");
  for (const [index, measure] of content.measures.entries())
    if (
      measure.compendiumSlug &&
      !(await findEntry(context.db, compendiumPolicy.readScope(caller), measure.compendiumSlug))
    )
      throw invalid("A measure links to a compendium entry you cannot see.", [
        { path: `body.measures.${index}.compendiumSlug`, message: "Unknown compendium entry." },
      ]);
  let communityIds: string[] = [];
  if (content.marking === "green") {
    const mine = new Set(await communitiesOf(context.db, organisationId));
    const foreign = content.communityIds.filter((id) => !mine.has(id));
    if (foreign.length > 0)
      throw invalid("Share only with communities your organisation belongs to.", [
        {
          path: "body.communityIds",
          message: { key: "risk.foreignCommunities" as const, values: { ids: foreign.join(", ") } },
        },
      ]);
    communityIds = [...new Set(content.communityIds)];
  }
  // Likelihood and vulnerability are judgements: each needs its reason. The consequence is the
  // engine's proposal, or an override that needs a reason of its own (below).
  const unexplained = (["likelihood", "vulnerability"] as const).filter(
    (rating) => content.rationale[rating].trim() === "",
  );
  if (unexplained.length > 0)
    throw invalid(
      {
        key:
          unexplained.length > 1 ? "risk.rationale.both" : `risk.rationale.${unexplained[0] ?? "likelihood"}`,
      },
      unexplained.map((rating) => ({
        path: `body.rationale.${rating}`,
        message: { key: `risk.sayWhy.${rating}` as const, values: { value: content.ratings[rating] } },
      })),
    );
  const { methodology } = await methodologyOf(context, organisationId);
  const proposal = await proposeFromCascade(
    context,
    cache,
    caller,
    [...new Set(content.assetIds)],
    methodology,
  );
  const overrideReason = content.overrideReason?.trim() || null;
  if (content.ratings.consequence !== proposal.level && !overrideReason)
    throw invalid(
      {
        key: "detail.risk.overrideNeedsReason",
        values: { proposed: proposal.level, rated: content.ratings.consequence },
      },
      [
        {
          path: "body.overrideReason",
          message: "A reason is required to override the proposed consequence.",
        },
      ],
    );
  const ratings: Ratings = content.ratings;
  const residual = residualRatings(ratings, content.measures);
  const cell = matrixCell(methodology, ratings);
  const record: VersionRecord = {
    content: {
      ...content,
      assetIds: assets.map((asset) => asset.id),
      communityIds,
      overrideReason: content.ratings.consequence === proposal.level ? null : overrideReason,
    },
    proposal,
    methodology,
  };
  return {
    scenarioId: scenario.id,
    sector: first.sector,
    assetIds: assets.map((asset) => asset.id),
    title: content.title,
    marking: content.marking,
    communityIds,
    likelihood: ratings.likelihood,
    vulnerability: ratings.vulnerability,
    consequence: ratings.consequence,
    score: riskScore(ratings),
    exposure: cell.exposure,
    band: riskBand(methodology, ratings).id,
    aboveAppetite: isAboveAppetite(methodology, ratings),
    residualScore: riskScore(residual),
    reviewDate: content.reviewDate,
    record,
  };
}

export async function createAssessment(
  context: ServerContext,
  cache: AnalysisCache,
  caller: Actor,
  content: Content,
  language: Language = "en",
): Promise<Assessment> {
  must(riskPolicy.assess(caller));
  const columns = await prepare(context, cache, caller, caller.organisationId, content);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertAssessment(
      tx,
      { ...columns, organisationId: caller.organisationId },
      caller.userId,
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "risk.assessment.create",
        targetType: "risk-assessment",
        targetId: created,
        details: {
          version: 1,
          score: columns.score,
          band: columns.band,
          marking: columns.marking,
          assets: columns.assetIds.length,
        },
      },
      now,
    );
    return created;
  });
  return assessmentDetail(context, caller, id, language);
}

export async function reviseRiskAssessment(
  context: ServerContext,
  cache: AnalysisCache,
  caller: Actor,
  id: string,
  content: Content,
  language: Language = "en",
): Promise<Assessment> {
  const current = await visibleAssessment(context, caller, id);
  must(riskPolicy.revise(caller, current));
  const columns = await prepare(context, cache, caller, current.organisationId, content);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const version = await reviseAssessment(tx, id, columns, caller.userId, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "risk.assessment.revise",
        targetType: "risk-assessment",
        targetId: id,
        details: {
          version,
          score: columns.score,
          band: columns.band,
          marking: columns.marking,
          previousScore: current.score,
        },
      },
      now,
    );
  });
  return assessmentDetail(context, caller, id, language);
}

async function visibleAssessment(context: ServerContext, caller: Actor, id: string): Promise<AssessmentRow> {
  const row = await findAssessment(context.db, riskPolicy.readScope(caller), id);
  if (!row) throw notFound("risk assessment");
  return row;
}

/** "A, B and 2 assets you cannot see": the assets of a summary in words, for CSV and PDF. */
export function assetsInWords(summary: Pick<AssessmentSummary, "assets" | "hiddenAssets">): string {
  const names = summary.assets.map((asset) => asset.name);
  const hidden = summary.hiddenAssets;
  const rest = hidden === 0 ? [] : [`${hidden} ${hidden === 1 ? "asset" : "assets"} you cannot see`];
  const all = [...names, ...rest];
  return all.length <= 1 ? (all[0] ?? "") : `${all.slice(0, -1).join(", ")} and ${all.at(-1)}`;
}

/**
 * Summaries of rows, their assets looked up at once under the reader's asset read scope: an
 * assessment shared with someone does not show them assets the registry hides from them, only
 * how many it leaves out (ADR 0014).
 */
export async function summarise(
  context: ServerContext,
  caller: Actor,
  rows: readonly AssessmentRow[],
  today: string,
  language: Language = "en",
): Promise<AssessmentSummary[]> {
  const readable = await readableAssets(
    context.db,
    assetPolicy.readScope(caller),
    rows.flatMap((row) => row.assetIds),
  );
  return rows.map((row) => summaryOf(row, readable, today, language));
}

function summaryOf(
  row: AssessmentRow,
  readable: ReadonlyMap<string, AssetMention>,
  today: string,
  language: Language,
): AssessmentSummary {
  const assets = mentionsIn(row.assetIds, readable);
  const record = row.record as VersionRecord;
  const { content } = record;
  // Band labels and the scenario's title in the reader's language where they are the shipped ones.
  const methodology = methodologyFor(record.methodology, language);
  const ratings = {
    likelihood: row.likelihood,
    vulnerability: row.vulnerability,
    consequence: row.consequence,
  };
  const residual = residualRatings(ratings, content.measures);
  return {
    id: row.id,
    title: row.title,
    organisation: { id: row.organisationId, name: row.organisationName },
    sector: row.sector as Sector,
    assets: assets.visible.map(({ id, name, ref }) => ({ id, name, ref })),
    hiddenAssets: assets.hidden,
    scenario: {
      slug: row.scenarioSlug,
      title: scenarioTitleFor(row.scenarioSlug, row.scenarioTitle, language),
      family: row.scenarioFamily as AssessmentSummary["scenario"]["family"],
    },
    ratings,
    score: row.score,
    band: bandView(riskBand(methodology, ratings)),
    aboveAppetite: row.aboveAppetite,
    cell: { exposure: row.exposure, consequence: row.consequence },
    residual: {
      ratings: residual,
      score: riskScore(residual),
      band: bandView(riskBand(methodology, residual)),
      aboveAppetite: isAboveAppetite(methodology, residual),
    },
    reviewDate: row.reviewDate,
    reviewState: reviewState(row.reviewDate, today, methodology.review.dueSoonDays),
    marking: row.marking as AssessmentSummary["marking"],
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export async function assessmentDetail(
  context: ServerContext,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<Assessment> {
  const row = await visibleAssessment(context, caller, id);
  const [summary] = await summarise(context, caller, [row], todayOf(context), language);
  if (!summary) throw notFound("risk assessment");
  const record = row.record as VersionRecord;
  return {
    ...summary,
    rationale: record.content.rationale,
    overrideReason: record.content.overrideReason,
    proposal: record.proposal,
    measures: record.content.measures,
    communityIds: row.communityIds,
    methodology: methodologyFor(record.methodology, language),
    canRevise: riskPolicy.revise(caller, row).allowed,
  };
}

export async function assessmentVersions(context: ServerContext, caller: Actor, id: string) {
  await visibleAssessment(context, caller, id);
  const versions = await listAssessmentVersions(context.db, id);
  return {
    items: versions.map((version) => {
      const record = version.record as VersionRecord;
      const ratings = record.content.ratings;
      return {
        version: version.version,
        author: version.author,
        note: record.content.note,
        createdAt: version.createdAt,
        ratings,
        score: version.score,
        residualScore: riskScore(residualRatings(ratings, record.content.measures)),
        band: riskBand(record.methodology, ratings).id,
        overrideReason: record.content.overrideReason,
        measures: record.content.measures.length,
      };
    }),
  };
}
