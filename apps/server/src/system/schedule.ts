// Work the server does on its own, on a schedule: purging personal data whose retention ran out,
// and sweeping background jobs (finished ones after an hour; those whose process died). The timers are handed in, so tests drive the schedule with the test clock instead of
// sleeping; `bulwark serve` hands in the real ones. Idempotent jobs only: any number of server
// processes may run them side by side.
import type { FastifyBaseLogger } from "fastify";
import type { ServerContext } from "../context.ts";
import { sendIfDue } from "../federation/sending.ts";
import { runNotificationSweep } from "../notifications/sweep.ts";
import { sweepImportJobs } from "../registry/import-jobs.ts";
import { purgeExpiredPersonalData } from "../sharing/personal-data.service.ts";

export interface Timers {
  /** Run `run` once, `ms` from now, unless cancelled. */
  after(ms: number, run: () => Promise<void>): { cancel(): void };
}

/** Node's timers, not keeping the process alive by themselves. */
export const systemTimers: Timers = {
  after(ms, run) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

export interface Schedule {
  /** Stop: no run starts after this, and a run under way is waited for. */
  stop(): Promise<void>;
}

/** Run `job` now and then every `everyMs` after the previous run ended (it logs its own failures). */
export function every(timers: Timers, everyMs: number, job: () => Promise<void>): Schedule {
  let stopped = false;
  let running: Promise<void> | null = null;
  let handle: { cancel(): void } | null = null;
  const tick = async () => {
    handle = null;
    if (stopped) return;
    running = job();
    try {
      await running;
    } finally {
      running = null;
      if (!stopped) handle = timers.after(everyMs, tick);
    }
  };
  handle = timers.after(0, tick);
  return {
    async stop() {
      stopped = true;
      handle?.cancel();
      handle = null;
      await running;
    },
  };
}

/** How often background jobs are swept. */
export const JOB_SWEEP_MS = 10 * 60_000;

/** How often reminders are written and notification e-mail is sent. */
export const NOTIFICATION_SWEEP_MS = 2 * 60_000;

/** How often a server process looks whether the federated aggregates are due to be sent. */
export const FEDERATION_CHECK_MS = 60 * 60_000;

/**
 * The server's schedules: the personal-data purge, every `config.purgeIntervalMinutes`; the sweep of
 * background jobs, every JOB_SWEEP_MS; reminders and notification e-mail, every
 * NOTIFICATION_SWEEP_MS (both under advisory locks: one process at a time sweeps); the daily
 * sending of the federated aggregates to the consented hub, looked at every FEDERATION_CHECK_MS
 * (under an advisory lock: one process sends).
 */
export function startSchedules(context: ServerContext, timers: Timers, log: FastifyBaseLogger): Schedule {
  const purge = every(timers, context.config.purgeIntervalMinutes * 60_000, async () => {
    try {
      const purged = await purgeExpiredPersonalData(context, null);
      if (purged.items > 0 || purged.attachments > 0) log.info(purged, "personal data purged (retention)");
    } catch (error) {
      // Counts and the error only: never the data itself. The next run tries again.
      log.warn({ err: error }, "scheduled personal-data purge failed");
    }
  });
  const sweep = every(timers, JOB_SWEEP_MS, async () => {
    try {
      const swept = await sweepImportJobs(context);
      if (swept && swept.failed > 0) log.warn(swept, "interrupted import jobs marked failed");
    } catch (error) {
      log.warn({ err: error }, "scheduled sweep of import jobs failed");
    }
  });
  const notifications = every(timers, NOTIFICATION_SWEEP_MS, async () => {
    try {
      const swept = await runNotificationSweep(context, { log });
      if (swept && swept.failed > 0)
        log.warn({ failed: swept.failed }, "some notification e-mails were not sent");
    } catch (error) {
      log.warn({ err: error }, "scheduled notification sweep failed");
    }
  });
  const federation = every(timers, FEDERATION_CHECK_MS, async () => {
    try {
      const result = await sendIfDue(context);
      if (result === "refused" || result === "unreachable")
        log.warn({ result }, "scheduled sending of the federated aggregates failed");
    } catch (error) {
      log.warn({ err: error }, "scheduled sending of the federated aggregates failed");
    }
  });
  return {
    async stop() {
      await Promise.all([purge.stop(), sweep.stop(), notifications.stop(), federation.stop()]);
    },
  };
}
