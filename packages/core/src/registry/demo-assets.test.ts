// The demo country's assets (content/demo, written by scripts/build-demo-assets.ts) read, build
// and analyse cleanly: the files a newcomer sees first must never be broken.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildGraph, cascade, criticality, type DependencyGraph } from "../graph/index.ts";
import { SECTORS } from "../vocabulary.ts";
import { readAssetsCsv, readDependenciesCsv } from "./csv.ts";

const demo = (name: string) =>
  readFileSync(new URL(`../../../../content/demo/${name}`, import.meta.url), "utf8");

const assets = readAssetsCsv(demo("assets.csv"));
const dependencies = readDependenciesCsv(demo("dependencies.csv"));

function graphOf(): DependencyGraph {
  if (!assets.rows || !dependencies.rows) throw new Error("the demo CSV files do not read");
  const built = buildGraph(
    assets.rows.map((row) => row.value),
    dependencies.rows.map((row) => row.value),
  );
  if (!built.graph) throw new Error(`the demo graph does not build: ${JSON.stringify(built.issues)}`);
  return built.graph;
}

describe("demo assets of the Republic of Meridia", () => {
  it("reads both CSV files without problems", () => {
    expect(assets.problems).toEqual([]);
    expect(dependencies.problems).toEqual([]);
  });

  it("builds a dependency graph with no issues", () => {
    const rows = assets.rows ?? [];
    const built = buildGraph(
      rows.map((row) => row.value),
      (dependencies.rows ?? []).map((row) => row.value),
    );
    expect(built.issues).toEqual([]);
  });

  it("holds about 2,000 assets, all in known sectors", () => {
    const rows = assets.rows ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(1800);
    expect(rows.length).toBeLessThanOrEqual(2200);
    const sectors: readonly string[] = SECTORS;
    for (const row of rows) expect(sectors).toContain(row.value.sector);
  });

  it("names only operators of content/demo/country.json", () => {
    const country: unknown = JSON.parse(demo("country.json"));
    const operators = new Set<string>();
    if (typeof country === "object" && country !== null && "organisations" in country) {
      const list: unknown = country.organisations;
      if (Array.isArray(list))
        for (const o of list)
          if (
            typeof o === "object" &&
            o !== null &&
            "name" in o &&
            "kind" in o &&
            typeof o.name === "string" &&
            (o.kind === "public-operator" || o.kind === "private-operator")
          )
            operators.add(o.name);
    }
    expect(operators.size).toBeGreaterThan(0);
    const named = new Set((assets.rows ?? []).flatMap((row) => row.value.operator ?? []));
    expect(named.size).toBeGreaterThan(10);
    for (const name of named) expect(operators, name).toContain(name);
  });

  it("cascades from the largest generation plant", () => {
    const graph = graphOf();
    const plants = (assets.rows ?? []).filter((row) => row.value.subsector === "generation");
    expect(plants.length).toBeGreaterThan(0);
    const largest = plants.reduce((a, b) => ((b.value.capacity ?? 0) > (a.value.capacity ?? 0) ? b : a));
    const index = graph.indexOf.get(largest.value.id);
    expect(index).toBeDefined();
    const result = cascade(graph, [index ?? -1]);
    expect(result.order.length).toBeGreaterThan(1);
  });

  it("has single points of failure", () => {
    const graph = graphOf();
    const result = criticality(graph);
    expect(result.assets.length).toBe(graph.size);
    const spof = result.assets.filter((count) => count > 1).length;
    expect(spof).toBeGreaterThanOrEqual(20);
  });
});
