// Who sees and changes risk assessments, threat scenarios and methodologies. An assessment belongs
// to the organisation that made it. Its marking says how far it is shared: AMBER+STRICT stays with
// that organisation; AMBER also reaches the national authorities and regulators whose sectors
// include the assessed asset's sector; GREEN reaches, besides them, the organisations of the
// communities the assessor chose. Oversight (platform administrators, auditors) reads everything.
// The same rule is compiled into SQL in packages/db/src/repositories/risk.ts.
import type { Role, Sector } from "../vocabulary.ts";
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { ALL, allow, type Decision, deny, type Scope } from "./decision.ts";

export const RISK_MARKINGS = ["green", "amber", "amber+strict"] as const;
export type RiskMarking = (typeof RISK_MARKINGS)[number];

/** Kinds of organisation that oversee a sector and receive its AMBER and GREEN assessments. */
export const SECTOR_AUTHORITY_KINDS = ["national-authority", "regulator"] as const;

const EDITOR_ROLES: readonly Role[] = ["organisation-admin", "coordinator", "analyst"];
const isEditor = (actor: Actor) => EDITOR_ROLES.some((role) => hasRole(actor, role));
const isOversight = (actor: Actor) => isPlatformAdmin(actor) || hasRole(actor, "auditor");
const isSectorAuthority = (actor: Actor) =>
  SECTOR_AUTHORITY_KINDS.some((kind) => kind === actor.organisationKind);

export interface AssessmentFacts {
  readonly organisationId: string;
  readonly sector: Sector;
  readonly marking: RiskMarking;
  readonly communityIds: readonly string[];
}

/** What the reader's organisation is: its sectors and the communities it belongs to. */
export interface ReaderFacts {
  readonly sectors: readonly string[];
  readonly communityIds: readonly string[];
}

export const riskPolicy = {
  /** `marking` here means: own assessments and those shared with the reader's organisation. */
  readScope: (actor: Actor): Scope =>
    isOversight(actor) ? ALL : { kind: "marking", organisationId: actor.organisationId },
  /** The rule the SQL filter applies, for one assessment (tests and explanations). */
  read: (actor: Actor, reader: ReaderFacts, assessment: AssessmentFacts): Decision => {
    if (isOversight(actor) || actor.organisationId === assessment.organisationId) return allow;
    if (assessment.marking === "amber+strict")
      return deny("This assessment is AMBER+STRICT: it stays with the assessing organisation.");
    if (isSectorAuthority(actor) && reader.sectors.includes(assessment.sector)) return allow;
    if (
      assessment.marking === "green" &&
      assessment.communityIds.some((community) => reader.communityIds.includes(community))
    )
      return allow;
    return deny("This assessment is not shared with your organisation.");
  },
  /** Assess assets the actor may see, for the actor's own organisation. */
  assess: (actor: Actor): Decision =>
    isEditor(actor)
      ? allow
      : deny("Only organisation administrators, coordinators and analysts assess risks."),
  /** Revise an assessment: editors of the organisation it belongs to. */
  revise: (actor: Actor, assessment: { readonly organisationId: string }): Decision => {
    if (!isEditor(actor))
      return deny("Only organisation administrators, coordinators and analysts assess risks.");
    if (actor.organisationId !== assessment.organisationId)
      return deny("Only the assessing organisation revises its assessment.");
    return allow;
  },
  /** Add threat scenarios to the catalogue: platform administrators and sector authorities' editors. */
  addScenario: (actor: Actor): Decision =>
    isPlatformAdmin(actor) || (isSectorAuthority(actor) && isEditor(actor))
      ? allow
      : deny("Only national authorities, regulators and platform administrators add threat scenarios."),
  /** Change an organisation's methodology: its administrators (or a platform administrator). */
  setMethodology: (actor: Actor, organisationId: string): Decision =>
    isPlatformAdmin(actor) ||
    (hasRole(actor, "organisation-admin") && actor.organisationId === organisationId)
      ? allow
      : deny("Only the organisation's administrators change its risk methodology."),
};
