// What an alert carries to be published as a CAP 1.2 warning (OASIS Common Alerting Protocol 1.2,
// see DOMAIN.md): the codes of its <info> block and the area it concerns. The area comes from the
// assets concerned (a circle around each located asset, of a radius the author chooses) and/or
// from polygons and circles the author draws or enters.
import { TLP_MARKINGS, type TlpMarking } from "../vocabulary.ts";

export const CAP_CATEGORIES = [
  "Geo",
  "Met",
  "Safety",
  "Security",
  "Rescue",
  "Fire",
  "Health",
  "Env",
  "Transport",
  "Infra",
  "CBRNE",
  "Other",
] as const;
export type CapCategory = (typeof CAP_CATEGORIES)[number];

export const CAP_URGENCIES = ["Immediate", "Expected", "Future", "Past", "Unknown"] as const;
export type CapUrgency = (typeof CAP_URGENCIES)[number];

export const CAP_SEVERITIES = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"] as const;
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

export const CAP_CERTAINTIES = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"] as const;
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/** A WGS 84 point. */
export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface GeoCircle extends GeoPoint {
  readonly radiusKm: number;
}

export interface AlertArea {
  /** CAP areaDesc: the area in words. */
  readonly description: string;
  /** Add a circle of `assetRadiusKm` around each asset concerned that has a location. */
  readonly fromAssets: boolean;
  readonly assetRadiusKm: number;
  /** Polygons drawn or entered by the author (each at least three distinct points; closed on output). */
  readonly polygons: readonly (readonly GeoPoint[])[];
  readonly circles: readonly GeoCircle[];
}

export interface AlertWarning {
  readonly categories: readonly CapCategory[];
  /** CAP event: the kind of event, in a few words. */
  readonly event: string;
  readonly urgency: CapUrgency;
  readonly severity: CapSeverity;
  readonly certainty: CapCertainty;
  /** What recipients should do. */
  readonly instruction: string | null;
  /** When the warning stops being current (RFC 3339). */
  readonly expires: string | null;
  /** Language of the text (RFC 3066 / BCP 47 tag). */
  readonly language: string;
  readonly area: AlertArea;
}

/** The radius of the circle drawn around each asset concerned when the author does not choose one. */
export const DEFAULT_ASSET_RADIUS_KM = 1;

/** The warning an alert carries when its author gave none: codes say "Unknown", never a guess. */
export const defaultWarning = (title: string): AlertWarning => ({
  categories: ["Security"],
  event: title.slice(0, 200),
  urgency: "Unknown",
  severity: "Unknown",
  certainty: "Unknown",
  instruction: null,
  expires: null,
  language: "en",
  area: {
    description: "Sites of the assets concerned",
    fromAssets: true,
    assetRadiusKm: DEFAULT_ASSET_RADIUS_KM,
    polygons: [],
    circles: [],
  },
});

/** An asset concerned, as the area needs it. */
export interface LocatedAsset {
  readonly lat: number | null;
  readonly lon: number | null;
  /** The asset's own marking: its location goes only where that marking allows. */
  readonly marking: TlpMarking;
}

const RANK: Readonly<Record<TlpMarking, number>> = {
  clear: 0,
  green: 1,
  amber: 2,
  "amber+strict": 3,
  red: 4,
};

/**
 * The circles an alert's area takes from its assets: one per asset with a location whose marking
 * is at least as wide as the alert's (a TLP:CLEAR alert never places an AMBER asset on a public map).
 */
export function assetCircles(warning: AlertWarning, tlp: TlpMarking, assets: readonly LocatedAsset[]) {
  if (!warning.area.fromAssets) return { circles: [] as GeoCircle[], withheld: 0 };
  const circles: GeoCircle[] = [];
  let withheld = 0;
  for (const asset of assets) {
    if (asset.lat === null || asset.lon === null) continue;
    if (RANK[asset.marking] > RANK[tlp]) {
      withheld += 1;
      continue;
    }
    circles.push({ lat: asset.lat, lon: asset.lon, radiusKm: warning.area.assetRadiusKm });
  }
  return { circles, withheld };
}

/** A marking read back from storage; anything unknown counts as the narrowest (RED). */
export const markingOf = (value: string): TlpMarking => TLP_MARKINGS.find((m) => m === value) ?? "red";

/** Has this warning run out at `now`? */
export const hasExpired = (warning: AlertWarning | null, now: Date): boolean =>
  warning?.expires != null && new Date(warning.expires).getTime() <= now.getTime();

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (values as readonly string[]).includes(value);
const isPoint = (value: unknown): value is GeoPoint =>
  isRecord(value) && typeof value.lat === "number" && typeof value.lon === "number";
const isCircle = (value: unknown): value is GeoCircle =>
  isPoint(value) && "radiusKm" in value && typeof value.radiusKm === "number";

/**
 * The warning an alert carries: the stored one (the contracts validated it on the way in; this
 * re-checks its shape, since it comes back from the database as plain JSON), or the default.
 */
export function warningOf(stored: unknown, title: string): AlertWarning {
  if (!isRecord(stored) || !isRecord(stored.area)) return defaultWarning(title);
  const { area } = stored;
  const categories = Array.isArray(stored.categories)
    ? stored.categories.filter((value): value is CapCategory => oneOf(CAP_CATEGORIES, value))
    : [];
  const polygons = Array.isArray(area.polygons)
    ? area.polygons.filter(
        (polygon): polygon is GeoPoint[] => Array.isArray(polygon) && polygon.every(isPoint),
      )
    : [];
  if (
    categories.length === 0 ||
    typeof stored.event !== "string" ||
    !oneOf(CAP_URGENCIES, stored.urgency) ||
    !oneOf(CAP_SEVERITIES, stored.severity) ||
    !oneOf(CAP_CERTAINTIES, stored.certainty) ||
    typeof area.description !== "string"
  )
    return defaultWarning(title);
  return {
    categories,
    event: stored.event,
    urgency: stored.urgency,
    severity: stored.severity,
    certainty: stored.certainty,
    instruction: typeof stored.instruction === "string" ? stored.instruction : null,
    expires: typeof stored.expires === "string" ? stored.expires : null,
    language: typeof stored.language === "string" ? stored.language : "en",
    area: {
      description: area.description,
      fromAssets: area.fromAssets !== false,
      assetRadiusKm: typeof area.assetRadiusKm === "number" ? area.assetRadiusKm : DEFAULT_ASSET_RADIUS_KM,
      polygons,
      circles: Array.isArray(area.circles) ? area.circles.filter(isCircle) : [],
    },
  };
}
