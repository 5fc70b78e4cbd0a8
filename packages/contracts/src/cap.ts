// The CAP 1.2 warning an alert carries (OASIS Common Alerting Protocol 1.2): its codes, an
// optional instruction and expiry, and the area it concerns (circles around the assets concerned,
// and shapes the author draws or enters). Served as CAP XML and in an Atom feed (see README).
import { CAP_CATEGORIES, CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES } from "@bulwark/core";
import { z } from "zod";

export const CapCategory = z.enum(CAP_CATEGORIES).describe("CAP 1.2 category (Security, Infra, CBRNE, ...).");
export const CapUrgency = z.enum(CAP_URGENCIES);
export const CapSeverity = z.enum(CAP_SEVERITIES);
export const CapCertainty = z.enum(CAP_CERTAINTIES);

const Latitude = z
  .number()
  .min(-90, "Latitude runs from -90 to 90.")
  .max(90, "Latitude runs from -90 to 90.");
const Longitude = z
  .number()
  .min(-180, "Longitude runs from -180 to 180.")
  .max(180, "Longitude runs from -180 to 180.");
const Radius = z
  .number()
  .gt(0, "A radius is more than 0 km.")
  .max(1000, "A radius is at most 1000 km.")
  .describe("Kilometres.");

export const GeoPoint = z.object({ lat: Latitude, lon: Longitude }).describe("A WGS 84 point.");
export const GeoCircle = GeoPoint.extend({ radiusKm: Radius });
export const GeoPolygon = z
  .array(GeoPoint)
  .max(500)
  .refine(
    (points) => new Set(points.map((p) => `${p.lat},${p.lon}`)).size >= 3,
    "A polygon needs at least three distinct points.",
  )
  .describe("Its corners in order; it is closed for you.");

export const AlertArea = z
  .object({
    description: z
      .string()
      .trim()
      .min(1, "Describe the area in words (CAP areaDesc).")
      .max(500)
      .describe("The area in words (CAP areaDesc)."),
    fromAssets: z
      .boolean()
      .default(true)
      .describe(
        "A circle around each asset concerned that has a location (only assets marked at least as widely as the alert).",
      ),
    assetRadiusKm: Radius.default(1).describe("Radius of the circle around each asset, in kilometres."),
    polygons: z.array(GeoPolygon).max(20).default([]),
    circles: z.array(GeoCircle).max(50).default([]),
  })
  .refine((area) => area.fromAssets || area.polygons.length > 0 || area.circles.length > 0, {
    message: "Give the area a polygon or a circle, or take it from the assets concerned.",
    path: ["fromAssets"],
  });

export const AlertWarning = z
  .object({
    categories: z
      .array(CapCategory)
      .min(1, "Choose at least one CAP category.")
      .max(12)
      .transform((values) => [...new Set(values)]),
    event: z
      .string()
      .trim()
      .min(1, "Name the event (CAP event), e.g. 'Drone overflight'.")
      .max(200)
      .describe("The kind of event, in a few words."),
    urgency: CapUrgency,
    severity: CapSeverity,
    certainty: CapCertainty,
    instruction: z
      .string()
      .trim()
      .max(5000)
      .nullable()
      .default(null)
      .transform((text) => (text ? text : null))
      .describe("What recipients should do."),
    expires: z.iso
      .datetime({ offset: true, message: "An RFC 3339 date and time with its zone." })
      .nullable()
      .default(null)
      .describe("When the warning stops being current."),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "A language tag such as en, fr or es-MX.")
      .default("en"),
    area: AlertArea,
  })
  .describe("What the alert says as a CAP 1.2 warning.");
export type AlertWarning = z.infer<typeof AlertWarning>;
export type AlertWarningInput = z.input<typeof AlertWarning>;

/** The warning as the server answers it (every default filled in). */
export const AlertWarningView = z.object({
  categories: z.array(CapCategory),
  event: z.string(),
  urgency: CapUrgency,
  severity: CapSeverity,
  certainty: CapCertainty,
  instruction: z.string().nullable(),
  expires: z.string().nullable(),
  language: z.string(),
  area: z.object({
    description: z.string(),
    fromAssets: z.boolean(),
    assetRadiusKm: z.number(),
    polygons: z.array(z.array(z.object({ lat: z.number(), lon: z.number() }))),
    circles: z.array(z.object({ lat: z.number(), lon: z.number(), radiusKm: z.number() })),
  }),
});
export type AlertWarningView = z.infer<typeof AlertWarningView>;
