// Live exercises (GET /api/exercises/events, issue 19): injects reach players at their exercise
// time without polling, and controllers watch the MSEL's status as it changes.
//
// Three kinds of change reach a reader, each only as the exercise routes would let it read it:
// - `exercise` {id}: the clock or the participants changed (everyone taking part);
// - `msel` {id}: the MSEL was written (controllers and evaluators);
// - `inject` {id: exercise, inject}: an inject became due (its recipients, controllers and
//   evaluators), or was written when already due.
//
// The due times are not announced by anyone: exercise time lives in the exercise's row (anchors),
// so each server process arms timers for the exercises its own readers take part in, and hands an
// inject to its own hub when its timer finds it due. No leader, no advisory lock, no duplicate
// NOTIFY from N processes, and a process without readers arms nothing. The timers are re-armed
// when the channel says a clock, participants or MSEL changed (from any process), and when a
// reader opens a stream. The hub still asks the database whether each reader may read the inject
// at the time it asks (the clock computed by core from the row), so a timer firing early or a clock
// paused meanwhile sends nothing before its time.
import { type ExerciseClock, type ExerciseStatus, exerciseTime } from "@bulwark/core";
import {
  clocksOfInjects,
  EXERCISE_INJECT_KIND,
  EXERCISE_MSEL_KIND,
  EXERCISES_CHANNEL,
  type ExerciseClockRow,
  exerciseChangesSeenBy,
  injectsToCome,
  policyVersion,
} from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { UserError } from "../errors.ts";
import { type LiveHub, type LiveTopic, liveHub } from "../live/hub.ts";

const INJECT_PREFIX = `${EXERCISE_INJECT_KIND}:`;
/** A timer is never armed closer than this (a clock that does not move must not spin). */
const MIN_DELAY_MS = 5;
/** Nor further than this: a long wait is cut in steps (Node's timers overflow past 2^31 ms). */
const MAX_DELAY_MS = 60 * 60_000;

const clockOfRow = (row: ExerciseClockRow): ExerciseClock => ({
  status: row.status as ExerciseStatus,
  baseMs: row.baseMs,
  anchor: row.anchor === null ? null : Date.parse(row.anchor),
  speed: row.speed,
});

/** The topic of the exercises' stream, asking with `context`'s clock whether an inject is due. */
export function exercisesTopic(context: ServerContext): LiveTopic<null> {
  // The hub asks every group of readers about the same changes at once (the same array): their
  // exercises' clocks are read once for all of them.
  let asked: { ids: readonly string[]; clocks: ReturnType<typeof clocksOfInjects> } | null = null;
  const clocksFor = (db: Parameters<typeof clocksOfInjects>[0], ids: readonly string[]) => {
    if (asked?.ids !== ids) {
      const injectIds = ids.filter((id) => id.startsWith(INJECT_PREFIX)).map((id) => id.slice(7));
      asked = { ids, clocks: clocksOfInjects(db, injectIds) };
    }
    return asked.clocks;
  };
  return {
    channel: EXERCISES_CHANNEL,
    event: "exercise",
    kinds: [EXERCISE_MSEL_KIND, EXERCISE_INJECT_KIND],
    async scope(db) {
      return { version: await policyVersion(db), scope: null };
    },
    async seen(db, _scope, group, userIds, ids) {
      const clocks = await clocksFor(db, ids);
      const now = context.clock().getTime();
      const times = new Map<string, number>();
      for (const row of clocks.values()) times.set(row.exerciseId, exerciseTime(clockOfRow(row), now));
      const answer = await exerciseChangesSeenBy(db, group.organisationId, userIds, ids, times);
      return {
        version: answer.version,
        seen: answer.seen.map(([userId, id, exerciseId]): [string, string, Record<string, string>] => [
          userId,
          id,
          id.startsWith(INJECT_PREFIX) ? { id: exerciseId, inject: id.slice(7) } : { id: exerciseId },
        ]),
      };
    },
  };
}

interface Planned {
  readonly clock: ExerciseClock;
  /** Exercise time up to which this process has handed the exercise's injects to its readers. */
  mark: number;
  /** Injects after `mark`, by due time. */
  readonly injects: { readonly id: string; readonly offsetMs: number }[];
}

/** Real time (epoch ms) at which `clock` reaches `offsetMs`, or null if it does not run. */
const realTimeOf = (clock: ExerciseClock, offsetMs: number): number | null =>
  clock.status === "running" && clock.anchor !== null
    ? clock.anchor + Math.ceil((offsetMs - clock.baseMs) / clock.speed)
    : null;

