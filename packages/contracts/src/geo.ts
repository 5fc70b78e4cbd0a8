// Places and the maps' read of the registry, apart from the rest of its schemas: the web app's map
// screens hold these (and endpoints/map.ts) in a small chunk of their own, without the endpoint table.
import { ASSET_STATUSES } from "@bulwark/core";
import { z } from "zod";
import { Sector } from "./common.ts";

export const AssetStatus = z.enum(ASSET_STATUSES);
export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);
export const Ring = z
  .array(z.tuple([Longitude, Latitude]))
  .min(4)
  .max(10_000)
  .refine(
    (ring) => ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1],
    "A ring must end where it starts.",
  );
export const Area = z
  .object({ type: z.literal("Polygon"), coordinates: z.array(Ring).min(1).max(100) })
  .describe("A GeoJSON Polygon (WGS84) for assets that are long or large.");

export const MapAssets = z
  .object({
    assets: z.array(
      z.object({
        ref: z.string(),
        name: z.string(),
        sector: Sector,
        status: AssetStatus,
        operator: z.string().describe("The operator's name."),
        population: z.number().describe("People served (0 when not known)."),
        point: z.tuple([z.number(), z.number()]).nullable().describe("[longitude, latitude] (WGS84)."),
        area: Area.nullable(),
      }),
    ),
  })
  .meta({ id: "MapAssets" })
  .describe(
    "The assets the caller may see that have a place (a point or a polygon), with only what a map draws and filters on: the same assets as the GeoJSON export, much lighter.",
  );
