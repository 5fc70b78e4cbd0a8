// The field's fixed vocabularies (from the project's domain design notes). Ids are stable: stored in the
// database and exchanged over the API; labels are translated in the web app.

/** Critical infrastructure sectors: a union of the EU CER directive annex and the US 16 sectors. */
export const SECTORS = [
  "energy-electricity",
  "energy-oil",
  "energy-gas",
  "energy-hydrogen",
  "district-heating",
  "nuclear",
  "dams",
  "water-drinking",
  "water-waste",
  "food-agriculture",
  "health",
  "chemical",
  "transport-air",
  "transport-rail",
  "transport-water",
  "transport-road",
  "transport-public",
  "digital-infrastructure",
  "telecommunications",
  "space",
  "banking",
  "financial-market-infrastructure",
  "government-services",
  "emergency-services",
  "defence-industrial-base",
  "critical-manufacturing",
  "commercial-facilities",
  "public-administration",
] as const;
export type Sector = (typeof SECTORS)[number];

/** The kinds of organisation that take part in protecting critical infrastructure. */
export const ORGANISATION_KINDS = [
  "national-authority",
  "regulator",
  "law-enforcement",
  "public-operator",
  "private-operator",
  "sector-isac",
  "international-organisation",
  "academia",
  "civil-society",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * Roles a user holds. platform-admin runs the whole instance; organisation-admin manages the
 * people of their own organisation; auditor reads the audit trail (oversight) but changes nothing.
 */
export const ROLES = [
  "platform-admin",
  "organisation-admin",
  "coordinator",
  "analyst",
  "member",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

/** The six official UN languages, the ones the interface is translated into. */
export const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];
export const RIGHT_TO_LEFT: readonly Language[] = ["ar"];

/** Traffic Light Protocol 2.0 (FIRST, 2022) markings, from widest to narrowest audience. */
export const TLP_MARKINGS = ["clear", "green", "amber", "amber+strict", "red"] as const;
export type TlpMarking = (typeof TLP_MARKINGS)[number];

export const ASSET_STATUSES = ["operational", "degraded", "down"] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** Rinaldi, Peerenboom and Kelly (2001): the four kinds of interdependency. */
export const DEPENDENCY_KINDS = ["physical", "cyber", "geographic", "logical"] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/** Services assets commonly supply one another (suggestions: any service name is allowed). */
export const COMMON_SERVICES = [
  "electricity",
  "water",
  "fuel",
  "gas",
  "telecoms",
  "data",
  "transport",
  "cooling",
  "staff",
  "finance",
] as const;

/** Lifecycle phases that resolution 2341 and the compendium use. */
export const PHASES = [
  "prevention",
  "protection",
  "mitigation",
  "preparedness",
  "investigation",
  "response",
  "recovery",
] as const;
export type Phase = (typeof PHASES)[number];

/** Compendium themes and self-assessment sections (DOMAIN.md, "Themes"). */
export const THEMES = [
  "strategy",
  "identification",
  "risk",
  "legal",
  "coordination",
  "ppp",
  "information-sharing",
  "physical",
  "cyber",
  "insider",
  "detection",
  "uas",
  "crisis",
  "exercises",
  "investigation",
  "international",
  "awareness",
  "human-rights",
  "supply-chain",
  "soft-targets",
] as const;
export type Theme = (typeof THEMES)[number];

/** Threat families against critical infrastructure (DOMAIN.md). */
export const THREAT_FAMILIES = [
  "ied",
  "vehicle",
  "armed-assault",
  "uas",
  "cyber",
  "insider",
  "cbrn",
  "sabotage",
  "hybrid",
] as const;
export type ThreatFamily = (typeof THREAT_FAMILIES)[number];

/** World regions for tagging (the UN M49 continental regions, plus global). */
export const REGIONS = ["global", "africa", "americas", "asia", "europe", "oceania"] as const;
export type Region = (typeof REGIONS)[number];

/** Kinds of compendium entry. */
export const ENTRY_TYPES = [
  "good-practice",
  "tool",
  "case-study",
  "legal-instrument",
  "policy",
  "training",
] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** What kind of tool a "tool" entry is. */
export const TOOL_KINDS = ["methodology", "checklist", "software", "guideline"] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

/** The tags a compendium search counts and filters by, in the order screens show them. */
export const COMPENDIUM_FACETS = [
  "type",
  "phase",
  "sector",
  "threat",
  "theme",
  "region",
  "country",
  "language",
] as const;
export type CompendiumFacet = (typeof COMPENDIUM_FACETS)[number];
