// Imports that run in the background, so that a browser can follow a file of 100,000 rows: POST
// answers 202 at once, GET tells the phase and counts, then the report or every problem. The import
// itself is the synchronous one (all or nothing, one transaction). Progress lives in this
// process's memory: the transaction holds PGlite's only connection, so no progress row could be
// written while it runs. Finished jobs are kept for an hour (the newest 100), then forgotten.
import { randomUUID } from "node:crypto";
import type { ImportJob } from "@bulwark/contracts";
import { type Actor, isPlatformAdmin } from "@bulwark/core";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { notFound, UserError } from "../errors.ts";
import { type ImportFiles, type ImportPhase, importRegistry } from "./import.service.ts";

export interface ImportJobOptions {
  /** How long a finished job's result stays readable (ms). */
  readonly keepMs?: number;
  /** How many finished jobs are kept at most (the oldest go first). */
  readonly keepFinished?: number;
}

interface Job {
  readonly view: ImportJob;
  readonly ownerId: string;
  finishedAt: number | null;
  /** Order of finishing (clocks may give two jobs the same time). */
  finished: number;
}

const WRITING: readonly ImportPhase[] = ["assets", "dependencies", "rules"];

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Set<Promise<void>>();
  private finishedCount = 0;
  private readonly keepMs: number;
  private readonly keepFinished: number;

  constructor(
    private readonly context: ServerContext,
    private readonly log: FastifyBaseLogger,
    options: ImportJobOptions = {},
  ) {
    this.keepMs = options.keepMs ?? 3_600_000;
    this.keepFinished = options.keepFinished ?? 100;
  }

  /** Start an import for the caller; it runs after this returns. */
  start(actor: Actor, files: ImportFiles): ImportJob {
    this.forget();
    const view: ImportJob = { id: randomUUID(), state: "validating", phase: "reading", done: 0, total: 0 };
    const job: Job = { view, ownerId: actor.userId, finishedAt: null, finished: 0 };
    this.jobs.set(view.id, job);
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() =>
        importRegistry(this.context, actor, files, (phase, done, total) => {
          view.state = WRITING.includes(phase) ? "writing" : "validating";
          view.phase = phase;
          view.done = done;
          view.total = total;
        }),
      )
      .then(
        (report) => {
          view.state = "done";
          view.report = report;
        },
        (error: unknown) => {
          view.state = "failed";
          view.problem = this.problemOf(error);
        },
      )
      .finally(() => {
        job.finishedAt = this.context.clock().getTime();
        job.finished = ++this.finishedCount;
        this.running.delete(run);
      });
    this.running.add(run);
    return { ...view };
  }

  /** The job, to the user who started it or a platform administrator; anyone else: 404. */
  read(actor: Actor, id: string): ImportJob {
    this.forget();
    const job = this.jobs.get(id);
    if (!job || (job.ownerId !== actor.userId && !isPlatformAdmin(actor))) throw notFound("import");
    return { ...job.view };
  }

  /** Resolves when no import is running (before the database closes). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private problemOf(error: unknown): NonNullable<ImportJob["problem"]> {
    if (error instanceof UserError) {
      const errors = "errors" in error && Array.isArray(error.errors) ? error.errors : undefined;
      return { type: error.type, title: error.title, status: error.status, detail: error.detail, errors };
    }
    this.log.error({ err: error }, "import job failed");
    return {
      type: "about:blank",
      title: "Unexpected error",
      status: 500,
      detail: "The error was logged; nothing was imported. Please try again.",
    };
  }

  /** Drop finished jobs older than keepMs, and all but the newest keepFinished. */
  private forget(): void {
    const now = this.context.clock().getTime();
    const finished = [...this.jobs.entries()]
      .flatMap(([id, job]) =>
        job.finishedAt === null ? [] : [{ id, at: job.finishedAt, order: job.finished }],
      )
      .sort((a, b) => b.order - a.order);
    finished.forEach(({ id, at }, newer) => {
      if (now - at > this.keepMs || newer >= this.keepFinished) this.jobs.delete(id);
    });
  }
}

export function importJobRoutes(app: FastifyInstance, context: ServerContext, options?: ImportJobOptions) {
  const jobs = new ImportJobs(context, app.log, options);
  // A running import writes to the database: let it end before the database closes.
  app.addHook("onClose", () => jobs.idle());
  route(app, context, "startImportJob", async ({ caller, body }) => jobs.start(caller, body));
  route(app, context, "getImportJob", async ({ caller, params }) => jobs.read(caller, params.id));
  return jobs;
}
