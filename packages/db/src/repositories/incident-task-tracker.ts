// Incident tasks in the follow-up tracker (issue 18): the tasks of every incident the viewer sees,
// read under the same rule as the incident's own task list (incidentSeen, the TLP rule of
// incidents, in SQL): a task of an incident the viewer may not see is neither listed nor counted.
import type { SharingViewer } from "@bulwark/core";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { incidentTasks } from "../schema.ts";
import { overdueSql, presentTask, type TaskRecord, taskColumns } from "./incident-board.ts";
import { incidentSeen } from "./incident-board-scope.ts";

export interface TrackedTaskRecord extends TaskRecord {
  incident: { id: string; title: string };
}

export interface TrackedTaskFilter {
  status?: string | undefined;
  overdue?: boolean | undefined;
  /** Only tasks assigned to the viewer or to the viewer's organisation. */
  mine?: boolean | undefined;
  /** Only tasks still to do (neither done nor cancelled). */
  open?: boolean | undefined;
  limit: number;
  offset: number;
}

/**
 * Tasks of the real incidents the viewer sees (an exercise's incidents keep their tasks on their own
 * pages, never among real work), overdue first then by due time, with counts.
 */
export async function listTrackedTasks(
  db: Executor,
  viewer: SharingViewer,
  now: Date,
  filter: TrackedTaskFilter,
): Promise<{ items: TrackedTaskRecord[]; total: number; overdue: number }> {
  const base: SQL[] = [
    incidentSeen(viewer, sql`incident_tasks.incident_id`),
    sql`not exists (select 1 from exercise_incidents as drill where drill.incident_id = incident_tasks.incident_id)`,
  ];
  if (filter.mine)
    base.push(sql`(incident_tasks.assignee_user_id = ${viewer.userId}
      or incident_tasks.assignee_organisation_id = ${viewer.organisationId})`);
  if (filter.open) base.push(sql`incident_tasks.status not in ('done', 'cancelled')`);
  const conditions = [...base];
  if (filter.status) conditions.push(eq(incidentTasks.status, filter.status));
  if (filter.overdue !== undefined)
    conditions.push(filter.overdue ? overdueSql(now) : sql`not ${overdueSql(now)}`);
  const where = and(...conditions);
  const [rows, [count], [late]] = await Promise.all([
    db
      .select({
        ...taskColumns(now),
        incidentTitle: sql<string>`(select title from incidents where incidents.id = incident_tasks.incident_id)`,
      })
      .from(incidentTasks)
      .where(where)
      .orderBy(
        sql`${overdueSql(now)} desc`,
        sql`incident_tasks.due_at asc nulls last`,
        sql`incident_tasks.created_at desc`,
        sql`incident_tasks.id`,
      )
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(incidentTasks).where(where),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(incidentTasks)
      .where(and(...base, overdueSql(now))),
  ]);
  return {
    items: rows.map(({ incidentTitle, ...row }) => ({
      ...presentTask(row),
      incident: { id: row.task.incidentId, title: incidentTitle },
    })),
    total: Number(count?.total ?? 0),
    overdue: Number(late?.total ?? 0),
  };
}
