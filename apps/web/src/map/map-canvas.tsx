// MapLibre GL behind the AssetMap component (loaded lazily: see asset-map.tsx). It owns one map:
// builds it with the style of map-style.ts, keeps its asset and overlay sources in step with the
// props, fits the view, shows names on hover and React popups on demand, and reports clicks,
// double-clicks, pointer moves and handle drags in [lon, lat].
//
// For tests and tools the container says what the map holds: data-state (loading, ready),
// data-features (assets in the source, once drawn), data-bounds (west,south,east,north shown,
// once the view has settled).
import "maplibre-gl/dist/maplibre-gl.css";
import "./map.css";
import type { Feature, FeatureCollection } from "geojson";
import {
  type GeoJSONSource,
  type MapGeoJSONFeature,
  Map as MapLibre,
  type MapMouseEvent,
  type MapTouchEvent,
  NavigationControl,
  type PointLike,
  Popup,
  ScaleControl,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { whileLoading } from "../app/settled.ts";
import type { AssetMapProps, MapAsset, MapOverlay } from "./asset-map.tsx";
import { MapLoading, MapMessage } from "./asset-map.tsx";
import type { LonLat } from "./geometry.ts";
import { ASSET_LAYERS, COUNTRY_LAYERS, EMPTY, HANDLE_LAYERS, mapStyle } from "./map-style.ts";
import { FIT_MAX_ZOOM, fitBoxOf, fitPaddingOf } from "./view.ts";

// MapLibre looks for its worker next to its own module, which a bundle moves: say where it went.
setWorkerUrl(workerUrl);

// The world's shapes (a chunk of their own), asked for as soon as the map's code arrives.
let world: ReturnType<typeof fetchWorld> | null = null;
const fetchWorld = () => import("./world.ts").then((module) => module.loadWorld());
// The demo country's invented land: there once the demo is loaded (404 otherwise: no land drawn).
// Kept for the page's life when it came; asked again by the next map when it did not.
let demoLand: Promise<FeatureCollection | null> | null = null;
const fetchDemoLand = () =>
  client.call("demoLand").catch(() => {
    demoLand = null;
    return null;
  });

const HIT = 5;

function assetCollection(assets: readonly MapAsset[]): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: assets.map(
      (asset): Feature => ({
        type: "Feature",
        geometry: asset.shape,
        properties: {
          ref: asset.ref,
          name: asset.name,
          colour: asset.colour,
          radius: asset.radius,
          ring: asset.ring ?? null,
          ringWidth: asset.ringWidth ?? null,
          opacity: asset.opacity ?? 1,
          order: asset.order ?? 0,
        },
      }),
    ),
  };
}

function overlayCollection(overlay: readonly MapOverlay[]): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: overlay.map((item): Feature => {
      switch (item.role) {
        case "area":
          return {
            type: "Feature",
            geometry: { type: "Polygon", coordinates: [item.ring] },
            properties: { role: item.role },
          };
        case "sketch":
          return {
            type: "Feature",
            geometry: { type: "LineString", coordinates: item.line },
            properties: { role: item.role },
          };
        case "link":
          return {
            type: "Feature",
            geometry: { type: "LineString", coordinates: item.line },
            properties: { role: item.role, colour: item.colour },
          };
        default:
          return {
            type: "Feature",
            geometry: { type: "Point", coordinates: item.point },
            properties: { role: item.role, id: item.id },
          };
      }
    }),
  };
}

function stringProperty(feature: MapGeoJSONFeature | undefined, name: string): string | null {
  const value: unknown = feature?.properties[name];
  return typeof value === "string" ? value : null;
}

const lonLat = (event: { lngLat: { lng: number; lat: number } }): LonLat => [
  event.lngLat.lng,
  event.lngLat.lat,
];

export interface MapCanvasProps extends AssetMapProps {
  /** Told when the map has drawn its assets (how many), and with null while it draws new ones. */
  onDrawn?: (count: number | null) => void;
  /** Told when the map cannot draw after all (no WebGL context, or it was lost). */
  onFailed?: () => void;
  /** A sketch of the assets is shown meanwhile (quick-markers.tsx): the loading note keeps to the bottom. */
  sketched?: boolean;
}

