// A community's TAXII subscriptions: create, list, change, delete, test and pull now. Core's
// subscriptionAbilities decides (members see them, their coordinators and organisation
// administrators run them); reads go through the repository's filter of the same rule. Every
// change is audited with ids and the remote's host, never credentials.
import { randomUUID } from "node:crypto";
import type {
  TaxiiConnectionReport,
  TaxiiConnectionTest,
  TaxiiSubscription,
  TaxiiSubscriptionCreate,
  TaxiiSubscriptionUpdate,
} from "@bulwark/contracts";
import { type Actor, type SharingViewer, subscriptionAbilities } from "@bulwark/core";
import {
  appendAudit,
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  type SubscriptionChange,
  type SubscriptionRecord,
  sharingViewer,
  updateSubscription,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, notFound } from "../errors.ts";
import { outboundFetch } from "../outbound/outbound-fetch.ts";
import { type Credentials, openCredentials, SealError, sealCredentials, secretOf } from "./credentials.ts";
import { type PullLimits, runSubscription } from "./pull.service.ts";
import { describeRemote, type Remote, TaxiiRemoteError } from "./taxii-http.ts";

type Create = z.output<typeof TaxiiSubscriptionCreate>;
type Update = z.output<typeof TaxiiSubscriptionUpdate>;
type Auth = Create["auth"];

const MINUTE = 60_000;

const credentialsOf = (auth: Auth): Credentials | null =>
  auth.kind === "none" ? null : auth.kind === "basic" ? { ...auth } : { kind: "bearer", token: auth.token };

const hostOf = (url: string): string => new URL(url).host;

function present(viewer: SharingViewer, row: SubscriptionRecord): TaxiiSubscription {
  return {
    id: row.id,
    community: { id: row.communityId, name: row.communityName },
    name: row.name,
    apiRootUrl: row.apiRootUrl,
    collectionId: row.collectionId,
    authKind: row.authKind as TaxiiSubscription["authKind"],
    credentialsSet: row.credentials !== null,
    defaultTlp: row.defaultTlp as TaxiiSubscription["defaultTlp"],
    intervalMinutes: row.intervalMinutes,
    enabled: row.enabled,
    cursor: row.cursor,
    nextRunAt: row.nextRunAt.toISOString(),
    running: row.runningSince !== null,
    lastRun:
      row.lastRunAt && row.lastRunOutcome
        ? {
            at: row.lastRunAt.toISOString(),
            outcome: row.lastRunOutcome as "ok" | "capped" | "failed",
            received: row.lastRunReceived,
            added: row.lastRunAdded,
            duplicates: row.lastRunDuplicates,
            refused: row.lastRunRefused,
            error: row.lastRunError,
          }
        : null,
    createdBy: { id: row.ownerId, name: row.ownerName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    mayManage: subscriptionAbilities(viewer, row.communityId).mayManage,
  };
}

/** The caller as a manager of this community's subscriptions, or the error that says why not. */
async function manager(context: ServerContext, caller: Actor, communityId: string): Promise<SharingViewer> {
  const viewer = await sharingViewer(context.db, caller);
  const abilities = subscriptionAbilities(viewer, communityId);
  if (!abilities.mayView) throw notFound("community");
  if (!abilities.mayManage)
    throw forbidden(
      "Only coordinators and organisation administrators of a member organisation run subscriptions.",
    );
  return viewer;
}

/** A subscription the caller may see, with what they may do to it. */
async function visible(context: ServerContext, caller: Actor, id: string) {
  const viewer = await sharingViewer(context.db, caller);
  const row = await findSubscription(context.db, viewer, id);
  if (!row) throw notFound("TAXII subscription");
  return { viewer, row, abilities: subscriptionAbilities(viewer, row.communityId) };
}

async function managed(context: ServerContext, caller: Actor, id: string) {
  const found = await visible(context, caller, id);
  if (!found.abilities.mayManage)
    throw forbidden(
      "Only coordinators and organisation administrators of a member organisation run subscriptions.",
    );
  return found;
}

export async function taxiiSubscriptions(
  context: ServerContext,
  caller: Actor,
  query: { communityId?: string | undefined },
): Promise<TaxiiSubscription[]> {
  const viewer = await sharingViewer(context.db, caller);
  const rows = await listSubscriptions(context.db, viewer, query.communityId);
  return rows.map((row) => present(viewer, row));
}

export async function taxiiSubscription(context: ServerContext, caller: Actor, id: string) {
  const { viewer, row } = await visible(context, caller, id);
  return present(viewer, row);
}

export async function createTaxiiSubscription(
  context: ServerContext,
  caller: Actor,
  body: Create,
): Promise<TaxiiSubscription> {
  await manager(context, caller, body.communityId);
  const id = randomUUID();
  const now = context.clock();
  const credentials = credentialsOf(body.auth);
  await context.db.transaction(async (tx) => {
    await insertSubscription(
      tx,
      {
        id,
        communityId: body.communityId,
        name: body.name,
        apiRootUrl: body.apiRootUrl,
        collectionId: body.collectionId,
        authKind: body.auth.kind,
        credentials: credentials ? sealCredentials(secretOf(context.config), id, credentials) : null,
        defaultTlp: body.defaultTlp,
        intervalMinutes: body.intervalMinutes,
        enabled: body.enabled,
        ownerId: caller.userId,
      },
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "taxii-subscription.create",
        targetType: "taxii-subscription",
        targetId: id,
        details: {
          communityId: body.communityId,
          host: hostOf(body.apiRootUrl),
          collectionId: body.collectionId,
          authKind: body.auth.kind,
        },
      },
      now,
    );
  });
  return taxiiSubscription(context, caller, id);
}

