// Who may see, draft, edit, approve and send an incident's situation reports (issue 18, in the
// shape of ICS 209). A sitrep is the author's organisation's report on an incident it works on:
// - drafted by someone who works on the incident (its authority or its filing operator);
// - seen, until sent, by the author's organisation's people who may see the incident;
// - edited by its author while a draft;
// - approved by a second person (never the author) of the author's organisation with a working role
//   who works on the incident too;
// - sent, once approved, as a shared item under TLP (the sharing rule then says who else sees it),
//   by its author or its approver, with a marking no wider than the incident's.
// Figures (assets down, projected failures, people without service) are not part of what is seen
// here: they are computed for each reader over the part of the registry that reader may see.
// The database compiles `maySee` to SQL (packages/db/src/repositories/sitreps.ts, visibleSitreps).

import type { TlpMarking } from "../vocabulary.ts";
import { allow, type Decision, deny } from "./decision.ts";
import { INCIDENT_WORKING_ROLES, type IncidentAbilities, type IncidentViewer } from "./incident-policy.ts";
import { isWider } from "./sharing-policy.ts";

export const SITREP_STATUSES = ["draft", "approved", "sent"] as const;
export type SitrepStatus = (typeof SITREP_STATUSES)[number];

export interface SitrepFacts {
  readonly authorId: string;
  readonly authorOrganisationId: string;
  readonly approverId: string | null;
  readonly status: SitrepStatus;
}

export interface SitrepAbilities {
  readonly maySee: boolean;
  readonly mayEdit: boolean;
  readonly mayApprove: boolean;
  readonly maySend: boolean;
}

/** Works on the incident: its authority or its filing operator (incidentAbilities). */
export const worksOnIncident = (incident: IncidentAbilities | null): boolean =>
  incident?.maySee === true && (incident.asAuthority || incident.asFiler);

const hasWorkingRole = (viewer: IncidentViewer) =>
  viewer.roles.some((role) => INCIDENT_WORKING_ROLES.includes(role));

/** May this viewer draft a situation report on an incident they see with these abilities? */
export const checkSitrepDrafting = (incident: IncidentAbilities): Decision =>
  worksOnIncident(incident)
    ? allow
    : deny("Only the authority or the filing operator of an incident writes its situation reports.");

/**
 * What the viewer may do with a sitrep. `incident`: their abilities on its incident (null when they
 * may not see it); `receivedAsSharedItem`: it was sent and the sharing rule shows them the item.
 */
export function sitrepAbilities(
  viewer: IncidentViewer,
  incident: IncidentAbilities | null,
  facts: SitrepFacts,
  receivedAsSharedItem: boolean,
): SitrepAbilities {
  const ownSide = incident?.maySee === true && viewer.organisationId === facts.authorOrganisationId;
  const maySee = ownSide || (facts.status === "sent" && receivedAsSharedItem);
  if (!maySee) return { maySee: false, mayEdit: false, mayApprove: false, maySend: false };
  const works = ownSide && worksOnIncident(incident);
  return {
    maySee,
    mayEdit: facts.status === "draft" && works && viewer.userId === facts.authorId,
    mayApprove:
      facts.status === "draft" && works && hasWorkingRole(viewer) && viewer.userId !== facts.authorId,
    maySend:
      facts.status === "approved" &&
      works &&
      (viewer.userId === facts.authorId || viewer.userId === facts.approverId),
  };
}

const STATUS_WORDS: Record<SitrepStatus, string> = {
  draft: "a draft",
  approved: "approved",
  sent: "sent",
};

/**
 * Checks a deed on a sitrep: 409 (conflict) when the viewer could have done it had the report still
 * been `expected`, 403 (refused) with the reason otherwise.
 */
export function checkSitrepDeed(
  viewer: IncidentViewer,
  incident: IncidentAbilities | null,
  facts: SitrepFacts,
  deed: "edit" | "approve" | "send",
): { readonly outcome: "allowed" } | { readonly outcome: "conflict" | "refused"; readonly reason: string } {
  const key = deed === "edit" ? "mayEdit" : deed === "approve" ? "mayApprove" : "maySend";
  if (sitrepAbilities(viewer, incident, facts, false)[key]) return { outcome: "allowed" };
  const expected: SitrepStatus = deed === "send" ? "approved" : "draft";
  if (
    facts.status !== expected &&
    sitrepAbilities(viewer, incident, { ...facts, status: expected }, false)[key]
  )
    return {
      outcome: "conflict",
      reason:
        deed === "send" && facts.status === "draft"
          ? "This situation report is not approved yet, so it cannot be sent."
          : `This situation report is ${STATUS_WORDS[facts.status]} already, so it cannot be ${deed === "edit" ? "edited" : deed === "approve" ? "approved" : "sent"}.`,
    };
  const reason =
    deed === "edit"
      ? "Only the author edits a situation report, while it is a draft."
      : deed === "approve"
        ? viewer.userId === facts.authorId
          ? "A second person approves a situation report, never its author."
          : "A colleague of the author with a working role, who works on the incident, approves a situation report."
        : "Only the author or the approver sends an approved situation report.";
  return { outcome: "refused", reason };
}

/** A sitrep goes no wider than its incident: its marking is the incident's or narrower. */
export const checkSitrepMarking = (incidentTlp: TlpMarking, sitrepTlp: TlpMarking): Decision =>
  isWider(sitrepTlp, incidentTlp)
    ? deny(
        `A situation report of a TLP:${incidentTlp.toUpperCase()} incident cannot be TLP:${sitrepTlp.toUpperCase()}: choose the incident's marking or a narrower one.`,
      )
    : allow;
