// The map of assets every screen uses. This file is light: MapLibre, its style sheet and the world's
// shapes load with ./map-canvas.tsx only when a map is first shown (React.lazy), so the first page
// stays fast. Without WebGL the map says so plainly instead of leaving a blank box.
import { Alert, Box, Center, Loader, Stack, Text } from "@mantine/core";
import { IconMapOff } from "@tabler/icons-react";
import { Component, lazy, type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AssetShape } from "./geo-assets.ts";
import type { LonLat } from "./geometry.ts";

/** One asset as the map draws it: the screen decides colour and size. */
export interface MapAsset {
  ref: string;
  name: string;
  shape: AssetShape;
  colour: string;
  /** Circle radius in pixels at the country's zoom. */
  radius: number;
  /** Outline colour and width; a white hairline when absent. */
  ring?: string;
  ringWidth?: number;
  opacity?: number;
  /** Higher draws on top. */
  order?: number;
}

/**
 * What the user draws and what links assets: `area` (a filled shape), `sketch` (a line being
 * drawn), `link` (a line from one asset to another, in `colour`), `handle` (a point one can drag,
 * named by `id`) and `vertex` (a corner of a polygon being drawn, also named by `id`).
 */
export type MapOverlay =
  | { role: "area"; ring: LonLat[] }
  | { role: "sketch"; line: LonLat[] }
  | { role: "link"; line: LonLat[]; colour: string }
  | { role: "handle" | "vertex"; id: string; point: LonLat };

export interface MapClick {
  lngLat: LonLat;
  /** The asset clicked, if any. */
  ref: string | null;
  /** The handle or vertex clicked, if any. */
  handle: string | null;
}

export interface MapPopup {
  lngLat: LonLat;
  content: ReactNode;
}

export interface AssetMapProps {
  /** The map's accessible name. */
  label: string;
  assets: readonly MapAsset[];
  overlay?: readonly MapOverlay[];
  /** The view fits the assets (or `fitTo`, when given) when this changes, and when they first arrive. */
  fitKey?: string;
  fitTo?: readonly LonLat[];
  /** Room kept free when fitting, in pixels: more on the side a legend covers. */
  fitPadding?: { top: number; right: number; bottom: number; left: number };
  height?: number;
  /** Drawing: a crosshair, and double-click ends a shape instead of zooming. */
  drawing?: boolean;
  /** Whether assets answer clicks (a pointer cursor over them). */
  clickable?: boolean;
  popup?: MapPopup | null;
  onPopupClose?: () => void;
  onClick?: (click: MapClick) => void;
  onDoubleClick?: (lngLat: LonLat) => void;
  onPointerMove?: (lngLat: LonLat) => void;
  onHandleDrag?: (handle: string, lngLat: LonLat) => void;
  /** The end of a drag: where the handle was let go. */
  onHandleDrop?: (handle: string, lngLat: LonLat) => void;
  /** Legends and controls laid over the map. */
  children?: ReactNode;
  /** The screen is still fetching the assets: the map says it is loading until they are drawn. */
  loading?: boolean;
}

const MapCanvas = lazy(() => import("./map-canvas.tsx"));

/** Whether this browser gives WebGL 2 (MapLibre's need); the probe's context is let go at once. */
function hasWebGl2(): boolean {
  try {
    const gl = document.createElement("canvas").getContext("webgl2");
    gl?.getExtension("WEBGL_lose_context")?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

export function MapMessage({ height, children }: { height: number; children: ReactNode }) {
  return (
    <Center h={height} bg="gray.0" style={{ borderRadius: "var(--mantine-radius-md)" }}>
      <Alert color="orange" variant="light" icon={<IconMapOff size={18} />} role="alert" maw={520}>
        {children}
      </Alert>
    </Center>
  );
}

/** Shows the map's own failures (a chunk that does not load, a style that throws) as a message. */
class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function AssetMap({ height = 480, children, ...props }: AssetMapProps) {
  const { t, i18n } = useTranslation();
  const [webgl] = useState(hasWebGl2);
  if (!webgl) return <MapMessage height={height}>{t("assets.map.noWebgl")}</MapMessage>;
  const loading = (
    <Center h={height} bg="gray.0" style={{ borderRadius: "var(--mantine-radius-md)" }}>
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {t("assets.map.loading")}
        </Text>
      </Stack>
    </Center>
  );
  return (
    <Box pos="relative" h={height}>
      <MapBoundary fallback={<MapMessage height={height}>{t("assets.map.failed")}</MapMessage>}>
        <Suspense fallback={loading}>
          {/* Keyed by language: the zoom buttons and the map's name are set when it is made. */}
          <MapCanvas key={i18n.language} height={height} {...props} />
        </Suspense>
      </MapBoundary>
      {children}
    </Box>
  );
}
