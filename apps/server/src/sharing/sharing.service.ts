// Sharing items between agencies and operators under TLP 2.0: compose, submit (with four eyes),
// approve, withdraw, read, acknowledge and reshare. Core's sharingAbilities decides; every read of
// items goes through the repository's visibility filter, compiled from the same rule. Every change
// is audited with ids, markings and counts only (no titles, names or e-mail addresses).

import { randomUUID } from "node:crypto";
import type {
  AcknowledgementCreate,
  Acknowledgements,
  AlertWarningRevision,
  ReshareCreate,
  SharedItem,
  SharedItemCompose,
  SharedItemSummary,
  SharingFeed,
  SharingFeedQuery,
} from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  type Actor,
  type AlertWarning,
  assetCircles,
  assetPolicy,
  checkComposition,
  checkReshare,
  type Decision,
  mayApproveItem,
  mayReadPersonalData,
  needsFourEyes,
  personalValuesIn,
  type Role,
  revealItemText,
  revealPersonalData,
  type SharedItemFacts,
  type SharingAbilities,
  type SharingAudience,
  type SharingViewer,
  sharingAbilities,
  TLP_BANNERS,
  type TlpMarking,
  warningOf,
} from "@bulwark/core";
import {
  type AudienceMember,
  type AuditAppend,
  acknowledgeSharedItem,
  appendAudit,
  assetMentions,
  audienceIds,
  auditAppend,
  type Executor,
  existingAudience,
  findSharedItemWithAudience,
  insertComposedItem,
  insertReshare,
  listRecipients,
  listSharedItems,
  lockSharedItem,
  markSharedItemRead,
  publicationOf,
  recordAudit,
  replaceAuthorAudience,
  type SharedItemRecord,
  sharingViewer,
  type Transaction,
  updateSharedItem,
} from "@bulwark/db";
import type { z } from "zod";
import type { Caller } from "../auth/principal.ts";
import { capPath } from "../cap/cap.service.ts";
import type { ServerContext } from "../context.ts";
import { conflict, type FieldError, forbidden, invalid, notFound } from "../errors.ts";
import { say } from "../i18n/messages.ts";
import { notifyApprovers, notifyRecipients } from "../notifications/notify.ts";
import { publicTextsOf, storedWarning } from "./personal-data.service.ts";
import { type MirrorKnown, mirrorSharedItem } from "./stix-mirror.ts";

type Compose = z.output<typeof SharedItemCompose>;
type FeedQuery = z.output<typeof SharingFeedQuery>;

const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

/**
 * The caller as the sharing rule takes them: their organisation's communities as read with their
 * session or token in this request (one statement fewer), else read now.
 */
export const viewerOf = (context: ServerContext, caller: Actor | Caller): Promise<SharingViewer> => {
  const communityIds = "principal" in caller ? caller.principal.communityIds : undefined;
  return communityIds ? Promise.resolve({ ...caller, communityIds }) : sharingViewer(context.db, caller);
};

export async function visibleItem(
  context: ServerContext,
  viewer: SharingViewer,
  id: string,
  db: Executor = context.db,
) {
  const found = await findSharedItemWithAudience(db, viewer, id);
  if (!found) throw notFound("shared item");
  return itemState(viewer, found.item, found.members);
}

/** What the policy decides on, from an item and its audience as read (or as a change left them). */
function itemState(viewer: SharingViewer, item: SharedItemRecord, members: AudienceMember[]) {
  const facts: SharedItemFacts = {
    authorId: item.author.id,
    authorOrganisationId: item.organisation.id,
    approverId: item.approver?.id ?? null,
    status: item.status as SharedItemFacts["status"],
    tlp: item.tlp as TlpMarking,
    audience: audienceIds(members),
    revealAudience: item.revealAudience,
  };
  return { item, members, facts, abilities: sharingAbilities(viewer, facts) };
}

/** The sender's side: the author, or (except for RED) the author's organisation. */
const isSender = (viewer: SharingViewer, facts: SharedItemFacts) =>
  viewer.userId === facts.authorId ||
  (facts.tlp !== "red" && viewer.organisationId === facts.authorOrganisationId);

