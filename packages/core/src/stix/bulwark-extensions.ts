// The STIX 2.1 extension definitions Bulwark ships, and the identity that publishes them. Their
// ids and `created` are fixed: consumers recognise an extension by its id, so these never change;
// a changed definition is a new `version` and `modified`.
import type { StixObject } from "./objects.ts";

/** The Bulwark software as a STIX identity: the creator of the extension definitions below. */
export const BULWARK_IDENTITY_ID = "identity--5f0bbefa-33aa-4990-9e78-b409f4d53a1d";
/** Property extension: a shared item's Bulwark fields (item type, sectors, assets concerned). */
export const SHARED_ITEM_EXTENSION_ID = "extension-definition--ad814b6a-cf53-435c-b503-499b7a8f8cd3";
/** New SDO: a critical infrastructure asset, the defenders' side that STIX has no object for. */
export const CRITICAL_ASSET_EXTENSION_ID = "extension-definition--183d8a4d-3ed2-472c-9f14-865049443109";
/** Property extension: a dependency's service, kind, redundancy rule and buffer. */
export const DEPENDENCY_EXTENSION_ID = "extension-definition--43c0ce99-8433-4ee6-b192-bcc7515a5166";
/** Property extension: an incident's Bulwark fields (severity, and whether the authority set it). */
export const INCIDENT_EXTENSION_ID = "extension-definition--2960d091-db24-45d4-b956-2940e1927148";
/** The STIX type of a critical asset. */
export const CRITICAL_ASSET_TYPE = "x-bulwark-critical-asset";
/** The relationship from a dependent asset to its supplier. */
export const DEPENDS_ON = "depends-on";

const DEFINED = "2026-11-25T00:00:00.000Z";
/** Where the definitions are written down: the repository's documentation (no URL is assumed). */
const DOCS = "docs/stix-extensions.md of the Bulwark source";

export const BULWARK_IDENTITY: StixObject = {
  type: "identity",
  spec_version: "2.1",
  id: BULWARK_IDENTITY_ID,
  created: DEFINED,
  modified: DEFINED,
  name: "Bulwark",
  description:
    "Bulwark, the open platform for protecting critical infrastructure: publisher of Bulwark's STIX extensions.",
  identity_class: "system",
};

const definition = (fields: {
  id: string;
  name: string;
  description: string;
  schema: string;
  extension_types: string[];
}): StixObject => ({
  type: "extension-definition",
  spec_version: "2.1",
  id: fields.id,
  created_by_ref: BULWARK_IDENTITY_ID,
  created: DEFINED,
  modified: DEFINED,
  name: fields.name,
  description: fields.description,
  schema: fields.schema,
  version: "1.0.0",
  extension_types: fields.extension_types,
});

export const SHARED_ITEM_EXTENSION: StixObject = definition({
  id: SHARED_ITEM_EXTENSION_ID,
  name: "Bulwark shared item",
  description:
    "The fields of an item shared on Bulwark under TLP 2.0: item_type (alert, report, incident-notice, indicator), sectors (Bulwark's critical infrastructure sectors) and asset_refs (the x-bulwark-critical-asset objects concerned).",
  schema: `Described in ${DOCS}, section "Shared items".`,
  extension_types: ["property-extension"],
});

export const CRITICAL_ASSET_EXTENSION: StixObject = definition({
  id: CRITICAL_ASSET_EXTENSION_ID,
  name: "Bulwark critical asset",
  description:
    "x-bulwark-critical-asset: a critical infrastructure asset (a defender's asset, which STIX's infrastructure object does not describe), with its sector, operator (an identity), status and service figures. Its location is a location object linked by a located-at relationship; dependencies between assets are depends-on relationships.",
  schema: "JSON Schema: docs/stix/x-bulwark-critical-asset.json of the Bulwark source.",
  extension_types: ["new-sdo"],
});

export const DEPENDENCY_EXTENSION: StixObject = definition({
  id: DEPENDENCY_EXTENSION_ID,
  name: "Bulwark dependency",
  description:
    "On a depends-on relationship from a dependent asset to its supplier: service (what is supplied), kind (physical, cyber, geographic, logical), k (the dependent needs at least k of its suppliers of this service) and buffer_hours (how long it runs without it).",
  schema: `Described in ${DOCS}, section "Dependencies".`,
  extension_types: ["property-extension"],
});

export const INCIDENT_EXTENSION: StixObject = definition({
  id: INCIDENT_EXTENSION_ID,
  name: "Bulwark incident",
  description:
    "On an incident exported by Bulwark: severity (minor, significant, major or critical, least to most grave) and severity_assessed (true once the national authority set it; false while it is the filing operator's proposal).",
  schema: `Described in ${DOCS}, section "Incidents".`,
  extension_types: ["property-extension"],
});
