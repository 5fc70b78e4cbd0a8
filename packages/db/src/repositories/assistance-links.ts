// The events and compendium entries linked to an engagement (issue 20, item 4). The engagement
// keeps their ids and slugs; every read joins them under the reader's own scopes (eventScope: the
// event's marking with its host as owner; entryScope: the entry's marking), so a link to a thing
// the reader may not see is left out, and its title never leaves the database.
import type { Scope } from "@bulwark/core";
import { sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";
import { entryScope } from "./compendium.ts";
import { eventScope } from "./events.ts";

export interface LinkedEventRecord {
  id: string;
  title: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  marking: string;
}

export interface LinkedEntryRecord {
  slug: string;
  title: string;
  type: string;
  marking: string;
}

const dayText = (value: string | Date): string =>
  typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);

/** The linked events and entries of engagement `id` that the reader's scopes let it see. */
export async function engagementLinks(
  db: Executor,
  scopes: { events: Scope; entries: Scope },
  id: string,
): Promise<{ events: LinkedEventRecord[]; entries: LinkedEntryRecord[] }> {
  const [events, entries] = await Promise.all([
    db.execute(sql`select ev.id, ev.title, ev.kind, ev.starts_on::text as starts_on, ev.ends_on::text as ends_on,
        ev.marking
      from assistance_engagements as g
      join events as ev on ev.id = any(g.linked_event_ids)
      where g.id = ${id} and ${eventScope(scopes.events, "ev")}
      order by ev.starts_on, ev.id`),
    db.execute(sql`select ce.slug, ce.title, ce.type, ce.marking
      from assistance_engagements as g
      join compendium_entries as ce on ce.slug = any(g.linked_entry_slugs)
      where g.id = ${id} and ${entryScope(scopes.entries, "ce") ?? sql`true`}
      order by ce.title, ce.slug`),
  ]);
  return {
    events: rowsOf<{
      id: string;
      title: string;
      kind: string;
      starts_on: string | Date;
      ends_on: string | Date;
      marking: string;
    }>(events).map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      startsOn: dayText(row.starts_on),
      endsOn: dayText(row.ends_on),
      marking: row.marking,
    })),
    entries: rowsOf<LinkedEntryRecord>(entries),
  };
}

/** Which of these events the reader may see. */
export async function visibleEventIds(db: Executor, scope: Scope, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return rowsOf<{ id: string }>(
    await db.execute(sql`select ev.id from events as ev
      where ev.id = any(${sqlArray(ids, "uuid")}) and ${eventScope(scope, "ev")}`),
  ).map((row) => row.id);
}

/** Which of these compendium entries (by slug) the reader may see. */
export async function visibleEntrySlugs(
  db: Executor,
  scope: Scope,
  slugs: readonly string[],
): Promise<string[]> {
  if (slugs.length === 0) return [];
  return rowsOf<{ slug: string }>(
    await db.execute(sql`select ce.slug from compendium_entries as ce
      where ce.slug = any(${sqlArray(slugs)}) and ${entryScope(scope, "ce") ?? sql`true`}`),
  ).map((row) => row.slug);
}

/** The ids and slugs an engagement links to, as stored (for a change under its lock). */
export async function engagementLinkKeys(
  db: Executor,
  id: string,
): Promise<{ eventIds: string[]; entrySlugs: string[] }> {
  const [row] = rowsOf<{ event_ids: string[] | string; entry_slugs: string[] | string }>(
    await db.execute(sql`select to_json(linked_event_ids) as event_ids, to_json(linked_entry_slugs) as entry_slugs
      from assistance_engagements where id = ${id}`),
  );
  const parse = (value: string[] | string | undefined): string[] =>
    value === undefined ? [] : typeof value === "string" ? JSON.parse(value) : value;
  return { eventIds: parse(row?.event_ids), entrySlugs: parse(row?.entry_slugs) };
}

export async function setEngagementLinks(
  db: Executor,
  id: string,
  links: { eventIds: readonly string[]; entrySlugs: readonly string[] },
): Promise<void> {
  await db.execute(sql`update assistance_engagements
    set linked_event_ids = ${sqlArray(links.eventIds, "uuid")},
      linked_entry_slugs = ${sqlArray(links.entrySlugs)}
    where id = ${id}`);
}