/**
 * The title as this viewer reads it in lists: as written (hand markup removed) inside the author's
 * organisation, pseudonymised for everyone else. (Roles the author allowed read it as written on
 * the item page, where that view is audited.)
 */
const titleFor = (viewer: Pick<SharingViewer, "organisationId">, item: SharedItemRecord): string =>
  viewer.organisationId === item.organisation.id ? revealPersonalData(item.title) : item.publicTitle;

const summary = (item: SharedItemRecord, viewer: SharingViewer): SharedItemSummary => ({
  id: item.id,
  type: item.type as SharedItemSummary["type"],
  title: titleFor(viewer, item),
  sectors: item.sectors as SharedItemSummary["sectors"],
  tlp: item.tlp as TlpMarking,
  status: item.status as SharedItemSummary["status"],
  author: item.author,
  organisation: item.organisation,
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
  publishedAt: item.publishedAt,
  isNew: item.readAt === null,
  acknowledgement: item.acknowledgement as SharedItemSummary["acknowledgement"],
  mayApprove: mayApproveItem(viewer, {
    authorId: item.author.id,
    authorOrganisationId: item.organisation.id,
    status: item.status as SharedItemSummary["status"],
  }),
});

export async function sharedItemDetail(
  context: ServerContext,
  caller: Actor,
  id: string,
  options: {
    markRead?: boolean;
    viewer?: SharingViewer;
    /**
     * The item and its audience as the change this answers committed them (read under its lock,
     * plus what it wrote), so they are not read again.
     */
    committed?: { item: SharedItemRecord; members: AudienceMember[] };
  } = {},
): Promise<SharedItem> {
  // The viewer already read for the change this answers, if any (the caller's communities).
  const viewer = options.viewer ?? (await viewerOf(context, caller));
  const { item, members, facts, abilities } = options.committed
    ? itemState(viewer, options.committed.item, options.committed.members)
    : await visibleItem(context, viewer, id);
  if ((options.markRead ?? true) && item.readAt === null)
    await markSharedItemRead(context.db, id, viewer.userId, context.clock());
  const known = abilities.maySeeAudienceNames
    ? members
    : members.filter(
        (member) =>
          (member.kind === "user" && member.id === viewer.userId) ||
          (member.kind === "organisation" && member.id === viewer.organisationId) ||
          (member.kind === "community" && viewer.communityIds.includes(member.id)),
      );
  const fourEyes = needsFourEyes(facts.tlp, {
    requiresFourEyes: item.organisationRequiresFourEyes,
  });
  const draft = item.status === "draft";
  // Personal data: as written for the author's organisation and the roles the author allowed
  // (each such view audited), pseudonyms for everyone else.
  const personalDataRoles = item.personalDataRoles as Role[];
  const written = { title: item.title, body: item.body, warning: storedWarning(item.warning) };
  const found = personalValuesIn(written);
  const asWritten = mayReadPersonalData(viewer, {
    authorOrganisationId: facts.authorOrganisationId,
    personalDataRoles,
  });
  if (asWritten && found > 0)
    await recordAudit(
      context.db,
      {
        actorId: viewer.userId,
        action: "sharing.read-personal-data",
        targetType: "shared-item",
        targetId: id,
        details: { values: found },
      },
      context.clock(),
    );
  const warning =
    item.type === "alert"
      ? asWritten
        ? warningOf(revealItemText(written).warning, revealPersonalData(item.title))
        : warningOf(item.publicWarning, item.publicTitle)
      : null;
  // The assets concerned, as far as this reader may see them (ids included): hidden ones are
  // left out and not counted apart from removed ones.
  const assets = await assetMentions(context.db, assetPolicy.readScope(caller), item.assetIds);
  const withheld =
    warning && item.capSent.length > 0 ? assetCircles(warning, facts.tlp, assets.visible).withheld : 0;
  return {
    ...summary(item, viewer),
    title: asWritten ? revealPersonalData(item.title) : item.publicTitle,
    warning: warning
      ? {
          ...warning,
          categories: [...warning.categories],
          area: {
            ...warning.area,
            polygons: warning.area.polygons.map((polygon) => [...polygon]),
            circles: [...warning.area.circles],
          },
        }
      : null,
    cap:
      warning && item.capSent.length > 0
        ? { url: capPath(item.id), messages: item.capSent.length, withheldAssets: withheld }
        : null,
    body: asWritten ? revealPersonalData(item.body) : item.publicBody,
    pattern: item.type === "indicator" ? item.pattern : null,
    personalData: { found, asWritten, roles: personalDataRoles, purgedAt: item.personalDataPurgedAt },
    assetIds: assets.visible.map((asset) => asset.id),
    approver: item.approver,
    revealAudience: item.revealAudience,
    banner: TLP_BANNERS[facts.tlp],
    audience: {
      members: known.map(({ kind, id: memberId, name, reshared }) => ({
        kind,
        id: memberId,
        name,
        reshared,
      })),
      hidden: members.length - known.length,
    },
    needsFourEyes: fourEyes,
    abilities: {
      edit: abilities.mayEdit && draft,
      submit: abilities.mayEdit && draft,
      approve: abilities.mayApprove,
      withdraw: abilities.mayWithdraw,
      reshare: abilities.mayReshare,
      acknowledge: abilities.mayAcknowledge,
      seeAcknowledgements: item.status === "published" || item.status === "withdrawn",
    },
  };
}

