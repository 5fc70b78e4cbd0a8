// Who reads a state's implementation profile (resolution 2341 section by section) and who shares it.
//
// The profile is the state's: its national authorities (organisations of kind national-authority
// of that country) read it, and their administrators and coordinators choose whether and with whom
// to share it, by TLP marking and audience under the very rule of shared items (a published item
// of the national authority that shared it). Nobody else reads it, platform administrators and
// auditors included: a state decides what it shares about its own gaps (DOMAIN.md).
//
// The profile opens only the state's own figures (its self-assessment scores and the measures its
// answers say are in place). Follow-up actions, engagements and exercises keep their own rules: each
// reader counts only those it may see anyway. The database compiles the same rule
// (packages/db/src/repositories/implementation.ts, over `implementation_profile_shares`).
import type { Actor } from "../policy/actor.ts";
import { allow, type Decision, deny } from "../policy/decision.ts";
import {
  checkComposition,
  isRecipient,
  type SharingAudience,
  type SharingViewer,
} from "../policy/sharing-policy.ts";
import type { Role, TlpMarking } from "../vocabulary.ts";

/** Roles of a national authority that share its state's profile. */
export const PROFILE_SHARING_ROLES: readonly Role[] = ["organisation-admin", "coordinator"];

export interface ProfileViewer extends SharingViewer {
  readonly organisationKind: Actor["organisationKind"];
  /** The country of the viewer's organisation (ISO 3166-1 alpha-2, or a demo's code). */
  readonly organisationCountry: string;
}

/** A profile's share: which national authority shared it, by whom, marked and addressed how. */
export interface ProfileShareFacts {
  readonly organisationId: string;
  readonly sharedBy: string;
  readonly tlp: TlpMarking;
  readonly audience: SharingAudience;
}

export interface ProfileFacts {
  readonly country: string;
  readonly share: ProfileShareFacts | null;
}

export interface ProfileAbilities {
  readonly maySee: boolean;
  /** A national authority of the state: reads the whole profile, sees who it is shared with. */
  readonly asOwner: boolean;
  /** Share it, change the share or stop sharing. */
  readonly mayShare: boolean;
  readonly reason: string;
}

export const ownsProfile = (viewer: ProfileViewer, country: string): boolean =>
  viewer.organisationKind === "national-authority" && viewer.organisationCountry === country;

/** Is the viewer in the audience of this share? isRecipient of shared items, the share as a published item. */
export const isShareRecipient = (viewer: SharingViewer, share: ProfileShareFacts): boolean =>
  viewer.userId === share.sharedBy ||
  isRecipient(viewer, {
    authorId: share.sharedBy,
    authorOrganisationId: share.organisationId,
    approverId: null,
    status: "published",
    tlp: share.tlp,
    audience: share.audience,
    revealAudience: false,
  });

export function profileAbilities(viewer: ProfileViewer, facts: ProfileFacts): ProfileAbilities {
  const asOwner = ownsProfile(viewer, facts.country);
  const mayShare = asOwner && viewer.roles.some((role) => PROFILE_SHARING_ROLES.includes(role));
  if (asOwner) return { maySee: true, asOwner, mayShare, reason: "" };
  if (facts.share && isShareRecipient(viewer, facts.share))
    return { maySee: true, asOwner: false, mayShare: false, reason: "" };
  return {
    maySee: false,
    asOwner: false,
    mayShare: false,
    reason:
      "A state's implementation profile is read by its national authorities and by those it is shared with.",
  };
}

/** May this viewer share its state's profile, change the share or stop sharing? */
export function checkProfileSharer(viewer: ProfileViewer, country: string): Decision {
  if (!ownsProfile(viewer, country))
    return deny("Only the state's national authorities share its implementation profile.");
  if (!viewer.roles.some((role) => PROFILE_SHARING_ROLES.includes(role)))
    return deny("Only administrators and coordinators of a national authority share its state's profile.");
  return allow;
}

/** May this viewer share its state's profile, marked and addressed so? */
export function checkProfileSharing(
  viewer: ProfileViewer,
  country: string,
  tlp: TlpMarking,
  audience: SharingAudience,
): Decision {
  const sharer = checkProfileSharer(viewer, country);
  if (!sharer.allowed) return sharer;
  const composed = checkComposition(viewer, tlp, audience, { forSubmission: true });
  return composed.allowed ? allow : composed;
}
