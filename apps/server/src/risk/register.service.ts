// The risk register: every assessment the caller may see, filtered and sorted, with the counts
// that summarise it (heat map, bands, reviews due), the trend of the mean score, and CSV export.
import { REGISTER_CSV_COLUMNS, type Register, type RegisterQuery } from "@bulwark/contracts";
import { type Actor, dateAfter, type Language, riskPolicy, writeCsv } from "@bulwark/core";
import { listAssessments, type RegisterFilters, registerCounts, registerHistory } from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { assetsInWords, methodologyOf, summarise, todayOf } from "./assessments.service.ts";
import { methodologyFor } from "./content.service.ts";

type Query = z.output<typeof RegisterQuery>;

async function filtersOf(context: ServerContext, caller: Actor, query: Query, language: Language) {
  const own = await methodologyOf(context, caller.organisationId);
  const methodology = methodologyFor(own.methodology, language);
  const today = todayOf(context);
  const filters: RegisterFilters = {
    sector: query.sector,
    scenario: query.scenario,
    band: query.band,
    aboveAppetite: query.aboveAppetite === undefined ? undefined : query.aboveAppetite === "true",
    review: query.review,
    organisationId: query.organisationId,
    country: query.country,
    today,
    dueSoonUntil: dateAfter(today, methodology.review.dueSoonDays),
  };
  return { methodology, today, filters };
}

/** Mean current score after each change (versions in time order; same instant counted once). */
function trendOf(history: { assessmentId: string; score: number; createdAt: string }[]): Register["trend"] {
  const current = new Map<string, number>();
  const points: Register["trend"] = [];
  for (const version of history) {
    current.set(version.assessmentId, version.score);
    let sum = 0;
    for (const score of current.values()) sum += score;
    const point = {
      at: version.createdAt,
      meanScore: Math.round((sum / current.size) * 10) / 10,
      assessments: current.size,
    };
    if (points.at(-1)?.at === point.at) points[points.length - 1] = point;
    else points.push(point);
  }
  return points;
}

export async function riskRegister(
  context: ServerContext,
  caller: Actor,
  query: Query,
  language: Language = "en",
): Promise<Register> {
  const scope = riskPolicy.readScope(caller);
  const { methodology, today, filters } = await filtersOf(context, caller, query, language);
  const [page, counts, history] = await Promise.all([
    listAssessments(context.db, scope, filters, query),
    registerCounts(context.db, scope, filters),
    registerHistory(context.db, scope, filters),
  ]);
  const heatMap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const cell of counts.cells) {
    const row = heatMap[cell.consequence - 1];
    if (row) row[cell.exposure - 1] = (row[cell.exposure - 1] ?? 0) + cell.count;
  }
  const known = new Set(methodology.bands.map((band) => band.id));
  const bandCount = new Map(counts.bands.map((item) => [item.band, item.count]));
  return {
    items: await summarise(context, caller, page.items, today, language),
    total: page.total,
    heatMap,
    bands: [
      ...methodology.bands.map((band) => ({
        id: band.id,
        label: band.label,
        colour: band.colour,
        count: bandCount.get(band.id) ?? 0,
      })),
      // Bands of other organisations' methodologies, shown as they are named.
      ...counts.bands
        .filter((item) => !known.has(item.band))
        .map((item) => ({ id: item.band, label: item.band, colour: "#868e96", count: item.count })),
    ],
    reviews: { overdue: counts.overdue, dueSoon: counts.dueSoon },
    aboveAppetite: counts.aboveAppetite,
    trend: trendOf(history),
    methodology,
  };
}

/** Every matching assessment the caller may see, in the order asked (for the CSV and the PDF). */
export async function allRegisterItems(
  context: ServerContext,
  caller: Actor,
  query: Query,
  language: Language = "en",
) {
  const scope = riskPolicy.readScope(caller);
  const { today, filters } = await filtersOf(context, caller, query, language);
  const page = await listAssessments(context.db, scope, filters, {
    sort: query.sort,
    limit: 10_000,
    offset: 0,
  });
  return { today, items: await summarise(context, caller, page.items, today, language) };
}

export async function exportRegister(context: ServerContext, caller: Actor, query: Query) {
  const { today, items } = await allRegisterItems(context, caller, query);
  const rows = items.map((item) => [
    item.id,
    item.title,
    item.organisation.name,
    item.sector,
    assetsInWords(item),
    item.scenario.slug,
    item.ratings.likelihood,
    item.ratings.vulnerability,
    item.ratings.consequence,
    item.score,
    item.band.id,
    item.aboveAppetite ? "yes" : "no",
    item.residual.score,
    item.residual.band.id,
    item.reviewDate,
    item.reviewState,
    item.marking,
    item.version,
    item.updatedAt,
  ]);
  return {
    filename: `risk-register-${today}.csv`,
    columns: [...REGISTER_CSV_COLUMNS],
    csv: writeCsv(REGISTER_CSV_COLUMNS, rows),
  };
}
