// The incident board (issue 18): the activity log and the tasks of an incident. Whoever sees the
// incident (seenIncident: 404 otherwise, on every route) sees its board; core's incident-board
// policy decides who writes what; the repository reads through the same rule in SQL, so an entry
// a reader may not read is neither listed, counted nor announced to them. Every write is one
// transaction with its audit entry (ids, markings, statuses and counts: never the text).

import type {
  IncidentLogCreate,
  IncidentLogEntry,
  IncidentLogQuery,
  IncidentTask,
  IncidentTaskCreate,
  IncidentTaskQuery,
  IncidentTaskUpdate,
} from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  type Actor,
  checkLogEntry,
  checkTaskCreate,
  checkTaskUpdate,
  type Decision,
  type IncidentViewer,
  NEXT_TASK_STATUSES,
  TASK_ASSIGNEE_ROLES,
  type TaskFacts,
  type TaskStatus,
  type TlpMarking,
} from "@bulwark/core";
import {
  activePeople,
  announceIncident,
  appendAudit,
  type Executor,
  findIncident,
  findLogEntry,
  findTask,
  insertLogEntry,
  insertTask,
  listLogEntries,
  listTasks,
  lockIncident,
  notify,
  organisationExists,
  peopleSeeingIncident,
  sharingViewer,
  type TaskRecord,
  type Transaction,
  updateTask,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { incidentViewerOf, type SeenIncident, seenIncident } from "./incidents.service.ts";

const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

const NOBODY = "00000000-0000-0000-0000-000000000000";

async function audit(
  tx: Transaction,
  caller: Actor,
  incidentId: string,
  action: AuditAction,
  now: Date,
  details: Record<string, string | number | boolean | null>,
) {
  await appendAudit(
    tx,
    { actorId: caller.userId, action, targetType: "incident", targetId: incidentId, details },
    now,
  );
}

/** Do these people (by id) see the incident, each under their own scope? Unknown people do not. */
async function peopleSeeing(db: Executor, incidentId: string, ids: readonly string[]): Promise<Set<string>> {
  const people = await activePeople(db, ids);
  const seeing = new Set<string>();
  for (const [id, person] of people) {
    const viewer = await sharingViewer(db, { userId: id, ...person });
    if (await findIncident(db, viewer, incidentId)) seeing.add(id);
  }
  return seeing;
}

/** Does the organisation, as an organisation (any of its members, RED aside), see the incident? */
async function organisationSees(db: Executor, incidentId: string, organisationId: string): Promise<boolean> {
  if (!(await organisationExists(db, organisationId))) return false;
  const viewer = await sharingViewer(db, { userId: NOBODY, organisationId, roles: [] });
  return (await findIncident(db, viewer, incidentId)) !== null;
}

// Activity log.

type LogCreate = z.output<typeof IncidentLogCreate>;
type LogQuery = z.output<typeof IncidentLogQuery>;

const presentEntry = (entry: Awaited<ReturnType<typeof findLogEntry>> & object): IncidentLogEntry => ({
  ...entry,
  tlp: entry.tlp as TlpMarking,
});

export async function incidentLog(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  query: LogQuery,
) {
  const viewer = await incidentViewerOf(context, caller);
  await seenIncident(context, viewer, incidentId);
  const page = await listLogEntries(context.db, viewer, incidentId, {
    significant: query.significant,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: page.items.map(presentEntry), total: page.total };
}

export async function addLogEntry(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  input: LogCreate,
): Promise<IncidentLogEntry> {
  const viewer = await incidentViewerOf(context, caller);
  const seen = await seenIncident(context, viewer, incidentId);
  must(checkLogEntry(viewer, seen, input.tlp, input.recipientIds));
  // RED names people who see the incident: anyone else gets the answer an unknown id gets.
  const seeing = await peopleSeeing(context.db, incidentId, input.recipientIds);
  const strangers = input.recipientIds.flatMap((id, index) =>
    seeing.has(id)
      ? []
      : [
          {
            path: `body.recipientIds.${index}`,
            message: { key: "detail.noSuchRecipient" as const, values: { id } },
          },
        ],
  );
  if (strangers.length > 0) throw invalid("Some recipients do not exist.", strangers);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertLogEntry(tx, {
      incidentId,
      authorId: caller.userId,
      authorOrganisationId: caller.organisationId,
      text: input.text,
      significant: input.significant,
      tlp: input.tlp,
      recipientIds: input.recipientIds,
      now,
    });
    await audit(tx, caller, incidentId, "incidents.log", now, {
      entry: created,
      tlp: input.tlp,
      significant: input.significant,
      recipients: input.recipientIds.length,
    });
    return created;
  });
  const entry = await findLogEntry(context.db, viewer, id);
  if (!entry) throw notFound("entry");
  return presentEntry(entry);
}

