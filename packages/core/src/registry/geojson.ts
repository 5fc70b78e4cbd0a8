// Assets from a GeoJSON FeatureCollection (RFC 7946: WGS84, longitude first), checked feature by
// feature like assets.csv is row by row: every problem names the feature (its index in `features`,
// and its id when it has one) and the property. The properties are the columns of assets.csv; the
// geometry is a Point or a Polygon. Pure: text in, the CSV path's rows out.

import { ASSET_STATUSES, SECTORS, TLP_MARKINGS } from "../vocabulary.ts";
import { ASSET_COLUMNS, type CsvAsset, type CsvRecordOf, recoveryTarget, type VocabularyKey } from "./csv.ts";
import { type RegistrySentence, registryEnglish } from "./sentences.ts";

/** The limits of an asset's area in the API (contracts' Area), so that what is stored can be read. */
export const AREA_LIMITS = { rings: 100, positions: 10_000 } as const;
const MAX_PROBLEMS = 1000;

export interface AssetArea {
  readonly type: "Polygon";
  readonly coordinates: [number, number][][];
}

/** An asset of a GeoJSON file: a CSV asset, plus its polygon (null for a point or no geometry). */
export interface GeoJsonAsset extends CsvAsset {
  readonly area: AssetArea | null;
}

/** One thing wrong with a GeoJSON file. */
export interface GeoJsonProblem {
  /** Index in `features` (0-based); null for the document itself. */
  readonly feature: number | null;
  /** The feature's id, when it has one. */
  readonly id?: string | undefined;
  /** Where in the feature: "properties.sector", "geometry.coordinates[0][3]". */
  readonly property: string;
  /** What is wrong, to be said in the reader's language. */
  readonly sentence: RegistrySentence;
  /** The same in English. */
  readonly message: string;
}

/** Rows as the CSV path reads them; `line` holds the feature's index in `features`. */
export type GeoJsonRead =
  | { readonly rows: CsvRecordOf<GeoJsonAsset>[]; readonly problems: [] }
  | { readonly rows: null; readonly problems: GeoJsonProblem[] };

/** "features[3] (SUB-1)", or "document" for the collection itself. */
export function featureLocation(feature: number | null, id?: string): string {
  if (feature === null) return "document";
  return id === undefined ? `features[${feature}]` : `features[${feature}] (${id})`;
}

const KNOWN: readonly string[] = [...ASSET_COLUMNS.required, ...ASSET_COLUMNS.optional];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** assets.geojson: a FeatureCollection of Point or Polygon features with the columns of assets.csv. */
export function readAssetsGeoJson(text: string): GeoJsonRead {
  const problems: GeoJsonProblem[] = [];
  const report = (problem: GeoJsonProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const document = (property: string, sentence: RegistrySentence): GeoJsonRead => ({
    rows: null,
    problems: [{ feature: null, property, sentence, message: registryEnglish(sentence) }],
  });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return document("", jsonError(body, error));
  }
  if (!isObject(parsed) || parsed.type !== "FeatureCollection")
    return document("type", { key: "geojson.collection" });
  if (!Array.isArray(parsed.features)) return document("features", { key: "geojson.features" });
  const crs = parsed.crs;
  if (crs !== undefined && crs !== null && !/CRS84|4326/i.test(JSON.stringify(crs)))
    return document("crs", { key: "geojson.crs" });
  const rows = parsed.features.map((feature: unknown, index: number) => readFeature(feature, index, report));
  return problems.length > 0 ? { rows: null, problems } : { rows, problems: [] };
}

/**
 * The parser's message (English: the JavaScript engine's own), with the line and column of its
 * "position N" (files are often large).
 */
function jsonError(text: string, error: unknown): RegistrySentence {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || /\bline \d+/.test(message))
    return { key: "geojson.notJson", values: { error: message } };
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return { key: "geojson.notJsonAt", values: { error: message, line, column } };
}

