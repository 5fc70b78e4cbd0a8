// An asset's dependency neighbourhood drawn with sigma.js (WebGL): what it depends on to one side,
// what depends on it to the other, one column per hop. A layered layout rather than a force layout:
// the same graph always lands in the same place, and the side says which way supply flows. The
// asset page loads this file lazily, so sigma and graphology weigh only on those who open an asset.
import type { Asset, AssetNeighbourhood, NeighbourhoodNode } from "@bulwark/contracts";
import type { Sector } from "@bulwark/core";
import {
  Alert,
  ColorSwatch,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Graph from "graphology";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import Sigma, { DEFAULT_STYLES } from "sigma";
import { extremityArrow, layerPlain, pathCurved, pathLine } from "sigma/rendering";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { useAssetLabels } from "./asset-vocabulary.ts";

/** One colour per sector, families kept close (energy warm, water blue, transport violet...). */
export const SECTOR_COLOURS: Record<Sector, string> = {
  "energy-electricity": "#f08c00",
  "energy-oil": "#8d5524",
  "energy-gas": "#fd7e14",
  "energy-hydrogen": "#e0b000",
  "district-heating": "#e8590c",
  nuclear: "#ae3ec9",
  dams: "#364fc7",
  "water-drinking": "#1c7ed6",
  "water-waste": "#0c8599",
  "food-agriculture": "#5c940d",
  health: "#e03131",
  chemical: "#9c36b5",
  "transport-air": "#7048e8",
  "transport-rail": "#5f3dc4",
  "transport-water": "#4263eb",
  "transport-road": "#845ef7",
  "transport-public": "#9775fa",
  "digital-infrastructure": "#099268",
  telecommunications: "#20c997",
  space: "#343a40",
  banking: "#2b8a3e",
  "financial-market-infrastructure": "#74b816",
  "government-services": "#495057",
  "emergency-services": "#c2255c",
  "defence-industrial-base": "#5c6b2e",
  "critical-manufacturing": "#868e96",
  "commercial-facilities": "#e64980",
  "public-administration": "#1098ad",
};

type LabelSide = "left" | "right" | "below";
interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  labelPosition: LabelSide;
}
interface EdgeAttributes {
  label: string;
}

/**
 * Columns by signed hops (suppliers negative, mirrored when `flip` is -1), each sorted by sector then
 * name so that a sector's assets sit together; spaced so a tall column does not squeeze the picture.
 */
