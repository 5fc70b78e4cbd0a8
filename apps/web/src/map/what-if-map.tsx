// The what-if on the map. Before a run it shows the target: assets clicked into the attack, or an
// area drawn (a circle: click the centre, click again for the radius, drag its handles; a polygon:
// click corners, double-click or Finish to close, drag corners), with the assets it would hit.
// After a run it shows the cascade at the hour chosen on the timeline: attacked, failed by then,
// failing later, and a line from each lost supplier to the asset its loss took down.
import type { CascadeReport } from "@bulwark/contracts";
import type { Sector } from "@bulwark/core";
import type { TFunction } from "i18next";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../app/format.ts";
import { useLabels } from "../app/vocabulary.ts";
import { AssetMap, type MapAsset, type MapClick, type MapOverlay } from "./asset-map.tsx";
import type { GeoAsset } from "./geo-assets.ts";
import { type Area, circleRing, destination, distanceBetween, inArea, type LonLat } from "./geometry.ts";
import { CASCADE_COLOURS, SECTOR_COLOURS } from "./map-colours.ts";
import { type LegendEntry, MapLegend } from "./map-legend.tsx";

export type WhatIfTarget =
  | { mode: "assets"; refs: ReadonlySet<string>; onToggle: (ref: string) => void }
  | {
      mode: "circle";
      centre: LonLat | null;
      radiusKm: number | null;
      onChange: (centre: LonLat, radiusKm: number | null) => void;
    }
  | {
      mode: "polygon";
      corners: readonly LonLat[];
      closed: boolean;
      onChange: (corners: LonLat[], closed: boolean) => void;
    };

export interface ShownCascade {
  report: CascadeReport;
  /** The hour shown: what fails by then is down, the rest is still to come. */
  hours: number;
}

/** The assets an area holds (by the engine's rules), or those clicked. */
export function targetRefs(geo: readonly GeoAsset[], target: WhatIfTarget): Set<string> {
  if (target.mode === "assets") return new Set(target.refs);
  const area = areaOf(target);
  if (!area) return new Set();
  return new Set(geo.filter((asset) => inArea(area, asset.anchor)).map((asset) => asset.ref));
}

