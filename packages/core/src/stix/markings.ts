// The TLP marking definitions of STIX 2.1 and what Bulwark holds an object under on arrival.
// Ids from the OASIS TLP 2.0 marking definitions and STIX 2.1's built-in TLP 1.0 ones (DOMAIN.md).
import { tlpRank } from "../policy/sharing-policy.ts";
import type { TlpMarking } from "../vocabulary.ts";

/** The OASIS extension that TLP 2.0 marking definitions carry (property `tlp_2_0`). */
export const TLP_2_0_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/** TLP 2.0 marking-definition ids, per marking. */
export const TLP_2_0_MARKING_IDS: Readonly<Record<TlpMarking, string>> = {
  clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

/** When OASIS created the TLP 2.0 marking definitions (part of each published object, like its id). */
export const TLP_2_0_CREATED = "2022-10-01T00:00:00.000Z";

/** A TLP 2.0 marking-definition object as OASIS publishes it. */
export type TlpMarkingDefinition = {
  readonly type: "marking-definition";
  readonly spec_version: "2.1";
  readonly id: string;
  readonly created: string;
  readonly name: string;
  readonly extensions: {
    readonly [TLP_2_0_EXTENSION_ID]: {
      readonly extension_type: "property-extension";
      readonly tlp_2_0: TlpMarking;
    };
  };
};

/**
 * The OASIS TLP 2.0 marking-definition objects, property for property as published in
 * oasis-open/cti-stix-common-objects (extension-definition-specifications/tlp-2.0): no
 * created_by_ref, no definition_type or definition (the extension stands in for them).
 */
export const tlpMarkingDefinition = (tlp: TlpMarking): TlpMarkingDefinition => ({
  type: "marking-definition",
  spec_version: "2.1",
  id: TLP_2_0_MARKING_IDS[tlp],
  created: TLP_2_0_CREATED,
  name: `TLP:${tlp.toUpperCase()}`,
  extensions: { [TLP_2_0_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: tlp } },
});

/** TLP 1.0 marking-definition ids built into STIX 2.1, accepted on import (WHITE is CLEAR). */
export const TLP_1_0_MARKING_IDS: Readonly<Record<"white" | "green" | "amber" | "red", string>> = {
  white: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
  green: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
  amber: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
  red: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
};

const BY_ID: ReadonlyMap<string, TlpMarking> = new Map<string, TlpMarking>([
  ...Object.entries(TLP_2_0_MARKING_IDS).map(([tlp, id]) => [id, tlp as TlpMarking] as const),
  [TLP_1_0_MARKING_IDS.white, "clear"],
  [TLP_1_0_MARKING_IDS.green, "green"],
  [TLP_1_0_MARKING_IDS.amber, "amber"],
  [TLP_1_0_MARKING_IDS.red, "red"],
]);

/** The TLP a marking-definition id stands for, or null for any other marking. */
export const tlpOfMarkingId = (id: string): TlpMarking | null => BY_ID.get(id) ?? null;

/**
 * The TLP an object is held under: the strictest TLP among its `object_marking_refs`, or null when
 * it carries none (the importer's default then applies).
 */
export function tlpOfMarkingRefs(refs: unknown): TlpMarking | null {
  if (!Array.isArray(refs)) return null;
  let strictest: TlpMarking | null = null;
  for (const ref of refs) {
    const tlp = typeof ref === "string" ? tlpOfMarkingId(ref) : null;
    if (tlp && (strictest === null || tlpRank(tlp) > tlpRank(strictest))) strictest = tlp;
  }
  return strictest;
}