function layered(nodes: readonly NeighbourhoodNode[], flip: 1 | -1): Map<string, NodeAttributes> {
  const columns = new Map<number, NeighbourhoodNode[]>();
  for (const node of nodes) {
    const column = node.direction === "supplier" ? -node.depth : node.depth;
    const members = columns.get(column) ?? [];
    members.push(node);
    columns.set(column, members);
  }
  const tallest = Math.max(1, ...[...columns.values()].map((members) => members.length));
  const keys = [...columns.keys()];
  const span = Math.max(1, Math.max(...keys) - Math.min(...keys));
  const gap = Math.max(1.6, tallest / span);
  const size = Math.max(3, Math.min(8, 200 / tallest));
  const placed = new Map<string, NodeAttributes>();
  for (const [column, members] of columns) {
    members.sort(
      (a, b) => a.sector.localeCompare(b.sector) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    members.forEach((node, index) => {
      const x = flip * column * gap;
      placed.set(node.id, {
        x,
        y: (members.length - 1) / 2 - index,
        size: column === 0 ? 12 : size,
        color: SECTOR_COLOURS[node.sector],
        label: node.name,
        labelPosition: x < 0 ? "left" : x > 0 ? "right" : "below",
      });
    });
  }
  return placed;
}

/** Tall enough for the tallest column, within reason: a short chain needs no half-empty canvas. */
function heightFor(nodes: readonly NeighbourhoodNode[]): number {
  const columns = new Map<string, number>();
  for (const node of nodes) {
    const key = `${node.direction}:${node.depth}`;
    columns.set(key, (columns.get(key) ?? 0) + 1);
  }
  return Math.min(560, Math.max(240, 56 * Math.max(0, ...columns.values())));
}

function webglAvailable(): boolean {
  try {
    const context = document.createElement("canvas").getContext("webgl2");
    context?.getExtension("WEBGL_lose_context")?.loseContext();
    return context !== null;
  } catch {
    return false;
  }
}

type Hovered = { node: string } | { edge: string } | null;

function NeighbourhoodCanvas({ asset, data }: { asset: Asset; data: AssetNeighbourhood }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const assetLabels = useAssetLabels();
  const format = useFormat();
  const navigate = useNavigate();
  // sigma's click handler outlives renders: it reads the latest navigate through this ref.
  const follow = useRef(navigate);
  useEffect(() => {
    follow.current = navigate;
  }, [navigate]);
  const container = useRef<HTMLDivElement>(null);
  const markers = useRef(new Map<string, HTMLAnchorElement>());
  const [drawn, setDrawn] = useState<{ nodes: number; edges: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [hovered, setHovered] = useState<Hovered>(null);
  const flip = i18n.dir() === "rtl" ? -1 : 1;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    setDrawn(null);
    const graph = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: true });
    for (const [id, attributes] of layered(data.nodes, flip)) graph.addNode(id, attributes);
    for (const edge of data.edges)
      graph.addDirectedEdgeWithKey(edge.id, edge.supplierId, edge.dependentId, { label: edge.service });
    let renderer: Sigma<NodeAttributes, EdgeAttributes>;
    try {
      renderer = new Sigma(graph, element, {
        primitives: {
          edges: {
            paths: [pathLine(), pathCurved()],
            extremities: [extremityArrow()],
            layers: [layerPlain()],
          },
        },
        styles: {
          nodes: [
            DEFAULT_STYLES.nodes,
            {
              labelSize: 12,
              labelColor: "#1a1b1e",
              labelPosition: { attribute: "labelPosition", defaultValue: "right" },
              cursor: "pointer",
            },
          ],
          edges: [
            DEFAULT_STYLES.edges,
            {
              head: "arrow",
              parallelPath: "curved",
              labelSize: 11,
              // The link under the pointer stands out and always shows its service.
              size: (_attributes, state) => (state.isHovered ? 3 : 1.5),
              color: (_attributes, state) => (state.isHovered ? "#1c58c7" : "#adb5bd"),
              labelVisibility: (_attributes, state) => (state.isHovered ? "visible" : "auto"),
            },
          ],
        },
        settings: {
          renderEdgeLabels: data.edges.length <= 30,
          enableEdgeEvents: true,
          // Sizes in pixels, and the framing leaves room for the labels at the sides.
          itemSizesReference: "screen",
          autoRescaleContent: "labels",
          stagePadding: 24,
        },
      });
    } catch {
      setFailed(true);
      return;
    }
    renderer.on("clickNode", ({ node }) => {
      if (node !== asset.id) void follow.current(`/assets/${node}`);
    });
    renderer.on("enterNode", ({ node }) => setHovered({ node }));
    renderer.on("enterEdge", ({ edge }) => setHovered({ edge }));
    renderer.on("leaveNode", () => setHovered(null));
    renderer.on("leaveEdge", () => setHovered(null));
    // Keep each node's link (for the keyboard and assistive technology) over the node it stands for.
    renderer.on("afterRender", () => {
      for (const [id, marker] of markers.current) {
        if (!graph.hasNode(id)) continue;
        const at = renderer.graphToViewport(graph.getNodeAttributes(id));
        marker.style.transform = `translate(${at.x}px, ${at.y}px)`;
      }
      setDrawn((shown) =>
        shown?.nodes === graph.order && shown.edges === graph.size
          ? shown
          : { nodes: graph.order, edges: graph.size },
      );
    });
    return () => renderer.kill();
  }, [data, flip, asset.id]);

  const nodes = new Map(data.nodes.map((node) => [node.id, node]));
  const describe = (): string => {
    if (hovered && "node" in hovered) {
      const node = nodes.get(hovered.node);
      return node
        ? t("assets.graph.node", {
            name: node.name,
            sector: labels.sector(node.sector),
            status: assetLabels.status(node.status),
            marking: t(`markings.${node.marking}`),
          })
        : "";
    }
    if (hovered && "edge" in hovered) {
      const edge = data.edges.find((item) => item.id === hovered.edge);
      return edge
        ? t("assets.graph.edge", {
            dependent: nodes.get(edge.dependentId)?.name ?? "",
            supplier: nodes.get(edge.supplierId)?.name ?? "",
            service: edge.service,
            k: format.number(edge.k),
            hours: format.number(edge.bufferHours),
            kind: assetLabels.dependencyKind(edge.kind),
          })
        : "";
    }
    return t("assets.graph.hint");
  };

  if (failed)
    return (
      <Alert color="yellow" data-testid="asset-graph-unavailable">
        {t("assets.graph.noWebgl")}
      </Alert>
    );
  const sides = [t("assets.suppliers"), t("assets.dependents")];
  if (flip === -1) sides.reverse();
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        {sides.map((side) => (
          <Text key={side} size="xs" c="dimmed" fw={600}>
            {side}
          </Text>
        ))}
      </Group>
      <figure
        data-testid="asset-graph"
        data-rendered={drawn ? "true" : "false"}
        data-node-count={drawn?.nodes}
        data-edge-count={drawn?.edges}
        aria-label={t("assets.graph.summary", {
          name: asset.name,
          nodes: format.number(data.nodes.length),
          edges: format.number(data.edges.length),
        })}
        style={{ position: "relative", height: heightFor(data.nodes), overflow: "hidden", margin: 0 }}
      >
        <div ref={container} style={{ position: "absolute", inset: 0 }} />
        <div style={{ position: "absolute", inset: 0, pointerEvents: "none" }}>
          {data.nodes
            .filter((node) => node.id !== asset.id)
            .map((node) => (
              <Link
                key={node.id}
                to={`/assets/${node.id}`}
                aria-label={node.name}
                ref={(marker) => {
                  if (marker) markers.current.set(node.id, marker);
                  else markers.current.delete(node.id);
                }}
                style={{
                  position: "absolute",
                  left: -8,
                  top: -8,
                  width: 16,
                  height: 16,
                  borderRadius: "50%",
                }}
              />
            ))}
        </div>
      </figure>
      <Text size="sm" c={hovered ? undefined : "dimmed"} aria-live="polite" mih="1.5em">
        {describe()}
      </Text>
    </Stack>
  );
}