export async function sharingFeed(
  context: ServerContext,
  caller: Actor,
  query: FeedQuery,
): Promise<SharingFeed> {
  const viewer = await viewerOf(context, caller);
  const page = await listSharedItems(context.db, viewer, query);
  return { items: page.items.map((item) => summary(item, viewer)), total: page.total, counts: page.counts };
}

const audienceCounts = (audience: SharingAudience) => ({
  communities: audience.communityIds.length,
  organisations: audience.organisationIds.length,
  people: audience.userIds.length,
});

/**
 * Every id of the audience names something that exists (a person: one of the author's directory),
 * and every asset concerned is one the author may read (bad input changes nothing; an asset hidden from the author answers exactly as
 * one that does not exist, so an item cannot carry what its author cannot see).
 */
async function checkAudienceExists(
  context: ServerContext,
  caller: Actor,
  audience: SharingAudience,
  assetIds: string[] = [],
  db: Executor = context.db,
) {
  const found = await existingAudience(db, audience, caller.organisationId);
  const errors: FieldError[] = (["communityIds", "organisationIds", "userIds"] as const).flatMap((key) =>
    audience[key]
      .filter((id) => !found[key].includes(id))
      .map((id) => ({
        path: `audience.${key}`,
        message: { key: "detail.noSuchRecipient" as const, values: { id } },
      })),
  );
  const { visible } = await assetMentions(db, assetPolicy.readScope(caller), assetIds);
  const readable = new Set(visible.map((asset) => asset.id));
  for (const id of assetIds.filter((assetId) => !readable.has(assetId)))
    errors.push({ path: "assetIds", message: { key: "detail.noSuchAsset" as const, values: { id } } });
  if (errors.length > 0) throw invalid("Some recipients or assets do not exist.", errors);
}

/** An alert's warning, checked against the clock: what is stored (null for other types). */
function warningToStore(context: ServerContext, input: Compose): AlertWarning | null {
  if (input.type !== "alert") return null;
  if (input.warning) checkExpiry(context, input.warning);
  return input.warning ?? null;
}

/** An indicator's STIX pattern, checked by the contracts: what is stored (null for other types). */
const patternToStore = (input: Compose): string | null =>
  input.type === "indicator" ? (input.pattern ?? null) : null;

