// Who may see, reshare, approve and acknowledge a shared item (alert, report, incident notice,
// indicator) under the Traffic Light Protocol 2.0 (FIRST, 2022), as DOMAIN.md states it:
//   RED           only the people named as recipients; no further sharing.
//   AMBER+STRICT  the recipients' own organisations, need-to-know.
//   AMBER         the recipients' organisations (and their clients, outside Bulwark), need-to-know.
//   GREEN         the recipients' community: every organisation of the communities addressed.
//   CLEAR         everyone signed in.
// The database compiles the same rule into SQL (packages/db/src/repositories/sharing-scope.ts);
// property tests compare the two. Platform administrators and auditors get no exception: a TLP
// marking binds the platform's operators too.
import { type Role, TLP_MARKINGS, type TlpMarking } from "../vocabulary.ts";
import { allow, type Decision, deny } from "./decision.ts";

export const SHARED_ITEM_TYPES = ["alert", "report", "incident-notice", "indicator"] as const;
export type SharedItemType = (typeof SHARED_ITEM_TYPES)[number];

export const SHARED_ITEM_STATUSES = ["draft", "awaiting-approval", "published", "withdrawn"] as const;
export type SharedItemStatus = (typeof SHARED_ITEM_STATUSES)[number];

export const ACKNOWLEDGEMENT_STATES = ["received", "acted"] as const;
export type AcknowledgementState = (typeof ACKNOWLEDGEMENT_STATES)[number];

/** Roles that approve their organisation's items (four eyes) and see its drafts and pending items. */
export const SHARING_APPROVER_ROLES: readonly Role[] = ["organisation-admin", "coordinator"];

/**
 * The widest marking each role may publish (null: may not publish at all). A person's limit is
 * the widest over their roles. Wider means a larger audience: CLEAR is the widest.
 */
export const PUBLISH_LIMITS: Readonly<Record<Role, TlpMarking | null>> = {
  "platform-admin": "clear",
  "organisation-admin": "clear",
  coordinator: "clear",
  analyst: "green",
  member: "amber",
  auditor: null,
};

/** Markings where a second person of the author's organisation must approve, when it asks for it. */
export const FOUR_EYES_MARKINGS: readonly TlpMarking[] = ["amber", "amber+strict", "red"];
/** Markings whose audience is confidential: recipients do not see each other unless allowed. */
export const CONFIDENTIAL_MARKINGS: readonly TlpMarking[] = ["amber+strict", "red"];

/** 0 for CLEAR (widest) to 4 for RED (narrowest). */
export const tlpRank = (marking: TlpMarking): number => TLP_MARKINGS.indexOf(marking);
/** Is `a` a wider (larger audience) marking than `b`? */
export const isWider = (a: TlpMarking, b: TlpMarking): boolean => tlpRank(a) < tlpRank(b);

/** The viewer, with the communities their organisation belongs to. */
export interface SharingViewer {
  readonly userId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
  readonly communityIds: readonly string[];
}

export interface SharingAudience {
  readonly communityIds: readonly string[];
  readonly organisationIds: readonly string[];
  /** Named people: the audience of a RED item. */
  readonly userIds: readonly string[];
}

export interface SharedItemFacts {
  readonly authorId: string;
  readonly authorOrganisationId: string;
  readonly approverId: string | null;
  readonly status: SharedItemStatus;
  readonly tlp: TlpMarking;
  /** The author's audience together with every reshare's additions. */
  readonly audience: SharingAudience;
  /** The author lets recipients of a confidential audience see each other's names. */
  readonly revealAudience: boolean;
}

export interface SharingAbilities {
  readonly maySee: boolean;
  /** Add recipients within what the marking allows (CLEAR, GREEN; never a wider marking). */
  readonly mayReshare: boolean;
  readonly mayAcknowledge: boolean;
  /** See the names of the other organisations and people of the audience. */
  readonly maySeeAudienceNames: boolean;
  readonly mayEdit: boolean;
  readonly mayApprove: boolean;
  readonly mayWithdraw: boolean;
  /** Why the viewer may not see it (when maySee is false). */
  readonly reason: string;
}

