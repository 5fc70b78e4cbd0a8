// Sending the aggregates to the consented hub (ADR 0028), by a national authority's administrator
// or by the daily schedule. The aggregates are built (k-anonymous cells of the country's verified
// organisations), signed and sent through the outbound guard; each sending is recorded with what
// came of it (sent, refused by the hub, unreachable), never with the hub's token.
//
// The schedule runs in every server process; the sending itself happens under an advisory lock
// (SCHEDULE_LOCKS.federationSend) and only when the last sending under the consent in force is a
// day old, both checked under the lock: however many processes tick at once, one sends.
import { randomUUID } from "node:crypto";
import {
  type FederationPayload,
  type FederationSendings,
  type FederationSent,
  Framework,
  AggregatesReceived as Received,
  type SignedAggregates,
} from "@bulwark/contracts";
import {
  ALL,
  applyAnonymityRule,
  FEDERATION_FORMAT,
  type Json,
  type SectionCell,
  scoreRun,
  sectionCells,
} from "@bulwark/core";
import {
  type ConsentRecord,
  consentedRunsForAggregation,
  currentConsent,
  getOrganisation,
  insertSending,
  lastSendingAt,
  listAnswers,
  listFrameworks,
  listSendings,
  markConsentSent,
  type NewSending,
  nationalEngagementCounts,
  nationalNeedCounts,
  openText,
  recordAudit,
  SCHEDULE_LOCKS,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, UserError } from "../errors.ts";
import { OutboundRefusedError, outboundFetch } from "../outbound/outbound-fetch.ts";
import { answerMap } from "../self-assessment/runs.service.ts";
import { secretOf } from "../taxii-client/credentials.ts";
import { identityOf, signPayload } from "./identity.ts";

export const TOKEN_PURPOSE = "bulwark federation hub token v1";
/** Largest answer read from a hub. */
const ANSWER_LIMIT = 64 * 1024;
/** With a consent in force, the schedule sends once the last sending is this old. */
export const FEDERATION_SEND_EVERY_MS = 24 * 60 * 60_000;
/** How many sendings the federation page shows. */
const SENDINGS_SHOWN = 20;

type Sent = z.infer<typeof FederationSent>;

/** The country's aggregates, every cell behind at least k of its verified organisations. */
async function aggregatesOf(context: ServerContext, country: string, k: number) {
  const needs = applyAnonymityRule(await nationalNeedCounts(context.db, country), k).kept;
  const engagements = applyAnonymityRule(await nationalEngagementCounts(context.db, country), k).kept;
  const selfAssessment: SectionCell[] = [];
  for (const record of await listFrameworks(context.db)) {
    const framework = Framework.parse(record.content);
    const runs = (await consentedRunsForAggregation(context.db, framework.id, framework.version)).filter(
      (run) => run.verified && run.country.toUpperCase() === country,
    );
    if (runs.length < k) continue;
    const answers = await listAnswers(
      context.db,
      runs.map((run) => run.runId),
    );
    const contributions = runs.map((run) => {
      const score = scoreRun(framework, answerMap(answers.filter((answer) => answer.runId === run.runId)));
      return new Map(score.sections.map((section) => [section.sectionId, section.score]));
    });
    selfAssessment.push(
      ...sectionCells(
        framework.id,
        framework.version,
        framework.sections.map((section) => section.id),
        contributions,
        k,
      ),
    );
  }
  return { needs, selfAssessment, engagements };
}

/** At most `limit` characters of a response's body. */
async function boundedText(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > limit) {
      await reader.cancel();
      return text.slice(0, limit);
    }
  }
  return text + decoder.decode();
}

const hubUnreachable = (detail: string) =>
  new UserError(502, "Hub unreachable", detail, "urn:bulwark:problem:hub-unreachable");

/** Build, sign and send the aggregates under the consent in force; each attempt is recorded. */
export async function sendAggregates(
  context: ServerContext,
  by: { actorId: string | null; trigger: NewSending["trigger"] },
): Promise<Sent> {
  const record = await currentConsent(context.db);
  if (!record)
    throw conflict("No consent is in force: the national authority records its consent to a hub first.");
  return sendUnder(context, record, by);
}