/** What a composition stores, whether it makes a new item or revises a draft. */
async function storedFields(context: ServerContext, organisationId: string, input: Compose) {
  const warning = warningToStore(context, input);
  const texts = await publicTextsOf(context, organisationId, { ...input, warning });
  return {
    type: input.type,
    title: input.title,
    body: input.body,
    ...texts,
    personalDataRoles: input.personalDataRoles,
    sectors: input.sectors,
    assetIds: input.assetIds,
    tlp: input.tlp,
    revealAudience: input.revealAudience,
    warning,
    pattern: patternToStore(input),
  };
}

function checkExpiry(context: ServerContext, warning: AlertWarning) {
  if (warning.expires && new Date(warning.expires).getTime() <= context.clock().getTime())
    throw invalid("The warning would expire before it goes out.", [
      { path: "warning.expires", message: "Choose a time in the future." },
    ]);
}

type ItemState = Awaited<ReturnType<typeof visibleItem>>;

/**
 * A change of an existing item, in one transaction. Its row is locked first, so the changes of one
 * item queue (across server processes too); what the change depends on (status, audience, the
 * caller's abilities) is read again under the lock and decided there; the change, its STIX copies
 * and its audit entry then commit together or not at all. Two requests sent together therefore
 * end as if sent one after the other: a second submit finds the item published, a revision sent
 * with a submit finds it no longer a draft (or the submit publishes the revised text).
 * `change` decides and changes, and returns the audit entry's details.
 */
async function changeItem(
  context: ServerContext,
  caller: Actor,
  viewer: SharingViewer,
  id: string,
  action: AuditAction,
  change: (
    tx: Transaction,
    state: ItemState,
    now: Date,
    audit: (details: Record<string, unknown>) => AuditAppend,
  ) => Promise<Record<string, unknown> | typeof AUDITED>,
): Promise<void> {
  const now = context.clock();
  const entry = (details: Record<string, unknown>) => ({
    actorId: caller.userId,
    action,
    targetType: "shared-item",
    targetId: id,
    details: JSON.parse(JSON.stringify(details)),
  });
  await context.db.transaction(async (tx) => {
    if (!(await lockSharedItem(tx, id))) throw notFound("shared item");
    const state = await visibleItem(context, viewer, id, tx);
    const details = await change(tx, state, now, (said) => auditAppend(entry(said), now));
    if (details !== AUDITED) await appendAudit(tx, entry(details), now);
  });
}

/** What a change returns when it appended its audit entry itself (with its STIX copies). */
const AUDITED: unique symbol = Symbol("audited");

/** Author and communities as read under the lock, for a mirror after a change that keeps them. */
const keeping = ({ facts }: ItemState, item?: SharedItemRecord): MirrorKnown => ({
  author: { userId: facts.authorId, organisationId: facts.authorOrganisationId },
  communityIds: facts.audience.communityIds,
  ...(item ? { item } : {}),
});

/**
 * The item as read under its lock, after a publication (or a move to approval) wrote these fields:
 * what the database now holds, so it is not read again in or after the change.
 */
const afterPublishing = (
  item: SharedItemRecord,
  change: { status: string; now: Date; published: boolean; approver?: { id: string; name: string } },
): SharedItemRecord => ({
  ...item,
  status: change.status,
  updatedAt: change.now.toISOString(),
  ...(change.approver ? { approver: change.approver } : {}),
  ...(change.published
    ? {
        publishedAt: change.now.toISOString(),
        capSent: item.type === "alert" ? [...item.capSent, change.now.toISOString()] : item.capSent,
      }
    : {}),
});

type Status = SharedItemFacts["status"];
// What a caller may no longer do to an item that moved on, said with its state in their language.
const MOVED_ON = {
  changed: "sharing.movedOn.changed",
  submitted: "sharing.movedOn.submitted",
  approved: "sharing.movedOn.approved",
  "withdrawn again": "sharing.movedOn.withdrawnAgain",
  revised: "sharing.movedOn.revised",
} as const;

/**
 * The caller may do this only while the item is `expected`. Allowed then, but the item has moved
 * on (a second submit, a revision after the submit): 409 naming its state, and nothing changes.
 * Not allowed at all: 403 with `reason`.
 */
