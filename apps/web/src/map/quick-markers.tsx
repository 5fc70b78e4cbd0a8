// The assets drawn at once on a plain 2D canvas, while MapLibre (its code, its worker, its first
// WebGL frame: seconds without a GPU) is still on its way: the same view as the map will fit
// (view.ts), the same colours and sizes, on the sea's colour. AssetMap lays it over the map until
// the map has drawn the assets itself, then takes it away. It is a picture: no pointer, no focus,
// hidden from assistive technology (the map's name and the table say what it shows).
import { useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { MapAsset } from "./asset-map.tsx";
import type { LonLat } from "./geometry.ts";
import { BASE_COLOURS } from "./map-colours.ts";
import { circleRadius, fitBoxOf, fitPaddingOf, fittedView, type Padding } from "./view.ts";

export interface QuickMarkersProps {
  assets: readonly MapAsset[];
  fitTo?: readonly LonLat[] | undefined;
  fitPadding?: Padding | undefined;
  height: number;
  /** Told once the assets are on screen: how many. */
  onDrawn: (count: number) => void;
}

function draw(canvas: HTMLCanvasElement, props: QuickMarkersProps, direction: "ltr" | "rtl"): boolean {
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const context = canvas.getContext("2d");
  if (!context || width === 0 || height === 0) return false;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = BASE_COLOURS.sea;
  context.fillRect(0, 0, width, height);
  const box = fitBoxOf(
    props.assets.map((asset) => asset.shape),
    props.fitTo,
  );
  if (!box) return true;
  const view = fittedView(box, width, height, fitPaddingOf(props.fitPadding, direction));
  // Polygons under points, and among each, lower order first (as the map's layers and sort key).
  const ordered = [...props.assets].sort(
    (a, b) =>
      Number(b.shape.type === "Polygon") - Number(a.shape.type === "Polygon") ||
      (a.order ?? 0) - (b.order ?? 0),
  );
  for (const asset of ordered) {
    const opacity = asset.opacity ?? 1;
    if (asset.shape.type === "Polygon") {
      context.beginPath();
      for (const ring of asset.shape.coordinates)
        ring.forEach((point, index) => {
          const [x, y] = view.project(point);
          if (index === 0) context.moveTo(x, y);
          else context.lineTo(x, y);
        });
      context.globalAlpha = 0.35 * opacity;
      context.fillStyle = asset.colour;
      context.fill("evenodd");
      context.globalAlpha = 1;
      context.strokeStyle = asset.ring ?? asset.colour;
      context.lineWidth = asset.ringWidth ?? 1.5;
      context.stroke();
      continue;
    }
    const [x, y] = view.project(asset.shape.coordinates);
    if (x < -20 || y < -20 || x > width + 20 || y > height + 20) continue;
    context.beginPath();
    context.arc(x, y, circleRadius(asset.radius, view.zoom), 0, 2 * Math.PI);
    context.globalAlpha = opacity;
    context.fillStyle = asset.colour;
    context.fill();
    context.strokeStyle = asset.ring ?? "#ffffff";
    context.lineWidth = asset.ringWidth ?? 0.8;
    context.stroke();
  }
  context.globalAlpha = 1;
  return true;
}

export function QuickMarkers(props: QuickMarkersProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { i18n } = useTranslation();
  const dir = i18n.dir();
  const latest = useRef(props);
  latest.current = props;
  const { assets, fitTo, fitPadding, height } = props;
  // Screens give the padding as a new object at each render: compared by value.
  const padding = fitPadding ? Object.values(fitPadding).join(",") : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn again when what it shows changes; onDrawn is read from latest.
  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || !draw(element, latest.current, dir)) return;
    // On screen at the next frame: that is when it counts as drawn.
    const frame = requestAnimationFrame(() => latest.current.onDrawn(assets.length));
    return () => cancelAnimationFrame(frame);
  }, [assets, fitTo, padding, height, dir]);
  return (
    <canvas
      ref={canvas}
      aria-hidden
      data-testid="asset-map-sketch"
      style={{
        position: "absolute",
        inset: 0,
        width: "100%",
        height,
        zIndex: 2,
        pointerEvents: "none",
        borderRadius: "var(--mantine-radius-md)",
      }}
    />
  );
}
