// An incident (issue 17) as STIX 2.1 objects: the incident SDO with its TLP 2.0 marking and its
// filer's identity, the affected assets the reader may see as x-bulwark-critical-asset objects
// (with their operators and locations, as the registry export writes them), and a related-to
// relationship from the incident to each asset, marked the stricter of the two markings.
import { tlpRank } from "../policy/sharing-policy.ts";
import type { TlpMarking } from "../vocabulary.ts";
import { BULWARK_IDENTITY, INCIDENT_EXTENSION, INCIDENT_EXTENSION_ID } from "./bulwark-extensions.ts";
import { laterTimestamp, stixIdOf, stixTimestamp } from "./ids.ts";
import { assetStixId, organisationIdentity, type StixOrganisationInput } from "./items.ts";
import { tlpMarkingDefinition } from "./markings.ts";
import type { StixObject } from "./objects.ts";
import { registryStixObjects, type StixAssetInput } from "./registry.ts";

export interface StixIncidentInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The incident's type and state, as labels. */
  readonly type: string;
  readonly state: string;
  /** Its severity level, null when none is proposed or set yet; assessed: set by the authority. */
  readonly severity?: string | null;
  readonly severityAssessed?: boolean;
  readonly tlp: TlpMarking;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly filer: StixOrganisationInput;
  /** The affected assets the reader may see. */
  readonly assets: readonly StixAssetInput[];
  /** Their operators. */
  readonly operators: readonly StixOrganisationInput[];
}

export const incidentStixId = (incidentId: string): string => stixIdOf("incident", "incident", incidentId);

const stricter = (a: TlpMarking, b: TlpMarking): TlpMarking => (tlpRank(a) >= tlpRank(b) ? a : b);

export function incidentStixObjects(input: StixIncidentInput): StixObject[] {
  const filer = organisationIdentity(input.filer);
  const created = stixTimestamp(input.createdAt);
  const modified = laterTimestamp(created, stixTimestamp(input.updatedAt));
  const id = incidentStixId(input.id);
  const incident: StixObject = {
    type: "incident",
    spec_version: "2.1",
    id,
    created_by_ref: filer.id,
    created,
    modified,
    name: input.title,
    ...(input.description.trim() ? { description: input.description } : {}),
    labels: [input.type, input.state],
    object_marking_refs: [tlpMarkingDefinition(input.tlp).id],
    // The severity as the Bulwark incident property extension (STIX 2.1, section 7.3), as shared
    // items carry their Bulwark fields; an incident without a severity carries none.
    ...(input.severity
      ? {
          extensions: {
            [INCIDENT_EXTENSION_ID]: {
              extension_type: "property-extension",
              severity: input.severity,
              severity_assessed: input.severityAssessed === true,
            },
          },
        }
      : {}),
  };
  const relationships: StixObject[] = input.assets.map((asset) => ({
    type: "relationship",
    spec_version: "2.1",
    id: stixIdOf("relationship", "incident-asset", `${input.id}/${asset.id}`),
    created,
    modified,
    relationship_type: "related-to",
    source_ref: id,
    target_ref: assetStixId(asset.id),
    object_marking_refs: [tlpMarkingDefinition(stricter(input.tlp, asset.marking)).id],
  }));
  const registry = registryStixObjects({
    assets: input.assets,
    dependencies: [],
    organisations: input.operators,
  });
  const seen = new Set<string>();
  const unique = (object: StixObject) => {
    if (seen.has(object.id)) return false;
    seen.add(object.id);
    return true;
  };
  return [
    incident,
    filer,
    tlpMarkingDefinition(input.tlp),
    ...(input.severity ? [INCIDENT_EXTENSION, BULWARK_IDENTITY] : []),
    ...relationships,
    ...registry,
    ...input.assets.map((asset) => tlpMarkingDefinition(stricter(input.tlp, asset.marking))),
  ].filter(unique);
}