function mustBeIn(
  viewer: SharingViewer,
  facts: SharedItemFacts,
  expected: Status,
  may: (abilities: SharingAbilities) => boolean,
  deed: keyof typeof MOVED_ON,
  reason: string,
): void {
  if (facts.status !== expected && may(sharingAbilities(viewer, { ...facts, status: expected })))
    throw conflict({
      key: MOVED_ON[deed],
      values: { state: (language) => say(language, { key: `sharing.state.${facts.status}` }) },
    });
  if (!may(sharingAbilities(viewer, facts))) throw forbidden(reason);
}

export async function composeSharedItem(context: ServerContext, caller: Actor, input: Compose) {
  const viewer = await viewerOf(context, caller);
  must(checkComposition(viewer, input.tlp, input.audience, { forSubmission: false }));
  await checkAudienceExists(context, caller, input.audience, input.assetIds);
  const fields = await storedFields(context, caller.organisationId, input);
  // The new item and its audit entry in one statement (so in one transaction): its id is made here,
  // for the entry names it.
  const id = randomUUID();
  const now = context.clock();
  const committed = await insertComposedItem(
    context.db,
    { ...fields, id, authorId: caller.userId, authorOrganisationId: caller.organisationId, now },
    input.audience,
    caller.userId,
    auditAppend(
      {
        actorId: caller.userId,
        action: "sharing.compose",
        targetType: "shared-item",
        targetId: id,
        details: { type: input.type, tlp: input.tlp, audience: audienceCounts(input.audience) },
      },
      now,
    ),
  );
  // The new item as its author reads it, from what was written: not read again.
  return sharedItemDetail(context, caller, committed.item.id, { viewer, committed });
}

const EDIT_REFUSED = "Only the author changes a draft.";

export async function reviseSharedItem(context: ServerContext, caller: Actor, id: string, input: Compose) {
  const viewer = await viewerOf(context, caller);
  // Checked first without the lock, so that bad input costs no lock; checked again under it.
  const { item, facts } = await visibleItem(context, viewer, id);
  mustBeIn(viewer, facts, "draft", (may) => may.mayEdit, "changed", EDIT_REFUSED);
  must(checkComposition(viewer, input.tlp, input.audience, { forSubmission: false }));
  await checkAudienceExists(context, caller, input.audience, input.assetIds);
  const fields = await storedFields(context, item.organisation.id, input);
  await changeItem(context, caller, viewer, id, "sharing.revise", async (tx, state, now) => {
    mustBeIn(viewer, state.facts, "draft", (may) => may.mayEdit, "changed", EDIT_REFUSED);
    await updateSharedItem(tx, id, {
      ...fields,
      now,
    });
    await replaceAuthorAudience(tx, id, input.audience);
    return { type: input.type, tlp: input.tlp, audience: audienceCounts(input.audience) };
  });
  return sharedItemDetail(context, caller, id, { viewer });
}

/**
 * Submitting is done once: a second submit (sent together with the first, or later) answers 409
 * naming the item's state, and adds no audit entry and no STIX version.
 */