function readFeature(
  feature: unknown,
  index: number,
  report: (problem: GeoJsonProblem) => void,
): CsvRecordOf<GeoJsonAsset> {
  const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
  const reader = new FeatureReader(index, properties, report);
  const featureId = isObject(feature) ? scalar(feature.id) : undefined;
  const ownId = reader.text("id");
  reader.id = ownId ?? featureId;
  // Not a feature at all: one problem says so, rather than one per missing property.
  if (!isObject(feature) || feature.type !== "Feature") reader.problem("type", { key: "geojson.feature" });
  else if (feature.properties !== null && feature.properties !== undefined && !isObject(feature.properties))
    reader.problem("properties", { key: "geojson.object" });
  else {
    if (ownId !== undefined && featureId !== undefined && ownId !== featureId)
      reader.problem("properties.id", { key: "geojson.idDiffers", values: { id: ownId, featureId } });
    if (!reader.has("id") && featureId === undefined)
      reader.problem("properties.id", { key: "geojson.idRequired" });
    if (!reader.has("name")) reader.problem("properties.name", { key: "rows.required" });
    if (!reader.has("sector")) reader.problem("properties.sector", { key: "rows.required" });
  }
  const name = reader.text("name");
  const sector = reader.oneOf("sector", SECTORS, "rows.notSector");
  const place = readGeometry(isObject(feature) ? feature.geometry : null, reader);
  const lat = reader.number("lat", { min: -90, max: 90 });
  const lon = reader.number("lon", { min: -180, max: 180 });
  if (reader.has("lat") !== reader.has("lon"))
    reader.problem(reader.has("lat") ? "properties.lon" : "properties.lat", {
      key: "rows.neededWith",
      values: { other: reader.has("lat") ? "lat" : "lon" },
    });
  if (place.point && (lat !== undefined || lon !== undefined) && (lat !== place.lat || lon !== place.lon))
    reader.problem("properties.lat", { key: "geojson.pointDiffers" });
  return {
    line: index,
    attributes: attributesOf(properties),
    value: {
      id: reader.id ?? "",
      name: name ?? "",
      // Rows with problems are never used: the sector stands in until the file is fixed.
      sector: sector ?? "energy-electricity",
      subsector: reader.text("subsector"),
      operator: reader.text("operator"),
      lat: place.point ? place.lat : lat,
      lon: place.point ? place.lon : lon,
      area: place.area,
      population: reader.number("population_served", { min: 0 }),
      status: reader.oneOf("status", ASSET_STATUSES, "rows.notStatus"),
      // What the GeoJSON export writes ("TLP:AMBER") as well as what assets.csv holds ("amber").
      marking: reader.oneOf("marking", TLP_MARKINGS, "rows.notMarking", (text) =>
        text.replace(/^tlp:/i, "").toLowerCase(),
      ),
      capacity: reader.number("capacity", { min: 0 }),
      capacityUnit: reader.text("capacity_unit"),
      recoveryTargetHours: recoveryTarget(reader.number("recovery_target_hours", { min: 0, max: 8760 }), () =>
        reader.problem("properties.recovery_target_hours", { key: "rows.moreThanZero" }),
      ),
    },
  };
}

/** Strings and numbers as text (GIS tools write ids and codes either way); anything else: none. */
function scalar(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text ? text : undefined;
}

/** Properties beyond the columns of assets.csv, as text (the registry's attributes). */
function attributesOf(properties: Record<string, unknown>): Record<string, string> {
  // fromEntries defines own properties: a property named __proto__ stays a property.
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([key, value]) => !KNOWN.includes(key) && value !== null && value !== undefined)
      .map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
}

/** Reads the properties of one feature and records problems against it. */
class FeatureReader {
  id: string | undefined;
  constructor(
    readonly index: number,
    private readonly properties: Record<string, unknown>,
    private readonly report: (problem: GeoJsonProblem) => void,
  ) {}

  problem(property: string, sentence: RegistrySentence): void {
    this.report({ feature: this.index, id: this.id, property, sentence, message: registryEnglish(sentence) });
  }

  /** Given and not empty (null and blank text count as absent, like an empty CSV field). */
  has(key: string): boolean {
    const value = Object.hasOwn(this.properties, key) ? this.properties[key] : undefined;
    return value !== null && value !== undefined && !(typeof value === "string" && !value.trim());
  }

  text(key: string): string | undefined {
    if (!Object.hasOwn(this.properties, key)) return undefined;
    const value = this.properties[key];
    if (value === null || value === undefined) return undefined;
    const text = scalar(value);
    if (text === undefined && typeof value !== "string")
      this.problem(`properties.${key}`, { key: "geojson.notText", values: { value: JSON.stringify(value) } });
    return text;
  }

