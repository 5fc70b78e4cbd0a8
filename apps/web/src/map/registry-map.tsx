// The registry on the map: every asset the caller may see (the GeoJSON export), narrowed by the
// filters of the table, coloured by sector or by status; a click opens a popup with a link.
import { ASSET_STATUSES, type AssetStatus, type Sector } from "@bulwark/core";
import { Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { useAssetLabels } from "../assets/asset-vocabulary.ts";
import { AssetMap, type MapAsset, type MapPopup } from "./asset-map.tsx";
import { AssetPopup } from "./asset-popup.tsx";
import { type GeoAsset, useGeoAssets } from "./geo-assets.ts";
import { SECTOR_COLOURS, STATUS_HEX } from "./map-colours.ts";
import { type LegendEntry, MapLegend } from "./map-legend.tsx";

export interface RegistryFilters {
  q: string;
  sector: Sector | null;
  /** The operator's name, as the export gives it. */
  operator: string | null;
  status: AssetStatus | null;
}

function matches(asset: GeoAsset, filters: RegistryFilters): boolean {
  // The same rules as the table's query: text in the name or reference, the rest exact.
  const q = filters.q.toLowerCase();
  if (q && !asset.name.toLowerCase().includes(q) && !asset.ref.toLowerCase().includes(q)) return false;
  if (filters.sector && asset.sector !== filters.sector) return false;
  if (filters.operator && asset.operator !== filters.operator) return false;
  return !filters.status || asset.status === filters.status;
}

/** Circles by people served (area proportional), from 3.5 px to 10 px. */
export function populationRadius(population: number, largest: number): number {
  return 3.5 + 6.5 * Math.sqrt(Math.max(0, population) / Math.max(1, largest));
}

type ColourBy = "sector" | "status";

export function RegistryMap({ filters, height = 560 }: { filters: RegistryFilters; height?: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const assetLabels = useAssetLabels();
  const format = useFormat();
  const geo = useGeoAssets();
  const [colourBy, setColourBy] = useState<ColourBy>("sector");
  const [selected, setSelected] = useState<GeoAsset | null>(null);
  const all = geo.data;
  const shown = useMemo(() => (all ?? []).filter((asset) => matches(asset, filters)), [all, filters]);

  const mapAssets = useMemo((): MapAsset[] => {
    const largest = Math.max(1, ...shown.map((asset) => asset.population));
    return shown.map((asset) => ({
      ref: asset.ref,
      name: asset.name,
      shape: asset.shape,
      colour: colourBy === "sector" ? SECTOR_COLOURS[asset.sector] : STATUS_HEX[asset.status],
      radius: populationRadius(asset.population, largest),
      // Small on top of large, so that no asset hides under a big one.
      order: -asset.population,
    }));
  }, [shown, colourBy]);

  const legend = useMemo((): LegendEntry[] => {
    if (colourBy === "status")
      return ASSET_STATUSES.map((status) => ({
        key: status,
        label: assetLabels.status(status),
        colour: STATUS_HEX[status],
        count: format.number(shown.filter((asset) => asset.status === status).length),
      }));
    const counts = new Map<Sector, number>();
    for (const asset of shown) counts.set(asset.sector, (counts.get(asset.sector) ?? 0) + 1);
    return [...counts]
      .sort(([, a], [, b]) => b - a)
      .map(([sector, count]) => ({
        key: sector,
        label: labels.sector(sector),
        colour: SECTOR_COLOURS[sector],
        count: format.number(count),
      }));
  }, [shown, colourBy, labels, assetLabels, format]);

  const byRef = useMemo(() => new Map(shown.map((asset) => [asset.ref, asset])), [shown]);
  const popup: MapPopup | null = selected
    ? { lngLat: selected.anchor, content: <AssetPopup asset={selected} /> }
    : null;

  return (
    <Stack gap="xs">
      <ProblemAlert error={geo.error} />
      <AssetMap
        label={t("assets.map.label")}
        height={height}
        assets={mapAssets}
        loading={geo.isPending}
        fitKey={all ? "registry" : undefined}
        fitPadding={{ top: 40, right: 50, bottom: 40, left: 290 }}
        clickable
        popup={popup}
        onPopupClose={() => setSelected(null)}
        onClick={({ ref }) => setSelected(ref ? (byRef.get(ref) ?? null) : null)}
      >
        <MapLegend entries={legend} maxHeight={height - 80}>
          <Group gap={6} wrap="nowrap" mb={4}>
            <Text size="xs" fw={600}>
              {t("assets.map.colourBy")}
            </Text>
            <SegmentedControl
              size="xs"
              value={colourBy}
              onChange={(value) => setColourBy(value === "status" ? "status" : "sector")}
              data={[
                { value: "sector", label: t("assets.map.bySector") },
                { value: "status", label: t("assets.map.byStatus") },
              ]}
            />
          </Group>
        </MapLegend>
      </AssetMap>
      {all && (
        <Text size="xs" c="dimmed" aria-live="polite">
          {t("assets.map.shown", { shown: format.number(shown.length), total: format.number(all.length) })}
        </Text>
      )}
    </Stack>
  );
}
