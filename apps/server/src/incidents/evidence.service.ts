// The investigation log of an incident (issue 18). Core's evidenceAbilities decides who sees it
// (the incident visible, and law enforcement or an organisation it shared the log with) and who
// records; every read goes through the repository's SQL twin of that rule, so the log is "not found"
// for everyone else, on every route. Every reading is audited (evidence.list, evidence.view), every
// change too, each custody record's hash with it: the audit trail then knows each chain's end, and
// verification finds a record altered, inserted or deleted. Nothing is announced on the incidents
// channel: those who see the incident but not the log must not learn that it changed.

import type {
  CustodyTransfer,
  CustodyVerification,
  EvidenceCreate,
  EvidenceItem,
  EvidenceLog,
  EvidenceShare,
  FileAnswer,
} from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  type Actor,
  type CustodyLink,
  type CustodyReason,
  checkEvidenceRecord,
  checkEvidenceShare,
  type Decision,
  type EvidenceAbilities,
  evidenceAbilities,
  type IncidentViewer,
  type TlpMarking,
  verifyCustody,
} from "@bulwark/core";
import {
  appendAudit,
  appendCustody,
  type CustodyRecord,
  custodyHeadsInAudit,
  custodyOf,
  type EvidenceSummaryRecord,
  type Executor,
  evidenceItemsOf,
  evidenceSharesOf,
  existingAudience,
  findEvidence,
  holderNameOf,
  insertEvidence,
  listEvidence,
  lockIncident,
  seesInvestigationLog,
  setEvidenceShares,
  sha256,
  type Transaction,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { type Language, type MessageKey, say, translated } from "../i18n/messages.ts";
import { PdfReport } from "../pdf/report.ts";
import { incidentViewerOf, type SeenIncident, seenIncident } from "./incidents.service.ts";

type Create = z.output<typeof EvidenceCreate>;
type Transfer = z.output<typeof CustodyTransfer>;
type Share = z.output<typeof EvidenceShare>;

/** Reported times may run this far ahead of the server's clock (a device's clock off a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

interface SeenLog {
  readonly viewer: IncidentViewer;
  readonly incident: SeenIncident;
  readonly sharedWith: { id: string; name: string }[];
  readonly abilities: EvidenceAbilities;
}

/** The incident's log as this caller may see it, or 404 (hidden and absent look the same). */
async function seenLog(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  db: Executor = context.db,
): Promise<SeenLog> {
  const viewer = await incidentViewerOf(context, caller, db);
  const incident = await seenIncident(context, viewer, incidentId, db);
  const sharedWith = await evidenceSharesOf(db, incidentId);
  const abilities = evidenceAbilities(
    viewer,
    incident.abilities,
    sharedWith.map((organisation) => organisation.id),
  );
  // The rule and its SQL twin are one rule; should they ever disagree, the narrower wins.
  if (!abilities.maySee || !(await seesInvestigationLog(db, viewer, incidentId)))
    throw notFound("investigation log");
  return { viewer, incident, sharedWith, abilities };
}

const audit = (
  tx: Transaction,
  caller: Actor,
  action: AuditAction,
  target: { type: "incident" | "evidence"; id: string },
  details: Record<string, unknown>,
  now: Date,
) =>
  appendAudit(
    tx,
    {
      actorId: caller.userId,
      action,
      targetType: target.type,
      targetId: target.id,
      details: JSON.parse(JSON.stringify(details)),
    },
    now,
  );

const summaryOf = (record: EvidenceSummaryRecord) => record;

const itemOf = (record: EvidenceSummaryRecord, custody: readonly CustodyRecord[]): EvidenceItem => ({
  ...summaryOf(record),
  custody: custody.map((entry) => ({
    seq: entry.seq,
    kind: entry.kind,
    at: entry.at,
    from: entry.fromHolder,
    to: entry.toHolder,
    reason: entry.reason,
    recordedBy: { id: entry.recordedBy, name: entry.recordedByName },
    recordedAt: entry.recordedAt,
    prevHash: entry.prevHash,
    hash: entry.hash,
  })),
});

export async function evidenceLog(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  page: { limit: number; offset: number },
): Promise<EvidenceLog> {
  const seen = await seenLog(context, caller, incidentId);
  const result = await listEvidence(context.db, seen.viewer, incidentId, page);
  await context.db.transaction((tx) =>
    audit(
      tx,
      caller,
      "evidence.list",
      { type: "incident", id: incidentId },
      { items: result.items.map((item) => item.id) },
      context.clock(),
    ),
  );
  return {
    items: result.items.map(summaryOf),
    total: result.total,
    sharedWith: seen.sharedWith,
    abilities: { record: seen.abilities.mayRecord, share: seen.abilities.mayShare },
  };
}

/** One item with its custody, the reading audited (in the same transaction as the reading). */
export async function evidenceItem(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  evidenceId: string,
  how: "json" | "pdf" = "json",
): Promise<{ item: EvidenceItem; records: CustodyRecord[]; seen: SeenLog }> {
  const seen = await seenLog(context, caller, incidentId);
  return context.db.transaction(async (tx) => {
    const record = await findEvidence(tx, seen.viewer, incidentId, evidenceId);
    if (!record) throw notFound("evidence");
    const records = await custodyOf(tx, evidenceId);
    await audit(
      tx,
      caller,
      "evidence.view",
      { type: "evidence", id: evidenceId },
      { incidentId, format: how },
      context.clock(),
    );
    return { item: itemOf(record, records), records, seen };
  });
}

function notInFuture(context: ServerContext, at: string, path: string) {
  if (Date.parse(at) > context.clock().getTime() + CLOCK_SKEW_MS)
    throw invalid("Times reported cannot lie in the future.", [{ path, message: "This is in the future." }]);
}

/** The audit entry of a custody record: the chain's new end, so that deleting records shows. */
const headDetails = (incidentId: string, link: CustodyLink) => ({
  incidentId,
  head: { seq: link.seq, hash: link.hash },
  kind: link.kind,
});

export async function addEvidence(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  input: Create,
): Promise<EvidenceItem> {
  const seen = await seenLog(context, caller, incidentId);
  must(checkEvidenceRecord(seen.abilities));
  notInFuture(context, input.collectedAt, "body.collectedAt");
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    if (!(await lockIncident(tx, incidentId))) throw notFound("incident");
    must(checkEvidenceRecord((await seenLog(context, caller, incidentId, tx)).abilities));
    const created = await insertEvidence(tx, {
      incidentId,
      description: input.description,
      sha256: input.sha256,
      fileName: input.fileName,
      fileSize: input.fileSize,
      organisationId: caller.organisationId,
      createdBy: caller.userId,
      now,
    });
    const link = await appendCustody(
      tx,
      created.id,
      {
        kind: "collected",
        at: new Date(input.collectedAt).toISOString(),
        fromHolder: input.collectedFrom,
        toHolder: input.holder ?? (await holderNameOf(tx, caller.userId)),
        reason: input.reason,
        recordedBy: caller.userId,
        item: { description: input.description, sha256: input.sha256 },
      },
      now,
    );
    await audit(
      tx,
      caller,
      "evidence.create",
      { type: "evidence", id: created.id },
      headDetails(incidentId, link),
      now,
    );
    return created.id;
  });
  return (await evidenceItem(context, caller, incidentId, id)).item;
}

