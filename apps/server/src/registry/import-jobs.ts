// Imports that run in the background, so that a browser can follow a file of 100,000 rows: POST
// answers 202 at once, GET tells the phase and counts, then the report or every problem. The import
// itself is the synchronous one (all or nothing). The job's state is a row of the `jobs` table, so
// that any server process behind a load balancer answers the poll (issue 14, finding 12); the
// process running the job also keeps it in memory and answers its own polls from there, at no
// cost to the database. The import writes in slices (ADR 0040), so other requests and the progress
// writes get the database between them. A scheduled sweep deletes finished jobs after an hour and fails jobs whose process
// died (sweepImportJobs).
import { randomUUID } from "node:crypto";
import type { ImportJob } from "@bulwark/contracts";
import { type Actor, isPlatformAdmin } from "@bulwark/core";
import { finishJob, insertJob, type JobReader, readJob, sweepJobs, updateJobProgress } from "@bulwark/db";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { notFound, requestLanguage, sayUserError, UserError } from "../errors.ts";
import { type Language, say } from "../i18n/messages.ts";
import { type ImportFiles, type ImportPhase, importRegistry } from "./import.service.ts";
import { sweepStagedImports } from "./import-write.ts";

const KIND = "registry-import";
/** How long a finished job's result stays readable. */
export const KEEP_FINISHED_MS = 3_600_000;
/** A running job whose process has said nothing for this long died with its process. */
export const SILENT_MS = 15 * 60_000;

const WRITING: readonly ImportPhase[] = ["assets", "dependencies", "rules"];

type Problem = NonNullable<ImportJob["problem"]>;

/** Who may read a job: its owner, and platform administrators (in SQL: readJob). */
const readerOf = (actor: Actor): JobReader =>
  isPlatformAdmin(actor) ? { kind: "all" } : { kind: "own", userId: actor.userId };

interface Running {
  readonly view: ImportJob;
  readonly ownerId: string;
}

export class ImportJobs {
  /** Jobs this process runs, until their end is in the database. */
  private readonly running = new Map<string, Running>();
  private readonly runs = new Set<Promise<void>>();

  constructor(
    private readonly context: ServerContext,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Start an import for the caller; it runs after this returns (its row is written first). Its
   * problems are kept said in `language`, the language of the request that started it.
   */
  async start(actor: Actor, files: ImportFiles, language: Language = "en"): Promise<ImportJob> {
    const view: ImportJob = { id: randomUUID(), state: "validating", phase: "reading", done: 0, total: 0 };
    await insertJob(
      this.context.db,
      { id: view.id, kind: KIND, ownerId: actor.userId, state: view.state, phase: view.phase },
      this.context.clock(),
    );
    this.running.set(view.id, { view, ownerId: actor.userId });
    const progress = this.progressWriter(view);
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() =>
        importRegistry(this.context, actor, files, (phase, done, total) => {
          view.state = WRITING.includes(phase) ? "writing" : "validating";
          view.phase = phase;
          view.done = done;
          view.total = total;
          progress.changed();
        }),
      )
      .then(
        (report) => {
          view.state = "done";
          view.report = report;
          return { state: "done" as const, report };
        },
        (error: unknown) => {
          const problem = this.problemOf(error, language);
          view.state = "failed";
          view.problem = problem;
          return { state: "failed" as const, problem };
        },
      )
      .then(async (end) => {
        await progress.settled();
        await finishJob(this.context.db, view.id, end, this.context.clock());
      })
      .catch((error: unknown) => this.log.error({ err: error }, "import job state not written"))
      .finally(() => {
        this.running.delete(view.id);
        this.runs.delete(run);
      });
    this.runs.add(run);
    return { ...view };
  }

