// STIX 2.1 objects as plain data, a bundle of them, and the checks JSON schemas cannot make:
// millisecond timestamps, modified not before created, and references that resolve in the bundle.
import { TLP_2_0_EXTENSION_ID } from "./markings.ts";

/** A STIX object: its type and id, and whatever else its type defines. */
export interface StixObject {
  readonly type: string;
  readonly id: string;
  readonly [property: string]: unknown;
}

export interface StixBundle {
  readonly type: "bundle";
  readonly id: string;
  /** Absent when there is nothing to send: STIX makes it optional and forbids an empty list. */
  readonly objects?: readonly StixObject[];
}

const versionOf = (object: StixObject) => `${object.id}@${String(object.modified ?? object.created ?? "")}`;

/** A bundle of these objects, each version once (the first given wins), under `bundle--<uuid>`. */
export function stixBundle(objects: readonly StixObject[], uuid: string): StixBundle {
  const seen = new Set<string>();
  const unique: StixObject[] = [];
  for (const object of objects) {
    const key = versionOf(object);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(object);
  }
  const id = `bundle--${uuid}`;
  return unique.length > 0 ? { type: "bundle", id, objects: unique } : { type: "bundle", id };
}

const MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TIMESTAMPS = [
  "created",
  "modified",
  "published",
  "valid_from",
  "valid_until",
  "first_seen",
  "last_seen",
];

/** The ids a top-level property refers to (`*_ref`, `*_refs`). */
function referencesOf(object: StixObject): { property: string; id: string }[] {
  const out: { property: string; id: string }[] = [];
  for (const [property, value] of Object.entries(object)) {
    if (property.endsWith("_ref") && typeof value === "string") out.push({ property, id: value });
    if (property.endsWith("_refs") && Array.isArray(value))
      for (const id of value) if (typeof id === "string") out.push({ property, id });
  }
  return out;
}

/**
 * What the OASIS schemas cannot check, object by object: timestamps in UTC with exactly
 * millisecond precision, `modified` not before `created`, each top-level reference and each
 * extension-definition used found among the objects themselves (TLP 2.0's, published by OASIS and
 * known by its id, apart). Empty when all is well.
 * (References inside extensions, such as a shared item's asset_refs, may point outside.)
 */
export function checkExportedStix(objects: readonly StixObject[]): string[] {
  const problems: string[] = [];
  const ids = new Set(objects.map((object) => object.id));
  for (const object of objects) {
    for (const property of TIMESTAMPS) {
      const value = object[property];
      if (value !== undefined && (typeof value !== "string" || !MILLISECONDS.test(value)))
        problems.push(`${object.id}: ${property} is not a UTC timestamp with milliseconds`);
    }
    if (
      typeof object.created === "string" &&
      typeof object.modified === "string" &&
      object.modified < object.created
    )
      problems.push(`${object.id}: modified is before created`);
    for (const { property, id } of referencesOf(object))
      if (!ids.has(id)) problems.push(`${object.id}: ${property} ${id} is not in the bundle`);
    const extensions = object.extensions;
    if (extensions && typeof extensions === "object")
      for (const key of Object.keys(extensions))
        if (key.startsWith("extension-definition--") && !ids.has(key) && key !== TLP_2_0_EXTENSION_ID)
          problems.push(`${object.id}: extension ${key} is not defined in the bundle`);
  }
  return problems;
}
