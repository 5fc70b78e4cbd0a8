// A shared item (alert, report, incident notice, indicator) as STIX 2.1 objects. The body that
// travels is always the public one, personal data pseudonymised (ADR 0009), whoever exports it.
//   alert, report    -> report (report_types threat-report)
//   incident-notice  -> incident
//   indicator        -> indicator, when the item carries a STIX pattern (checked by
//                       parseStixPattern when composed): pattern_type "stix", pattern_version
//                       "2.1", valid_from the publication time;
//                    -> report (report_types indicator) without one: its observables are prose
//                       in the body, so it goes out as what it is, a report about indicators,
//                       rather than an indicator with a made-up pattern.
// No indicator_types: Bulwark does not ask the author which of the open vocabulary's kinds
// (malicious-activity, anomalous-activity...) an indicator is, and the property is optional.
// Bulwark's own fields (item type, sectors, assets concerned) travel in the "Bulwark shared item"
// property extension; a withdrawn item goes out revoked.
import type { SharedItemStatus, SharedItemType } from "../policy/sharing-policy.ts";
import type { Sector, TlpMarking } from "../vocabulary.ts";
import {
  BULWARK_IDENTITY,
  CRITICAL_ASSET_TYPE,
  SHARED_ITEM_EXTENSION,
  SHARED_ITEM_EXTENSION_ID,
} from "./bulwark-extensions.ts";
import { laterTimestamp, stixIdOf, stixTimestamp } from "./ids.ts";
import { tlpMarkingDefinition } from "./markings.ts";
import type { StixObject } from "./objects.ts";
import { stixSectors } from "./vocabulary.ts";

/** An organisation as the author or operator identity needs it. */
export interface StixOrganisationInput {
  readonly id: string;
  readonly name: string;
  readonly sectors: readonly Sector[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A published (or withdrawn) item, its body already pseudonymised. */
export interface StixItemInput {
  readonly id: string;
  readonly type: SharedItemType;
  readonly title: string;
  /** The public body: every personal value replaced by its pseudonym. */
  readonly publicBody: string;
  readonly sectors: readonly Sector[];
  readonly assetIds: readonly string[];
  readonly tlp: TlpMarking;
  readonly status: SharedItemStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string;
  /** Indicators: the STIX 2.1 pattern, if the author gave one (exported as an `indicator`). */
  readonly pattern?: string | null;
  readonly organisation: StixOrganisationInput;
}

/** The STIX id of an organisation's identity (the same on every export). */
export const organisationStixId = (organisationId: string): string =>
  stixIdOf("identity", "organisation", organisationId);

/** An organisation as a STIX identity (identity_class organization, industry-sector-ov sectors). */
export function organisationIdentity(organisation: StixOrganisationInput): StixObject {
  const created = stixTimestamp(organisation.createdAt);
  const sectors = stixSectors(organisation.sectors);
  return {
    type: "identity",
    spec_version: "2.1",
    id: organisationStixId(organisation.id),
    created,
    modified: laterTimestamp(created, stixTimestamp(organisation.updatedAt)),
    name: organisation.name,
    identity_class: "organization",
    ...(sectors.length > 0 ? { sectors } : {}),
  };
}

/** The STIX object type an item is exported as. */
export const itemStixType = (
  item: Pick<StixItemInput, "type" | "pattern">,
): "incident" | "indicator" | "report" =>
  item.type === "incident-notice"
    ? "incident"
    : item.type === "indicator" && item.pattern
      ? "indicator"
      : "report";

/**
 * The STIX id of the object an item is exported as: the same UUIDv5 of the item whatever the
 * type, prefixed with the type. An item's pattern is fixed once it is published (only drafts are
 * revised), so a published item keeps one id.
 */
export const itemStixId = (item: Pick<StixItemInput, "id" | "type" | "pattern">): string =>
  stixIdOf(itemStixType(item), "shared-item", item.id);

/** The STIX id of an asset (x-bulwark-critical-asset). */
export const assetStixId = (assetId: string): string => stixIdOf(CRITICAL_ASSET_TYPE, "asset", assetId);

/**
 * One item as STIX objects, not a bundle: the item's object first, then everything it refers to
 * (its author's identity, its TLP 2.0 marking definition, the Bulwark extension definition and
 * the identity that publishes it), so the objects stand alone in a TAXII collection or a bundle.
 */
export function itemStixObjects(item: StixItemInput): StixObject[] {
  if (item.status !== "published" && item.status !== "withdrawn")
    throw new Error("Only published and withdrawn items are exported.");
  const author = organisationIdentity(item.organisation);
  const created = stixTimestamp(item.createdAt);
  const extension = {
    extension_type: "property-extension",
    item_type: item.type,
    ...(item.sectors.length > 0 ? { sectors: [...item.sectors] } : {}),
    ...(item.assetIds.length > 0 ? { asset_refs: item.assetIds.map(assetStixId) } : {}),
  };
  const common = {
    spec_version: "2.1",
    id: itemStixId(item),
    created_by_ref: author.id,
    created,
    modified: laterTimestamp(created, stixTimestamp(item.updatedAt)),
    name: item.title,
    ...(item.publicBody.trim() ? { description: item.publicBody } : {}),
    ...(item.status === "withdrawn" ? { revoked: true } : {}),
    object_marking_refs: [tlpMarkingDefinition(item.tlp).id],
    extensions: { [SHARED_ITEM_EXTENSION_ID]: extension },
  };
  const type = itemStixType(item);
  const main: StixObject =
    type === "incident"
      ? { type: "incident", ...common }
      : type === "indicator"
        ? {
            type: "indicator",
            ...common,
            pattern: item.pattern ?? "",
            pattern_type: "stix",
            pattern_version: "2.1",
            valid_from: stixTimestamp(item.publishedAt),
          }
        : {
            type: "report",
            ...common,
            report_types: [item.type === "indicator" ? "indicator" : "threat-report"],
            published: stixTimestamp(item.publishedAt),
            // A report must refer to at least one object: its author's identity is always there;
            // the assets concerned travel in the extension, since a reader may not see them.
            object_refs: [author.id],
          };
  return [main, author, tlpMarkingDefinition(item.tlp), SHARED_ITEM_EXTENSION, BULWARK_IDENTITY];
}
