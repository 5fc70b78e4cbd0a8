// What a person's home lists: the sections their roles and organisation give them. Each section
// is the to-do side of a rule that lives elsewhere in this folder (who approves a shared item, who
// moderates the compendium, who decides on an invitation, who assesses risks...), so the home
// never shows a task its reader may not do. What each section holds is read under the reader's
// own scopes, in SQL (packages/db/src/repositories/home.ts).
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { isCompendiumModerator } from "./compendium-policy.ts";
import { communityPolicy } from "./policy.ts";
import { riskPolicy } from "./risk-policy.ts";
import { selfAssessmentPolicy } from "./self-assessment-policy.ts";
import { isSharingApprover } from "./sharing-policy.ts";

/**
 * The home's sections, in the order the page shows them: open incidents and their reporting
 * deadlines first, then the incident tasks assigned to the person or their organisation.
 */
export const HOME_SECTIONS = [
  "incidents",
  "incident-tasks",
  "acknowledge",
  "approve-sharing",
  "review-proposals",
  "invitations",
  "actions-overdue",
  "actions-coming",
  "risk-reviews",
  "self-assessment-drafts",
  "questions",
  "verify-organisations",
] as const;
export type HomeSection = (typeof HOME_SECTIONS)[number];

/** The steps a new organisation takes; each ticks itself from the data. */
export const GETTING_STARTED_STEPS = ["assets", "colleagues", "communities", "self-assessment"] as const;
export type GettingStartedStep = (typeof GETTING_STARTED_STEPS)[number];

/** Days ahead that a follow-up action counts as coming. */
export const HOME_COMING_DAYS = 14;

/** Someone whose only roles are to watch (auditors) is asked to do nothing. */
const onlyWatches = (actor: Actor) => actor.roles.every((role) => role === "auditor");

export const homePolicy = {
  /** The sections this person's home lists. */
  sections: (actor: Actor): HomeSection[] => {
    const shown: Record<HomeSection, boolean> = {
      // The open (real) incidents the person sees, under the TLP rule of every incident route.
      incidents: !onlyWatches(actor),
      // The assignee moves a task's status (incidentBoardPolicy).
      "incident-tasks": !onlyWatches(actor),
      // Anyone an item reaches is asked to acknowledge it (sharingAbilities' mayAcknowledge).
      acknowledge: !onlyWatches(actor),
      // Four eyes: the approvers of the author's organisation.
      "approve-sharing": isSharingApprover(actor.roles),
      "review-proposals": isCompendiumModerator(actor),
      // Accept or decline: the invited organisation's administrators.
      invitations: communityPolicy.decide(actor, actor.organisationId).allowed,
      "actions-overdue": !onlyWatches(actor),
      "actions-coming": !onlyWatches(actor),
      "risk-reviews": riskPolicy.assess(actor).allowed,
      "self-assessment-drafts": selfAssessmentPolicy.start(actor).allowed,
      questions: !onlyWatches(actor),
      // Vouching for organisations is a platform administrator's chore.
      "verify-organisations": isPlatformAdmin(actor),
    };
    return HOME_SECTIONS.filter((section) => shown[section]);
  },
  /**
   * Follow-up actions of the whole country (not only the organisation's own): the national
   * authorities, which follow the country's actions up. An operator sees its own.
   */
  countryActions: (actor: Actor): boolean => actor.organisationKind === "national-authority",
  /** The assets that count as the organisation's: its country's for the national authority (which keeps the register). */
  nationalRegister: (actor: Actor): boolean => actor.organisationKind === "national-authority",
  /** The getting-started list: for those who can take its steps (administrators, coordinators). */
  gettingStarted: (actor: Actor): boolean =>
    hasRole(actor, "organisation-admin") || hasRole(actor, "coordinator"),
};