  number(key: string, rule: { min: number; max?: number }): number | undefined {
    if (!this.has(key)) return undefined;
    const value = this.properties[key];
    const number =
      typeof value === "number"
        ? value
        : typeof value === "string" && NUMBER.test(value.trim())
          ? Number(value)
          : Number.NaN;
    const { min, max } = rule;
    if (!Number.isFinite(number))
      this.problem(`properties.${key}`, {
        key: "geojson.notNumber",
        values: { value: JSON.stringify(value) },
      });
    else if (number < min || (max !== undefined && number > max))
      this.problem(
        `properties.${key}`,
        max === undefined
          ? { key: "rows.from", values: { min, value: String(number) } }
          : { key: "rows.between", values: { min, max, value: String(number) } },
      );
    else return number;
    return undefined;
  }

  /** One of a vocabulary; `normalise` maps what is written to the vocabulary's spelling. */
  oneOf<T extends string>(
    key: string,
    allowed: readonly T[],
    not: VocabularyKey,
    normalise: (text: string) => string = (text) => text,
  ): T | undefined {
    const text = this.text(key);
    if (text === undefined) return undefined;
    const given = normalise(text);
    const found = allowed.find((candidate) => candidate === given);
    if (found === undefined)
      this.problem(`properties.${key}`, { key: not, values: { value: text, allowed: allowed.join(", ") } });
    return found;
  }
}

type Place =
  | { readonly point: true; readonly lat: number; readonly lon: number; readonly area: null }
  | { readonly point: false; readonly area: AssetArea | null };
const NOWHERE: Place = { point: false, area: null };

function readGeometry(geometry: unknown, reader: FeatureReader): Place {
  if (geometry === null || geometry === undefined) return NOWHERE;
  if (!isObject(geometry) || (geometry.type !== "Point" && geometry.type !== "Polygon")) {
    reader.problem(
      "geometry.type",
      isObject(geometry)
        ? { key: "geojson.geometryType", values: { type: String(JSON.stringify(geometry.type)) } }
        : { key: "geojson.geometryNotObject" },
    );
    return NOWHERE;
  }
  const { coordinates } = geometry;
  if (geometry.type === "Point") {
    const position = readPosition(coordinates, "geometry.coordinates", reader);
    return position ? { point: true, lon: position[0], lat: position[1], area: null } : NOWHERE;
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0 || coordinates.length > AREA_LIMITS.rings) {
    reader.problem("geometry.coordinates", { key: "geojson.rings", values: { rings: AREA_LIMITS.rings } });
    return NOWHERE;
  }
  const rings: [number, number][][] = [];
  coordinates.forEach((ring: unknown, r: number) => {
    const at = `geometry.coordinates[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4 || ring.length > AREA_LIMITS.positions) {
      const positions = AREA_LIMITS.positions;
      reader.problem(
        at,
        Array.isArray(ring)
          ? { key: "geojson.ringSizeNot", values: { positions, size: ring.length } }
          : { key: "geojson.ringSize", values: { positions } },
      );
      return;
    }
    const positions: [number, number][] = [];
    // The first bad position of a ring is enough to find the mistake (often the whole ring is off).
    for (let p = 0; p < ring.length; p++) {
      const position = readPosition(ring[p], `${at}[${p}]`, reader);
      if (!position) return;
      positions.push(position);
    }
    const first = positions[0];
    const last = positions.at(-1);
    if (first?.[0] !== last?.[0] || first?.[1] !== last?.[1]) reader.problem(at, { key: "geojson.ringOpen" });
    else rings.push(positions);
  });
  return rings.length === coordinates.length
    ? { point: false, area: { type: "Polygon", coordinates: rings } }
    : NOWHERE;
}

/** [longitude, latitude] (an altitude after them is dropped). */
function readPosition(position: unknown, at: string, reader: FeatureReader): [number, number] | null {
  const [lon, lat] = Array.isArray(position) ? position : [];
  if (
    !Array.isArray(position) ||
    typeof lon !== "number" ||
    typeof lat !== "number" ||
    !position.every((value) => typeof value === "number" && Number.isFinite(value))
  ) {
    reader.problem(at, { key: "geojson.position", values: { value: String(JSON.stringify(position)) } });
    return null;
  }
  // GeoJSON puts longitude first; a latitude out of range that would fit as a longitude is the hint.
  const swapped = Math.abs(lat) > 90 && Math.abs(lon) <= 90;
  if (lon < -180 || lon > 180)
    reader.problem(`${at}[0]`, { key: "geojson.longitude", values: { value: String(lon) } });
  else if (lat < -90 || lat > 90)
    reader.problem(`${at}[1]`, {
      key: swapped ? "geojson.latitudeSwapped" : "geojson.latitude",
      values: { value: String(lat) },
    });
  else return [lon, lat];
  return null;
}