// Tasks.

type TaskCreate = z.output<typeof IncidentTaskCreate>;
type TaskUpdate = z.output<typeof IncidentTaskUpdate>;
type TaskQuery = z.output<typeof IncidentTaskQuery>;

const taskFacts = (task: TaskRecord): TaskFacts => ({
  assigneeOrganisationId: task.assignee.kind === "organisation" ? task.assignee.id : null,
  assigneeUserId: task.assignee.kind === "user" ? task.assignee.id : null,
  status: task.status as TaskStatus,
});

function presentTask(viewer: IncidentViewer, seen: SeenIncident, task: TaskRecord): IncidentTask {
  const facts = taskFacts(task);
  const statuses = NEXT_TASK_STATUSES[facts.status].filter(
    (status) => checkTaskUpdate(viewer, seen, facts, { status, otherFields: false }).allowed,
  );
  const { organisationId: _, ...assignee } = task.assignee;
  return {
    ...task,
    assignee,
    status: facts.status,
    abilities: {
      statuses,
      edit: checkTaskUpdate(viewer, seen, facts, { otherFields: true }).allowed,
    },
  };
}

/**
 * Tells a task's assignee: the person named, or the members of the organisation named (not only
 * auditors), among those who see the incident (in SQL), never the one who assigned it. Keyed on
 * the task and its assignee: written once per assignment.
 */
async function notifyAssignees(
  tx: Executor,
  incidentId: string,
  taskId: string,
  assignee: { assigneeOrganisationId: string | null; assigneeUserId: string | null },
  caller: Actor,
  now: Date,
) {
  const people = await peopleSeeingIncident(tx, incidentId, {
    ...(assignee.assigneeUserId
      ? { userId: assignee.assigneeUserId }
      : { organisationId: assignee.assigneeOrganisationId, roles: TASK_ASSIGNEE_ROLES }),
    except: caller.userId,
  });
  await notify(
    tx,
    people.map((userId) => ({
      userId,
      kind: "task-assigned" as const,
      subjectType: "incident-task" as const,
      subjectId: taskId,
      dedupeKey: `task-assigned:${taskId}:${assignee.assigneeUserId ?? assignee.assigneeOrganisationId}`,
      actorId: caller.userId,
    })),
    now,
  );
}

/** The assignee named, checked: a person or an organisation that sees the incident (else "no such"). */
async function checkAssignee(
  db: Executor,
  incidentId: string,
  assignee: { organisationId?: string | undefined; userId?: string | undefined },
): Promise<{ assigneeOrganisationId: string | null; assigneeUserId: string | null }> {
  if (assignee.userId) {
    if (!(await peopleSeeing(db, incidentId, [assignee.userId])).has(assignee.userId))
      throw invalid("The assignee does not see this incident.", [
        {
          path: "body.assignee.userId",
          message: { key: "detail.noSuchPerson" as const, values: { id: assignee.userId } },
        },
      ]);
    return { assigneeOrganisationId: null, assigneeUserId: assignee.userId };
  }
  const organisationId = assignee.organisationId ?? "";
  if (!(await organisationSees(db, incidentId, organisationId)))
    throw invalid("The assignee does not see this incident.", [
      {
        path: "body.assignee.organisationId",
        message: { key: "detail.noSuchOrganisationId" as const, values: { id: organisationId } },
      },
    ]);
  return { assigneeOrganisationId: organisationId, assigneeUserId: null };
}