export async function submitSharedItem(context: ServerContext, caller: Actor, id: string) {
  const viewer = await viewerOf(context, caller);
  let committed: { item: SharedItemRecord; members: AudienceMember[] } | undefined;
  await changeItem(context, caller, viewer, id, "sharing.submit", async (tx, state, now, audit) => {
    const { item, facts } = state;
    mustBeIn(viewer, facts, "draft", (may) => may.mayEdit, "submitted", "Only the author submits a draft.");
    must(checkComposition(viewer, facts.tlp, facts.audience, { forSubmission: true }));
    const fourEyes = needsFourEyes(facts.tlp, {
      requiresFourEyes: item.organisationRequiresFourEyes,
    });
    const status = fourEyes ? "awaiting-approval" : "published";
    const notified = {
      id,
      tlp: facts.tlp,
      authorId: facts.authorId,
      authorOrganisationId: facts.authorOrganisationId,
    };
    if (fourEyes) {
      await updateSharedItem(tx, id, { status, now });
      await notifyApprovers(tx, notified, now);
    }
    // The publication is written in the statement that finds the recipients (one round trip).
    else
      await notifyRecipients(
        tx,
        notified,
        caller.userId,
        now,
        publicationOf(id, {
          status,
          publishedAt: now,
          ...(item.type === "alert" ? { capMessage: true as const } : {}),
          now,
        }),
      );
    // The STIX copies last (before the audit entry): each collection's lock, which every publisher
    // to that community waits for, is then held for the fewest statements until the commit.
    const published = afterPublishing(item, { status, now, published: !fourEyes });
    committed = { item: published, members: state.members };
    const details = { tlp: facts.tlp, status };
    // The audit entry goes with the last STIX copy: its chain's lock after the collections', as
    // before, and one round trip fewer.
    if (!fourEyes && (await mirrorSharedItem(tx, id, now, keeping(state, published), audit(details))))
      return AUDITED;
    return details;
  });
  return sharedItemDetail(context, caller, id, { viewer, committed });
}

export async function approveSharedItem(context: ServerContext, caller: Actor, id: string) {
  const viewer = await viewerOf(context, caller);
  await changeItem(context, caller, viewer, id, "sharing.approve", async (tx, state, now) => {
    const { item, facts } = state;
    mustBeIn(
      viewer,
      facts,
      "awaiting-approval",
      (may) => may.mayApprove,
      "approved",
      facts.status !== "awaiting-approval"
        ? "This item is not awaiting approval."
        : "A second person of the author's organisation with an approver's role (coordinator, organisation administrator) approves it, never its author.",
    );
    await updateSharedItem(tx, id, {
      status: "published",
      approverId: caller.userId,
      publishedAt: now,
      ...(item.type === "alert" ? { capMessage: true as const } : {}),
      now,
    });
    await mirrorSharedItem(tx, id, now, keeping(state));
    await notifyRecipients(
      tx,
      { id, tlp: facts.tlp, authorId: facts.authorId, authorOrganisationId: facts.authorOrganisationId },
      caller.userId,
      now,
    );
    return { tlp: facts.tlp };
  });
  return sharedItemDetail(context, caller, id, { viewer });
}

const WITHDRAW_REFUSED = "Only the author or an approver of their organisation withdraws an item.";

export async function withdrawSharedItem(context: ServerContext, caller: Actor, id: string) {
  const viewer = await viewerOf(context, caller);
  await changeItem(context, caller, viewer, id, "sharing.withdraw", async (tx, state, now) => {
    const { item, facts } = state;
    // Withdrawn already (by a request sent together with this one, or before): a conflict for
    // those who could have withdrawn it, a refusal for everyone else.
    if (facts.status === "withdrawn")
      mustBeIn(viewer, facts, "published", (may) => may.mayWithdraw, "withdrawn again", WITHDRAW_REFUSED);
    if (!sharingAbilities(viewer, facts).mayWithdraw) throw forbidden(WITHDRAW_REFUSED);
    // A published alert's withdrawal goes out as a CAP Cancel.
    const cancels = item.type === "alert" && item.capSent.length > 0;
    await updateSharedItem(tx, id, {
      status: "withdrawn",
      ...(cancels ? { capMessage: true as const } : {}),
      now,
    });
    await mirrorSharedItem(tx, id, now, keeping(state));
    return { tlp: facts.tlp, from: facts.status };
  });
  return sharedItemDetail(context, caller, id, { viewer });
}

export async function acknowledge(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof AcknowledgementCreate>,
) {
  const viewer = await viewerOf(context, caller);
  await changeItem(context, caller, viewer, id, "sharing.acknowledge", async (tx, { abilities }, now) => {
    if (!abilities.mayAcknowledge) throw forbidden("Recipients acknowledge published items; authors do not.");
    await acknowledgeSharedItem(tx, {
      itemId: id,
      userId: caller.userId,
      organisationId: caller.organisationId,
      state: input.state,
      now,
    });
    await markSharedItemRead(tx, id, caller.userId, now);
    return { state: input.state };
  });
  return sharedItemDetail(context, caller, id, { viewer });
}