export async function transferEvidence(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  evidenceId: string,
  input: Transfer,
): Promise<EvidenceItem> {
  const seen = await seenLog(context, caller, incidentId);
  if (!(await findEvidence(context.db, seen.viewer, incidentId, evidenceId))) throw notFound("evidence");
  must(checkEvidenceRecord(seen.abilities));
  notInFuture(context, input.at, "body.at");
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await lockIncident(tx, incidentId))) throw notFound("incident");
    const again = await seenLog(context, caller, incidentId, tx);
    must(checkEvidenceRecord(again.abilities));
    const record = await findEvidence(tx, again.viewer, incidentId, evidenceId);
    if (!record) throw notFound("evidence");
    const last = (await custodyOf(tx, evidenceId)).at(-1);
    if (last && Date.parse(input.at) < Date.parse(last.at))
      throw invalid("A hand-over cannot come before the previous one.", [
        { path: "body.at", message: "Before the previous hand-over." },
      ]);
    const link = await appendCustody(
      tx,
      evidenceId,
      {
        kind: "transfer",
        at: new Date(input.at).toISOString(),
        fromHolder: last?.toHolder ?? "",
        toHolder: input.to,
        reason: input.reason,
        recordedBy: caller.userId,
      },
      now,
    );
    await audit(
      tx,
      caller,
      "evidence.custody",
      { type: "evidence", id: evidenceId },
      headDetails(incidentId, link),
      now,
    );
  });
  return (await evidenceItem(context, caller, incidentId, evidenceId)).item;
}