export default function MapCanvas({
  height = 480,
  loading = false,
  sketched = false,
  ...props
}: MapCanvasProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibre | null>(null);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState<number | null>(null);
  const [bounds, setBounds] = useState("");
  const [popupNode] = useState(() => document.createElement("div"));
  // Handlers change on every render; the map's listeners, bound once, read the latest ones here.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  // The map counts as loading (settled.ts) until MapLibre has drawn the assets once, or goes.
  const [drawnOnce] = useState(() => {
    let release = () => {};
    void whileLoading(
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => release();
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: one map per mount; labels are fixed at creation (the parent keys by language).
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let instance: MapLibre;
    try {
      instance = new MapLibre({
        container: element,
        style: mapStyle(
          t("assets.map.sources", {
            naturalEarth:
              '<a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener">Natural Earth</a>',
            worldAtlas:
              '<a href="https://github.com/topojson/world-atlas" target="_blank" rel="noopener">world-atlas</a>',
          }),
        ),
        center: [0, 0],
        zoom: 1,
        maxZoom: 15,
        renderWorldCopies: false,
        dragRotate: false,
        pitchWithRotate: false,
        attributionControl: { compact: true },
        locale: {
          "Map.Title": latest.current.label,
          "NavigationControl.ZoomIn": t("assets.map.zoomIn"),
          "NavigationControl.ZoomOut": t("assets.map.zoomOut"),
          "AttributionControl.ToggleAttribution": t("assets.map.attribution"),
          "Popup.Close": t("common.close"),
        },
      });
    } catch {
      // No WebGL context after all (the probe passed, the real request did not).
      drawnOnce();
      setFailed(true);
      latest.current.onFailed?.();
      return;
    }
    instance.touchZoomRotate.disableRotation();
    instance.keyboard.disableRotation();
    // The controls take the corners at the end of the line; the legend holds the start.
    const rtl = i18n.dir() === "rtl";
    instance.addControl(new NavigationControl({ showCompass: false }), rtl ? "top-left" : "top-right");
    instance.addControl(new ScaleControl({ unit: "metric" }), rtl ? "bottom-left" : "bottom-right");

    const tooltip = new Popup({
      closeButton: false,
      closeOnClick: false,
      offset: 10,
      maxWidth: "280px",
      className: "bulwark-map-tooltip",
    });
    let dragging: string | null = null;
    let dragAt: LonLat | null = null;

    const hits = (point: { x: number; y: number }, layers: string[]) => {
      const box: [PointLike, PointLike] = [
        [point.x - HIT, point.y - HIT],
        [point.x + HIT, point.y + HIT],
      ];
      return instance.queryRenderedFeatures(box, { layers });
    };
    const handleAt = (point: { x: number; y: number }) =>
      latest.current.onHandleDrag ? stringProperty(hits(point, HANDLE_LAYERS)[0], "id") : null;

    const onMove = (event: MapMouseEvent | MapTouchEvent) => {
      const handlers = latest.current;
      if (dragging) {
        dragAt = lonLat(event);
        handlers.onHandleDrag?.(dragging, dragAt);
        return;
      }
      handlers.onPointerMove?.(lonLat(event));
      const asset = hits(event.point, ASSET_LAYERS)[0];
      const handle = handleAt(event.point);
      const name =
        stringProperty(asset, "name") ??
        (instance.getZoom() < 5
          ? stringProperty(instance.queryRenderedFeatures(event.point, { layers: COUNTRY_LAYERS })[0], "name")
          : null);
      if (name && !handle) tooltip.setLngLat(event.lngLat).setText(name).addTo(instance);
      else tooltip.remove();
      instance.getCanvas().style.cursor = handle
        ? "move"
        : asset && handlers.clickable
          ? "pointer"
          : handlers.drawing
            ? "crosshair"
            : "";
    };
    const onDown = (event: MapMouseEvent | MapTouchEvent) => {
      const handle = handleAt(event.point);
      if (!handle) return;
      event.preventDefault();
      dragging = handle;
      dragAt = null;
      instance.dragPan.disable();
    };
    const onUp = () => {
      if (!dragging) return;
      if (dragAt) latest.current.onHandleDrop?.(dragging, dragAt);
      dragging = null;
      instance.dragPan.enable();
    };

    world ??= fetchWorld();
    demoLand ??= fetchDemoLand();
    let live = true;
    instance.on("load", () => {
      setMap(instance);
      void demoLand?.then((land) => {
        if (live && land) void instance.getSource<GeoJSONSource>("demoLand")?.setData(land);
      });
      world
        ?.then((shapes) => {
          if (!live) return;
          void instance.getSource<GeoJSONSource>("countries")?.setData(shapes.countries);
          void instance.getSource<GeoJSONSource>("land")?.setData(shapes.land);
          void instance.getSource<GeoJSONSource>("borders")?.setData(shapes.borders);
        })
        // Without the world the assets still stand on the sea and graticule: worth keeping.
        .catch(() => undefined);
    });
    instance.on("webglcontextlost", () => {
      drawnOnce();
      setFailed(true);
      latest.current.onFailed?.();
    });
    // Reported once the view has settled and drawn (not at every frame of a zoom).
    instance.on("idle", () =>
      setBounds(
        instance
          .getBounds()
          .toArray()
          .flat()
          .map((value) => value.toFixed(6))
          .join(","),
      ),
    );
    instance.on("mousemove", onMove);
    instance.on("touchmove", onMove);
    instance.on("mousedown", onDown);
    instance.on("touchstart", onDown);
    instance.on("mouseup", onUp);
    instance.on("touchend", onUp);
    instance.on("mouseout", () => tooltip.remove());
    instance.on("click", (event) => {
      const asset = hits(event.point, ASSET_LAYERS)[0];
      const handle = hits(event.point, HANDLE_LAYERS)[0];
      latest.current.onClick?.({
        lngLat: lonLat(event),
        ref: stringProperty(asset, "ref"),
        handle: stringProperty(handle, "id"),
      });
    });
    instance.on("dblclick", (event) => {
      if (!latest.current.drawing) return;
      event.preventDefault();
      latest.current.onDoubleClick?.(lonLat(event));
    });
    return () => {
      live = false;
      drawnOnce();
      setMap(null);
      tooltip.remove();
      instance.remove();
    };
  }, []);

  // The assets, then (once drawn) how many the map holds.
  const { assets, overlay, fitKey, fitTo, fitPadding, drawing, popup } = props;
  useEffect(() => {
    if (!map) return;
    let current = true;
    setDrawn(null);
    latest.current.onDrawn?.(null);
    void map
      .getSource<GeoJSONSource>("assets")
      ?.setData(assetCollection(assets))
      .then(() => {
        if (current)
          map.once("idle", () => {
            if (!current) return;
            // Together (one render): the container's data-features and the sketch taken away.
            setDrawn(assets.length);
            latest.current.onDrawn?.(assets.length);
            drawnOnce();
          });
      });
    return () => {
      current = false;
    };
  }, [map, assets, drawnOnce]);

  useEffect(() => {
    void map?.getSource<GeoJSONSource>("overlay")?.setData(overlay ? overlayCollection(overlay) : EMPTY);
  }, [map, overlay]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fits when the key changes, not on every new list of assets.
  useEffect(() => {
    if (!map || assets.length === 0) return;
    const box = fitBoxOf(
      assets.map((asset) => asset.shape),
      fitTo,
    );
    if (!box) return;
    map.fitBounds(box, { padding: fitPaddingOf(fitPadding, i18n.dir()), maxZoom: FIT_MAX_ZOOM, duration: 0 });
  }, [map, fitKey, assets.length > 0]);

  useEffect(() => {
    if (!map) return;
    if (drawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = drawing ? "crosshair" : "";
  }, [map, drawing]);

  // The screen closes it (a click elsewhere is a click like any other), so that a click on another
  // asset moves the popup there rather than closing it.
  const [popupInstance] = useState(
    () => new Popup({ offset: 12, maxWidth: "320px", focusAfterOpen: false, closeOnClick: false }),
  );
  const popupAt = popup ? popup.lngLat.join(",") : null;
  useEffect(() => {
    if (!map || popupAt === null) return;
    const [lng = 0, lat = 0] = popupAt.split(",").map(Number);
    popupInstance.setDOMContent(popupNode).setLngLat([lng, lat]).addTo(map);
    const closed = () => latest.current.onPopupClose?.();
    popupInstance.on("close", closed);
    return () => {
      popupInstance.off("close", closed);
      popupInstance.remove();
    };
  }, [map, popupAt, popupInstance, popupNode]);

  if (failed) return <MapMessage height={height}>{t("assets.map.noWebgl")}</MapMessage>;
  return (
    <>
      <div
        ref={container}
        className="bulwark-map"
        data-testid="asset-map"
        data-state={map ? "ready" : "loading"}
        data-features={drawn ?? undefined}
        data-bounds={bounds || undefined}
        style={{ height, width: "100%", borderRadius: "var(--mantine-radius-md)", overflow: "hidden" }}
      />
      {/* Until the assets are drawn (the style, the world and the data take a while): not a blank box. */}
      {(loading || drawn === null) && <MapLoading sketched={sketched} />}
      {popup && createPortal(popup.content, popupNode)}
    </>
  );
}
