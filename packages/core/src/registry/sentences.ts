// What the registry's file readers (assets.csv, dependencies.csv, assets.geojson) say of a row,
// in English with {{placeholders}}: the server's catalogue holds these sentences (i18n/en.ts takes
// them from here) and says them in the caller's language; the CLI prints the English.
import { fillEnglish, type Sentence } from "../text/sentence.ts";

export const REGISTRY_SENTENCES = {
  "rows.fieldCount":
    "the row has {{fields, plural, one {# field} other {# fields}}} but the header has {{columns}}",
  "rows.emptyColumnName": "the header has an empty column name",
  "rows.twiceInHeader": "appears twice in the header",
  "rows.quoteNeverCloses": "a quoted field never closes",
  "rows.textAfterQuote":
    "unexpected text after a closing quote (write a quote inside a quoted field as two quotes)",
  "rows.missingFromHeader": "is missing from the header",
  "rows.required": "is required",
  "rows.notNumber": '"{{value}}" is not a number',
  "rows.notNumberComma": '"{{value}}" is not a number (use a dot for decimals)',
  "rows.wholeFrom": "must be a whole number of {{min}} or more, not {{value}}",
  "rows.from": "must be {{min}} or more, not {{value}}",
  "rows.between": "must be from {{min}} to {{max}}, not {{value}}",
  "rows.notSector": '"{{value}}" is not a sector: {{allowed}}',
  "rows.notStatus": '"{{value}}" is not a status: {{allowed}}',
  "rows.notMarking": '"{{value}}" is not a TLP marking: {{allowed}}',
  "rows.notKind": '"{{value}}" is not a kind of dependency: {{allowed}}',
  "rows.neededWith": "is needed when {{other}} is given",
  "rows.moreThanZero": "must be more than 0",
  "geojson.notJson": "is not JSON: {{error}}",
  "geojson.notJsonAt": "is not JSON: {{error}} (line {{line}}, column {{column}})",
  "geojson.collection": 'must be "FeatureCollection" (one feature per asset)',
  "geojson.features": "must be a list of features",
  "geojson.crs": "GeoJSON (RFC 7946) is WGS84 longitude and latitude: give coordinates in it",
  "geojson.feature": 'must be "Feature"',
  "geojson.object": "must be an object",
  "geojson.idDiffers": '"{{id}}" differs from the feature\'s id "{{featureId}}"',
  "geojson.idRequired": "is required (or give the feature an id)",
  "geojson.pointDiffers": "differs from the Point geometry (give one location)",
  "geojson.notText": "must be text, not {{value}}",
  "geojson.notNumber": "{{value}} is not a number",
  "geojson.geometryType": 'must be "Point" or "Polygon" (or the geometry null), not {{type}}',
  "geojson.geometryNotObject": 'the geometry must be an object of type "Point" or "Polygon", or null',
  "geojson.rings": "must be a list of 1 to {{rings, plural, one {# ring} other {# rings}}}",
  "geojson.ringSize": "a ring must have 4 to {{positions, plural, one {# position} other {# positions}}}",
  "geojson.ringSizeNot":
    "a ring must have 4 to {{positions, plural, one {# position} other {# positions}}}, not {{size}}",
  "geojson.ringOpen": "a ring must end at the position where it starts",
  "geojson.position": "must be [longitude, latitude] in numbers, not {{value}}",
  "geojson.longitude": "longitude must be from -180 to 180, not {{value}}",
  "geojson.latitude": "latitude must be from -90 to 90, not {{value}}",
  "geojson.latitudeSwapped": "latitude must be from -90 to 90, not {{value}} (GeoJSON gives longitude first)",
} as const;

export type RegistrySentence = Sentence<keyof typeof REGISTRY_SENTENCES>;

/** The sentence in English. */
export const registryEnglish = (sentence: RegistrySentence): string =>
  fillEnglish(REGISTRY_SENTENCES[sentence.key], sentence.values);
