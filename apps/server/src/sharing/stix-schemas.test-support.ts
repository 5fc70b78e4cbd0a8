// Test support: the official OASIS STIX 2.1 JSON schemas (third-party/stix2-json-schemas, all
// files loaded so their relative $refs resolve; they are draft 2020-12, hence Ajv2020) and the
// schema we ship for x-bulwark-critical-asset, plus core's checks that schemas cannot make.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CRITICAL_ASSET_TYPE, checkExportedStix, type StixObject } from "@bulwark/core";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const OASIS = join(root, "third-party/stix2-json-schemas/schemas");
const OASIS_ID = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
// The schemas escape "-" outside classes, which JavaScript allows only without the u flag.
const ASSET_SCHEMA = join(root, "docs/stix/x-bulwark-critical-asset.json");

const FOLDERS: Record<string, string> = {
  common: "common",
  sdos: "sdos",
  sros: "sros",
  observables: "observables",
};

function load() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  // ajv-formats has no idn-hostname (used by observables we never export).
  ajv.addFormat("idn-hostname", true);
  const files: string[] = [];
  for (const folder of Object.values(FOLDERS))
    for (const name of readdirSync(join(OASIS, folder)).filter((file) => file.endsWith(".json"))) {
      ajv.addSchema(JSON.parse(readFileSync(join(OASIS, folder, name), "utf8")));
      files.push(`${folder}/${name}`);
    }
  const asset = JSON.parse(readFileSync(ASSET_SCHEMA, "utf8"));
  ajv.addSchema(asset);
  // bundle.json lists the object types a bundle may hold, but not incident, location, note,
  // grouping, opinion or extension-definition, and its branch for custom objects (oneOf core,
  // cyber-observable-core) fails every object since one matching core also matches the other.
  // So the envelope is checked against bundle.json with its items unconstrained, and each object
  // against its own type's schema below.
  const bundle = JSON.parse(readFileSync(join(OASIS, "common/bundle.json"), "utf8"));
  bundle.$id = `${OASIS_ID}common/bundle-envelope.json`;
  bundle.properties.objects.items = true;
  ajv.addSchema(bundle);
  return { ajv, files, assetId: String(asset.$id) };
}

let loaded: ReturnType<typeof load> | undefined;
const schemas = () => {
  loaded ??= load();
  return loaded;
};

function validatorFor(type: string): ValidateFunction[] {
  const { ajv, files, assetId } = schemas();
  const get = (path: string) => {
    const validate = ajv.getSchema(`${OASIS_ID}${path}`);
    if (!validate) throw new Error(`No OASIS schema ${path}`);
    return validate;
  };
  if (type === CRITICAL_ASSET_TYPE) {
    const own = ajv.getSchema(assetId);
    if (!own) throw new Error("The x-bulwark-critical-asset schema did not load.");
    return [get("common/core.json"), own];
  }
  for (const folder of ["sdos", "sros", "common", "observables"])
    if (files.includes(`${folder}/${type}.json`)) return [get(`${folder}/${type}.json`)];
  return [get("common/core.json")];
}

/** Every problem with a bundle: the bundle schema, each object's own schema, and core's checks. */
export function stixProblems(
  bundle: { objects?: readonly StixObject[] } & Record<string, unknown>,
): string[] {
  const { ajv } = schemas();
  const problems: string[] = [];
  const bundleSchema = ajv.getSchema(`${OASIS_ID}common/bundle-envelope.json`);
  if (!bundleSchema) throw new Error("No OASIS bundle schema");
  if (!bundleSchema(bundle)) problems.push(`bundle: ${ajv.errorsText(bundleSchema.errors)}`);
  const objects = bundle.objects ?? [];
  for (const object of objects)
    for (const validate of validatorFor(object.type)) {
      // A ValidateFunction is a type guard: keep `object` out of its narrowing.
      const valid: boolean = validate(object);
      if (!valid) problems.push(`${object.id}: ${ajv.errorsText(validate.errors)}`);
    }
  return [...problems, ...checkExportedStix(objects)];
}