/** One process's timers for the injects of its own readers' running exercises. */
export class InjectScheduler {
  private plan = new Map<string, Planned>();
  /** Exercises whose clock was announced changed since the last load. */
  private readonly moved = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private loading: Promise<void> | null = null;
  private reloadAgain = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly app: FastifyInstance,
    private readonly context: ServerContext,
    private readonly hub: LiveHub,
    private readonly topic: LiveTopic<unknown>,
  ) {
    this.unsubscribe = context.connection.changes.subscribe(EXERCISES_CHANNEL, {
      notify: (payload) => {
        const exerciseId = clockChangeOf(payload);
        if (exerciseId) this.moved.add(exerciseId);
        this.refresh();
      },
      missed: () => this.refresh(),
    });
    app.addHook("preClose", async () => {
      this.closed = true;
      this.unsubscribe();
      this.disarm();
    });
  }

  /** Reads again which injects are to come (coalesced: one load at a time, one more after it). */
  refresh(): void {
    if (this.closed) return;
    if (this.loading) {
      this.reloadAgain = true;
      return;
    }
    this.loading = this.load()
      .catch((error: unknown) => {
        // Readers still fetch their inbox on `ready` and on each clock change; retry soon.
        this.app.log.warn({ err: error }, "exercises: injects to come could not be read");
        this.arm(1_000);
      })
      .finally(() => {
        this.loading = null;
        if (this.reloadAgain) {
          this.reloadAgain = false;
          this.refresh();
        }
      });
  }

  private async load(): Promise<void> {
    const organisations = this.hub.followers(this.topic);
    const moved = new Set(this.moved);
    this.moved.clear();
    const rows = organisations.length > 0 ? await injectsToCome(this.context.db, organisations) : [];
    const now = this.context.clock().getTime();
    const next = new Map<string, Planned>();
    for (const row of rows) {
      let planned = next.get(row.clock.exerciseId);
      if (!planned) {
        const clock = clockOfRow(row.clock);
        const before = this.plan.get(row.clock.exerciseId);
        // An exercise whose clock just moved (started, resumed, sped up) hands out everything due
        // since that move; one newly followed hands out only what becomes due from now (its readers
        // fetched what was due before when their stream opened).
        const mark = moved.has(row.clock.exerciseId)
          ? Math.min(before?.mark ?? Number.POSITIVE_INFINITY, clock.baseMs === 0 ? -1 : clock.baseMs)
          : (before?.mark ?? exerciseTime(clock, now));
        planned = { clock, mark, injects: [] };
        next.set(row.clock.exerciseId, planned);
      }
      if (row.offsetMs > planned.mark) planned.injects.push({ id: row.injectId, offsetMs: row.offsetMs });
    }
    this.plan = next;
    this.tick();
  }

  /** Hands out every inject now due, and arms the timer for the next one. */
  private tick(): void {
    this.disarm();
    if (this.closed) return;
    const now = this.context.clock().getTime();
    let soonest = Number.POSITIVE_INFINITY;
    for (const planned of this.plan.values()) {
      const time = exerciseTime(planned.clock, now);
      while (planned.injects[0] && planned.injects[0].offsetMs <= time) {
        const inject = planned.injects.shift();
        if (inject) this.hub.local(this.topic, `${INJECT_PREFIX}${inject.id}`);
      }
      planned.mark = Math.max(planned.mark, time);
      const coming = planned.injects[0];
      const at = coming ? realTimeOf(planned.clock, coming.offsetMs) : null;
      if (at !== null) soonest = Math.min(soonest, at);
    }
    if (Number.isFinite(soonest)) this.arm(soonest - now);
  }

  private arm(delay: number): void {
    this.disarm();
    if (this.closed) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        // Nobody left to tell in this process: nothing to arm until a reader opens a stream.
        if (this.hub.followers(this.topic).length === 0) {
          this.plan.clear();
          return;
        }
        if (this.loading === null && this.plan.size > 0) this.tick();
        else this.refresh();
      },
      Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, delay)),
    );
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The exercise id of a clock or participants change (`{"id"}` without a kind), else null. */
function clockChangeOf(payload: string): string | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value === "object" && value !== null && "id" in value && !("kind" in value))
      return typeof value.id === "string" ? value.id.toLowerCase() : null;
  } catch {
    // Not ours.
  }
  return null;
}

/** GET /api/exercises/events: the stream, with this process's scheduler behind it. */
export function exerciseLiveRoute(app: FastifyInstance, context: ServerContext): void {
  const hub = liveHub(app, context);
  const topic = exercisesTopic(context);
  hub.follow(topic);
  const scheduler = new InjectScheduler(app, context, hub, topic);
  route(app, context, "streamExerciseEvents", async ({ caller, reply }) => {
    if (!caller) throw new UserError(401, "Not signed in");
    hub.open(caller, reply, topic);
    // Its organisation's running exercises may not have timers in this process yet.
    scheduler.refresh();
    return undefined as never;
  });
}
