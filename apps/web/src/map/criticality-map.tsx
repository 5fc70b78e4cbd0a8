// The criticality ranking on the map: a circle per ranked asset, its area in proportion to the
// assets its loss takes down, single points of failure in red; the rest of the registry in grey
// for bearings. A click tells the rank and offers the asset page and the what-if.
import type { OutputOf } from "@bulwark/contracts";
import { Anchor, Stack, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { AssetMap, type MapAsset, type MapPopup } from "./asset-map.tsx";
import { AssetPopup } from "./asset-popup.tsx";
import { type GeoAsset, useGeoAssets } from "./geo-assets.ts";
import { CRITICALITY_COLOURS, criticalityColour } from "./map-colours.ts";
import { type LegendEntry, MapLegend } from "./map-legend.tsx";

type Ranked = OutputOf<"criticality">["ranking"][number];

/** From 5 px for the least to 24 px for the most: area in proportion to the assets lost. */
function lossRadius(assets: number, most: number): number {
  return 5 + 19 * Math.sqrt(assets / Math.max(1, most));
}

export function CriticalityMap({ ranking, height = 560 }: { ranking: readonly Ranked[]; height?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const geo = useGeoAssets();
  const [selected, setSelected] = useState<{ asset: GeoAsset; rank: number; entry: Ranked } | null>(null);
  const all = geo.data;

  const { mapAssets, ranked, byRef } = useMemo(() => {
    const rankOf = new Map(ranking.map((entry, index) => [entry.ref, { entry, rank: index + 1 }]));
    const most = Math.max(1, ...ranking.map((entry) => entry.assets));
    // Colour by the share of ranked assets that cut off fewer people: an even spread of shades,
    // however skewed the numbers (one city's water plant can dwarf everything else).
    const people = ranking.map((entry) => entry.population).sort((a, b) => a - b);
    const share = (population: number) =>
      people.length > 1 ? people.findLastIndex((value) => value <= population) / (people.length - 1) : 1;
    const byRef = new Map((all ?? []).map((asset) => [asset.ref, asset]));
    const mapAssets = (all ?? []).map((asset): MapAsset => {
      const ranked = rankOf.get(asset.ref);
      if (!ranked)
        return {
          ref: asset.ref,
          name: asset.name,
          shape: asset.shape,
          colour: CRITICALITY_COLOURS.context,
          radius: 2.5,
          ringWidth: 0,
          opacity: 0.5,
          order: -1e9,
        };
      const { entry, rank } = ranked;
      return {
        ref: asset.ref,
        name: `${rank}. ${asset.name} · ${t("analysis.map.rankLine", {
          rank,
          assets: format.number(entry.assets),
          population: format.number(entry.population),
        })}`,
        shape: asset.shape,
        colour: entry.singlePointOfFailure
          ? criticalityColour(share(entry.population))
          : CRITICALITY_COLOURS.alone,
        radius: lossRadius(entry.assets, most),
        ring: entry.singlePointOfFailure ? CRITICALITY_COLOURS.spofRing : "#ffffff",
        ringWidth: 1.2,
        opacity: 0.85,
        // The smaller on top, so that a big circle hides none.
        order: -entry.assets,
      };
    });
    return { mapAssets, ranked: rankOf, byRef };
  }, [ranking, all, t, format]);

  const spof = ranking.filter((entry) => entry.singlePointOfFailure).length;
  const legend: LegendEntry[] = [
    {
      key: "spof",
      label: t("analysis.map.spof"),
      colour: CRITICALITY_COLOURS.middle,
      ring: CRITICALITY_COLOURS.spofRing,
      count: format.number(spof),
    },
    { key: "fewer", label: t("analysis.map.fewer"), colour: CRITICALITY_COLOURS.fewer },
    { key: "more", label: t("analysis.map.more"), colour: CRITICALITY_COLOURS.more },
    {
      key: "alone",
      label: t("analysis.map.ranked"),
      colour: CRITICALITY_COLOURS.alone,
      count: format.number(ranking.length - spof),
    },
    { key: "other", label: t("analysis.map.other"), colour: CRITICALITY_COLOURS.context },
  ];
  // Fit to the ranked assets: that is where the answer lies.
  const fitTo = useMemo(
    () =>
      ranking.flatMap((entry) => {
        const asset = byRef.get(entry.ref);
        return asset ? [asset.anchor] : [];
      }),
    [ranking, byRef],
  );

  const popup: MapPopup | null = selected
    ? {
        lngLat: selected.asset.anchor,
        content: (
          <AssetPopup asset={selected.asset} id={selected.entry.id}>
            <Text size="sm" fw={500}>
              {t("analysis.map.rankLine", {
                rank: selected.rank,
                assets: format.number(selected.entry.assets),
                population: format.number(selected.entry.population),
              })}
            </Text>
            <Anchor component={Link} to={`/analysis?attack=${selected.entry.id}`} size="sm">
              {t("assets.whatIf")}
            </Anchor>
          </AssetPopup>
        ),
      }
    : null;

  return (
    <Stack gap="xs">
      <ProblemAlert error={geo.error} />
      <AssetMap
        label={t("analysis.criticality")}
        height={height}
        assets={mapAssets}
        fitKey={all ? "criticality" : undefined}
        fitPadding={{ top: 50, right: 60, bottom: 50, left: 260 }}
        fitTo={fitTo}
        clickable
        popup={popup}
        onPopupClose={() => setSelected(null)}
        onClick={({ ref }) => {
          const asset = ref ? byRef.get(ref) : undefined;
          const rankedEntry = ref ? ranked.get(ref) : undefined;
          setSelected(asset && rankedEntry ? { asset, ...rankedEntry } : null);
        }}
      >
        <MapLegend entries={legend}>
          <Text size="xs" c="dimmed">
            {t("analysis.map.size")}
          </Text>
        </MapLegend>
      </AssetMap>
    </Stack>
  );
}