function areaOf(target: WhatIfTarget): Area | null {
  if (target.mode === "circle")
    return target.centre && target.radiusKm && target.radiusKm > 0
      ? { kind: "circle", centre: target.centre, radiusKm: target.radiusKm }
      : null;
  if (target.mode === "polygon" && target.closed && target.corners.length >= 3)
    return { kind: "polygon", ring: [...target.corners, target.corners[0] ?? [0, 0]] };
  return null;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const roundPoint = ([lon, lat]: LonLat): LonLat => [round(lon, 6), round(lat, 6)];
/** Radii below 10 m make no sense for an attack; above that, to the nearest 10 m. */
const roundRadius = (km: number) => Math.max(0.01, round(km, 2));

function samePoint(a: LonLat | undefined, b: LonLat): boolean {
  return a !== undefined && Math.abs(a[0] - b[0]) < 1e-7 && Math.abs(a[1] - b[1]) < 1e-7;
}

interface Props {
  geo: readonly GeoAsset[];
  target: WhatIfTarget;
  targets: ReadonlySet<string>;
  cascade: ShownCascade | null;
  /** Counts the runs: the view fits each new cascade once, and otherwise stays where the user left it. */
  run: number;
  height?: number;
}

export function WhatIfMap({ geo, target, targets, cascade, run, height = 520 }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  // Drafts: what the pointer is doing right now, committed to the form on click or drop.
  const [circleDraft, setCircleDraft] = useState<{ centre: LonLat; radiusKm: number } | null>(null);
  const [cornerDraft, setCornerDraft] = useState<LonLat[] | null>(null);
  const [pointer, setPointer] = useState<LonLat | null>(null);
  const byRef = useMemo(() => new Map(geo.map((asset) => [asset.ref, asset])), [geo]);

  const { mapAssets, legend, fitTo, links } = useMemo(() => {
    if (cascade) return cascadeView(geo, cascade, byRef, t, format);
    const mapAssets = geo.map((asset): MapAsset => {
      const hit = targets.has(asset.ref);
      return {
        ref: asset.ref,
        name: asset.name,
        shape: asset.shape,
        colour: hit ? CASCADE_COLOURS.attacked : SECTOR_COLOURS[asset.sector],
        radius: hit ? 6.5 : 4,
        ring: hit ? CASCADE_COLOURS.attackedRing : undefined,
        ringWidth: hit ? 2.5 : undefined,
        opacity: hit ? 1 : 0.8,
        order: hit ? 1 : 0,
      };
    });
    // The other assets in their sector's colour, as on the registry's map: the most numerous first.
    const sectors = new Map<Sector, number>();
    for (const asset of geo)
      if (!targets.has(asset.ref)) sectors.set(asset.sector, (sectors.get(asset.sector) ?? 0) + 1);
    const legend: LegendEntry[] = [
      {
        key: "target",
        label: t("analysis.map.target"),
        colour: CASCADE_COLOURS.attacked,
        ring: CASCADE_COLOURS.attackedRing,
        count: format.number(targets.size),
      },
      ...[...sectors]
        .sort(([, a], [, b]) => b - a)
        .map(([sector, count]) => ({
          key: `sector-${sector}`,
          label: labels.sector(sector),
          colour: SECTOR_COLOURS[sector],
          count: format.number(count),
        })),
    ];
    return { mapAssets, legend, fitTo: undefined, links: [] };
  }, [geo, targets, cascade, byRef, t, format, labels]);

  // What the user draws, drafts first.
  const drawn = useMemo((): MapOverlay[] => {
    if (target.mode === "circle") {
      const centre = circleDraft?.centre ?? target.centre;
      const radiusKm = circleDraft?.radiusKm ?? target.radiusKm;
      if (!centre) return [];
      const items: MapOverlay[] = [{ role: "handle", id: "centre", point: centre }];
      if (radiusKm && radiusKm > 0) {
        const edge = destination(centre, radiusKm, 90);
        items.unshift({ role: "area", ring: circleRing(centre, radiusKm) });
        items.push({ role: "sketch", line: [centre, edge] }, { role: "handle", id: "edge", point: edge });
      }
      return items;
    }
    if (target.mode === "polygon") {
      const corners = cornerDraft ?? [...target.corners];
      const items: MapOverlay[] = [];
      const first = corners[0];
      if (target.closed && first && corners.length >= 3)
        items.push({ role: "area", ring: [...corners, first] });
      else if (corners.length > 0)
        items.push({ role: "sketch", line: pointer ? [...corners, pointer] : corners });
      corners.forEach((point, index) => {
        items.push({ role: "vertex", id: `corner-${index}`, point });
      });
      return items;
    }
    return [];
  }, [target, circleDraft, cornerDraft, pointer]);
  const overlay = useMemo(
    (): MapOverlay[] => [
      ...links.map((line): MapOverlay => ({ role: "link", line, colour: CASCADE_COLOURS.cause })),
      ...drawn,
    ],
    [links, drawn],
  );

  const onClick = ({ lngLat, ref, handle }: MapClick) => {
    if (target.mode === "assets") {
      if (ref) target.onToggle(ref);
      return;
    }
    const at = roundPoint(lngLat);
    if (target.mode === "circle") {
      // A click on a handle is a drag that did not move: not a new centre.
      if (handle && !circleDraft) return;
      if (circleDraft) {
        // The radius follows the pointer, wherever it is: no pull towards assets.
        target.onChange(circleDraft.centre, roundRadius(distanceBetween(circleDraft.centre, lngLat)));
        setCircleDraft(null);
      } else {
        // A centre clicked on an asset is the asset itself: "around this substation".
        const asset = ref ? byRef.get(ref) : undefined;
        setCircleDraft({ centre: asset ? roundPoint(asset.anchor) : at, radiusKm: 0 });
      }
      return;
    }
    const corners = [...target.corners];
    if (target.closed) {
      target.onChange([at], false);
      return;
    }
    if (handle === "corner-0" && corners.length >= 3) {
      target.onChange(corners, true);
      return;
    }
    if (!samePoint(corners.at(-1), at)) target.onChange([...corners, at], false);
  };

  const onPointerMove = (lngLat: LonLat) => {
    if (target.mode === "circle" && circleDraft)
      setCircleDraft({ centre: circleDraft.centre, radiusKm: distanceBetween(circleDraft.centre, lngLat) });
    if (target.mode === "polygon" && !target.closed && target.corners.length > 0) setPointer(lngLat);
  };

  const moved = (handle: string, lngLat: LonLat): { circle?: [LonLat, number]; corners?: LonLat[] } => {
    const at = roundPoint(lngLat);
    if (target.mode === "circle" && target.centre && target.radiusKm) {
      if (handle === "centre") return { circle: [at, target.radiusKm] };
      return { circle: [target.centre, roundRadius(distanceBetween(target.centre, at))] };
    }
    if (target.mode === "polygon") {
      const index = Number(handle.replace("corner-", ""));
      return { corners: target.corners.map((corner, i) => (i === index ? at : corner)) };
    }
    return {};
  };

  return (
    <AssetMap
      label={t("analysis.map.label")}
      height={height}
      assets={mapAssets}
      overlay={overlay}
      fitKey={`run-${run}`}
      // Room for the legend, a block at the left (the target and the sectors, or the cascade's states).
      fitPadding={{ top: 40, right: 60, bottom: 40, left: 210 }}
      fitTo={fitTo}
      drawing={target.mode !== "assets"}
      clickable={target.mode === "assets"}
      onClick={onClick}
      onDoubleClick={() => {
        if (target.mode === "polygon" && !target.closed && target.corners.length >= 3) {
          target.onChange([...target.corners], true);
          setPointer(null);
        }
      }}
      onPointerMove={onPointerMove}
      onHandleDrag={(handle, lngLat) => {
        const next = moved(handle, lngLat);
        if (next.circle) setCircleDraft({ centre: next.circle[0], radiusKm: next.circle[1] });
        if (next.corners) setCornerDraft(next.corners);
      }}
      onHandleDrop={(handle, lngLat) => {
        const next = moved(handle, lngLat);
        if (next.circle && target.mode === "circle") target.onChange(...next.circle);
        if (next.corners && target.mode === "polygon") target.onChange(next.corners, target.closed);
        setCircleDraft(null);
        setCornerDraft(null);
      }}
    >
      <MapLegend entries={legend} maxHeight={height - 80} />
    </AssetMap>
  );
}

// i18next's own type: derived from useTranslation's return, it grew too deep for TypeScript
// (TS2589) once the messages passed about 730 keys.
type Translate = TFunction;
type Format = ReturnType<typeof useFormat>;

/** The cascade at an hour: colours per state, and links from each lost supplier to its dependent. */
function cascadeView(
  geo: readonly GeoAsset[],
  { report, hours }: ShownCascade,
  byRef: ReadonlyMap<string, GeoAsset>,
  t: Translate,
  format: Format,
) {
  const failed = new Map(report.failed.map((asset) => [asset.ref, asset]));
  const refOf = new Map(report.failed.map((asset) => [asset.id, asset]));
  const counts = { attacked: 0, failed: 0, later: 0 };
  const links: LonLat[][] = [];
  const mapAssets = geo.map((asset): MapAsset => {
    const fate = failed.get(asset.ref);
    const base = { ref: asset.ref, shape: asset.shape };
    if (!fate)
      return {
        ...base,
        name: asset.name,
        colour: CASCADE_COLOURS.unaffected,
        radius: 3,
        ringWidth: 0,
        opacity: 0.45,
        order: 0,
      };
    const cause = fate.causeId ? refOf.get(fate.causeId) : undefined;
    const when = t("analysis.hoursValue", { hours: format.number(fate.hours) });
    const name = cause
      ? `${asset.name} · ${t("analysis.map.causedBy", { hours: when, cause: cause.name })}`
      : `${asset.name} · ${t("analysis.map.hit")}`;
    if (!fate.causeId) {
      counts.attacked++;
      return {
        ...base,
        name,
        colour: CASCADE_COLOURS.attacked,
        radius: 7,
        ring: CASCADE_COLOURS.attackedRing,
        ringWidth: 2.5,
        order: 3,
      };
    }
    if (fate.hours <= hours) {
      counts.failed++;
      const from = cause ? byRef.get(cause.ref) : undefined;
      if (from) links.push([from.anchor, asset.anchor]);
      return { ...base, name, colour: CASCADE_COLOURS.failed, radius: 5.5, order: 2 };
    }
    counts.later++;
    return {
      ...base,
      name,
      colour: CASCADE_COLOURS.later,
      radius: 5,
      ring: CASCADE_COLOURS.laterRing,
      ringWidth: 1.5,
      order: 1,
    };
  });
  const legend: LegendEntry[] = [
    {
      key: "attacked",
      label: t("analysis.map.attacked"),
      colour: CASCADE_COLOURS.attacked,
      ring: CASCADE_COLOURS.attackedRing,
      count: format.number(counts.attacked),
    },
    {
      key: "failed",
      label: t("analysis.map.failed"),
      colour: CASCADE_COLOURS.failed,
      count: format.number(counts.failed),
    },
    {
      key: "later",
      label: t("analysis.map.later"),
      colour: CASCADE_COLOURS.later,
      ring: CASCADE_COLOURS.laterRing,
      count: format.number(counts.later),
    },
    { key: "unaffected", label: t("analysis.map.unaffected"), colour: CASCADE_COLOURS.unaffected },
    { key: "link", label: t("analysis.map.causeLink"), colour: CASCADE_COLOURS.cause, line: true },
  ];
  const fitTo = report.failed.flatMap((asset) => {
    const placed = byRef.get(asset.ref);
    return placed ? [placed.anchor] : [];
  });
  return { mapAssets, legend, fitTo, links };
}
