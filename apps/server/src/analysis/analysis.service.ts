// Analysis over the registry: the engine runs on the part of the registry the caller may see
// (the whole of it for the national authority), built once into the compressed graph and cached
// until the registry or what the scope is made of changes (community memberships, organisations,
// roles): any process's change moves the registry or the policy version in the database, which
// each use compares, and a policy change also drops the cache in every process at once.
import type { CascadeReport, CascadeRequest } from "@bulwark/contracts";
import {
  type Actor,
  assetPolicy,
  assetsInPolygon,
  assetsWithin,
  buildGraph,
  type CascadeResult,
  type Criticality,
  cascade,
  cascadeTotals,
  criticality,
  type DependencyGraph,
  rankCriticality,
  type Scope,
  type Sector,
} from "@bulwark/core";
import { graphInput, policyVersion } from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { invalid } from "../errors.ts";
import { type Language, type Message, say } from "../i18n/messages.ts";
import { registryVersion } from "../registry/registry.service.ts";

export interface Analysed {
  /** The registry's and the policy's versions it was built at. */
  version: number;
  policy: number;
  graph: DependencyGraph;
  /** The graph's assets by index, as the reports name them. */
  assets: { id: string; ref: string; name: string; sector: Sector }[];
  criticality: Criticality | null;
}

const scopeKey = (scope: Scope) =>
  scope.kind === "marking" || scope.kind === "organisation"
    ? `${scope.kind}:${scope.organisationId}`
    : scope.kind;

export class AnalysisCache {
  private readonly entries = new Map<string, Analysed>();
  constructor(private readonly limit = 50) {}

  /** Forgets every graph (a policy input changed somewhere). */
  drop(): void {
    this.entries.clear();
  }

  async graphFor(context: ServerContext, actor: Actor): Promise<Analysed> {
    const scope = assetPolicy.readScope(actor);
    const key = scopeKey(scope);
    // Versions first, then the rows: rows newer than their versions only cause one rebuild more.
    const [version, policy] = await Promise.all([registryVersion(context.db), policyVersion(context.db)]);
    const cached = this.entries.get(key);
    if (cached && cached.version === version && cached.policy === policy) return cached;
    const input = await graphInput(context.db, scope);
    const built = buildGraph(input.assets, input.dependencies);
    if (!built.graph) {
      const byId = new Map(input.assets.map((asset) => [asset.id, asset]));
      const errors = built.issues.slice(0, 20).map((issue) => {
        const row = issue.list === "dependencies" ? input.dependencies[issue.index] : undefined;
        const asset = byId.get(row?.dependent ?? input.assets[issue.index]?.id ?? "");
        const what = (language: Language) => say(language, issue.sentence);
        const message: Message = row
          ? { key: "registry.rowIssue", values: { ref: asset?.ref ?? "?", service: row.service, what } }
          : { key: "registry.assetIssue", values: { ref: asset?.ref ?? "?", what } };
        return { path: issue.field, message };
      });
      throw invalid({ key: "detail.analysis.fixFirst" }, errors);
    }
    const entry: Analysed = {
      version,
      policy,
      graph: built.graph,
      assets: input.assets.map(({ id, ref, name, sector }) => ({ id, ref, name, sector })),
      criticality: null,
    };
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, entry);
    return entry;
  }
}

function assetRef(entry: Analysed, index: number) {
  const asset = entry.assets[index];
  if (!asset) throw new Error(`analysis: no asset at index ${index}`);
  return asset;
}

export async function runCascade(
  context: ServerContext,
  cache: AnalysisCache,
  actor: Actor,
  request: z.output<typeof CascadeRequest>,
): Promise<CascadeReport> {
  const entry = await cache.graphFor(context, actor);
  const { graph } = entry;
  const attacked = new Set<number>();
  const unknown: string[] = [];
  for (const id of request.assetIds ?? []) {
    const index = graph.indexOf.get(id);
    if (index === undefined) unknown.push(id);
    else attacked.add(index);
  }
  if (unknown.length > 0)
    throw invalid({ key: "analysis.unknownAssets", values: { ids: unknown.join(", ") } }, [
      { path: "body.assetIds", message: "Unknown or not visible." },
    ]);
  if (request.circle)
    for (const index of assetsWithin(graph, request.circle.lat, request.circle.lon, request.circle.radiusKm))
      attacked.add(index);
  if (request.polygon) for (const index of assetsInPolygon(graph, request.polygon)) attacked.add(index);
  return cascadeReport(entry, cascade(graph, attacked));
}

/** A cascade's result as the API reports it (shared by /api/analysis/cascade and incidents). */
export function cascadeReport(entry: Analysed, result: CascadeResult): CascadeReport {
  const { graph } = entry;
  const totals = cascadeTotals(graph, result);
  return {
    failed: [...result.order].map((index, i) => {
      const cause = result.cause[i] ?? -1;
      return {
        ...assetRef(entry, index),
        hours: result.hours[i] ?? 0,
        causeId: cause >= 0 ? (graph.ids[cause] ?? null) : null,
        populationServed: graph.population[index] ?? 0,
      };
    }),
    totals,
    scope: { assets: graph.size, dependencies: graph.edgeCount },
  };
}

export async function runCriticality(
  context: ServerContext,
  cache: AnalysisCache,
  actor: Actor,
  top: number,
) {
  const entry = await cache.graphFor(context, actor);
  entry.criticality ??= criticality(entry.graph);
  const result = entry.criticality;
  return {
    ranking: rankCriticality(entry.graph, result, top).map((ranked) => {
      const index = entry.graph.indexOf.get(ranked.id) ?? 0;
      return {
        ...assetRef(entry, index),
        assets: ranked.assets,
        population: ranked.population,
        singlePointOfFailure: ranked.assets > 1,
      };
    }),
    method: result.method,
    scope: { assets: entry.graph.size, dependencies: entry.graph.edgeCount },
  };
}