  /** The job, to the user who started it or a platform administrator; anyone else: 404. */
  async read(actor: Actor, id: string, language: Language = "en"): Promise<ImportJob> {
    const reader = readerOf(actor);
    const local = this.running.get(id);
    if (local && (reader.kind === "all" || local.ownerId === reader.userId)) return { ...local.view };
    const row = await readJob(this.context.db, id, reader);
    if (!row || row.kind !== KIND) throw notFound("import");
    return {
      id: row.id,
      state: row.state,
      phase: row.phase as ImportPhase,
      done: row.done,
      total: row.total,
      ...(row.report ? { report: row.report as ImportJob["report"] } : {}),
      ...(row.problem ? { problem: saidIn(row.problem as Problem, language) } : {}),
    };
  }

  /** Resolves when no import is running (before the database closes). */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.allSettled([...this.runs]);
  }

  /**
   * Writes the job's progress to its row, the newest only, one write at a time and never awaited by
   * the import (which must not wait for the writes of its own progress).
   */
  private progressWriter(view: ImportJob) {
    let writing: Promise<void> = Promise.resolve();
    let dirty = false;
    let busy = false;
    const flush = async (): Promise<void> => {
      busy = true;
      while (dirty) {
        dirty = false;
        const { state, phase, done, total } = view;
        await updateJobProgress(
          this.context.db,
          view.id,
          { state, phase, done, total },
          this.context.clock(),
        );
      }
      busy = false;
    };
    return {
      changed: () => {
        dirty = true;
        if (!busy)
          writing = flush().catch((error: unknown) => {
            busy = false;
            this.log.warn({ err: error }, "import job progress not written");
          });
      },
      settled: () => writing,
    };
  }

  private problemOf(error: unknown, language: Language): Problem {
    if (error instanceof UserError) return sayUserError(error, language);
    this.log.error({ err: error }, "import job failed");
    return {
      type: "about:blank",
      title: say(language, { key: "title.unexpected" }),
      status: 500,
      detail: say(language, { key: "detail.importFailed" }),
    };
  }
}

/**
 * What a job whose process died reads as: an import is all or nothing, so it left nothing. The
 * sweep writes it in English (no one asked); each reader reads it in their language (`read`).
 */
const INTERRUPTED_TYPE = "urn:bulwark:problem:import-interrupted";
const interrupted = (language: Language): Problem => ({
  type: INTERRUPTED_TYPE,
  title: say(language, { key: "title.importInterrupted" }),
  status: 503,
  detail: say(language, { key: "detail.importInterrupted" }),
});

/**
 * Delete jobs finished more than an hour ago, and fail running jobs silent for SILENT_MS (their
 * process died). Once at a time across processes (an advisory lock in sweepJobs).
 */
export async function sweepImportJobs(context: ServerContext) {
  const now = context.clock();
  const swept = await sweepJobs(
    context.db,
    {
      finishedBefore: new Date(now.getTime() - KEEP_FINISHED_MS),
      silentBefore: new Date(now.getTime() - SILENT_MS),
      interrupted: interrupted("en"),
    },
    now,
  );
  // The rows an interrupted import had staged: hidden since it stopped, deleted now.
  const discarded = await sweepStagedImports(context, new Date(now.getTime() - SILENT_MS));
  return swept && { ...swept, discarded };
}

/** A stored problem as the reader reads it: the sweep's interruption in the reader's language. */
const saidIn = (problem: Problem, language: Language): Problem =>
  problem.type === INTERRUPTED_TYPE ? interrupted(language) : problem;

export function importJobRoutes(app: FastifyInstance, context: ServerContext) {
  const jobs = new ImportJobs(context, app.log);
  // A running import writes to the database: let it end before the database closes.
  app.addHook("onClose", () => jobs.idle());
  route(app, context, "startImportJob", ({ caller, body, request }) =>
    jobs.start(caller, body, requestLanguage(request)),
  );
  route(app, context, "getImportJob", ({ caller, params, request }) =>
    jobs.read(caller, params.id, requestLanguage(request)),
  );
  return jobs;
}
