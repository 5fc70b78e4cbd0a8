// Deadline arithmetic for notification regimes (content/notification-regimes/README.md, "How time
// is counted"). Hours are elapsed time: 24 hours after an instant is that instant plus 86,400,000
// ms, whatever the clocks do in between. Days and months are calendar periods, counted on the wall
// clock of the regime's time zone (the authority's): one day after 14:00 on the eve of a
// daylight-saving change is 14:00 the next day, 23 or 25 hours later. A month with no such day ends
// with its last day (one month after 31 January 14:00 is the end of 28 February).
//
// Every rule here keeps deadlines in order (a later start never gets an earlier deadline):
// - a deadline at a local time the clocks skip, or that happens twice, is the first instant at
//   which the wall clock reads that time or later (the moment the clocks jump, or the first pass);
// - a start inside the hour that happens twice counts from the earliest reading the clock will
//   still show (02:00 when clocks go back from 03:00), so it is never counted as later than a start
//   a few minutes after it.
// Only Intl is used: no clock is read.

export type Period = { readonly hours: number } | { readonly days: number } | { readonly months: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let found = formats.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, found);
  }
  return found;
}

/** Whether `timeZone` is an IANA time zone this runtime knows (e.g. "Europe/Brussels", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    format(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at the instant `at`, as ms since the epoch read as UTC. */
function wallAt(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  let era = "AD";
  for (const part of format(timeZone).formatToParts(new Date(at)))
    if (part.type === "era") era = part.value;
    else if (part.type !== "literal") parts[part.type] = Number(part.value);
  const year = parts.year ?? 1970;
  const wall = new Date(0);
  wall.setUTCFullYear(era === "BC" ? 1 - year : year, (parts.month ?? 1) - 1, parts.day ?? 1);
  wall.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, ((at % 1000) + 1000) % 1000);
  return wall.getTime();
}

const offsetAt = (timeZone: string, at: number) => wallAt(timeZone, at) - at;

/** The first instant in (from, to] whose offset differs from the offset at `from`. */
function transition(timeZone: string, from: number, to: number): number {
  const offset = offsetAt(timeZone, from);
  let low = from;
  let high = to;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(timeZone, middle) === offset) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * The wall clock at `at`, or the lowest reading it will show later if lower: inside the first pass
 * of an hour the clocks repeat, the reading at which they are set back.
 */
function startingWall(timeZone: string, at: number): number {
  const offset = offsetAt(timeZone, at);
  const later = offsetAt(timeZone, at + DAY);
  if (later >= offset) return at + offset;
  const repeat = offset - later;
  if (offsetAt(timeZone, at + repeat) === offset) return at + offset;
  const change = transition(timeZone, at, at + repeat);
  return Math.min(at + offset, change + later);
}

/** The first instant at which the wall clock of `timeZone` reads `wall` or later. */
function firstReaching(timeZone: string, wall: number): number {
  // No zone changes its offset twice within two days, so the offsets a day either side of the
  // reading are the only ones that can apply to it.
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  const exact = [wall - before, wall - after].filter((at) => offsetAt(timeZone, at) === wall - at);
  if (exact.length > 0) return Math.min(...exact);
  // The clocks skip this reading: the deadline is the moment they jump.
  return transition(timeZone, wall - after - 1, wall - before);
}

function addMonths(wall: number, months: number): number {
  const start = new Date(wall);
  const index = start.getUTCFullYear() * 12 + start.getUTCMonth() + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const target = new Date(wall);
  target.setUTCFullYear(year, month, 1);
  const last = new Date(target.getTime());
  last.setUTCFullYear(year, month + 1, 0);
  if (start.getUTCDate() > last.getUTCDate()) {
    // No such day: the period ends with the month's last day, at midnight starting the next month.
    const end = new Date(0);
    end.setUTCFullYear(year, month + 1, 1);
    return end.getTime();
  }
  target.setUTCDate(start.getUTCDate());
  return target.getTime();
}

/** `from` (ms since the epoch) plus `period`, counted in `timeZone` as the header says. */
export function addPeriod(from: number, period: Period, timeZone: string): number {
  if ("hours" in period) return from + period.hours * HOUR;
  const wall = startingWall(timeZone, from);
  if ("days" in period) {
    const target = new Date(wall);
    target.setUTCDate(target.getUTCDate() + period.days);
    return firstReaching(timeZone, target.getTime());
  }
  return firstReaching(timeZone, addMonths(wall, period.months));
}