export const isSharingApprover = (roles: readonly Role[]): boolean =>
  roles.some((role) => SHARING_APPROVER_ROLES.includes(role));

/** The widest marking a person holding these roles may publish, or null. */
export function widestPublishable(roles: readonly Role[]): TlpMarking | null {
  let widest: TlpMarking | null = null;
  for (const role of roles) {
    const limit = PUBLISH_LIMITS[role];
    if (limit && (widest === null || isWider(limit, widest))) widest = limit;
  }
  return widest;
}

const intersects = (a: readonly string[], b: readonly string[]) => a.some((value) => b.includes(value));

/** Is the viewer a recipient of a published item under its marking? (Authors are handled apart.) */
export function isRecipient(viewer: SharingViewer, item: SharedItemFacts): boolean {
  const { audience } = item;
  switch (item.tlp) {
    case "clear":
      return true;
    case "red":
      return audience.userIds.includes(viewer.userId) || item.approverId === viewer.userId;
    default:
      return (
        viewer.organisationId === item.authorOrganisationId ||
        audience.organisationIds.includes(viewer.organisationId) ||
        intersects(audience.communityIds, viewer.communityIds)
      );
  }
}

const NONE: Omit<SharingAbilities, "reason"> = {
  maySee: false,
  mayReshare: false,
  mayAcknowledge: false,
  maySeeAudienceNames: false,
  mayEdit: false,
  mayApprove: false,
  mayWithdraw: false,
};

/**
 * Four eyes: an item awaiting approval is approved by a second person, an approver of the author's
 * organisation, never the author. (The one place this is decided; lists and the item page ask it.)
 */
export const mayApproveItem = (
  viewer: SharingViewer,
  item: Pick<SharedItemFacts, "authorId" | "authorOrganisationId" | "status">,
): boolean =>
  item.status === "awaiting-approval" &&
  viewer.userId !== item.authorId &&
  viewer.organisationId === item.authorOrganisationId &&
  isSharingApprover(viewer.roles);

/** The rule: what this viewer may do with this item. */
export function sharingAbilities(viewer: SharingViewer, item: SharedItemFacts): SharingAbilities {
  const isAuthor = viewer.userId === item.authorId;
  const ownApprover = viewer.organisationId === item.authorOrganisationId && isSharingApprover(viewer.roles);
  const unpublished = item.status === "draft" || item.status === "awaiting-approval";
  if (unpublished) {
    if (!isAuthor && !ownApprover)
      return { ...NONE, reason: "Drafts and items awaiting approval stay with their author's approvers." };
    return {
      ...NONE,
      maySee: true,
      maySeeAudienceNames: true,
      mayEdit: isAuthor,
      mayApprove: mayApproveItem(viewer, item),
      mayWithdraw: isAuthor || ownApprover,
      reason: "",
    };
  }
  const seesAsRecipient = isRecipient(viewer, item);
  if (!isAuthor && !seesAsRecipient)
    return { ...NONE, reason: `This item is TLP:${item.tlp.toUpperCase()} and you are not in its audience.` };
  const sender = isAuthor || (item.tlp !== "red" && viewer.organisationId === item.authorOrganisationId);
  const published = item.status === "published";
  return {
    ...NONE,
    maySee: true,
    mayReshare: published && (item.tlp === "clear" || item.tlp === "green"),
    mayAcknowledge: published && !isAuthor,
    maySeeAudienceNames: sender || !CONFIDENTIAL_MARKINGS.includes(item.tlp) || item.revealAudience,
    mayWithdraw: published && (isAuthor || ownApprover),
    reason: "",
  };
}

/**
 * May anyone, signed in or not, read this item (its CAP message, its place in the public Atom
 * feed)? Only TLP:CLEAR ("no limit on disclosure") once it has gone out: published, or withdrawn
 * (so that the withdrawal reaches those who saw it). The SQL twin is publicSharedItems().
 */
export const isPublicItem = (item: Pick<SharedItemFacts, "tlp" | "status">): boolean =>
  item.tlp === "clear" && (item.status === "published" || item.status === "withdrawn");

export interface OrganisationSharingFacts {
  /** AMBER, AMBER+STRICT and RED items go out only after a second person approves them. */
  readonly requiresFourEyes: boolean;
}