export async function updateTaxiiSubscription(
  context: ServerContext,
  caller: Actor,
  id: string,
  body: Update,
): Promise<TaxiiSubscription> {
  const { row } = await managed(context, caller, id);
  if (row.runningSince) throw conflict("A pull of this subscription is running; change it when it ends.");
  const now = context.clock();
  // Whoever changes it answers for it from now on: their organisation and publish limit apply.
  const change: SubscriptionChange = { ownerId: caller.userId };
  if (body.name !== undefined) change.name = body.name;
  if (body.defaultTlp !== undefined) change.defaultTlp = body.defaultTlp;
  if (body.enabled !== undefined) change.enabled = body.enabled;
  const remoteChanged =
    (body.apiRootUrl !== undefined && body.apiRootUrl !== row.apiRootUrl) ||
    (body.collectionId !== undefined && body.collectionId !== row.collectionId);
  if (remoteChanged) {
    // Another remote collection: its dates say nothing of this one, so start from its beginning.
    change.apiRootUrl = body.apiRootUrl ?? row.apiRootUrl;
    change.collectionId = body.collectionId ?? row.collectionId;
    change.cursor = null;
  }
  if (body.auth !== undefined) {
    const credentials = credentialsOf(body.auth);
    change.authKind = body.auth.kind;
    change.credentials = credentials ? sealCredentials(secretOf(context.config), id, credentials) : null;
  }
  if (body.intervalMinutes !== undefined) {
    change.intervalMinutes = body.intervalMinutes;
    change.nextRunAt = new Date((row.lastRunAt ?? now).getTime() + body.intervalMinutes * MINUTE);
  }
  await context.db.transaction(async (tx) => {
    await updateSubscription(tx, id, change, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "taxii-subscription.update",
        targetType: "taxii-subscription",
        targetId: id,
        details: {
          communityId: row.communityId,
          changed: Object.keys(body).filter((key) => body[key as keyof Update] !== undefined),
          ...(remoteChanged ? { host: hostOf(change.apiRootUrl ?? row.apiRootUrl) } : {}),
        },
      },
      now,
    );
  });
  return taxiiSubscription(context, caller, id);
}

export async function deleteTaxiiSubscription(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<undefined> {
  const { row } = await managed(context, caller, id);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await deleteSubscription(tx, id);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "taxii-subscription.delete",
        targetType: "taxii-subscription",
        targetId: id,
        details: { communityId: row.communityId, host: hostOf(row.apiRootUrl) },
      },
      now,
    );
  });
  return undefined;
}

async function report(context: ServerContext, remote: Remote): Promise<TaxiiConnectionReport> {
  try {
    const facts = await describeRemote(remote, {
      fetch: outboundFetch(context.config.outboundAllow),
      timeoutMs: 15_000,
      maxBytes: 4 * 1024 * 1024,
      now: context.clock(),
    });
    const collection = facts.collections.find((item) => item.id === remote.collectionId);
    const canRead = collection?.canRead ?? false;
    return {
      ok: canRead,
      apiRoot: facts.apiRoot,
      collections: facts.collections,
      collectionFound: collection !== undefined,
      canRead,
      error: collection
        ? canRead
          ? null
          : "The remote shows the collection but does not let these credentials read it (can_read is false)."
        : "The remote does not show this collection to these credentials.",
    };
  } catch (error) {
    if (!(error instanceof TaxiiRemoteError)) throw error;
    return unreachable(error.message);
  }
}

/** A connection test that got no answer from the remote worth showing. */
const unreachable = (error: string): TaxiiConnectionReport => ({
  ok: false,
  apiRoot: null,
  collections: [],
  collectionFound: false,
  canRead: false,
  error,
});

/** Test connection details before saving them (the caller must run this community's subscriptions). */
export async function testTaxiiConnection(
  context: ServerContext,
  caller: Actor,
  body: z.output<typeof TaxiiConnectionTest>,
): Promise<TaxiiConnectionReport> {
  await manager(context, caller, body.communityId);
  return report(context, {
    apiRootUrl: body.apiRootUrl,
    collectionId: body.collectionId,
    credentials: credentialsOf(body.auth),
  });
}

/** Test a saved subscription with its stored credentials. */
export async function testTaxiiSubscription(context: ServerContext, caller: Actor, id: string) {
  const { row } = await managed(context, caller, id);
  let credentials: Credentials | null = null;
  try {
    credentials = row.credentials ? openCredentials(secretOf(context.config), row.id, row.credentials) : null;
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    return unreachable(error.message);
  }
  return report(context, { apiRootUrl: row.apiRootUrl, collectionId: row.collectionId, credentials });
}

/** Pull now, and answer with the subscription as the run left it. */
export async function pullTaxiiSubscription(
  context: ServerContext,
  caller: Actor,
  id: string,
  limits?: PullLimits,
): Promise<TaxiiSubscription> {
  await managed(context, caller, id);
  const ran = await runSubscription(context, id, { actorId: caller.userId, limits });
  if (ran === "busy") throw conflict("A pull of this subscription is already running.");
  if (ran === "gone") throw notFound("TAXII subscription");
  return taxiiSubscription(context, caller, id);
}