export async function shareEvidence(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  input: Share,
): Promise<EvidenceLog> {
  const seen = await seenLog(context, caller, incidentId);
  must(checkEvidenceShare(seen.abilities));
  const found = await existingAudience(
    context.db,
    { communityIds: [], organisationIds: input.organisationIds, userIds: [] },
    caller.organisationId,
  );
  const missing = input.organisationIds.flatMap((id, index) =>
    found.organisationIds.includes(id)
      ? []
      : [{ path: `body.organisationIds.${index}`, message: "No such organisation." }],
  );
  if (missing.length > 0) throw invalid("Some organisations do not exist.", missing);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await lockIncident(tx, incidentId))) throw notFound("incident");
    must(checkEvidenceShare((await seenLog(context, caller, incidentId, tx)).abilities));
    await setEvidenceShares(tx, incidentId, input.organisationIds, caller.userId, now);
    await audit(
      tx,
      caller,
      "evidence.share",
      { type: "incident", id: incidentId },
      { organisations: input.organisationIds },
      now,
    );
  });
  return evidenceLog(context, caller, incidentId, { limit: 100, offset: 0 });
}

/** Why a chain fails, in the reader's language (record numbers in the language's digits). */
export function custodyReason(language: Language, reason: CustodyReason): string {
  if (reason.key === "custody.link") return translated(language, reason.link);
  if (reason.key !== "custody.endsEarly") return say(language, { key: reason.key });
  const number = (value: number) => (l: Language) =>
    new Intl.NumberFormat(l, { useGrouping: false }).format(value);
  return say(language, {
    key: reason.key,
    values: { last: number(reason.values.last), head: number(reason.values.head) },
  });
}

/**
 * Verify every item of the incident: each chain on its own (hashes, links, the item as collected)
 * and its end against the audit trail; an item the audit trail knows but the log lost is reported
 * as well.
 */
export async function verifyEvidence(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  language: Language = "en",
): Promise<CustodyVerification> {
  await seenLog(context, caller, incidentId);
  const db = context.db;
  const [items, heads] = await Promise.all([
    evidenceItemsOf(db, incidentId),
    custodyHeadsInAudit(db, incidentId),
  ]);
  const results: CustodyVerification["items"] = [];
  for (const item of items) {
    const report = verifyCustody(
      item.id,
      item,
      await custodyOf(db, item.id),
      heads.get(item.id) ?? null,
      sha256,
    );
    const broken = report.firstBroken;
    results.push({
      id: item.id,
      number: item.number,
      ok: report.ok,
      checked: report.checked,
      firstBroken: broken && { seq: broken.seq, reason: custodyReason(language, broken.reason) },
    });
  }
  const known = new Set(items.map((item) => item.id));
  for (const id of heads.keys())
    if (!known.has(id))
      results.push({
        id,
        number: null,
        ok: false,
        checked: 0,
        firstBroken: { seq: null, reason: say(language, { key: "custody.lost" }) },
      });
  await context.db.transaction((tx) =>
    audit(
      tx,
      caller,
      "evidence.verify",
      { type: "incident", id: incidentId },
      { ok: results.every((result) => result.ok) },
      context.clock(),
    ),
  );
  return { ok: results.every((result) => result.ok), items: results };
}

