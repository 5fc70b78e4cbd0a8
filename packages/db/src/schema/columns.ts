// Column shapes every capability's tables share (not tables: schema.ts does not re-export it).
import { timestamp } from "drizzle-orm/pg-core";

/** A point in time with its time zone: milliseconds, as STIX and the API write them (6: microseconds). */
export const at = (name: string, precision: 3 | 6 = 3) =>
  timestamp(name, { withTimezone: true, mode: "date", precision });