async function sendUnder(
  context: ServerContext,
  record: ConsentRecord,
  by: { actorId: string | null; trigger: NewSending["trigger"] },
): Promise<Sent> {
  // The country is the consenting authority's, whoever of the authorities' administrators sends.
  const organisation = await getOrganisation(context.db, ALL, record.organisationId);
  if (!organisation)
    throw forbidden(
      "Only the national authority's administrators consent to and send the federated aggregates.",
    );
  const token = openText(secretOf(context.config), TOKEN_PURPOSE, record.id, record.hubToken);
  if (token === null)
    throw conflict("The hub's token cannot be opened with this instance's secret: record the consent again.");
  const k = context.config.federationK;
  const country = organisation.country.toUpperCase();
  const now = context.clock();
  const payload: FederationPayload = {
    format: FEDERATION_FORMAT,
    hub: record.hubUrl,
    country,
    nonce: randomUUID(),
    sentAt: now.toISOString(),
    k,
    ...(await aggregatesOf(context, country, k)),
  };
  const cells = {
    needs: payload.needs.length,
    selfAssessment: payload.selfAssessment.length,
    engagements: payload.engagements.length,
  };
  const recorded = (
    result: NewSending["result"],
    status: number | null,
    detail: string,
    received = null as NewSending["received"],
  ) =>
    insertSending(
      context.db,
      {
        consentId: record.id,
        hubUrl: record.hubUrl,
        sentBy: by.actorId,
        trigger: by.trigger,
        result,
        status,
        detail,
        cells,
        received,
      },
      now,
    );
  const { privateKey } = await identityOf(context);
  const envelope: z.infer<typeof SignedAggregates> = {
    payload,
    signature: signPayload(payload as unknown as Json, privateKey),
  };
  let response: Response;
  try {
    response = await outboundFetch(context.config.outboundAllow)(
      `${record.hubUrl}/api/federation/aggregates`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, application/problem+json",
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(30_000),
      },
    );
  } catch (error) {
    const detail = error instanceof OutboundRefusedError ? error.message : "The hub could not be reached.";
    await recorded("unreachable", null, detail);
    throw hubUnreachable(detail);
  }
  const text = await boundedText(response, ANSWER_LIMIT);
  let answer: unknown = null;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = null;
  }
  if (response.status !== 201) {
    const detail =
      answer && typeof answer === "object" && "detail" in answer && typeof answer.detail === "string"
        ? answer.detail.slice(0, 500)
        : "";
    await recorded("refused", response.status, detail);
    throw new UserError(
      502,
      "Hub refused",
      { key: "federation.hubRefused", values: { status: String(response.status), detail } },
      "urn:bulwark:problem:hub-refused",
    );
  }
  const received = Received.safeParse(answer);
  if (!received.success) {
    await recorded("unreachable", response.status, "The hub's answer was not understood.");
    throw hubUnreachable("The hub's answer was not understood.");
  }
  await recorded("sent", response.status, "", { ...received.data });
  await markConsentSent(context.db, record.id, now);
  await recordAudit(
    context.db,
    {
      actorId: by.actorId,
      action: "federation.send",
      targetType: "federation-consent",
      targetId: record.id,
      details: {
        hubUrl: record.hubUrl,
        nonce: payload.nonce,
        trigger: by.trigger,
        cells,
        dropped: received.data.dropped,
      },
    },
    now,
  );
  return { hub: record.hubUrl, sentAt: payload.sentAt, payload, received: received.data };
}

/**
 * The schedule's turn: under the advisory lock, send when a consent is in force and its last
 * sending (whatever came of it) is FEDERATION_SEND_EVERY_MS old or there was none. What came of it,
 * or null when nothing was due (or another process had just sent).
 */
export async function sendIfDue(context: ServerContext): Promise<NewSending["result"] | null> {
  return context.connection.exclusive(SCHEDULE_LOCKS.federationSend, async () => {
    const record = await currentConsent(context.db);
    if (!record) return null;
    const last = await lastSendingAt(context.db, record.id);
    if (last && context.clock().getTime() - last.getTime() < FEDERATION_SEND_EVERY_MS) return null;
    try {
      await sendUnder(context, record, { actorId: null, trigger: "schedule" });
      return "sent";
    } catch (error) {
      if (error instanceof UserError && error.status === 502)
        return error.title === "Hub refused" ? "refused" : "unreachable";
      throw error;
    }
  });
}

/** The latest sendings and when the schedule sends next. */
export async function recentSendings(context: ServerContext): Promise<z.infer<typeof FederationSendings>> {
  const [items, record] = await Promise.all([
    listSendings(context.db, SENDINGS_SHOWN),
    currentConsent(context.db),
  ]);
  const last = record ? await lastSendingAt(context.db, record.id) : null;
  return {
    items: items.map((item) => ({
      id: item.id,
      hubUrl: item.hubUrl,
      sentAt: item.sentAt.toISOString(),
      trigger: item.trigger,
      sentBy: item.sentBy && item.sentByName !== null ? { id: item.sentBy, name: item.sentByName } : null,
      result: item.result,
      status: item.status,
      detail: item.detail,
      cells: item.cells,
      received: item.received ? Received.parse(item.received) : null,
    })),
    schedule: {
      everyHours: FEDERATION_SEND_EVERY_MS / 3_600_000,
      nextAt: record
        ? new Date(
            last
              ? Math.max(last.getTime() + FEDERATION_SEND_EVERY_MS, context.clock().getTime())
              : context.clock().getTime(),
          ).toISOString()
        : null,
    },
  };
}
