import type { Json } from "@bulwark/core";
import { eq } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { settings } from "../schema.ts";

export async function readSetting(db: Executor, key: string): Promise<Json | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row ? (row.value as Json) : null;
}

export async function writeSetting(db: Executor, key: string, value: Json, now: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}
