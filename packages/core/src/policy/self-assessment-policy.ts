// Who sees and changes self-assessment runs, and who reads the anonymised aggregation.
//
// A run belongs to the organisation that answers it: only its people read it, whatever their role
// (platform administrators and national coordinators included). A self-assessment is candid only
// if it stays with its authors; what leaves the organisation is the anonymised regional
// aggregation, and only for runs whose organisation consented. Auditors see the audit trail of
// runs, not their answers.
//
// The aggregation is for the bodies that support states: platform administrators and the
// coordinators of international organisations.
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { allow, type Decision, deny, NONE, type Scope } from "./decision.ts";

export interface RunFacts {
  readonly organisationId: string;
  readonly state: "draft" | "submitted";
  readonly archived: boolean;
}

const onlyWatches = (actor: Actor) => actor.roles.every((role) => role === "auditor");
const SUBMITTING_ROLES = ["organisation-admin", "coordinator"] as const;

export const selfAssessmentPolicy = {
  /** Runs (and their answers, comments and results): the organisation's own. */
  readScope: (actor: Actor): Scope =>
    onlyWatches(actor) ? NONE : { kind: "organisation", organisationId: actor.organisationId },
  start: (actor: Actor): Decision =>
    onlyWatches(actor) ? deny("Auditors read the audit trail but do not answer self-assessments.") : allow,
  /** Answer, attach evidence, assign, comment: members of the organisation while the run is a draft. */
  answer: (actor: Actor, run: RunFacts): Decision => {
    if (onlyWatches(actor)) return deny("Auditors do not answer self-assessments.");
    if (actor.organisationId !== run.organisationId) return deny("This run belongs to another organisation.");
    if (run.state !== "draft") return deny("This run was submitted and is read-only.");
    if (run.archived) return deny("This run is archived: bring it back to go on answering.");
    return allow;
  },
  /** Submit (then read-only) and decide on consent: the organisation's administrators and coordinators. */
  submit: (actor: Actor, run: RunFacts): Decision => {
    if (actor.organisationId !== run.organisationId) return deny("This run belongs to another organisation.");
    if (!SUBMITTING_ROLES.some((role) => hasRole(actor, role)))
      return deny("Only the organisation's administrators and coordinators submit a self-assessment.");
    if (run.state !== "draft") return deny("This run was submitted already.");
    if (run.archived) return deny("This run is archived: bring it back before submitting it.");
    return allow;
  },
  /**
   * Archive a run or bring it back (its list and the home leave it out; it stays on record): the
   * organisation's administrators and coordinators, as for submitting.
   */
  archive: (actor: Actor, run: Pick<RunFacts, "organisationId">): Decision => {
    if (actor.organisationId !== run.organisationId) return deny("This run belongs to another organisation.");
    if (!SUBMITTING_ROLES.some((role) => hasRole(actor, role)))
      return deny("Only the organisation's administrators and coordinators archive a self-assessment.");
    return allow;
  },
  /** The anonymised comparison across regions. */
  aggregate: (actor: Actor): Decision =>
    isPlatformAdmin(actor) ||
    (hasRole(actor, "coordinator") && actor.organisationKind === "international-organisation")
      ? allow
      : deny(
          "Only the bodies that support states (platform administrators, coordinators of international organisations) read the aggregation.",
        ),
};