export async function incidentTasks(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  query: TaskQuery,
) {
  const viewer = await incidentViewerOf(context, caller);
  const seen = await seenIncident(context, viewer, incidentId);
  const page = await listTasks(context.db, viewer, incidentId, context.clock(), {
    status: query.status,
    overdue: query.overdue,
    limit: query.limit,
    offset: query.offset,
  });
  return { ...page, items: page.items.map((task) => presentTask(viewer, seen, task)) };
}

export async function createTask(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  input: TaskCreate,
): Promise<IncidentTask> {
  const viewer = await incidentViewerOf(context, caller);
  const seen = await seenIncident(context, viewer, incidentId);
  must(checkTaskCreate(viewer, seen));
  const assignee = await checkAssignee(context.db, incidentId, input.assignee);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    if (!(await lockIncident(tx, incidentId))) throw notFound("incident");
    must(checkTaskCreate(viewer, await seenIncident(context, viewer, incidentId, tx)));
    const created = await insertTask(tx, {
      incidentId,
      title: input.title,
      description: input.description,
      ...assignee,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      createdBy: caller.userId,
      createdByOrganisationId: caller.organisationId,
      now,
    });
    await audit(tx, caller, incidentId, "incidents.task", now, {
      task: created,
      assignee: assignee.assigneeUserId ? "user" : "organisation",
      due: input.dueAt !== null,
    });
    await notifyAssignees(tx, incidentId, created, assignee, caller, now);
    // Tasks are seen by everyone who sees the incident: its readers refetch.
    await announceIncident(tx, incidentId);
    return created;
  });
  const task = await findTask(context.db, viewer, incidentId, id, context.clock());
  if (!task) throw notFound("task");
  return presentTask(viewer, seen, task);
}

export async function changeTask(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
  taskId: string,
  input: TaskUpdate,
): Promise<IncidentTask> {
  const viewer = await incidentViewerOf(context, caller);
  await seenIncident(context, viewer, incidentId);
  const otherFields =
    input.title !== undefined ||
    input.description !== undefined ||
    input.assignee !== undefined ||
    input.dueAt !== undefined;
  const assignee = input.assignee ? await checkAssignee(context.db, incidentId, input.assignee) : null;
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await lockIncident(tx, incidentId))) throw notFound("incident");
    const seen = await seenIncident(context, viewer, incidentId, tx);
    const task = await findTask(tx, viewer, incidentId, taskId, now);
    if (!task) throw notFound("task");
    must(checkTaskUpdate(viewer, seen, taskFacts(task), { status: input.status, otherFields }));
    await updateTask(
      tx,
      taskId,
      {
        ...(input.status !== undefined && input.status !== task.status ? { status: input.status } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.dueAt !== undefined ? { dueAt: input.dueAt === null ? null : new Date(input.dueAt) } : {}),
        ...(assignee ?? {}),
      },
      now,
    );
    await audit(tx, caller, incidentId, "incidents.task-update", now, {
      task: taskId,
      from: task.status,
      to: input.status ?? task.status,
      edited: otherFields,
    });
    // A new assignee hears of it (the one it had was told already).
    if (
      assignee &&
      (assignee.assigneeUserId !== (task.assignee.kind === "user" ? task.assignee.id : null) ||
        assignee.assigneeOrganisationId !== (task.assignee.kind === "organisation" ? task.assignee.id : null))
    )
      await notifyAssignees(tx, incidentId, taskId, assignee, caller, now);
    await announceIncident(tx, incidentId);
  });
  const seen = await seenIncident(context, viewer, incidentId);
  const task = await findTask(context.db, viewer, incidentId, taskId, context.clock());
  if (!task) throw notFound("task");
  return presentTask(viewer, seen, task);
}
