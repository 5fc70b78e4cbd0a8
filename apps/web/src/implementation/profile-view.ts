// What the profile page derives from the server's answer, kept pure so it is tested without a browser.
import type { ImplementationProfile } from "@bulwark/contracts";
import type { TlpMarking } from "@bulwark/core";

type Action = ImplementationProfile["actions"]["items"][number];

/** The country's open actions that no section lists (shown once, after the sections). */
export function otherActions(profile: ImplementationProfile): Action[] {
  const tied = new Set(
    profile.sections.flatMap((section) => section.actions.items.map((action) => action.id)),
  );
  return profile.actions.items.filter((action) => !tied.has(action.id));
}

/** The share form's starting point: the share as it stands (RED, to named people, is changed through the API). */
export function shareForm(share: ImplementationProfile["share"]): {
  tlp: TlpMarking;
  communityIds: string[];
  organisationIds: string[];
} {
  const audience = share?.audience ?? [];
  return {
    tlp: !share || share.tlp === "red" ? "amber" : share.tlp,
    communityIds: audience.filter((entry) => entry.kind === "community").map((entry) => entry.id),
    organisationIds: audience.filter((entry) => entry.kind === "organisation").map((entry) => entry.id),
  };
}

/** The audience the share form sends: none for CLEAR (everyone signed in). */
export const shareAudience = (form: ReturnType<typeof shareForm>) =>
  form.tlp === "clear" ? {} : { communityIds: form.communityIds, organisationIds: form.organisationIds };
