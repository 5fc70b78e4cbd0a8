// The map of assets every screen uses. This file is light: MapLibre, its style sheet and the world's
// shapes load with ./map-canvas.tsx only when a map is first shown (React.lazy), so the first page
// stays fast. Meanwhile the assets are sketched at once on a plain canvas (quick-markers.tsx), in
// the view the map will open on, and the map takes over once it has drawn them. Without WebGL the
// map says so plainly instead of leaving a blank box.
//
// For tests and benches the frame says what is on screen: data-markers (how many assets are
// drawn, sketched or by the map) and data-markers-at (when they first were, in milliseconds of
// performance.now()).
import { Alert, Box, Center, Group, Loader, Paper, Stack, Text } from "@mantine/core";
import { IconMapOff } from "@tabler/icons-react";
import { Component, lazy, type ReactNode, Suspense, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { whileLoading } from "../app/settled.ts";
import type { AssetShape } from "./geo-assets.ts";
import type { LonLat } from "./geometry.ts";
import { QuickMarkers } from "./quick-markers.tsx";

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

// Counted as loading (settled.ts): the service worker's downloads wait for the map.
const MapCanvas = lazy(() => whileLoading(import("./map-canvas.tsx")));

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

/** "Loading the map…": in the middle of an empty map, at its foot over a sketch of the assets. */
export function MapLoading({ sketched }: { sketched: boolean }) {
  const { t } = useTranslation();
  return (
    <Center
      pos="absolute"
      inset={sketched ? "auto 0 12px 0" : 0}
      style={{ zIndex: 3, pointerEvents: "none" }}
    >
      <Paper shadow="sm" px="md" py="xs" radius="xl" withBorder role="status" data-testid="map-loading">
        <Group gap="xs" wrap="nowrap">
          <Loader size="xs" />
          <Text size="sm">{t("assets.map.loading")}</Text>
        </Group>
      </Paper>
    </Center>
  );
}

/** Shows the map's own failures (a chunk that does not load, a style that throws) as a message. */
class MapBoundary extends Component<
  { fallback: ReactNode; onFailed: () => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(): void {
    this.props.onFailed();
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function AssetMap({ height = 480, children, ...props }: AssetMapProps) {
  const { t, i18n } = useTranslation();
  const [webgl] = useState(hasWebGl2);
  // Whether the map has drawn the assets once: the sketch is gone for good then.
  const [handedOver, setHandedOver] = useState(false);
  // Nor is there a sketch over the message of a map that failed.
  const [failed, setFailed] = useState(false);
  const onFailed = useCallback(() => setFailed(true), []);
  const [markers, setMarkers] = useState<{ count: number; at: number } | null>(null);
  const shown = useCallback(
    (count: number) =>
      setMarkers((current) =>
        current?.count === count ? current : { count, at: Math.round(performance.now()) },
      ),
    [],
  );
  const onDrawn = useCallback(
    (count: number | null) => {
      if (count === null) return;
      setHandedOver(true);
      shown(count);
    },
    [shown],
  );
  if (!webgl) return <MapMessage height={height}>{t("assets.map.noWebgl")}</MapMessage>;
  const sketched = !handedOver && !failed && !props.loading && props.assets.length > 0;
  const loading = sketched ? (
    <MapLoading sketched />
  ) : (
    <Center h={height} bg="gray.0" style={{ borderRadius: "var(--mantine-radius-md)" }}>
      <Stack align="center" gap="xs" role="status">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {t("assets.map.loading")}
        </Text>
      </Stack>
    </Center>
  );
  return (
    <Box
      pos="relative"
      h={height}
      data-testid="asset-map-frame"
      data-markers={markers?.count}
      data-markers-at={markers?.at}
    >
      <MapBoundary
        fallback={<MapMessage height={height}>{t("assets.map.failed")}</MapMessage>}
        onFailed={onFailed}
      >
        <Suspense fallback={loading}>
          {/* Keyed by language: the zoom buttons and the map's name are set when it is made. */}
          <MapCanvas
            key={i18n.language}
            height={height}
            sketched={sketched}
            onDrawn={onDrawn}
            onFailed={onFailed}
            {...props}
          />
        </Suspense>
      </MapBoundary>
      {sketched && (
        <QuickMarkers
          assets={props.assets}
          fitTo={props.fitTo}
          fitPadding={props.fitPadding}
          height={height}
          onDrawn={shown}
        />
      )}
      {children}
    </Box>
  );
}
