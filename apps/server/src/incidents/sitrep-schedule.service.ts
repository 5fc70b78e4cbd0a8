// An incident's sitrep schedule (issue 18): shown with its reports to whoever sees the incident
// (the next due time on the board), set or ended by the incident's coordinators (core's
// checkSitrepSchedule), its responsible organisation one that sees the incident. The reminders are
// written by the notification sweep (sitrepReminders below), once across every process.
import type { SitrepSchedule, SitrepScheduleSet } from "@bulwark/contracts";
import {
  type Actor,
  checkSitrepSchedule,
  nextSitrepDue,
  SITREP_REMINDER_ROLES,
  sitrepReminder,
} from "@bulwark/core";
import {
  activeSitrepSchedules,
  announceIncident,
  appendAudit,
  deleteSitrepSchedule,
  type Executor,
  findSitrepSchedule,
  lockIncident,
  type NewNotification,
  organisationExists,
  peopleSeeingIncident,
  type SitrepScheduleRecord,
  saveSitrepSchedule,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { incidentViewerOf, type SeenIncident, seenIncident } from "./incidents.service.ts";

type ScheduleSet = z.output<typeof SitrepScheduleSet>;

/** The schedule as the contract has it, its next due time by the clock handed in. */
export function presentSchedule(record: SitrepScheduleRecord, now: Date): SitrepSchedule {
  const due = nextSitrepDue(
    { everyHours: record.everyHours, since: Date.parse(record.since) },
    record.lastSentAt === null ? null : Date.parse(record.lastSentAt),
  );
  return {
    everyHours: record.everyHours,
    organisation: record.organisation,
    since: record.since,
    setBy: record.setBy,
    lastSentAt: record.lastSentAt,
    nextDueAt: new Date(due).toISOString(),
    overdue: due <= now.getTime(),
  };
}

/** The incident's schedule and whether the viewer may set it (the incident seen: the caller checked). */
export async function scheduleOf(
  context: ServerContext,
  seen: SeenIncident | null,
  viewer: Parameters<typeof checkSitrepSchedule>[0],
): Promise<{ schedule: SitrepSchedule | null; maySchedule: boolean }> {
  if (!seen) return { schedule: null, maySchedule: false };
  const record = await findSitrepSchedule(context.db, seen.record.id);
  return {
    schedule: record ? presentSchedule(record, context.clock()) : null,
    maySchedule: checkSitrepSchedule(viewer, seen).allowed,
  };
}

export async function setSitrepSchedule(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  input: ScheduleSet,
): Promise<{ schedule: SitrepSchedule | null }> {
  const viewer = await incidentViewerOf(context, caller);
  const seen = await seenIncident(context, viewer, incidentId);
  const decision = checkSitrepSchedule(viewer, seen);
  if (!decision.allowed) throw forbidden(decision.reason);
  const organisationId = input.organisationId ?? caller.organisationId;
  // The responsible organisation must see the incident, as an organisation: else "no such".
  if (input.everyHours !== null && organisationId !== caller.organisationId) {
    const seeing =
      (await organisationExists(context.db, organisationId)) &&
      (await peopleSeeingIncident(context.db, incidentId, { organisationId })).length > 0;
    if (!seeing)
      throw invalid("The organisation does not see this incident.", [
        {
          path: "body.organisationId",
          message: { key: "detail.noSuchOrganisationId" as const, values: { id: organisationId } },
        },
      ]);
  }
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await lockIncident(tx, incidentId))) throw notFound("incident");
    const again = checkSitrepSchedule(viewer, await seenIncident(context, viewer, incidentId, tx));
    if (!again.allowed) throw forbidden(again.reason);
    if (input.everyHours === null) await deleteSitrepSchedule(tx, incidentId);
    else
      await saveSitrepSchedule(tx, {
        incidentId,
        everyHours: input.everyHours,
        organisationId,
        setBy: caller.userId,
        now,
      });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "incidents.sitrep-schedule",
        targetType: "incident",
        targetId: incidentId,
        details: { everyHours: input.everyHours, organisation: organisationId },
      },
      now,
    );
    await announceIncident(tx, incidentId);
  });
  const record = await findSitrepSchedule(context.db, incidentId);
  return { schedule: record ? presentSchedule(record, context.clock()) : null };
}

/**
 * The sitrep reminders due at `now`: for each schedule of an incident under way whose report is
 * due within SITREP_REMINDER_BEFORE_MINUTES or overdue, the responsible organisation's coordinators
 * who see the incident. Keyed on the incident and the due time, so each is written once.
 */
export async function sitrepReminders(db: Executor, now: Date): Promise<NewNotification[]> {
  const rows: NewNotification[] = [];
  for (const record of await activeSitrepSchedules(db)) {
    const due = Date.parse(presentSchedule(record, now).nextDueAt);
    const kind = sitrepReminder(due, now.getTime());
    if (!kind) continue;
    const people = await peopleSeeingIncident(db, record.incidentId, {
      organisationId: record.organisation.id,
      roles: SITREP_REMINDER_ROLES,
    });
    for (const userId of people)
      rows.push({
        userId,
        kind,
        subjectType: "incident",
        subjectId: record.incidentId,
        dedupeKey: `${kind}:${record.incidentId}:${new Date(due).toISOString()}`,
      });
  }
  return rows;
}