export function AssetGraph({ asset }: { asset: Asset }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [depth, setDepth] = useState("2");
  const [webgl] = useState(webglAvailable);
  // Under the dependency lists' key, so adding or removing a dependency redraws the graph too.
  const neighbourhood = useQuery({
    queryKey: ["assets", "dependencies", asset.id, "neighbourhood", depth],
    queryFn: () =>
      client.call("assetNeighbourhood", { params: { id: asset.id }, query: { depth: Number(depth) } }),
    placeholderData: keepPreviousData,
  });
  const data = neighbourhood.data;
  const sectors = [...new Set(data?.nodes.map((node) => node.sector) ?? [])].sort((a, b) =>
    labels.sector(a).localeCompare(labels.sector(b)),
  );

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h5">
          {t("assets.graph.title")}
        </Title>
        {webgl && (
          <Group gap="xs">
            <Text size="sm" c="dimmed" id="asset-graph-depth">
              {t("assets.graph.depth")}
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby="asset-graph-depth"
              value={depth}
              onChange={setDepth}
              data={["1", "2", "3"]}
            />
          </Group>
        )}
      </Group>
      {!webgl ? (
        <Alert color="yellow" data-testid="asset-graph-unavailable">
          {t("assets.graph.noWebgl")}
        </Alert>
      ) : neighbourhood.error ? (
        <ProblemAlert error={neighbourhood.error} />
      ) : !data ? (
        <Skeleton height={240} role="status" aria-label={t("assets.graph.loading")} />
      ) : (
        <Stack gap="sm">
          {data.truncated && (
            <Alert color="blue" p="xs">
              {t("assets.graph.truncated", { count: data.nodes.length })}
            </Alert>
          )}
          <NeighbourhoodCanvas asset={asset} data={data} />
          {data.nodes.length === 1 && (
            <Text size="sm" c="dimmed">
              {t("assets.graph.alone")}
            </Text>
          )}
          <Group gap="md" aria-label={t("assets.graph.sectors")} role="list">
            {sectors.map((sector) => (
              <Group key={sector} gap={6} role="listitem">
                <ColorSwatch color={SECTOR_COLOURS[sector]} size={12} withShadow={false} />
                <Text size="xs">{labels.sector(sector)}</Text>
              </Group>
            ))}
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
