// An incident's obligations under its notification regime (content/notification-regimes): each
// report's deadline and state, from core's obligations(). The incident's own filing is the regime's
// first report (the notice an operator files is its initial notification or early warning); the
// reports filed against it (POST /api/incidents/:id/reports) are the rest. Read under the same rule
// as the incident: whoever may not see it gets 404.
import type { Obligation } from "@bulwark/contracts";
import { type Actor, obligations } from "@bulwark/core";
import { incidentReportsOf, incidentSector } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { incidentViewerOf, seenIncident } from "./incidents.service.ts";
import { shippedRegimes } from "./regimes.service.ts";

export async function incidentObligations(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<Obligation[]> {
  const { record } = await seenIncident(context, await incidentViewerOf(context, caller), id);
  return obligationsOfSeen(context, record);
}

/**
 * The obligations of an incident the caller has already been shown to see (a row of the incident
 * list, read under the same rule): no second visibility check, no viewer built again.
 */
export async function obligationsOfSeen(
  context: ServerContext,
  record: { id: string; regime: string; awareAt: string; createdAt: string },
): Promise<Obligation[]> {
  const id = record.id;
  // Filing checks the regime; one taken out of the content since leaves nothing to compute.
  const regime = shippedRegimes().get(record.regime);
  const first = regime?.reports[0];
  if (!regime || !first) return [];
  const [reports, sector] = await Promise.all([
    incidentReportsOf(context.db, id),
    incidentSector(context.db, id),
  ]);
  const filed = [
    { report: first.id, submittedAt: new Date(record.createdAt) },
    ...reports.map((report) => ({ report: report.report, submittedAt: new Date(report.filedAt) })),
  ];
  return obligations(
    regime,
    { awareAt: new Date(record.awareAt), sector, reports: filed },
    context.clock(),
  ).map((obligation) => ({
    ...obligation,
    dueAt: obligation.dueAt.toISOString(),
    submittedAt: obligation.submittedAt?.toISOString() ?? null,
    warnFrom: obligation.warnFrom.toISOString(),
  }));
}
