// Incident tasks in the follow-up tracker (issue 18: tasks "also appear in the follow-up action
// tracker"). The tracker's own actions belong to events; incident tasks keep their own shape and
// statuses and are read here across every incident the caller sees, by the same SQL rule as each
// incident's task list (listTrackedTasks): nothing of an incident one may not see is listed or counted.
import type { TrackedIncidentTask, TrackedIncidentTaskQuery } from "@bulwark/contracts";
import type { Actor, TaskStatus } from "@bulwark/core";
import { listTrackedTasks } from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { incidentViewerOf } from "./incidents.service.ts";

export async function trackedIncidentTasks(
  context: ServerContext,
  caller: Actor,
  query: z.output<typeof TrackedIncidentTaskQuery>,
): Promise<{ items: TrackedIncidentTask[]; total: number; overdue: number }> {
  const viewer = await incidentViewerOf(context, caller);
  const page = await listTrackedTasks(context.db, viewer, context.clock(), query);
  return {
    ...page,
    items: page.items.map(({ assignee: { organisationId: _, ...assignee }, ...task }) => ({
      ...task,
      assignee,
      // Stored statuses were validated on the way in.
      status: task.status as TaskStatus,
    })),
  };
}
