// The scheduler of TAXII pulls in the server process: every few seconds (BULWARK_TAXII_POLL_SECONDS,
// 60 by default) it runs the subscriptions that are due, one after the other. Any number of server
// processes may run it: a subscription is claimed in the database before a run, so each runs once.
// Tests call tick() with their own clock instead of starting the timer.
import { dueSubscriptionIds } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { type PullLimits, type PullLog, runSubscription } from "./pull.service.ts";

export interface TaxiiScheduler {
  /** Run every due subscription once; resolves with how many ran. */
  tick(): Promise<number>;
  start(): void;
  /** Stop the timer and wait for a tick under way. */
  stop(): Promise<void>;
}

export function taxiiScheduler(
  context: ServerContext,
  options: { intervalMs: number; log: PullLog; limits?: PullLimits },
): TaxiiScheduler {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<number> | null = null;
  const tick = (): Promise<number> => {
    // One tick at a time: a slow remote never stacks ticks up.
    if (current) return current;
    current = (async () => {
      let ran = 0;
      for (const id of await dueSubscriptionIds(context.db, context.clock())) {
        const outcome = await runSubscription(context, id, {
          actorId: null,
          limits: options.limits,
          log: options.log,
        });
        if (outcome === "ran") ran++;
      }
      return ran;
    })().finally(() => {
      current = null;
    });
    return current;
  };
  return {
    tick,
    start() {
      if (timer || options.intervalMs <= 0) return;
      timer = setInterval(() => {
        tick().catch((error: unknown) =>
          options.log({ subscriptionId: "-", error: error instanceof Error ? error.name : "unknown" }),
        );
      }, options.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await current?.catch(() => undefined);
    },
  };
}
