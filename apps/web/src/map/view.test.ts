import { describe, expect, it } from "vitest";
import { mapStyle } from "./map-style.ts";
import { circleRadius, FIT_MAX_ZOOM, fitBoxOf, fitPaddingOf, fittedView, mirroredInRtl } from "./view.ts";

const PADDING = { top: 40, right: 50, bottom: 40, left: 290 };

describe("the view a map opens on", () => {
  it("puts the fitted box's corners on the edges of the padded room, the wider side filling it", () => {
    // Wider than high (in Web Mercator): west and east touch the padded sides.
    const view = fittedView(
      [
        [10, -5],
        [30, 5],
      ],
      1000,
      600,
      PADDING,
    );
    const [westX, northY] = view.project([10, 5]);
    const [eastX, southY] = view.project([30, -5]);
    expect(westX).toBeCloseTo(290, 6);
    expect(eastX).toBeCloseTo(1000 - 50, 6);
    // Centred between top and bottom padding.
    expect((northY + southY) / 2).toBeCloseTo(40 + (600 - 80) / 2, 6);
    expect(northY).toBeGreaterThan(40);
    // 20° of longitude over 660 pixels: 512 · 2^zoom · 20/360 = 660.
    expect(view.zoom).toBeCloseTo(Math.log2((660 * 360) / 20 / 512), 6);
  });

  it("follows Web Mercator: a degree of latitude is longer near the pole", () => {
    const view = fittedView(
      [
        [0, 0],
        [10, 70],
      ],
      800,
      800,
      { top: 0, right: 0, bottom: 0, left: 0 },
    );
    const height = (lat: number) => view.project([0, lat])[1] - view.project([0, lat + 1])[1];
    expect(height(60)).toBeGreaterThan(height(0) * 1.9);
    expect(view.project([0, 70])[1]).toBeCloseTo(0, 6);
    expect(view.project([0, 0])[1]).toBeCloseTo(800, 6);
  });

  it("zooms in no further than the fit's cap on a lone asset, with country around it", () => {
    const box = fitBoxOf([{ type: "Point", coordinates: [20.25, 10.5] }]);
    expect(box).toEqual([
      [20.2, 10.45],
      [20.3, 10.55],
    ]);
    const view = fittedView(
      box ?? [
        [0, 0],
        [0, 0],
      ],
      100_000,
      100_000,
      PADDING,
    );
    expect(view.zoom).toBe(FIT_MAX_ZOOM);
  });

  it("fits the polygons' corners, or the points asked for instead", () => {
    const shapes = [
      { type: "Point" as const, coordinates: [1, 1] as [number, number] },
      {
        type: "Polygon" as const,
        coordinates: [
          [
            [2, 2],
            [4, 2],
            [4, 5],
            [2, 2],
          ] as [number, number][],
        ],
      },
    ];
    expect(fitBoxOf(shapes)).toEqual([
      [1, 1],
      [4, 5],
    ]);
    expect(
      fitBoxOf(shapes, [
        [-3, -2],
        [3, 2],
      ]),
    ).toEqual([
      [-3, -2],
      [3, 2],
    ]);
    expect(fitBoxOf([])).toBeNull();
  });

  it("keeps the legend's room on its side in Arabic", () => {
    expect(mirroredInRtl(PADDING, "rtl")).toEqual({ top: 40, right: 290, bottom: 40, left: 50 });
    expect(fitPaddingOf(PADDING, "ltr")).toEqual(PADDING);
    expect(fitPaddingOf(undefined, "rtl")).toEqual({ top: 40, right: 40, bottom: 40, left: 40 });
  });

  it("sizes circles as the map's style does, at its stops and between them", () => {
    const layer = mapStyle("").layers.find((item) => item.id === "asset-points");
    const paint = layer && "paint" in layer ? layer.paint : undefined;
    const radius = paint && "circle-radius" in paint ? paint["circle-radius"] : undefined;
    // ["interpolate", ["linear"], ["zoom"], 3, [* r 0.6], 7, r, 12, [* r 1.8]]
    expect(JSON.stringify(radius)).toBe(
      JSON.stringify([
        "interpolate",
        ["linear"],
        ["zoom"],
        3,
        ["*", ["get", "radius"], 0.6],
        7,
        ["get", "radius"],
        12,
        ["*", ["get", "radius"], 1.8],
      ]),
    );
    expect(circleRadius(10, 1)).toBeCloseTo(6);
    expect(circleRadius(10, 3)).toBeCloseTo(6);
    expect(circleRadius(10, 5)).toBeCloseTo(8);
    expect(circleRadius(10, 7)).toBeCloseTo(10);
    expect(circleRadius(10, 9.5)).toBeCloseTo(14);
    expect(circleRadius(10, 12)).toBeCloseTo(18);
    expect(circleRadius(10, 14)).toBeCloseTo(18);
  });
});
