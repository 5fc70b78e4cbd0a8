// The demo country's land: a coastline invented around its assets (content/demo/LAND.md), served
// so that the maps draw the fictional Republic of Meridia as a country rather than dots on the sea.
import { z } from "zod";

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position).min(4);

export const DemoLand = z
  .object({
    type: z.literal("FeatureCollection"),
    features: z.array(
      z.object({
        type: z.literal("Feature"),
        properties: z.object({ name: z.string(), iso: z.string(), fictional: z.literal(true) }),
        geometry: z.object({
          type: z.literal("MultiPolygon"),
          coordinates: z.array(z.array(Ring).min(1)),
        }),
      }),
    ),
  })
  .meta({ id: "DemoLand" })
  .describe("GeoJSON (RFC 7946, WGS84): the invented land of the demo country, one MultiPolygon.");
export type DemoLand = z.infer<typeof DemoLand>;