/** Does an item marked so, from an organisation with these settings, need a second person? */
export const needsFourEyes = (tlp: TlpMarking, organisation: OrganisationSharingFacts): boolean =>
  organisation.requiresFourEyes && FOUR_EYES_MARKINGS.includes(tlp);

/**
 * May this author address this audience under this marking? The marking must be within the
 * author's role limit; RED goes to named people only, the others to communities and organisations
 * (CLEAR needs no audience); a community addressed must be one the author's organisation belongs to.
 */
export function checkComposition(
  author: SharingViewer,
  tlp: TlpMarking,
  audience: SharingAudience,
  options: { forSubmission: boolean },
): Decision {
  const widest = widestPublishable(author.roles);
  if (widest === null) return deny("Your roles do not allow you to share items.");
  if (isWider(tlp, widest))
    return deny(
      `Your roles allow markings up to TLP:${widest.toUpperCase()}; TLP:${tlp.toUpperCase()} is wider. Ask an approver of your organisation.`,
    );
  const strangers = audience.communityIds.filter((id) => !author.communityIds.includes(id));
  if (strangers.length > 0) return deny("You may address only communities your organisation belongs to.");
  if (tlp === "red") {
    if (audience.communityIds.length > 0 || audience.organisationIds.length > 0)
      return deny("TLP:RED goes to named people only, not to communities or organisations.");
    if (options.forSubmission && audience.userIds.length === 0)
      return deny("Name at least one person to receive a TLP:RED item.");
    return allow;
  }
  if (audience.userIds.length > 0)
    return deny("Only TLP:RED items are addressed to named people; choose communities or organisations.");
  if (
    options.forSubmission &&
    tlp !== "clear" &&
    audience.communityIds.length === 0 &&
    audience.organisationIds.length === 0
  )
    return deny("Choose at least one community or organisation to receive this item.");
  return allow;
}

/**
 * May this viewer add these recipients to an item they see? Resharing keeps the marking (it can
 * never be widened): CLEAR to anyone; GREEN to communities the resharer's organisation belongs to
 * and to organisations; AMBER, AMBER+STRICT and RED not at all (their audience is the recipients'
 * own organisation, or named people).
 */
export function checkReshare(
  viewer: SharingViewer,
  item: SharedItemFacts,
  addition: Omit<SharingAudience, "userIds"> & { readonly userIds?: readonly string[] },
): Decision {
  const abilities = sharingAbilities(viewer, item);
  if (!abilities.maySee) return deny(abilities.reason);
  if (!abilities.mayReshare)
    return deny(
      item.status !== "published"
        ? "Only published items are reshared."
        : `TLP:${item.tlp.toUpperCase()} allows no sharing beyond its recipients: ask the source.`,
    );
  if ((addition.userIds ?? []).length > 0) return deny("Reshare to communities or organisations.");
  if (addition.communityIds.length === 0 && addition.organisationIds.length === 0)
    return deny("Choose at least one community or organisation.");
  if (
    item.tlp === "green" &&
    addition.communityIds.some((community) => !viewer.communityIds.includes(community))
  )
    return deny("TLP:GREEN is shared within your own communities only.");
  return allow;
}

/** What the TLP banner says: who may see it and what may be done with it (FIRST TLP 2.0). */
export const TLP_BANNERS: Readonly<Record<TlpMarking, { readonly label: string; readonly text: string }>> = {
  clear: {
    label: "TLP:CLEAR",
    text: "No limit on disclosure beyond copyright: you may share it freely, publicly too.",
  },
  green: {
    label: "TLP:GREEN",
    text: "For the recipients' community: you may share it with peers and partners, not through public channels.",
  },
  amber: {
    label: "TLP:AMBER",
    text: "Limited disclosure: your organisation and its clients only, on a need-to-know basis. Wider sharing needs the source's permission.",
  },
  "amber+strict": {
    label: "TLP:AMBER+STRICT",
    text: "Limited disclosure: your own organisation only, on a need-to-know basis. Wider sharing needs the source's permission.",
  },
  red: {
    label: "TLP:RED",
    text: "For the eyes and ears of the named recipients only: no further sharing.",
  },
};