/** The marking of what the log holds: never wider than AMBER, and as narrow as the incident. */
const logMarking = (tlp: TlpMarking): TlpMarking => (tlp === "red" || tlp === "amber+strict" ? tlp : "amber");

export async function custodyReport(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  evidenceId: string,
  language: Language = "en",
): Promise<FileAnswer> {
  const { item, records, seen } = await evidenceItem(context, caller, incidentId, evidenceId, "pdf");
  const heads = await custodyHeadsInAudit(context.db, incidentId);
  const check = verifyCustody(evidenceId, item, records, heads.get(evidenceId) ?? null, sha256);
  const incident = seen.incident.record;
  const now = context.clock();
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    say(language, values ? { key, values } : { key });
  const pdf = new PdfReport({
    title: t("pdf.custody.title", { number: item.number }),
    marking: logMarking(incident.tlp as TlpMarking),
    language,
    createdAt: now,
    footer: t("pdf.custody.footer", { incident: incident.title, number: item.number }),
  });
  const broken = check.firstBroken && {
    seq: check.firstBroken.seq,
    reason: custodyReason(language, check.firstBroken.reason),
  };
  pdf.cover(
    t("pdf.custody.cover"),
    t("pdf.custody.subtitle", { number: item.number, incident: incident.title }),
    [
      t("pdf.custody.recordedBy", { organisation: item.organisation.name }),
      t("pdf.custody.printed", { moment: now.toISOString() }),
      check.ok
        ? t("pdf.custody.verified", { count: check.checked })
        : broken?.seq
          ? t("pdf.custody.failedAt", { reason: broken.reason, seq: broken.seq })
          : t("pdf.custody.failed", { reason: broken?.reason ?? "unknown" }),
    ],
  );
  pdf.newPage();
  pdf.heading(t("pdf.custody.item"), 1, true);
  pdf.facts([
    [t("pdf.custody.description"), item.description],
    [t("pdf.custody.file"), item.fileName],
    [t("pdf.custody.size"), item.fileSize === null ? "" : t("pdf.custody.bytes", { count: item.fileSize })],
    ["SHA-256", item.sha256],
    [
      t("pdf.custody.recorded"),
      `${t("pdf.custody.recordedAtBy", { at: item.createdAt, name: item.createdBy.name })} (${item.organisation.name})`,
    ],
    [t("pdf.custody.heldBy"), item.holder],
  ]);
  pdf.heading(t("pdf.custody.custody"), 1, true);
  for (const entry of item.custody) {
    pdf.heading(
      t(entry.kind === "collected" ? "pdf.custody.collected" : "pdf.custody.handedOver", {
        seq: entry.seq,
        at: entry.at,
      }),
      3,
    );
    pdf.facts([
      [t("pdf.custody.from"), entry.from],
      [t("pdf.custody.to"), entry.to],
      [t("pdf.custody.why"), entry.reason],
      [
        t("pdf.custody.recorded"),
        t("pdf.custody.recordedAtBy", { at: entry.recordedAt, name: entry.recordedBy.name }),
      ],
      [t("pdf.custody.previousHash"), entry.prevHash],
      [t("pdf.custody.hash"), entry.hash],
    ]);
  }
  const bytes = await pdf.finish();
  return { bytes, filename: `custody-exhibit-${item.number}.pdf` };
}