export async function acknowledgements(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<Acknowledgements> {
  const viewer = await viewerOf(context, caller);
  const { item, facts, abilities } = await visibleItem(context, viewer, id);
  if (item.status !== "published" && item.status !== "withdrawn")
    throw forbidden("Acknowledgements exist once an item is published.");
  const all = await listRecipients(context.db, {
    id,
    tlp: facts.tlp,
    authorOrganisationId: facts.authorOrganisationId,
    authorId: facts.authorId,
  });
  const shown = isSender(viewer, facts)
    ? all
    : all.filter((row) =>
        abilities.maySeeAudienceNames
          ? row.organisationId === viewer.organisationId
          : row.userId === viewer.userId,
      );
  return {
    recipients: all.length,
    received: all.filter((row) => row.state === "received").length,
    acted: all.filter((row) => row.state === "acted").length,
    pending: all.filter((row) => row.state === null).length,
    rows: shown.map((row) => ({
      person: { id: row.userId, name: row.userName },
      organisation: { id: row.organisationId, name: row.organisationName },
      state: row.state as Acknowledgements["rows"][number]["state"],
      at: row.at,
    })),
    hidden: all.length - shown.length,
  };
}

export async function reshare(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof ReshareCreate>,
) {
  const viewer = await viewerOf(context, caller);
  await changeItem(context, caller, viewer, id, "sharing.reshare", async (tx, { facts }, now) => {
    // What is new is decided under the lock: two reshares to one community sent together add it once.
    const addition = {
      communityIds: input.communityIds.filter((c) => !facts.audience.communityIds.includes(c)),
      organisationIds: input.organisationIds.filter((o) => !facts.audience.organisationIds.includes(o)),
      userIds: [],
    };
    must(checkReshare(viewer, facts, addition));
    await checkAudienceExists(context, caller, addition, [], tx);
    await insertReshare(tx, {
      itemId: id,
      userId: caller.userId,
      organisationId: caller.organisationId,
      audience: addition,
      now,
    });
    await mirrorSharedItem(tx, id, now);
    // Only those the reshare reaches for the first time are told (one notification per person and item).
    if (facts.status === "published")
      await notifyRecipients(
        tx,
        { id, tlp: facts.tlp, authorId: facts.authorId, authorOrganisationId: facts.authorOrganisationId },
        caller.userId,
        now,
      );
    return { tlp: facts.tlp, audience: audienceCounts(addition) };
  });
  return sharedItemDetail(context, caller, id, { markRead: false, viewer });
}

const WARNING_REFUSED =
  "The warning of a published alert is revised by its author or an approver of their organisation.";

/** A published alert's warning changes (its author or their approvers): a CAP Update goes out. */
export async function reviseAlertWarning(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof AlertWarningRevision>,
) {
  const viewer = await viewerOf(context, caller);
  // Checked first without the lock (bad input costs no lock), and again under it.
  const { item, facts } = await visibleItem(context, viewer, id);
  if (item.type !== "alert") throw forbidden("Only alerts carry a CAP warning.");
  mustBeIn(viewer, facts, "published", (may) => may.mayWithdraw, "revised", WARNING_REFUSED);
  checkExpiry(context, input.warning);
  // A published item's title and body no longer change, so its public texts are made unlocked.
  const { publicWarning } = await publicTextsOf(context, item.organisation.id, {
    title: item.title,
    body: item.body,
    warning: input.warning,
  });
  await changeItem(context, caller, viewer, id, "sharing.revise-warning", async (tx, { facts }, now) => {
    mustBeIn(viewer, facts, "published", (may) => may.mayWithdraw, "revised", WARNING_REFUSED);
    await updateSharedItem(tx, id, { warning: input.warning, publicWarning, capMessage: true, now });
    return { tlp: facts.tlp };
  });
  return sharedItemDetail(context, caller, id, { markRead: false, viewer });
}
