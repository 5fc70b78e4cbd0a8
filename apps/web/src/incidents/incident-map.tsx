// The incident on the map: the assets reported down (and degraded), the failures the cascade
// projects within the horizon chosen, a line from each lost supplier to the asset its loss takes
// down, and the reader's other assets faded. Only assets the reader may see are drawn: the
// registry's export and the projection are both scoped to them. The map draws offline (no tiles).
import type { Incident, IncidentProjection } from "@bulwark/contracts";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../app/format.ts";
import { AssetMap, type MapAsset, type MapOverlay } from "../map/asset-map.tsx";
import { useGeoAssets } from "../map/geo-assets.ts";
import type { LonLat } from "../map/geometry.ts";
import { CASCADE_COLOURS } from "../map/map-colours.ts";
import { type LegendEntry, MapLegend } from "../map/map-legend.tsx";

const DEGRADED = { colour: "#ffa94d", ring: "#d9480f" } as const;

export function IncidentMap({
  incident,
  projection,
}: {
  incident: Incident;
  projection: IncidentProjection;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const geo = useGeoAssets();
  const view = useMemo(() => {
    const byRef = new Map((geo.data ?? []).map((asset) => [asset.ref, asset]));
    const reported = new Map(incident.assets.map((asset) => [asset.ref, asset.status]));
    const projected = new Map(
      projection.failed.filter((asset) => asset.causeId !== null).map((asset) => [asset.ref, asset]),
    );
    const byId = new Map(projection.failed.map((asset) => [asset.id, asset]));
    const counts = { down: 0, degraded: 0, projected: 0 };
    const links: MapOverlay[] = [];
    const fitTo: LonLat[] = [];
    const mapAssets = (geo.data ?? []).map((asset): MapAsset => {
      const base = { ref: asset.ref, shape: asset.shape };
      const status = reported.get(asset.ref);
      if (status === "down") {
        counts.down++;
        fitTo.push(asset.anchor);
        return {
          ...base,
          name: `${asset.name} · ${t("incidents.map.down")}`,
          colour: CASCADE_COLOURS.attacked,
          ring: CASCADE_COLOURS.attackedRing,
          ringWidth: 2.5,
          radius: 7,
          order: 3,
        };
      }
      const fate = projected.get(asset.ref);
      if (fate) {
        counts.projected++;
        fitTo.push(asset.anchor);
        const cause = fate.causeId ? byId.get(fate.causeId) : undefined;
        const from = cause ? byRef.get(cause.ref) : undefined;
        if (from)
          links.push({ role: "link", line: [from.anchor, asset.anchor], colour: CASCADE_COLOURS.cause });
        return {
          ...base,
          name: `${asset.name} · ${t("incidents.map.failsAfter", { hours: format.number(fate.hours) })}`,
          colour: CASCADE_COLOURS.failed,
          radius: 5.5,
          order: 2,
        };
      }
      if (status === "degraded") {
        counts.degraded++;
        fitTo.push(asset.anchor);
        return {
          ...base,
          name: `${asset.name} · ${t("incidents.map.degraded")}`,
          colour: DEGRADED.colour,
          ring: DEGRADED.ring,
          ringWidth: 1.5,
          radius: 5.5,
          order: 1,
        };
      }
      return {
        ...base,
        name: asset.name,
        colour: CASCADE_COLOURS.unaffected,
        radius: 3,
        ringWidth: 0,
        opacity: 0.45,
        order: 0,
      };
    });
    const legend: LegendEntry[] = [
      {
        key: "down",
        label: t("incidents.map.down"),
        colour: CASCADE_COLOURS.attacked,
        ring: CASCADE_COLOURS.attackedRing,
        count: format.number(counts.down),
      },
      {
        key: "degraded",
        label: t("incidents.map.degraded"),
        colour: DEGRADED.colour,
        ring: DEGRADED.ring,
        count: format.number(counts.degraded),
      },
      {
        key: "projected",
        label: t("incidents.map.projected", { hours: format.number(projection.hours) }),
        colour: CASCADE_COLOURS.failed,
        count: format.number(counts.projected),
      },
      { key: "link", label: t("incidents.map.cause"), colour: CASCADE_COLOURS.cause, line: true },
      { key: "other", label: t("incidents.map.other"), colour: CASCADE_COLOURS.unaffected },
    ];
    return { mapAssets, links, fitTo, legend };
  }, [geo.data, incident.assets, projection, t, format]);

  return (
    <AssetMap
      label={t("incidents.map.label")}
      height={420}
      assets={view.mapAssets}
      overlay={view.links}
      loading={geo.isPending}
      fitKey={`${incident.id}-${projection.hours}-${view.fitTo.length}`}
      {...(view.fitTo.length > 0 ? { fitTo: view.fitTo } : {})}
      fitPadding={{ top: 40, right: 60, bottom: 40, left: 230 }}
    >
      <MapLegend entries={view.legend} />
    </AssetMap>
  );
}
